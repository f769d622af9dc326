"""The range chart: each figure a dot at its stated value and a bar over the range it carries, the
qualifier written beside it, a floor or ceiling drawn open-ended, our reading of a qualifier
outlined apart from a stated range; and the note that says which of these marks were drawn."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .charts import PALETTE, thousands_formatter

def _fmt(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"


OPEN_NOTE = ("Arrow: a floor (at least) runs on to the right, a ceiling (at most) to the left; "
             "the figure is open on that side.")


def open_side(kind: object, lo: float, hi: float, v: float) -> tuple[float, float]:
    """(low, high) to draw for a row: a floor with no stated low starts at its value and has no
    high (NaN: drawn as an arrow), a ceiling the other way round."""
    k = str(kind) if isinstance(kind, str) else ""
    if k == "floor":
        return (v if np.isnan(lo) else lo), np.nan
    if k == "ceiling":
        return np.nan, (v if np.isnan(hi) else hi)
    return lo, hi


def range_chart(ax, data: pd.DataFrame, *, label: str, value: str, low: str, high: str, qualifier: str,
                color=None, unit_formatter=None, kind: str = "kind", text: str = "text") -> set[str]:
    """Dot at the stated value, bar over the qualifier's range, the qualifier written beside it.
    A floor (the `kind` column, where there is one) is drawn open-ended: a bar from its value with
    an arrow to the right (OPEN_NOTE says so in the chart's note); a ceiling the other way. The
    `text` column, where there is one, is the label printed beside the dot (the figure as what it
    is: "at least 45,000", "66,000 to 88,000 (95% interval)"). A vague figure ("tens of
    thousands") states no value: it is drawn as its reading range only, never as a dot at an
    invented middle. Returns the marks drawn (MARK_WORDS), for the chart's note (range_note)."""
    marks: set[str] = set()
    n = len(data)
    ys = np.arange(n)
    colors = color if isinstance(color, (list, tuple)) else [color or PALETTE["western_estimate"]] * n
    finite = pd.concat([data[value], data[low], data[high]]).astype(float).dropna()
    xmax = float(finite.max()) * 1.25 if len(finite) else 1.0
    for y, (_, r), c in zip(ys, data.iterrows(), colors):
        v, lo, hi = (float(r[k]) if pd.notna(r[k]) else np.nan for k in (value, low, high))
        if kind in data.columns:
            lo, hi = open_side(r[kind], lo, hi, v)
        left = lo if not np.isnan(lo) else 0.0
        right = hi if not np.isnan(hi) else xmax
        if not (np.isnan(lo) and np.isnan(hi)) and right > left:
            ax.barh(y, right - left, left=left, height=0.32, color=c, alpha=0.25, lw=0)
            marks.add("range" if not np.isnan(v) else "range only")
            if np.isnan(hi) or np.isnan(lo):
                marks.add("open")
            if np.isnan(hi):
                ax.annotate("", xy=(xmax, y), xytext=(left, y), arrowprops=dict(arrowstyle="->", color=c, lw=1))
            if np.isnan(lo):
                ax.annotate("", xy=(0, y), xytext=(right, y), arrowprops=dict(arrowstyle="->", color=c, lw=1))
        if not np.isnan(v):
            ax.plot(v, y, "o", color=c, ms=7, zorder=3)
            marks.add("dot")
            anchor = v
        else:  # no stated value: the label stands over the range, no mark at its middle
            anchor = (left + right) / 2
        q = str(r[qualifier]) if pd.notna(r[qualifier]) and r[qualifier] else ""
        shown = _fmt(v) if not np.isnan(v) else f"{_fmt(left)}–{_fmt(right)}"
        words = str(r[text]) if text in data.columns and isinstance(r[text], str) and r[text] else f"{q + ' ' if q else ''}{shown}"
        ax.annotate(words, (anchor, y), xytext=(0, 9), textcoords="offset points",
                    ha="center", va="bottom", fontsize=8, color=PALETTE["text"])
    ax.set_yticks(ys, [str(s) for s in data[label]])
    ax.set_ylim(n - 0.4, -0.7)
    ax.set_xlim(0, xmax)
    ax.xaxis.set_major_formatter(unit_formatter or thousands_formatter())
    return marks


# what each mark of range_chart means, in the order a note gives them
MARK_WORDS = {
    "dot": "Dots: the figure as stated.",
    "range": "Bars behind a dot: the range the figure carries (stated, or read from its qualifier).",
    "range only": ("A bar without a dot: a vague figure (\"tens of thousands\") that states no value, "
                   "drawn as our reading of its words."),
    "open": OPEN_NOTE,
}


def range_note(marks: set[str]) -> str:
    """The note's account of the marks range_chart drew: only of marks that are there."""
    return " ".join(words for mark, words in MARK_WORDS.items() if mark in marks)


def mark_convention_bounds(ax, data: pd.DataFrame, *, low: str, high: str, bounds: str) -> None:
    """Outline, dashed and hatched, the bars of rows whose range is our reading of a qualifier
    (bounds == "convention"), so they read differently from a range the source states.
    Drawn over range_chart's bars (same rows, same order); open sides are left as drawn."""
    from matplotlib.patches import Rectangle

    for y, (_, r) in enumerate(data.iterrows()):
        if r.get(bounds) != "convention" or pd.isna(r[low]) or pd.isna(r[high]):
            continue
        lo, hi = float(r[low]), float(r[high])
        if hi <= lo:
            continue
        ax.add_patch(Rectangle((lo, y - 0.16), hi - lo, 0.32, fill=False, ls="--", lw=0.8,
                               hatch="///", edgecolor=PALETTE["text"], alpha=0.45, zorder=2))
