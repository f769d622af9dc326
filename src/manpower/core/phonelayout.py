"""The phone layout of a chart, as the report reads it: its sizes, declared once, and the files
phonechart.py saves beside the chart (NAME-phone.svg and NAME-phone.json). No matplotlib here:
the HTML is assembled without it."""
from __future__ import annotations

import json
from pathlib import Path

PHONE_SUFFIX = "-phone"
PHONE_WIDTH_IN = 3.6  # a 390 px phone's text column (364 px) holds 3.8 in at 1:1
PHONE_MIN_PT = 11  # no letter smaller, at that width
PHONE_MAX_PX = 600  # the HTML shows the phone layout on screens up to this wide
PHONE_LABEL_CHARS = 18  # category labels wrapped to this many characters a line


def read_phone_layout(charts_dir: Path, name: str) -> tuple[Path, dict] | None:
    """The phone layout saved for chart `name` in `charts_dir`, and its JSON; None if there is none."""
    svg, side = Path(charts_dir) / f"{name}{PHONE_SUFFIX}.svg", Path(charts_dir) / f"{name}{PHONE_SUFFIX}.json"
    if not (svg.is_file() and side.is_file()):
        return None
    try:
        return svg, json.loads(side.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
