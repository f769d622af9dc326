"""One chart style for the whole report, and the one way charts are saved (PNG + SVG + CSV).

Colours are the Okabe-Ito palette (safe for the common colour-vision deficiencies), keyed by
meaning so a Kremlin claim is always the same colour. Titles state the finding; a grey source
line sits under every chart; ranges are drawn wherever the data has bounds, with the qualifier
written beside the point so "just under" or "tens of thousands" stays visible.
"""
from __future__ import annotations

import re
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from .phonechart import date_locator, save_phone_layout  # noqa: E402
from ..core.phonelayout import PHONE_MIN_PT, PHONE_SUFFIX, PHONE_WIDTH_IN  # noqa: E402

OKABE_ITO = {
    "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000",
}
PALETTE = {
    **OKABE_ITO,
    "russia_claim": OKABE_ITO["vermillion"],
    "western_estimate": OKABE_ITO["blue"],
    "ukraine": OKABE_ITO["yellow"],
    "outlet": OKABE_ITO["green"],
    "neutral": "#8C8C8C",
    "range": OKABE_ITO["sky"],
    "text": "#333333",
}
# Each event category (schema.EVENT_CATEGORIES) its own colour and its own marker, shared with no
# other category: the eight Okabe-Ito colours, then five of Paul Tol's muted scheme (EVENT_EXTRA),
# which stay apart from them; a reader tells two categories apart by either. A category the schema
# adds later is grey until it is listed here.
EVENT_EXTRA = {"wine": "#882255", "teal": "#44AA99", "olive": "#999933", "indigo": "#332288", "rose": "#CC6677"}
CATEGORY_STYLES = {
    "war": (PALETTE["black"], "o"), "mobilisation": (PALETTE["vermillion"], "^"),
    "conscription": (PALETTE["orange"], "v"), "decree": (PALETTE["purple"], "D"),
    "statement": (PALETTE["yellow"], "s"), "report": (PALETTE["blue"], "P"),
    "warning": (PALETTE["sky"], "X"), "election": (PALETTE["green"], "*"),
    "law_passed": (EVENT_EXTRA["wine"], "h"), "vote": (EVENT_EXTRA["teal"], "<"),
    "denial": (EVENT_EXTRA["olive"], ">"), "arrest": (EVENT_EXTRA["indigo"], "p"),
    "recruitment_drive": (EVENT_EXTRA["rose"], "d"),
}
MARKER_EDGE = "#333333"  # a thin dark rim, so a light marker (yellow, sky) stands out on white


def _line_colour(colour: str) -> tuple[float, float, float]:
    """A colour for a thin line: a light one (yellow, sky) darkened until a hairline shows on white."""
    r, g, b = matplotlib.colors.to_rgb(colour)
    light = 0.2126 * r + 0.7152 * g + 0.0722 * b
    k = 0.6 if light > 0.6 else 1.0
    return (r * k, g * k, b * k)


def category_style(category: str) -> tuple[str, str]:
    """(colour, marker) of an event category; grey dot for one not listed."""
    return CATEGORY_STYLES.get(category, (PALETTE["neutral"], "o"))
FORMATS = ("png", "svg", "pdf")
_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


def use_style() -> None:
    """Readable at 6.5 in wide, no chart junk, deterministic SVG and PNG output."""
    plt.rcParams.update({
        "figure.dpi": 100, "savefig.dpi": 150, "savefig.bbox": "tight", "savefig.pad_inches": 0.12,
        "font.family": "DejaVu Sans", "font.size": 9, "axes.titlesize": 11, "axes.labelsize": 9,
        "axes.spines.top": False, "axes.spines.right": False, "axes.spines.left": False,
        "axes.edgecolor": "#888888", "axes.labelcolor": PALETTE["text"], "axes.grid": True,
        "axes.grid.axis": "x", "grid.color": "#E5E5E5", "grid.linewidth": 0.8,
        "xtick.color": PALETTE["text"], "ytick.color": PALETTE["text"], "ytick.left": False,
        "legend.frameon": False, "svg.hashsalt": "manpower", "svg.fonttype": "path", "text.parse_math": False,
        "axes.prop_cycle": matplotlib.cycler(color=[OKABE_ITO[k] for k in ("blue", "vermillion", "green", "orange", "purple", "sky")]),
    })


def thousands_formatter() -> FuncFormatter:
    return FuncFormatter(lambda x, _: f"{x:,.0f}")


