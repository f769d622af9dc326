"""The trust boundary of the cache and of the render's temporary folders: a secret key private to
this environment, and the MACs (HMAC-SHA-256) made with it.

A cache folder can be shared between users, restored in CI from another branch or written by
anyone who can write to it; a folder beside `--out` can be anyone's. So nothing read from such a
place is trusted for what it says about itself (a checksum stored beside the data proves only
that whoever wrote the data also wrote the checksum). What this program wrote carries a MAC made
with a key that lives OUTSIDE every cache folder: `manpower-secret.key` (0600) in the Python
environment that runs it (the project's .venv), or, when Python runs outside a virtual
environment, in `$XDG_CONFIG_HOME/manpower/` (default `~/.config/manpower/`). It is created on
first use. Whoever can read that file can forge entries; nobody else can. An entry whose MAC does
not verify is treated as absent: the chapter is executed again, the data validated again.
"""
from __future__ import annotations

import functools
import hashlib
import hmac
import os
import secrets
import stat
import sys
from pathlib import Path

KEY_FILE = "manpower-secret.key"


def key_path() -> Path:
    """Where this environment's secret key lives (see the module docstring)."""
    if sys.prefix != sys.base_prefix:  # a virtual environment: the project's .venv
        return Path(sys.prefix) / KEY_FILE
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "manpower" / KEY_FILE


@functools.lru_cache(maxsize=4)
def _load(path: Path) -> bytes | None:
    """The key at `path`, created (0600, atomically: two first renders agree on one key) when
    absent; None when it cannot be read or created, or when others than its owner may read it
    or it is not ours (then nothing is trusted and nothing is signed)."""
    for _ in range(2):
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            _create(path)
            continue
        except OSError:
            return None
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode) or st.st_mode & 0o077 or st.st_uid != os.geteuid():
                return None
            data = os.read(fd, 256).strip()
        finally:
            os.close(fd)
        return data if len(data) >= 32 else None
    return None


def _create(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, secrets.token_hex(32).encode("ascii") + b"\n")
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)  # never replaces a key another process made meanwhile
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    except OSError:
        return


def secret() -> bytes | None:
    """This environment's secret key, or None when there is none to be had."""
    return _load(key_path())


def mac(*parts: bytes | str) -> str | None:
    """The HMAC-SHA-256 (hex) of `parts` (each length-prefixed, so parts cannot run into each
    other) under this environment's key; None without a key."""
    key = secret()
    if key is None:
        return None
    h = hmac.new(key, digestmod=hashlib.sha256)
    for p in parts:
        b = p.encode("utf-8") if isinstance(p, str) else p
        h.update(f"{len(b)}:".encode("ascii"))
        h.update(b)
    return h.hexdigest()


def verify(tag: object, *parts: bytes | str) -> bool:
    """Whether `tag` is the MAC of `parts` under this environment's key (in constant time)."""
    expected = mac(*parts)
    return expected is not None and isinstance(tag, str) and hmac.compare_digest(tag, expected)
