"""The chapter cache: an executed chapter is kept by the hash of everything that shapes it, and
verified before it is trusted.

An entry is a folder `STEM-KEY/` holding the executed notebook, its Markdown and its charts, plus
`files.json` (written last) with the SHA-256 of each of them and an HMAC of that list and of the
entry's name, made with this environment's secret key (trust.py). The key lives outside the
cache folder, so an entry is trusted only if this environment wrote it: a cache folder shared
between users, restored in CI from another branch or edited by hand cannot change a report,
because an entry it plants fails verification. A read checks the HMAC and every file; an entry
that is planted, damaged, truncated or incomplete is dropped and the chapter executed again, with
one line saying so. A cache that cannot be written (read-only, full disk) is bypassed with one
notice: the report is still rendered, only slower next time; `--force` never reads it.

A cache folder is ours (it holds MARKER) or is made by us: the project's own folders, its root,
`/` and a non-empty folder that is not a cache are refused before anything is written
(`check_folder`).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
from pathlib import Path
from typing import Any, Callable

from ..core import trust
from ..vocabulary.cachefolder import claim
from ..errors import ManpowerError
from ..vocabulary.fingerprint import environment_hash, tool_versions

INDEX = "files.json"
KEEP = 8  # executions kept per chapter (the most recently used)


def chapter_key(nb: Path, chapter_params: dict[str, Any], inputs: dict[str, str], pkg: str,
                root: Path | None = None) -> str:
    """The cache key of one chapter: notebook, its parameters, data and seeds, package, tools and
    the whole installed environment (`environment_hash`)."""
    h = hashlib.sha256()
    h.update(nb.read_bytes())
    h.update(json.dumps({k: v for k, v in chapter_params.items() if k != "output_dir"},
                        sort_keys=True, default=str).encode())
    h.update(json.dumps(inputs, sort_keys=True).encode())
    h.update(pkg.encode())
    h.update(json.dumps(tool_versions(), sort_keys=True).encode())
    h.update(environment_hash(root).encode())
    return h.hexdigest()[:24]


class Damaged(ManpowerError):
    """A cache entry that does not match its index; `file` names the first bad file."""

    def __init__(self, file: str):
        super().__init__(file)
        self.file = file


SIGNATURE = "hmac"  # Damaged.file when the entry's HMAC does not verify


def _listing(files: dict) -> str:
    """The canonical text of an entry's file list, as its HMAC covers it."""
    return json.dumps(files, sort_keys=True, separators=(",", ":"))


def _write(path: Path, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)


class ChapterCache:
    """The cache of one render. `folder` None means no cache at all; `say` prints notices."""

    def __init__(self, folder: Path | None, say: Callable[[str], None] = print, reuse: bool = True):
        """`reuse` False (`--force`): nothing is read from the cache, only written to it."""
        self.folder = folder
        self.say = say
        self.reuse = reuse
        self.writable = folder is not None
        self._lock = threading.Lock()
        if folder is not None:
            if trust.secret() is None:
                self.say(f"  chapter cache not used: no usable secret key at {trust.key_path()} (it must be a "
                         f"file of yours that only you can read); executing without it")
                self.folder, self.writable = None, False
                return
            try:
                claim(folder)
            except OSError as exc:
                self.bypass(exc)

    def bypass(self, exc: OSError) -> None:
        """Stop writing to the cache, saying why once: the render goes on without it."""
        with self._lock:
            if not self.writable:
                return
            self.writable = False
        where = exc.filename or self.folder
        self.say(f"  chapter cache not used: cannot write {where} ({exc.strerror or exc}); executing without it")

    def entry(self, stem: str, key: str) -> Path:
        """Where one execution of a chapter is kept (`prune` relies on the `STEM-KEY` name)."""
        assert self.folder is not None
        return self.folder / f"{stem}-{key}"

    def has(self, stem: str, key: str) -> bool:
        """An entry is there and may be used (it is verified only when read)."""
        return self.folder is not None and self.reuse and (self.entry(stem, key) / INDEX).is_file()

    def get(self, stem: str, key: str) -> dict[str, bytes] | None:
        """The files of a verified entry ({relative path: bytes}), or None: absent, or damaged (then
        dropped, with a notice)."""
        if not self.has(stem, key):
            return None
        folder = self.entry(stem, key)
        try:
            files = self._verified(folder)
        except Damaged as d:
            if d.file == SIGNATURE:
                self.say(f"  cache entry for {stem} not verified (not written in this environment, or altered since: "
                         f"see the cache's trust boundary in cache.py): executing again")
            else:
                self.say(f"  cache entry for {stem} damaged ({d.file}): executing again")
            self.drop(stem, key)
            return None
        try:
            os.utime(folder / INDEX)  # most recently used: kept by prune
        except OSError:
            pass
        return files

    @staticmethod
    def _verified(folder: Path) -> dict[str, bytes]:
        try:
            index = json.loads((folder / INDEX).read_text(encoding="utf-8"))
            listed = index["files"]
            if not isinstance(listed, dict) or not listed:
                raise ValueError("no files")
        except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
            raise Damaged(INDEX) from None
        if not trust.verify(index.get("hmac"), folder.name, _listing(listed)):
            raise Damaged(SIGNATURE)
        files = {}
        for rel, digest in sorted(listed.items()):
            path = folder / rel
            if ".." in Path(rel).parts or Path(rel).is_absolute() or path.is_symlink():
                raise Damaged(rel)
            try:
                data = path.read_bytes()
            except OSError:
                raise Damaged(rel) from None
            if hashlib.sha256(data).hexdigest() != digest:
                raise Damaged(rel)
            files[rel] = data
        return files

    def put(self, stem: str, key: str, files: dict[str, Path]) -> None:
        """Keep `files` ({relative path: source file}) as the entry; the index is written last and
        the finished folder renamed into place, so a reader never sees half an entry. A failure
        (full disk, read-only) removes what was written and turns the cache off for this render."""
        if not self.writable:
            return
        final = self.entry(stem, key)
        tmp = final.with_name(f"{final.name}.tmp{os.getpid()}-{threading.get_ident()}")
        try:
            shutil.rmtree(tmp, ignore_errors=True)
            tmp.mkdir()
            index = {}
            for rel, src in files.items():
                data = src.read_bytes()
                (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
                _write(tmp / rel, data)
                index[rel] = hashlib.sha256(data).hexdigest()
            signed = {"files": index, "hmac": trust.mac(final.name, _listing(index))}
            _write(tmp / INDEX, (json.dumps(signed, indent=1, sort_keys=True) + "\n").encode())
            shutil.rmtree(final, ignore_errors=True)
            tmp.rename(final)
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            self.bypass(exc)

    def drop(self, stem: str, key: str) -> None:
        if self.folder is not None:
            shutil.rmtree(self.entry(stem, key), ignore_errors=True)

    def prune(self, stems: set[str], keep: int = KEEP) -> None:
        """Keep the `keep` most recently used executions of each chapter, so that many parameter
        variations do not fill the disk; a pruned chapter is simply executed again."""
        if self.folder is None or not self.writable or not self.folder.is_dir():
            return
        for stem in stems:
            entries = [d for d in self.folder.glob(f"{stem}-*")
                       if (d / INDEX).is_file() and d.name[len(stem) + 1:].isalnum()]
            entries.sort(key=lambda d: (d / INDEX).stat().st_mtime, reverse=True)
            for d in entries[keep:]:
                shutil.rmtree(d, ignore_errors=True)


def prune_cache(cache_dir: Path, stems: set[str], keep: int = KEEP) -> None:
    ChapterCache(cache_dir, say=lambda s: None).prune(stems, keep)
