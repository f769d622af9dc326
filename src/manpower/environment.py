"""The environment a report is made in: the lock file `make setup` installs from, and the Jupyter
kernel the notebooks name.

A report rendered next year should be made with the same matplotlib, pandas, pandoc and typst
as today's, so `make setup` installs the exact versions (with hashes) in `requirements.lock`,
and the manifest records the lock's SHA-256 (`lock_hash`) and how the environment was installed
(`install_record`). The notebooks name the kernel "manpower", which `make setup` registers inside
.venv, so JupyterLab and plain `papermill` run them on the project's environment.

    python -m manpower.environment kernel        # register the kernel in this environment
    python -m manpower.environment stamp MODE    # the line `make setup` writes to .venv/.installed
    python -m manpower.environment notebooks     # make every notebook name the kernel
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

from .paths import project_root

LOCK_FILE = "requirements.lock"
KERNEL_NAME = "manpower"
KERNEL_DISPLAY_NAME = "manpower (project .venv)"
KERNELSPEC = {"display_name": KERNEL_DISPLAY_NAME, "language": "python", "name": KERNEL_NAME}
STAMP = ".installed"  # in the environment's prefix (.venv/.installed), written by `make setup`


def lock_hash(root: Path | None = None) -> str | None:
    """The SHA-256 of requirements.lock (hex), or None when the project has none."""
    path = (root or project_root()) / LOCK_FILE
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def install_record(prefix: str | Path | None = None) -> dict[str, str | None]:
    """How this environment was installed, from the stamp `make setup` leaves in it:
    {"mode": "locked", "lock_sha256": "<hex>"} when from the lock, {"mode": "unlocked", ...}
    for `make setup UNLOCKED=1`, {"mode": "unknown", ...} when not set up by make."""
    try:
        words = (Path(prefix or sys.prefix) / STAMP).read_text(encoding="utf-8").split()
    except OSError:
        words = []
    mode = words[0] if words and words[0] in ("locked", "unlocked") else "unknown"
    sha = words[1] if mode == "locked" and len(words) > 1 else None
    return {"mode": mode, "lock_sha256": sha}


def manifest_entry(root: Path | None = None) -> dict:
    """What a report's manifest.json records of its environment: the lock file and its SHA-256,
    and how the environment was installed (from that lock, or not)."""
    return {"lock_file": LOCK_FILE, "lock_sha256": lock_hash(root), "install": install_record()}


def stamp_line(mode: str, root: Path | None = None) -> str:
    if mode == "locked":
        return f"locked {lock_hash(root)}"
    if mode == "unlocked":
        return "unlocked"
    raise ValueError(f"install mode must be 'locked' or 'unlocked', not {mode!r}")


def install_kernel(prefix: str | None = None) -> Path:
    """Register this interpreter as the Jupyter kernel "manpower" inside its own environment
    (sys.prefix/share/jupyter/kernels), so it exists wherever the project is set up and nowhere
    else; returns the kernelspec folder."""
    from ipykernel.kernelspec import install

    return Path(install(kernel_name=KERNEL_NAME, display_name=KERNEL_DISPLAY_NAME,
                        prefix=prefix or sys.prefix))


# -- the notebooks' metadata --------------------------------------------------------------------
HEADER = ("# ---\n# jupyter:\n#   kernelspec:\n"
          f"#     display_name: {KERNEL_DISPLAY_NAME}\n#     language: python\n#     name: {KERNEL_NAME}\n"
          "# ---\n\n")
_HEADER_RE = re.compile(r"\A# ---\n(?:#.*\n)*?# ---\n\n?")


def set_kernel_metadata(ipynb: Path) -> bool:
    """Make a notebook and its paired .py name the project's kernel, touching nothing else:
    the .ipynb's metadata.kernelspec (JSON written as nbformat writes it) and the .py's jupytext
    header. True when a file changed."""
    changed = False
    text = ipynb.read_text(encoding="utf-8")
    nb = json.loads(text)
    if nb.get("metadata", {}).get("kernelspec") != KERNELSPEC:
        nb.setdefault("metadata", {})["kernelspec"] = dict(KERNELSPEC)
        ipynb.write_text(json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        changed = True
    twin = ipynb.with_suffix(".py")
    if twin.is_file():
        py = twin.read_text(encoding="utf-8")
        new = HEADER + _HEADER_RE.sub("", py, count=1)
        if new != py:
            twin.write_text(new, encoding="utf-8")
            changed = True
    return changed


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["kernel"]:
        print(f"kernel {KERNEL_NAME!r} ({KERNEL_DISPLAY_NAME}) registered in {install_kernel()}")
        return 0
    if len(args) == 2 and args[0] == "stamp":
        try:
            print(stamp_line(args[1]))
        except ValueError as exc:
            print(f"manpower.environment: {exc}", file=sys.stderr)
            return 2
        return 0
    if args == ["notebooks"]:
        from .chapters import chapter_notebooks

        for nb in chapter_notebooks(project_root() / "notebooks"):  # not a user's copy of one
            if set_kernel_metadata(nb):
                print(f"{nb.name}: kernel set to {KERNEL_NAME!r}")
        return 0
    print(__doc__.split("\n\n")[-1].rstrip(), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
