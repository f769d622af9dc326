"""What a cache key is made of: the SHA-256 of files, of the package's code, of the data and seeds,
of the lock file, and of the whole installed environment. Below the chapter cache (cache.py) and
the validated-data cache (datacache.py), which both key on it."""
from __future__ import annotations

import functools
import hashlib
import platform
import sys
from pathlib import Path

from ..paths import data_dir, project_root, seeds_dir

LOCK_FILE = "requirements.lock"


def lock_hash(root: Path | None = None) -> str | None:
    """The SHA-256 of requirements.lock (hex), or None when the project has none."""
    path = (root or project_root()) / LOCK_FILE
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


@functools.lru_cache(maxsize=1)
def _distributions() -> tuple[tuple[str, str], ...]:
    """(name, version) of every distribution installed in this interpreter's environment. A
    wheel's `NAME-VERSION.dist-info` folder says both (reading each METADATA file would cost a
    render that has nothing to do a third of its time); any other install is read from its metadata."""
    import importlib.metadata as md

    out = set()
    for d in md.distributions():
        folder = getattr(d, "_path", None)
        stem, _, rest = getattr(folder, "name", "").rpartition(".")
        if rest == "dist-info" and stem.count("-") == 1:
            name, version = stem.split("-")
            out.add((name.lower().replace("_", "-").replace(".", "-"), version))
            continue
        try:
            out.add(((d.metadata["Name"] or "").lower().replace("_", "-").replace(".", "-"), d.version or ""))
        except Exception:  # a broken dist-info: still part of the set, by its path
            out.add((str(folder or "?"), "?"))
    return tuple(sorted(out))


@functools.lru_cache(maxsize=4)
def environment_hash(root: Path | None = None) -> str:
    """One hash of everything installed: every distribution's name and version (not a hand-kept
    list, so a numpy or a kernel upgrade is a new key), the interpreter (implementation, version,
    build) and the lock file's SHA-256. Part of every cache key, chapter and data."""
    h = hashlib.sha256()
    h.update(f"{sys.implementation.name}|{platform.python_version()}|{sys.version}\n".encode())
    h.update(f"lock:{lock_hash(root or project_root())}\n".encode())
    for name, version in _distributions():
        h.update(f"{name}=={version}\n".encode())
    return h.hexdigest()


TOOLS = ("pandas", "matplotlib", "papermill", "nbconvert", "nbclient", "nbformat", "ipykernel",
         "jupyter-client", "pypandoc-binary", "typst")


@functools.lru_cache(maxsize=1)
def tool_versions() -> dict[str, str]:
    """The versions of everything that shapes a chapter or the report: python, the libraries the
    notebooks run on, the executor and converter, pandoc and typst. Part of every cache key."""
    installed = dict(_distributions())
    out = {"python": platform.python_version(), **{t: installed[t] for t in TOOLS if t in installed}}
    try:
        import pypandoc

        out["pandoc"] = pypandoc.get_pandoc_version()
    except Exception:  # pandoc missing is reported by the typesetting stage itself
        pass
    return out


def sha256_files(paths: list[Path], base: Path) -> dict[str, str]:
    """{path relative to base: SHA-256} of the regular files among `paths`."""
    out = {}
    for p in sorted(paths):
        if p.is_file():
            out[str(p.relative_to(base))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def package_hash() -> str:
    """One hash of the package's code and templates (what the notebooks import)."""
    pkg = Path(__file__).resolve().parents[1]  # the whole package, not this folder
    files = [p for p in pkg.rglob("*") if p.is_file() and p.suffix in (".py", ".typ", ".css")]
    h = hashlib.sha256()
    for rel, digest in sha256_files(files, pkg).items():
        h.update(f"{rel}:{digest}\n".encode())
    return h.hexdigest()


def input_hashes(root: Path) -> dict[str, str]:
    """The SHA-256 of every data table and seed file."""
    files = list(data_dir(root).glob("*.csv")) + [p for p in seeds_dir(root).iterdir() if p.is_file()]
    return sha256_files(files, root)
