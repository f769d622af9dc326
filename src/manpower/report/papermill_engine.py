"""papermill's own command line, on a chapter's clear error, prints that one line.

A bad parameter stops a chapter in its first cell with one line (chapter.ChapterError), but
papermill's command line lets the PapermillExecutionError it raises run out through click, so
Python prints some 25 lines of papermill's own traceback before it. papermill loads the engines
that packages declare (entry point group `papermill.engine`, see pyproject.toml) when it starts;
loading this one installs, in papermill's command-line process only, an exception hook that
prints such an error as `ChapterError: [chapter] parameter …` and exits with status 1. Any other
error keeps papermill's usual traceback. The engine itself is papermill's default, unchanged.
"""
from __future__ import annotations

import sys
from pathlib import Path

from papermill.engines import NBClientEngine

ONE_LINE_ERRORS = ("ChapterError",)  # chapter.ChapterError: its message is the whole story


class ManpowerEngine(NBClientEngine):
    """papermill's default engine, under the name `manpower` (`papermill --engine manpower`)."""


def short_error(etype, value) -> str | None:
    """The one line for a papermill error raised by one of ONE_LINE_ERRORS in the kernel, else None."""
    from papermill.exceptions import PapermillExecutionError

    if issubclass(etype, PapermillExecutionError) and getattr(value, "ename", None) in ONE_LINE_ERRORS:
        return f"{value.ename}: {value.evalue}"
    return None


def _hook(previous):
    def hook(etype, value, tb):
        line = short_error(etype, value)
        if line is None:
            return previous(etype, value, tb)
        print(line, file=sys.stderr)
    return hook


def _is_papermill_cli() -> bool:
    argv0 = Path(sys.argv[0]) if sys.argv and sys.argv[0] else Path()
    return argv0.name == "papermill" or (argv0.name == "__main__.py" and argv0.parent.name == "papermill")


if _is_papermill_cli():
    sys.excepthook = _hook(sys.excepthook)
