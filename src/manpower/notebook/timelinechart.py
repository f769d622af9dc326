"""The timeline of events: each category in its own colour and marker, marks that would overlap
stacked, labels spread so that none hides another, and a one-event-a-row layout for a phone."""
from __future__ import annotations

import textwrap

import matplotlib
import matplotlib.dates as mdates
import pandas as pd

from ..core.phonelayout import PHONE_MIN_PT, PHONE_WIDTH_IN
from .charts import MARKER_EDGE, category_style

def _line_colour(colour: str) -> tuple[float, float, float]:
    """A colour for a thin line: a light one (yellow, sky) darkened until a hairline shows on white."""
    r, g, b = matplotlib.colors.to_rgb(colour)
    light = 0.2126 * r + 0.7152 * g + 0.0722 * b
    k = 0.6 if light > 0.6 else 1.0
    return (r * k, g * k, b * k)


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


BAR_MARK = "bar-mark"  # the gid of the marker drawn on an event's bar (the bar is the event's mark)
MARKER_PT = 7  # the size of an event's dot, and the thickness of its bar, in points


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
