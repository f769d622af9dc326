"""The report's chapters: one explicit list, in order, and what a chapter's name is.

A chapter is the notebook `notebooks/NN_name.ipynb`; its name (`losses`) is derived from the file
name here and nowhere else. Only the listed notebooks are chapters, so a copy JupyterLab makes
(`01_losses-Copy1.ipynb`) or a scratch notebook is never rendered. This module is light: the
render imports it without pandas or matplotlib.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import ManpowerError

CHAPTERS = ("00_summary", "01_losses", "02_inflows", "03_conscription", "04_foreign", "05_balance")
CHART_KEY = "manpower_chart"  # the output metadata that marks a chart for the report
# The MIME type of a chapter output's Markdown as the report reads it (pandoc spans and footnotes);
# text/markdown and text/html beside it are for JupyterLab (footnotes.py)
REPORT_MIME = "text/x-manpower-report"


def chapter_name(stem: str) -> str:
    """`01_losses` → `losses`: the name used for parameters' scope and chart file names."""
    return stem.split("_", 1)[1] if "_" in stem else stem


NAMES = tuple(chapter_name(s) for s in CHAPTERS)


@dataclass
class Chapter:
    path: Path
    name: str  # summary, losses, ... (the part after NN_)


def chapters(notebooks: Path, stems: tuple[str, ...] | list[str] = CHAPTERS) -> list[Chapter]:
    """The chapters to render, in order: each listed stem must be a notebook in `notebooks`."""
    found = []
    for stem in stems:
        path = notebooks / f"{stem}.ipynb"
        if not path.is_file():
            raise ManpowerError(f"chapter notebook {path} not found (chapters: {', '.join(stems)})")
        found.append(Chapter(path, chapter_name(stem)))
    return found
