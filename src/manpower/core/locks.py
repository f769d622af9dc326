"""One lock on a folder at a time: `add` and `accept` hold an exclusive lock on the folder itself
(no lock file to leave behind) while they read, check and replace its files, so parallel runs
queue instead of each replacing a file with its own copy. A run that has to wait says so once
(`waiting`), which is also what a test synchronises on."""
from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path
from typing import Callable, Iterator


@contextlib.contextmanager
def locked(*folders: Path, waiting: Callable[[Path], None] | None = None) -> Iterator[None]:
    """Exclusive locks on `folders`, taken in the order given and released on exit. OSError when a
    folder cannot be opened (the caller names it in its own one-line error)."""
    fds: list[int] = []
    try:
        for folder in folders:
            fds.append(os.open(folder, os.O_RDONLY | os.O_DIRECTORY))
            try:
                fcntl.flock(fds[-1], fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if waiting is not None:
                    waiting(Path(folder))
                fcntl.flock(fds[-1], fcntl.LOCK_EX)
        yield
    finally:
        for fd in reversed(fds):
            os.close(fd)  # releases the lock
