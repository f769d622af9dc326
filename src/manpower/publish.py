"""Where a report may be written, and moving a finished report into place atomically.

A render replaces its destination folder, so the destination must be a folder the render owns:
one that does not exist yet, an empty one, or a previous report of ours (it holds our manifest).
Anything else -- the project root, `data/`, `reports/` itself, a user's folder -- is refused
before any work is done, and nothing is touched.
"""
from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

from .errors import ManpowerError
from .paths import cache_dir, reports_dir

MANIFEST = "manifest.json"
PARTIAL = ".partial-"  # temporary build folders: .NAME.partial-XXXX beside the destination
OLD = ".old-"  # the replaced report, between the swap and its removal
# the project's own folders: a report is never written into them
PROTECTED = ("data", "seeds", "notebooks", "params", "src", "tests", "docs", "bench", ".git", ".github", ".ci", ".venv")


class DestinationError(ManpowerError, ValueError):
    """The output folder is not one a render may replace; the message says why, in one line."""

    exit_code = 2


def is_our_report(folder: Path) -> bool:
    """A folder a previous render published: it holds a manifest.json written by us."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return False
    return isinstance(manifest, dict) and "report_key" in manifest and "name" in manifest


def check_destination(dest: Path, root: Path) -> Path:
    """The absolute destination if a render may replace it; DestinationError otherwise.

    Allowed: a path that does not exist (its parent is created), an empty folder, or a previous
    report of ours. Refused: a file, the project root or any folder that holds it, a folder with
    someone else's files, and the filesystem root."""
    given = Path(dest)
    if given.is_symlink():
        raise DestinationError(f"output folder {dest}: is a symbolic link; give the real folder")
    dest = given.absolute()
    resolved = Path(os.path.realpath(dest))
    root = Path(os.path.realpath(root))
    if resolved == Path(resolved.anchor):
        raise DestinationError(f"output folder {dest}: the filesystem root cannot hold a report; give a folder for it")
    if resolved == root or root.is_relative_to(resolved):
        raise DestinationError(f"output folder {dest}: this folder holds the project; give a new or empty folder, "
                               f"or a previous report")
    for protected in PROTECTED:
        if resolved.is_relative_to(root / protected):
            raise DestinationError(f"output folder {dest}: is inside the project's {protected}/ folder; give a folder "
                                   f"under reports/ or outside the project")
    if resolved in {Path(os.path.realpath(d)) for d in (reports_dir(root), reports_dir(root) / ".cache", cache_dir(root))}:
        raise DestinationError(f"output folder {dest}: holds every report and the cache; give reports/NAME or "
                               f"a new folder")
    if not resolved.exists():
        return resolved
    if not resolved.is_dir():
        raise DestinationError(f"output folder {dest}: is a file, not a folder; give a new or empty folder")
    try:
        empty = not any(resolved.iterdir())
    except OSError as exc:
        raise DestinationError(f"output folder {dest}: cannot be read ({exc.strerror or exc})") from None
    if empty or is_our_report(resolved):
        return resolved
    raise DestinationError(f"output folder {dest}: is not empty and is not a previous report (no {MANIFEST}); "
                           f"nothing was written. Give a new or empty folder")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def _owner(folder: Path, prefix: str) -> int | None:
    """The PID in `.NAME.partial-PID-xxxx` / `.NAME.old-PID`, or None for an older naming."""
    head = folder.name[len(prefix):].split("-", 1)[0]
    return int(head) if head.isdigit() else None


def clean_stale(parent: Path, name: str, older_than_s: float = 3600.0) -> list[Path]:
    """Remove build and swap folders of earlier renders of `name` that were killed (SIGTERM,
    kill -9) before they could clean up: those whose render (the PID in the name) is no longer
    running, and any older than `older_than_s` (a PID may have been reused). A render running at
    the same moment keeps its own."""
    removed = []
    if not parent.is_dir():
        return removed
    now = time.time()
    for marker in (PARTIAL, OLD):
        prefix = f".{name}{marker}"
        for p in parent.glob(f"{prefix}*"):
            try:
                if not p.is_dir() or p.is_symlink():
                    continue
                pid = _owner(p, prefix)
                dead = pid is not None and pid != os.getpid() and not _pid_alive(pid)
                if dead or now - p.stat().st_mtime > older_than_s:
                    shutil.rmtree(p, ignore_errors=True)
                    removed.append(p)
            except OSError:
                continue
    return removed


def publish(work: Path, dest: Path) -> None:
    """Swap the finished folder into place; the old report is removed only after the swap.

    The destination is checked again here, right before anything is moved, so a folder that
    filled up with someone else's files during the render is still not replaced."""
    old = None
    if dest.exists():
        if any(dest.iterdir()) and not is_our_report(dest):
            raise DestinationError(f"output folder {dest}: files appeared in it during the render; it was left as it was")
        old = dest.with_name(f".{dest.name}{OLD}{os.getpid()}")
        dest.rename(old)
    try:
        work.rename(dest)
    except OSError:
        if old is not None:
            old.rename(dest)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
