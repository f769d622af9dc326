"""The cache folder ($MANPOWER_CACHE, default reports/.cache) that the chapter cache and the
validated-data cache share: which folders may hold it, and marking one as ours. Below both caches.

A cache folder is ours (it holds MARKER) or is made by us: the project's own folders, its root,
`/` and a non-empty folder that is not a cache are refused before anything is written
(`check_folder`).
"""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import ManpowerError
from ..paths import PROTECTED, project_part, reports_dir

MARKER = ".manpower-cache"  # in every cache folder we made: only such a folder, or an empty one, is used


class CacheFolderError(ManpowerError, ValueError):
    """The cache folder ($MANPOWER_CACHE) is one the program must not write into; one line."""

    exit_code = 2


def check_folder(folder: Path, root: Path) -> Path:
    """`folder` (absolute) if it may hold the cache; CacheFolderError otherwise, nothing written.

    Refused: the filesystem root, the project root, anything inside the project's own folders
    (paths.PROTECTED) and an existing non-empty folder without our MARKER. Allowed: a new or
    empty folder, a cache of ours, the default reports/.cache, and a path that is not a usable
    folder at all (a file; the cache is then bypassed with a notice, as when it is read-only)."""
    given = Path(folder)
    resolved = Path(os.path.realpath(given))
    root = Path(os.path.realpath(root))
    if resolved == Path(resolved.anchor):
        raise CacheFolderError(f"cache folder {given} (MANPOWER_CACHE): the filesystem root cannot hold the cache; "
                               f"give a folder of its own")
    part = project_part(resolved, root)
    if part == "":
        raise CacheFolderError(f"cache folder {given} (MANPOWER_CACHE): is the project's root; give a folder of its own")
    if part in PROTECTED:
        raise CacheFolderError(f"cache folder {given} (MANPOWER_CACHE): is inside the project's {part}/ "
                               f"folder; give reports/.cache or a folder outside the project")
    if resolved == Path(os.path.realpath(reports_dir(root) / ".cache")) or not resolved.is_dir():
        return resolved
    try:
        ours = (resolved / MARKER).is_file() or not any(resolved.iterdir())
    except OSError:
        return resolved  # unreadable: bypassed when used
    if not ours:
        raise CacheFolderError(f"cache folder {given} (MANPOWER_CACHE): is not empty and is not a manpower cache "
                               f"(no {MARKER}); nothing was written. Give a new or empty folder")
    return resolved


def claim(folder: Path) -> None:
    """Create the cache folder (if need be) and mark it as ours; OSError if it cannot be."""
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / MARKER).is_file():
        (folder / MARKER).write_text("A manpower cache folder (reports may be rendered from it); safe to delete.\n")
