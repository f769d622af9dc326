"""Charts on a time axis of when claims were made: one measure's estimates by claimant over time
(a claim dated only within an interval drawn as a bar over it, never a point), who said what when,
and the notes that describe only the marks drawn."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .charts import OKABE_ITO, month_axis, thousands_formatter

DATED_TO = ("day", "month", "year")  # claim-date precisions drawn as a point in time


def _said_within(data: pd.DataFrame) -> pd.Series:
    """True for rows whose claim date is known only as an interval (neither a day, a month nor a
    year): drawn as a span over that interval, never as a point at a date no source gives."""
    if not {"claim_date_start", "claim_date_end", "claim_date_precision"} <= set(data.columns):
        return pd.Series(False, index=data.index)
    p = data["claim_date_precision"].astype(object).fillna("").astype(str)
    s, e = pd.to_datetime(data["claim_date_start"]), pd.to_datetime(data["claim_date_end"])
    return ~p.isin(DATED_TO) & (s != e)


def over_time_marks(data: pd.DataFrame, *, value: str = "value", low: str = "low", high: str = "high",
                    bounds: str = "bounds") -> set[str]:
    """The marks estimates_over_time draws for these rows (OVER_TIME_WORDS), so its note
    describes those and no others."""
    kinds = data["kind"].astype(object).fillna("").astype(str) if "kind" in data.columns else pd.Series("", index=data.index)
    within = _said_within(data)
    marks: set[str] = set()
    for i, r in data.iterrows():
        if pd.notna(r[value]):
            marks.add("span" if within[i] else kinds[i] if kinds[i] in ("floor", "ceiling") else "dot")
        lo, hi = (r[k] if k in r.index else np.nan for k in (low, high))
        if pd.notna(lo) and pd.notna(hi) and float(lo) != float(hi):
            marks.add("convention" if bounds in r.index and str(r[bounds]) == "convention" else "stated")
    return marks


OVER_TIME_WORDS = {
    "dot": "Dots: the figure as stated, on the date it was said",
    "floor": "a floor (▲, at least: open above)",
    "ceiling": "a ceiling (▼, at most: open below)",
    "span": ("a horizontal bar with end ticks: a claim whose date is known only as an interval, "
             "drawn over that interval (no date within it is invented)"),
    "stated": "solid vertical bars: a range the source states",
    "convention": "light dashed vertical bars: our reading of a qualifier",
}


def over_time_note(data: pd.DataFrame, joined: bool) -> str:
    """The note's account of what estimates_over_time drew for `data`: marks absent from the
    chart are not described. `joined`: whether a claimant's points are joined by a line."""
    marks = over_time_marks(data)
    carets = " or ".join(OVER_TIME_WORDS[k] for k in ("floor", "ceiling") if k in marks)
    parts = [words for mark, words in OVER_TIME_WORDS.items() if mark in marks and mark not in ("floor", "ceiling")]
    sentences = ([parts[0][0].upper() + "; ".join(parts)[1:] + "."] if parts else []) + (
        [f"Carets: {carets}."] if carets else [])
    if not sentences:
        return ""
    text = " ".join(sentences)
    if "dot" in marks or "floor" in marks or "ceiling" in marks:
        text += (" Points of one claimant are joined in date order." if joined else
                 " Each claimant gives one, so no line joins them and the dates do not make a trend.")
    return text