def month_axis(ax) -> None:
    """Date ticks that do not collide: concise month labels, the year shown once. Call it after
    plotting. Over a span of a few months the axis runs from the first of the month to the first
    of the next (left to itself, matplotlib ticks days: "Dec 08 15 22 Jan")."""
    lo, hi = ax.get_xlim()  # matplotlib's date unit is the day
    if hi - lo < 150:
        first = pd.Timestamp(mdates.num2date(lo).date()).replace(day=1)
        after = pd.Timestamp(mdates.num2date(hi).date()).replace(day=1) + pd.offsets.MonthBegin(1)
        ax.set_xlim(mdates.date2num(first), mdates.date2num(after))
        loc = mdates.MonthLocator()
    else:
        loc = date_locator(minticks=5, maxticks=8)  # matplotlib's default minticks
    ax.xaxis.set_major_locator(loc)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(loc))


def new_chart(width: float = 6.5, height: float = 3.2):
    use_style()
    fig, ax = plt.subplots(figsize=(width, height))
    return fig, ax


def finish(fig, ax, *, title: str, source: str, xlabel: str | None = None, ylabel: str | None = None,
           note: str | None = None) -> None:
    """Title stating the finding (flush left with the figure, bold, wrapped), axis labels with
    units, and the note and source line placed under everything the axes draw (ticks, legend)."""
    if xlabel:
        ax.set_xlabel(xlabel)
    if ylabel:
        ax.set_ylabel(ylabel)
    fig.canvas.draw()
    inv = fig.transFigure.inverted()
    box = ax.get_tightbbox(fig.canvas.get_renderer())
    (x0, y0), (_, y1) = inv.transform([(box.x0, box.y0), (box.x1, box.y1)])
    width_chars = int(fig.get_figwidth() * 13)
    head = fig.text(x0, y1 + 0.03, "\n".join(textwrap.wrap(title, max(40, int(width_chars * 0.8)))),
                    ha="left", va="bottom", fontsize=11, fontweight="bold", color="#111111")
    foot = "\n".join(textwrap.wrap(source, int(width_chars * 1.15)))
    if note:
        foot = "\n".join(textwrap.wrap(note, int(width_chars * 1.15))) + "\n" + foot
    tail = fig.text(x0, y0 - 0.02, foot, ha="left", va="top", fontsize=7, color="#666666")
    # the phone layout sets these as the page's own text (save_chart)
    fig._manpower_frame = {"artists": (head, tail), "title": title, "note": note or "", "source": source}


def _whole_numbers_as_integers(data: pd.DataFrame) -> pd.DataFrame:
    """A float column whose values are all whole numbers written as integers (315000, not
    315000.0): the CSV a reader downloads, and the table under the HTML chart, read as counts."""
    out = data.copy()
    for col in out.columns:
        values = out[col]
        if pd.api.types.is_float_dtype(values) and values.notna().any():
            finite = values.dropna()
            if ((finite % 1) == 0).all() and finite.abs().max() < 2 ** 53:
                out[col] = values.astype("Int64")
    return out


def _one_line_labels(data: pd.DataFrame) -> pd.DataFrame:
    """Text cells on one line: a label wrapped for the chart ('UK MoD: killed\\n2023') is one
    cell of a CSV row, not a line break that a spreadsheet or a script must know to expect."""
    out = data.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: " ".join(v.split()) if isinstance(v, str) else v)
    return out


