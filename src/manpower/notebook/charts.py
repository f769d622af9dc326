"""One chart style for the whole report, and the one way charts are saved (PNG + SVG + CSV).

Colours are the Okabe-Ito palette (safe for the common colour-vision deficiencies), keyed by
meaning so a Kremlin claim is always the same colour. Titles state the finding; a grey source
line sits under every chart (`finish`). Each kind of chart draws in its own module on these axes:
rangechart (figures with their ranges), timelinechart (events), overtimechart (estimates and
claims by the date they were said).
"""
from __future__ import annotations

import re
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from .phonechart import date_locator, save_phone_layout  # noqa: E402
from ..core.phonelayout import PHONE_SUFFIX  # noqa: E402

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


def data_as_of_line(source: str, dates) -> str:
    """The chart's source line with 'data as of' the latest claim date among its rows."""
    ds = pd.to_datetime(pd.Series(list(dates)), errors="coerce").dropna()
    return source if ds.empty else f"{source}. Data as of {ds.max():%-d %B %Y}."
