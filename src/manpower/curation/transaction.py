"""Replace several files all together, or put every one back as it was: a journal of backups
written first (fsynced), the renames, then the journal removed; `recover` puts back what an
interrupted commit left half done. `accept` writes data/ tables and the draft through it.
"""
from __future__ import annotations

import contextlib
import json
import os
import secrets
import tempfile
from pathlib import Path

from ..errors import ManpowerError
from ..paths import ACCEPT_TEMP_PREFIX


JOURNAL = f"{ACCEPT_TEMP_PREFIX}journal"  # in data/: the renames of an accept not yet committed


class AcceptWriteError(ManpowerError):
    """The files could not be written (disk full, permissions); everything was put back."""


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def recover(data: Path, *also: Path) -> bool:
    """Put back every file an accept killed before its commit had replaced (its journal says
    which), and remove what such an accept left in data/ (and the folders `also`, e.g. the
    draft's); True when there was something to put back. Call it holding the lock."""
    journal = data / JOURNAL
    restored = False
    if journal.exists():
        entries = [json.loads(line) for line in journal.read_text(encoding="utf-8").splitlines() if line.strip()]
        _put_back(entries)
        for folder in {Path(e["target"]).parent for e in entries} | {data}:
            _fsync_dir(folder)
        os.unlink(journal)
        _fsync_dir(data)
        restored = True
    for folder in (data, *also):  # files of an accept killed before its journal, or after its commit
        for e in os.scandir(folder):
            if e.name.startswith(ACCEPT_TEMP_PREFIX) and e.is_file(follow_symlinks=False):
                os.unlink(e.path)
    return restored


def _put_back(entries: list[dict[str, str]]) -> None:
    """Each target back to its backup (a rename that does nothing when the target was not yet
    replaced: both are then the same file), and no backup or new file left."""
    for e in entries:
        if os.path.exists(e["backup"]):
            os.replace(e["backup"], e["target"])
        for leftover in (e["new"], e["backup"]):
            if os.path.lexists(leftover):
                os.unlink(leftover)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def commit(changes: list[tuple[Path, bytes]], data: Path) -> None:
    """Replace each (path, new bytes) all together, or put every path back as it was."""
    token = secrets.token_hex(4)
    staged: list[dict[str, str]] = []
    journal = data / JOURNAL
    done = False
    try:
        for target, content in changes:
            fd, new = tempfile.mkstemp(dir=target.parent, prefix=f"{ACCEPT_TEMP_PREFIX}new-", suffix=target.suffix)
            staged.append({"target": str(target.resolve()), "new": new,
                           "backup": str(target.resolve().parent / f"{ACCEPT_TEMP_PREFIX}old-{token}-{target.name}")})
            try:
                os.fchmod(fd, os.stat(target).st_mode & 0o7777)  # as the file it replaces
                _write_all(fd, content)
                os.fsync(fd)
            finally:
                os.close(fd)
        for e in staged:
            os.link(e["target"], e["backup"])
        fd = os.open(journal, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            _write_all(fd, "".join(json.dumps(e) + "\n" for e in staged).encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        for folder in {Path(e["target"]).parent for e in staged} | {data}:
            _fsync_dir(folder)
        for e in staged:
            os.replace(e["new"], e["target"])
        for folder in {Path(e["target"]).parent for e in staged}:
            _fsync_dir(folder)
        os.unlink(journal)  # the commit
        done = True
        _fsync_dir(data)
    finally:  # also on Ctrl-C or SIGTERM (the command line turns it into an exception)
        if not done:
            _roll_back(staged, journal)
    for e in staged:
        with contextlib.suppress(OSError):
            os.unlink(e["backup"])


def _roll_back(staged: list[dict[str, str]], journal: Path) -> None:
    """Every file as it was, whichever renames happened (an interruption may fall between a
    rename and the count of renames)."""
    _put_back(staged)
    if journal.exists():
        os.unlink(journal)
