"""The validated-data cache: data/ and seeds/ are validated once per change, not once per chapter.

Every chapter of a render, and every notebook opened in JupyterLab, calls `load()`. With a large
corpus, validating it (every quote found in its seed, every mention of every seed accounted for)
costs far more than the chapter's own work, so the validated tables are kept in the cache folder
(`$MANPOWER_CACHE`, else `reports/.cache`), under `data/KEY.pickle`.

KEY is the SHA-256 of the content of every file in data/ and seeds/, their paths, the package's
code (the rules) and the versions of Python and pandas (the pickle's format). A file starts with
the SHA-256 of the rest and is verified before it is read; anything unexpected (a damaged,
truncated or unreadable entry, a folder holding a symlink or a pipe) means: validate again. Only a
dataset that passed every rule is ever kept.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import platform
import tempfile
from pathlib import Path
from typing import Any

FOLDER = "data"
KEEP = 3  # datasets kept (the most recently used): a few corpora or as many edits back


def key(data_dir: Path, seeds_dir: Path) -> str | None:
    """The cache key of these folders as they are now; None when they hold anything but regular
    files and folders (a symlink or a pipe is for the validator to report, not to be read here)."""
    import pandas

    from .cache import package_hash

    h = hashlib.sha256()
    h.update(f"{platform.python_version()}|{pandas.__version__}|{package_hash()}\n".encode())
    for folder in (data_dir, seeds_dir):
        h.update(f"{Path(folder).resolve()}\n".encode())
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return None
        for e in entries:
            if e.is_symlink():
                return None
            if e.is_dir(follow_symlinks=False):
                continue
            if not e.is_file(follow_symlinks=False):
                return None
            h.update(f"{e.name}\n".encode())
            try:
                with open(e.path, "rb") as f:
                    h.update(hashlib.sha256(f.read()).digest())
            except OSError:
                return None
    return h.hexdigest()


def _path(cache_dir: Path, k: str) -> Path:
    return Path(cache_dir) / FOLDER / f"{k}.pickle"


def get(cache_dir: Path, k: str) -> Any | None:
    """The dataset kept under `k`, verified; None if there is none or it is damaged (then it is
    removed, so the next load writes a good one)."""
    path = _path(cache_dir, k)
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    digest, _, payload = blob.partition(b"\n")
    try:
        if digest.decode("ascii") != hashlib.sha256(payload).hexdigest():
            raise ValueError("damaged")
        dataset = pickle.loads(payload)  # our own file, verified by its hash
        os.utime(path)  # recently used: kept by prune()
        return dataset
    except Exception:  # a damaged entry of any kind: validate again
        try:
            path.unlink()
        except OSError:
            pass
        return None


def put(cache_dir: Path, k: str, dataset: Any) -> None:
    """Keep `dataset` under `k` (written to a temporary file, then renamed into place); a cache
    that cannot be written is skipped: the data was validated, only the next load is slower."""
    path = _path(cache_dir, k)
    try:
        payload = pickle.dumps(dataset, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{k[:16]}-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n")
                f.write(payload)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        prune(cache_dir, spare=path)
    except (OSError, pickle.PicklingError):
        return


def prune(cache_dir: Path, keep: int = KEEP, spare: Path | None = None) -> None:
    """Keep the `keep` most recently used datasets (`spare`, the one just written, always)."""
    folder = Path(cache_dir) / FOLDER
    try:
        entries = sorted(folder.glob("*.pickle"), key=lambda p: (p == spare, p.stat().st_mtime_ns), reverse=True)
        for old in entries[keep:]:
            old.unlink()
    except OSError:
        return
