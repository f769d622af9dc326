"""Where a report may be written, and moving a finished report into place atomically.

A render replaces its destination folder, so the destination must be a folder the render owns:
one that does not exist yet, an empty one, or a previous report of ours (it holds our manifest).
Anything else -- the project root, `data/`, `reports/` itself, a user's folder -- is refused
before any work is done, and nothing is touched.

The render builds in `.NAME.partial-PID-XXXX` beside the destination and moves the replaced
report to `.NAME.old-PID` for the moment of the swap. A render that was killed leaves those
behind; the next one removes them -- but only a folder holding our MARK, whose HMAC (made with
this environment's secret key, trust.py) names that very folder. A folder is never removed for
its name or its age alone: `.site.old-backup/` beside `--out site` is the user's.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import time
from pathlib import Path

from ..core import trust
from ..errors import ManpowerError
from ..paths import PROTECTED, cache_dir, project_part, reports_dir

MANIFEST = "manifest.json"
PARTIAL = ".partial-"  # temporary build folders: .NAME.partial-XXXX beside the destination
OLD = ".old-"  # the replaced report, between the swap and its removal
MARK = ".manpower-build"  # inside each build and swap folder: proof that a render of ours made it


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
    if (part := project_part(resolved, root)) in PROTECTED:
        raise DestinationError(f"output folder {dest}: is inside the project's {part}/ folder; give a folder "
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


def mark(folder: Path, name: str | None = None) -> None:
    """Write MARK into `folder` (which is, or is about to be renamed to, `name`): our PID, a random
    token and their HMAC with the folder's name. Without a secret key the MARK proves nothing and
    the folder is never removed by `clean_stale` (it is left, never someone else's deleted)."""
    name = name or folder.name
    pid, token = os.getpid(), secrets.token_hex(16)
    body = {"pid": pid, "token": token, "hmac": trust.mac("build", name, str(pid), token)}
    (folder / MARK).write_text(json.dumps(body) + "\n", encoding="utf-8")


def _marked_pid(folder: Path) -> int | None:
    """The PID in `folder`'s MARK if the MARK is ours and names this folder; None otherwise."""
    path = folder / MARK
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > 4096:
            return None
        body = json.loads(path.read_text(encoding="utf-8"))
        pid, token = body["pid"], body["token"]
        if not (isinstance(pid, int) and isinstance(token, str)):
            return None
        return pid if trust.verify(body.get("hmac"), "build", folder.name, str(pid), token) else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        return None


def clean_stale(parent: Path, name: str, older_than_s: float = 3600.0) -> list[Path]:
    """Remove build and swap folders of earlier renders of `name` that were killed (SIGTERM,
    kill -9) before they could clean up. Only a folder holding our verified MARK is a candidate;
    it is removed when its render (the PID in the MARK) is no longer running, or when the MARK is
    older than `older_than_s` (a PID may have been reused). A render running at the same moment
    keeps its own; a folder without our MARK is never touched, whatever its name or age."""
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
                pid = _marked_pid(p)
                if pid is None:
                    continue
                dead = pid != os.getpid() and not _pid_alive(pid)
                if dead or now - (p / MARK).stat().st_mtime > older_than_s:
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
        try:  # so a render killed right after the swap leaves a folder we can prove is ours
            mark(dest, old.name)
        except OSError:  # a read-only report folder: still replaced; only a kill -9 now would leave it behind
            pass
        try:
            dest.rename(old)
        except OSError:
            (dest / MARK).unlink(missing_ok=True)
            raise
    try:
        work.rename(dest)
    except OSError:
        if old is not None:
            old.rename(dest)
            (dest / MARK).unlink(missing_ok=True)
        raise
    (dest / MARK).unlink(missing_ok=True)  # the build folder's MARK: not part of the report
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