def save_chart(fig, name: str, data: pd.DataFrame, out_dir: str | Path, *, formats=("png", "svg"),
               dpi: int = 150) -> dict[str, Path]:
    """Write name.png/.svg (as asked) and name.csv holding exactly the plotted data; close the figure."""
    if not isinstance(name, str) or not _SAFE.match(name):
        raise ValueError(f"chart name must be letters, digits, '-' or '_' only: {name!r}")
    for f in formats:
        if f not in FORMATS:
            raise ValueError(f"chart format must be one of {', '.join(FORMATS)}: {f!r}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    meta = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None}, "pdf": {"CreationDate": None, "Creator": None, "Producer": None}}
    for f in formats:
        p = out / f"{name}.{f}"
        fig.savefig(p, format=f, dpi=dpi, metadata=meta[f])
        paths[f] = p
    csv = out / f"{name}.csv"
    _one_line_labels(_whole_numbers_as_integers(data)).to_csv(csv, index=False)
    paths["csv"] = csv
    if "svg" in formats:
        paths.update(save_phone_layout(fig, out / f"{name}{PHONE_SUFFIX}"))  # last: it redraws the figure
    plt.close(fig)
    return paths


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


def spread_labels(wanted: list[float], widths: list[float], lo: float = 0.0, hi: float = 1.0,
                  pad: float = 0.01) -> list[float]:
    """Centres for labels of the given widths, in order, that do not overlap and stay within
    [lo, hi], as close as possible (least squares) to where they want to be.

    With c_i the least distance of centre i from centre 0, y_i = x_i - c_i must not decrease:
    isotonic regression (pool adjacent violators) of wanted_i - c_i, then clamped to the bounds."""
    n = len(wanted)
    if n == 0:
        return []
    c = [0.0]
    for a, b in zip(widths, widths[1:]):
        c.append(c[-1] + (a + b) / 2 + pad)
    blocks: list[list[float]] = []  # [mean, count]
    for w, ci in zip(wanted, c):
        blocks.append([w - ci, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            m2, n2 = blocks.pop()
            m1, n1 = blocks.pop()
            blocks.append([(m1 * n1 + m2 * n2) / (n1 + n2), n1 + n2])
    y = [m for m, k in blocks for _ in range(int(k))]
    low, high = lo + widths[0] / 2, hi - widths[-1] / 2 - c[-1]
    if low > high:  # they do not fit: centre the row
        y = [(low + high) / 2] * n
    else:
        y = [min(max(v, low), high) for v in y]
    return [v + ci for v, ci in zip(y, c)]


def _timeline_phone(fig, ev: pd.DataFrame, date_start: str, label: str, category: str) -> None:
    """The timeline for a phone: one event a row, oldest first, its month and label beside a dot
    in its category's colour, on a vertical line."""
    fig.clf()
    rows = [(pd.Timestamp(r[date_start]), "\n".join(textwrap.wrap(str(r[label]), 26)), str(r[category]))
            for _, r in ev.iterrows()]
    lines = [lab.count("\n") + 1 for _, lab, _ in rows]
    fig.set_size_inches(PHONE_WIDTH_IN, max(1.5, 0.2 * sum(lines) + 0.18 * len(rows) + 0.3))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    total = sum(lines) + 0.9 * len(rows)
    ax.set_xlim(0, 1)
    ax.set_ylim(total, 0)
    y = 0.2
    ax.plot([0.04, 0.04], [0, total], color="#999999", lw=1, zorder=1)
    for (when, lab, cat), n in zip(rows, lines):
        c, marker = category_style(cat)
        ax.plot(0.04, y + 0.45, marker, color=c, ms=8, mec=MARKER_EDGE, mew=0.5, zorder=2)
        ax.text(0.1, y, f"{when:%b %Y}", fontsize=PHONE_MIN_PT, fontweight="bold", va="top", color="#222222")
        ax.text(0.38, y, lab, fontsize=PHONE_MIN_PT, va="top", color="#222222")
        y += n + 0.9


MARKER_PT = 7  # the size of an event's dot, and the thickness of its bar, in points
BAR_MARK = "bar-mark"  # the gid of the marker drawn on an event's bar (the bar is the event's mark)


def stack_offsets(xs_px: list[float], min_px: float) -> list[int]:
    """For event marks at these x positions (pixels, sorted), each mark's place in a vertical
    stack: marks closer than `min_px` to the previous one form a group, and the marks of a group
    of k sit at offsets -(k-1)/2 … (k-1)/2 marker heights about the axis (in half steps), so no
    mark hides another and each label's line meets a mark of its own."""
    groups: list[list[int]] = []
    for i, x in enumerate(xs_px):
        if groups and x - xs_px[groups[-1][-1]] < min_px:
            groups[-1].append(i)
        else:
            groups.append([i])
    out = [0] * len(xs_px)
    for g in groups:
        for j, i in enumerate(g):
            out[i] = 2 * j - (len(g) - 1)  # in half marker heights: 1 → [0], 2 → [-1, 1], 3 → [-2, 0, 2]
    return out


def timeline_chart(ax, events: pd.DataFrame, *, date_start: str, date_end: str, label: str, category: str,
                   start=None, end=None) -> None:
    """Events on a time axis: dots for days, short bars for months or intervals, each category in
    its own colour and marker (CATEGORY_STYLES). Marks closer together than a marker's width are
    stacked one above another (stack_offsets), so two events of one month or of nearby days stay
    two marks. Labels stand above the line for the upper marks and below for the lower ones
    (alternating otherwise) and are spread sideways so that none overlaps another, each joined to
    its own mark by a thin line; crowded months stay readable and no line crosses a label."""
    from matplotlib import transforms

    ev = events.sort_values(date_start).reset_index(drop=True)
    # on a phone the events stand one under another (save_phone_layout draws them anew)
    ax.figure._manpower_phone = lambda fig: _timeline_phone(fig, ev, date_start, label, category)
    ax.axhline(0, color="#999999", lw=1, zorder=1)
    starts, ends = pd.to_datetime(ev[date_start]), pd.to_datetime(ev[date_end])
    first, last = (starts.min(), ends.max()) if len(ev) else (pd.Timestamp("2022-01-01"), pd.Timestamp("2024-01-01"))
    margin = max((last - first) * 0.04, pd.Timedelta(days=15))
    x0 = pd.Timestamp(start) if start is not None else first - margin
    x1 = pd.Timestamp(end) if end is not None else last + margin
    ax.set_xlim(x0, x1)
    ax.set_ylim(-1, 1)
    span = (x1 - x0) / pd.Timedelta(days=1)
    blend = transforms.blended_transform_factory(ax.transAxes, ax.transData)
    seen: list[str] = []
    placed = []  # (side, event x as axes fraction, text, colour, the mark's height on the axis)
    mids = [pd.Timestamp(a) + (pd.Timestamp(b) - pd.Timestamp(a)) / 2 for a, b in zip(ev[date_start], ev[date_end])]
    order = sorted(range(len(ev)), key=lambda i: mids[i])
    mark_px = MARKER_PT * ax.figure.dpi / 72
    xs_px = [(mids[i] - x0) / pd.Timedelta(days=1) / span * ax.bbox.width for i in order]
    stacked = dict(zip(order, stack_offsets(xs_px, mark_px * 1.1)))
    half_step = (mark_px * 1.5 / 2) / ax.bbox.height * 2  # half a marker height, in data units (y runs -1 to 1)
    for i, r in ev.iterrows():
        s, e = pd.Timestamp(r[date_start]), pd.Timestamp(r[date_end])
        cat = str(r[category])
        c, marker = category_style(cat)
        lab = None if cat in seen else cat.replace("_", " ")  # the legend in words: "law passed"
        if lab:
            seen.append(cat)
        mid, y = mids[i], -stacked[i] * half_step  # the first of a stack on top
        if (e - s).days >= 1:
            ax.plot([s, e], [y, y], color=c, lw=MARKER_PT, solid_capstyle="butt", zorder=2)
            # a bar carries its category's marker, as the legend shows it (a bar alone reads as a square)
            ax.plot(mid, y, marker, color=c, ms=MARKER_PT * 0.7, mec=MARKER_EDGE, mew=0.5, zorder=3, label=lab,
                    gid=BAR_MARK)
        else:
            ax.plot(s, y, marker, color=c, ms=MARKER_PT, mec=MARKER_EDGE, mew=0.5, zorder=3, label=lab)
        side = 1 if y > 0 else -1 if y < 0 else (1 if i % 2 == 0 else -1)
        text = ax.text((mid - x0) / pd.Timedelta(days=1) / span, side * 0.3, str(r[label]),  # wrapped below
                       transform=blend, ha="center", va="bottom" if side > 0 else "top", fontsize=7,
                       color="#222222", zorder=4)
        placed.append((side, text.get_position()[0], text, c, y))
    if not placed:
        _date_ticks(ax)
        return
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    width_px, height_px = ax.bbox.width, ax.bbox.height
    words = {id(t): t.get_text() for _, _, t, _, _ in placed}
    # narrower lines, then smaller type, only as far as a row needs to hold its labels
    for wrap, size in ((18, 7), (16, 6.5), (14, 6.5), (12, 6), (10, 5.5)):
        for _, _, t, _, _ in placed:
            t.set_text("\n".join(textwrap.wrap(words[id(t)], wrap)))
            t.set_fontsize(size)
        widths = {id(t): t.get_window_extent(renderer).width / width_px + 0.012 for _, _, t, _, _ in placed}
        if all(sum(widths[id(t)] + 0.01 for sd, _, t, _, _ in placed if sd == side) <= 1.01 for side in (1, -1)):
            break
    tallest = max(t.get_window_extent(renderer).height for _, _, t, _, _ in placed)
    level = min(0.6, max(0.2, 1 - 2 * tallest / height_px - 0.04))
    for side in (1, -1):
        row = sorted([(x, t, c, y) for sd, x, t, c, y in placed if sd == side], key=lambda p: (p[0], -side * p[3]))
        xs = spread_labels([x for x, _, _, _ in row], [widths[id(t)] for _, t, _, _ in row])
        for (x, t, c, y), lx in zip(row, xs):
            t.set_position((lx, side * level))
            ax.plot([x, x, lx], [y, side * level * 0.45, side * level * 0.96], color=_line_colour(c), lw=0.8,
                    zorder=1, transform=blend)
    ax.set_yticks([])
    ax.grid(False)
    ax.spines["bottom"].set_visible(False)
    _date_ticks(ax)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=min(len(seen), 4), fontsize=7.5, frameon=False)


def _date_ticks(ax) -> None:
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.xaxis.set_minor_locator(mdates.MonthLocator())
    ax.tick_params(axis="x", which="minor", length=2)


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


def data_as_of_line(source: str, dates) -> str:
    """The chart's source line with 'data as of' the latest claim date among its rows."""
    ds = pd.to_datetime(pd.Series(list(dates)), errors="coerce").dropna()
    return source if ds.empty else f"{source}. Data as of {ds.max():%-d %B %Y}."