def estimates_over_time(ax, data: pd.DataFrame, *, date: str = "claim_date_end", value: str = "value",
                        low: str = "low", high: str = "high", claimant: str = "claimant",
                        measure: str = "measure", bounds: str = "bounds") -> dict[str, str]:
    """One measure's estimates on a time axis, one series per claimant: a dot at each stated
    value joined in date order; a stated interval as a solid bar, bounds read by convention from
    a qualifier as a lighter, dashed bar. A claim dated only within an interval is a horizontal
    bar over that interval (its range a shaded box), never a point. Rows of more than one measure
    are refused, so killed is never drawn on the same series as killed or wounded. The y-axis
    leaves headroom above the highest mark, so no mark is cut. Returns each claimant's colour."""
    if measure in data.columns and data[measure].nunique(dropna=True) > 1:
        raise ValueError(f"one measure per chart, got {sorted(data[measure].dropna().unique())}")
    if "side" in data.columns and data["side"].astype(object).fillna("").astype(str).nunique() > 1:
        raise ValueError(f"one side per chart, got {sorted(data['side'].dropna().astype(str).unique())}")
    colours = [OKABE_ITO[k] for k in ("blue", "vermillion", "green", "orange", "purple", "sky", "black")]
    used: dict[str, str] = {}
    df = data.assign(_t=pd.to_datetime(data[date])).sort_values("_t", kind="stable")
    kinds = df["kind"].astype(object).fillna("").astype(str) if "kind" in df.columns else pd.Series("", index=df.index)
    within = _said_within(df)
    for i, (who, rows) in enumerate(df.groupby(claimant, sort=False)):
        c = colours[i % len(colours)]
        used[str(who)] = c
        v = rows[value].astype(float)
        point = ~within.loc[rows.index]
        labelled = False
        ax.plot(rows["_t"][point], v[point], "-", color=c, lw=1, alpha=0.6, zorder=2)
        plain = point & ~kinds.loc[rows.index].isin(["floor", "ceiling"])
        if plain.any():
            ax.plot(rows["_t"][plain], v[plain], "o", color=c, ms=5, zorder=3, label=str(who))
            labelled = True
        for k, marker in (("floor", "^"), ("ceiling", "v")):  # open-ended: a caret pointing the open way
            sel = point & (kinds.loc[rows.index] == k)
            if sel.any():
                ax.plot(rows["_t"][sel], v[sel], marker, color=c, ms=7, zorder=3,
                        label=None if labelled else str(who))
                labelled = True
        for j, r in rows.iterrows():
            lo, hi = (float(r[k]) if k in r.index and pd.notna(r[k]) else np.nan for k in (low, high))
            conv = bounds in r.index and str(r[bounds]) == "convention"
            if within[j]:
                s, e = pd.Timestamp(r["claim_date_start"]), pd.Timestamp(r["claim_date_end"])
                if pd.notna(r[value]):
                    ax.plot([s, e], [float(r[value])] * 2, "-", color=c, lw=2, zorder=3,
                            label=None if labelled else str(who))
                    ax.plot([s, e], [float(r[value])] * 2, "|", color=c, ms=8, mew=1.5, zorder=3)
                    labelled = True
                if not (np.isnan(lo) or np.isnan(hi) or lo == hi):
                    ax.fill_between([s, e], lo, hi, color=c, alpha=0.3 if not conv else 0.15, lw=0, zorder=1)
                continue
            if np.isnan(lo) or np.isnan(hi) or lo == hi:
                continue
            ax.vlines(r["_t"], lo, hi, colors=c, lw=4 if not conv else 2.5, alpha=0.55 if not conv else 0.3,
                      linestyles="solid" if not conv else (0, (2, 1.5)), zorder=1)
    month_axis(ax)
    ax.yaxis.set_major_formatter(thousands_formatter())
    ax.grid(True, axis="y")
    marks = over_time_marks(df, value=value, low=low, high=high, bounds=bounds)
    for k, marker, words in (("floor", "^", "floor: at least (open above)"), ("ceiling", "v", "ceiling: at most (open below)")):
        if k in marks:
            ax.plot([], [], marker, color="0.35", ms=7, ls="none", label=words)
    top = pd.concat([df[k] for k in (value, low, high) if k in df.columns]).astype(float).dropna()
    if len(top):  # headroom: the highest mark (a dot, a caret) stands wholly inside the axes
        ax.set_ylim(top=float(top.max()) * 1.12)
    if used:
        ax.legend(loc="upper left", bbox_to_anchor=(0, -0.22), fontsize=7.5, ncol=min(3, len(used)), frameon=False)
    return used


def claims_on_dates(ax, by_claimant, colours, *, y: str = "y", start: str = "said_start", end: str = "said_end") -> set[str]:
    """Who said what when, one row of the axis per subject: a dot for a claim dated to a day, a
    bar over the dates for a claim known only within a month or an interval (no dot at a middle
    no source gives). Returns the marks drawn, for claims_note."""
    marks: set[str] = set()
    for n, (name, rows) in enumerate(by_claimant):
        c = colours[n % len(colours)]
        s, e = pd.to_datetime(rows[start]), pd.to_datetime(rows[end])
        day = s == e
        labelled = False
        if day.any():
            ax.plot(s[day], rows[y][day], "o", color=c, ms=6, ls="none", label=name, zorder=3)
            marks.add("day")
            labelled = True
        if (~day).any():
            ax.hlines(rows[y][~day], s[~day], e[~day], color=c, lw=5, alpha=0.6, zorder=2,
                      label=None if labelled else name)
            marks.add("interval")
    return marks


CLAIMS_WORDS = {"day": "Dot: the day the claimant said it.",
                "interval": "Bar: a claim known only within those dates (a month, or an interval where the "
                            "source gives no date); no day within it is implied."}


def claims_note(marks: set[str]) -> str:
    return " ".join(words for mark, words in CLAIMS_WORDS.items() if mark in marks)
