"""The report's chapters: one explicit list, in order, and what a chapter's name is.

A chapter is the notebook `notebooks/NN_name.ipynb`; its name (`losses`) is derived from the file
name here and nowhere else. Only the listed notebooks are chapters, so a copy JupyterLab makes
(`01_losses-Copy1.ipynb`) or a scratch notebook is never rendered. This module is light: the
render imports it without pandas or matplotlib.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import ManpowerError

CHAPTERS = ("00_summary", "01_losses", "02_inflows", "03_conscription", "04_foreign", "05_balance")
CHART_KEY = "manpower_chart"  # the output metadata that marks a chart for the report
# The MIME type of a chapter output's Markdown as the report reads it (pandoc spans and footnotes);
# text/markdown and text/html beside it are for JupyterLab (footnotes.py)
REPORT_MIME = "text/x-manpower-report"


def chart_meta(output: dict) -> dict | None:
    """The chart tag (CHART_KEY: name, caption, file) a notebook output carries, or None."""
    return output.get("metadata", {}).get(CHART_KEY) or None


def chart_outputs(nb) -> list[dict]:
    """The chart tags of an executed notebook, in order."""
    return [meta for cell in nb.cells for out in cell.get("outputs", []) if (meta := chart_meta(out))]


def chapter_name(stem: str) -> str:
    """`01_losses` → `losses`: the name used for parameters' scope and chart file names."""
    return stem.split("_", 1)[1] if "_" in stem else stem


NAMES = tuple(chapter_name(s) for s in CHAPTERS)


@dataclass
class Chapter:
    path: Path
    name: str  # summary, losses, ... (the part after NN_)


def pick(text: str) -> tuple[str, ...]:
    """`--chapters 01_losses,02_inflows` as declared stems, in the order given, duplicates
    collapsed; anything else (a path, a copy such as `01_losses-Copy1`, a typo) is refused before
    anything executes, naming the valid chapters."""
    picked: list[str] = []
    for stem in (s.strip() for s in text.split(",")):
        if not stem:
            continue
        if stem not in CHAPTERS:
            raise ManpowerError(f"--chapters: {stem!r} is not a chapter of the report; "
                                f"give one or more of {', '.join(CHAPTERS)} (comma-separated)")
        if stem not in picked:
            picked.append(stem)
    if not picked:
        raise ManpowerError(f"--chapters: no chapter given; give one or more of {', '.join(CHAPTERS)}")
    return tuple(picked)


def chapter_notebooks(notebooks: Path) -> list[Path]:
    """The declared chapters' notebooks present in `notebooks`, in order; a JupyterLab copy
    (`01_losses-Copy1.ipynb`) or a scratch notebook beside them is not one."""
    return [p for p in (notebooks / f"{s}.ipynb" for s in CHAPTERS) if p.is_file()]


_STEM = re.compile(r"^[0-9]{2}_[a-z0-9_]+$")  # NN_name: no path, no `-Copy1`


def chapters(notebooks: Path, stems: tuple[str, ...] | list[str] = CHAPTERS) -> list[Chapter]:
    """The chapters to render, in order, each once: each stem names a notebook `NN_name.ipynb`
    in `notebooks` (never a path elsewhere, never a copy). The command line admits only the
    declared CHAPTERS (`pick`); a test project may declare its own stems."""
    found = []
    for stem in dict.fromkeys(stems):
        if not _STEM.match(stem):
            raise ManpowerError(f"chapter {stem!r} is not a chapter name NN_name (chapters: {', '.join(CHAPTERS)})")
        path = notebooks / f"{stem}.ipynb"
        if not path.is_file():
            raise ManpowerError(f"chapter notebook {path} not found (chapters: {', '.join(stems)})")
        found.append(Chapter(path, chapter_name(stem)))
    return found
