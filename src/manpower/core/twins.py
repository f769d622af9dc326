"""A chapter notebook and its paired `.py` twin (jupytext): the render reads only the `.ipynb`,
so a change made only in the `.py` would be silently left out of the report. `check` refuses,
with one line naming the newer file and how to sync, when a twin is newer than its notebook and
its cells differ; a newer `.ipynb` is what the render reads anyway. It does not sync itself: that
would rewrite a file the user edits (no command changes anything that is not its own output).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from ..errors import ManpowerError


class TwinError(ManpowerError):
    """A chapter's `.py` twin holds a change its `.ipynb` lacks."""


def _cells(path: Path) -> list[tuple[str, str]]:
    """The cells as jupytext reads them (exact, but jupytext takes a second or more to import)."""
    import jupytext

    return [(c.cell_type, c.source.strip()) for c in jupytext.read(path).cells]


_HEADER = re.compile(r"^# %%(.*)\n?", re.M)


def _quick_cells(ipynb: Path, twin: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The cells of both files read plainly (a py:percent twin split at its `# %%` lines, its
    Markdown uncommented): equal for twins in sync, without importing jupytext."""
    nb = json.loads(ipynb.read_text(encoding="utf-8"))
    a = [(c.get("cell_type", ""), "".join(c.get("source", [])).strip()) for c in nb.get("cells", [])]
    parts = _HEADER.split(twin.read_text(encoding="utf-8"))
    b = []
    for header, body in zip(parts[1::2], parts[2::2]):
        kind = "markdown" if "[markdown]" in header else "raw" if "[raw]" in header else "code"
        if kind != "code":
            body = "\n".join(re.sub(r"^# ?", "", line) for line in body.splitlines())
        b.append((kind, body.strip()))
    return a, b


def _shown(path: Path, root: Path | None) -> str:
    try:
        return str(path.relative_to(root)) if root else str(path)
    except ValueError:
        return str(path)


def check(notebooks: list[Path], root: Path | None = None) -> None:
    """TwinError for the first notebook whose `.py` twin is newer and differs from it."""
    for ipynb in notebooks:
        twin = ipynb.with_suffix(".py")
        try:
            newer = twin.stat().st_mtime_ns > ipynb.stat().st_mtime_ns
        except FileNotFoundError:
            continue  # no twin: nothing to compare
        if not newer:
            continue
        py, nb = _shown(twin, root), _shown(ipynb, root)
        try:
            quick_nb, quick_py = _quick_cells(ipynb, twin)
            same = quick_nb == quick_py or _cells(twin) == _cells(ipynb)
        except Exception as exc:  # an unreadable or broken twin that someone just edited
            raise TwinError(f"{py} is newer than {nb} but cannot be read as its twin "
                            f"({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}); "
                            f"fix it, or sync from the notebook with `jupytext --sync {nb}`") from None
        if not same:
            raise TwinError(f"{py} is newer than {nb} and differs from it, and the report is rendered from "
                            f"{nb}: sync them with `jupytext --sync {py}` (or open and save the notebook "
                            f"in JupyterLab), then render again")
