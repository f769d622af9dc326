"""A chart's phone layout: the same chart redrawn to be read whole on a 390 px screen.

The desktop chart, scaled into a phone's text column, keeps its layout and loses its lettering
(7 pt type at 58 % is 5 px). So every chart is also saved as NAME-phone.svg: no title or source
line in the image (the HTML sets them as text, which wraps), PHONE_WIDTH_IN wide, category labels
wrapped narrower and rows taller, three ticks on an axis, legends one entry a line, and no letter
under PHONE_MIN_PT. Beside it NAME-phone.json holds the title, note and source, and the smallest
letter and the image's width in points, from which a browser test checks that the lettering is
legible as shown. A chart kind that needs a layout of its own (the timeline) sets
`fig._manpower_phone` to a function that redraws the figure.
"""
from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import matplotlib.dates as mdates
from matplotlib.text import Text
from matplotlib.ticker import FixedLocator, MaxNLocator

from ..core.phonelayout import PHONE_LABEL_CHARS, PHONE_MIN_PT, PHONE_SUFFIX, PHONE_WIDTH_IN
_LETTERS = re.compile(r"[^\W\d_]")


def save_phone_layout(fig, stem: Path) -> dict[str, Path]:
    """Redraw `fig` for a phone and save it as STEM.svg with STEM.json; call it last, after every
    other format is saved: it changes the figure."""
    frame = getattr(fig, "_manpower_frame", None) or {"artists": (), "title": "", "note": "", "source": ""}
    redraw = getattr(fig, "_manpower_phone", None)
    if redraw is not None:
        redraw(fig)
    else:
        _relayout(fig, frame)
    return _save(fig, stem, frame)


def _relayout(fig, frame: dict) -> None:
    for a in frame["artists"]:
        a.set_visible(False)
    w, h = fig.get_size_inches()
    height = max(2.4, h * PHONE_WIDTH_IN / w * 1.35)
    for ax in fig.axes:
        height = max(height, _axes_for_phone(ax))
    fig.set_size_inches(PHONE_WIDTH_IN, height)
    for t in fig.findobj(Text):
        if t.get_visible() and t.get_text().strip():
            t.set_fontsize(max(t.get_fontsize(), PHONE_MIN_PT))
    for ax in fig.axes:
        _values_inwards(ax)
    fig.canvas.draw()  # tick labels made anew at their new size
    below = [ax for ax in fig.axes if _legend_one_column(fig, ax)]
    for _ in range(2 if below else 1):  # a legend moved to the left edge frees the width it took
        fig.set_size_inches(PHONE_WIDTH_IN, fig.get_figheight())
        _fit_width(fig)
        for ax in below:  # a legend under the axes starts at the figure's left edge, as the labels do
            fig.canvas.draw()
            legend = ax.get_legend()
            y = legend.get_bbox_to_anchor().transformed(ax.transAxes.inverted()).p0[1]
            legend.set_bbox_to_anchor((-ax.bbox.x0 / ax.bbox.width + 0.01, y), transform=ax.transAxes)


def date_locator(minticks: int, maxticks: int) -> mdates.AutoDateLocator:
    """matplotlib's date ticks with a yearly step among the monthly ones: over a span where no step
    of 1 to 6 months gives at most `maxticks` ticks (13 to 23 months on a phone, over 3½ years on
    a page) it would warn, into the notebook's output and in an order that varies between runs,
    then fall back to six months. The one date locator of the charts and their phone layouts."""
    loc = mdates.AutoDateLocator(minticks=minticks, maxticks=maxticks)
    loc.intervald[mdates.MONTHLY] = [*loc.intervald[mdates.MONTHLY], 12]
    return loc


def _axes_for_phone(ax) -> float:
    """Wrap category labels and axis labels, thin the ticks; the height the rows then need."""
    height = 0.0
    labels = [lab.get_text() for lab in ax.get_yticklabels()]
    if any(_LETTERS.search(s) for s in labels):  # category labels: wrapped narrower, rows taller
        wrapped = ["\n".join(part for line in s.split("\n") for part in (textwrap.wrap(line, PHONE_LABEL_CHARS) or [""]))
                   for s in labels]
        ax.set_yticks(ax.get_yticks(), wrapped)
        height = 0.2 * sum(s.count("\n") + 1 for s in wrapped) + 0.3 * len(wrapped) + 1.0
    for axis in (ax.xaxis, ax.yaxis):
        text = axis.get_label().get_text()
        if text:
            axis.set_label_text("\n".join(textwrap.wrap(" ".join(text.split()), 36)))
    if isinstance(ax.xaxis.get_major_locator(), mdates.DateLocator):
        loc = date_locator(minticks=2, maxticks=3)
        ax.xaxis.set_major_locator(loc)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(loc))
    elif not isinstance(ax.xaxis.get_major_locator(), FixedLocator):
        ax.xaxis.set_major_locator(MaxNLocator(2))  # two or three numbers: room for six digits each
    for which in ("x", "y"):
        ax.tick_params(axis=which, labelsize=PHONE_MIN_PT)
    return height


def _values_inwards(ax) -> None:
    """A value written over a point grows towards the middle, in short lines, not past the edge."""
    for ann in ax.texts:
        if ann.get_visible() and ann.get_ha() == "center":
            where = ann.xy if hasattr(ann, "xy") else ann.get_position()
            x = ax.transAxes.inverted().transform(ax.transData.transform(where))[0]
            ann.set_ha("left" if x < 0.5 else "right")
            ann.set_text("\n".join(textwrap.wrap(ann.get_text(), 16)))


def _legend_one_column(fig, ax) -> bool:
    """Legend entries one under another (a row of them is wider than a phone); a legend that
    stood under the axes goes under its tick and axis labels, not over them. True for such a one."""
    old = ax.get_legend()
    if old is None:
        return False
    below = old.get_window_extent().y1 <= ax.get_window_extent().y0 + 1
    handles, labels = old.legend_handles, [x.get_text() for x in old.get_texts()]
    old.remove()
    fig.canvas.draw()
    under = (ax.get_tightbbox(fig.canvas.get_renderer()).y0 - ax.bbox.y0) / ax.bbox.height - 0.03
    ax.legend(handles, labels, ncols=1, frameon=False, fontsize=PHONE_MIN_PT,
              **({"loc": "upper left", "bbox_to_anchor": (0, under)} if below else {"loc": "best"}))
    return below


def _fit_width(fig) -> None:
    """What sticks out past the figure (labels, legends) is taken off the axes' width."""
    target = PHONE_WIDTH_IN * 72
    for _ in range(4):
        try:
            fig.tight_layout(pad=0.4)
        except (ValueError, RuntimeError):
            return
        fig.canvas.draw()
        extent = fig.get_tightbbox(fig.canvas.get_renderer()).width * 72  # inches to points
        if extent <= target * 1.01:
            return
        fig.set_size_inches(max(1.5, fig.get_figwidth() - (extent - target) / 72), fig.get_figheight())


def _save(fig, stem: Path, frame: dict) -> dict[str, Path]:
    svg = stem.with_suffix(".svg")
    fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    m = re.search(r'<svg[^>]*\swidth="([0-9.]+)pt"', svg.read_text(encoding="utf-8")[:2000])
    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    meta = {"title": frame["title"], "note": frame["note"], "source": frame["source"],
            "min_font_pt": min(sizes) if sizes else PHONE_MIN_PT,
            "width_pt": round(float(m.group(1)), 2) if m else PHONE_WIDTH_IN * 72}
    side = stem.with_suffix(".json")
    side.write_text(json.dumps(meta, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return {"phone_svg": svg, "phone_json": side}
