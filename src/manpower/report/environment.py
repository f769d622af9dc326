"""The environment a report is made in: the lock file `make setup` installs from, and the Jupyter
kernel the notebooks name.

A report rendered next year should be made with the same matplotlib, pandas, pandoc and typst
as today's, so `make setup` installs the exact versions (with hashes) in `requirements.lock`,
and the manifest records the lock's SHA-256 (`lock_hash`) and how the environment was installed
(`install_record`). The notebooks name the kernel "manpower": every pip install of the project
(make setup's, conda's environment.yml, any venv) puts its kernelspec in the environment's
share/jupyter/kernels (pyproject.toml's data-files), so JupyterLab and plain `papermill` run them
on the environment the project is installed in; `kernel` below renames it after that environment
("manpower (project .venv)" for make setup's .venv).

    python -m manpower.report.environment kernel        # (re)register the kernel, named after this environment
    python -m manpower.report.environment stamp MODE    # the line `make setup` writes to .venv/.installed
    python -m manpower.report.environment notebooks     # make every notebook name the kernel and hold the
                                                 # parameters cell params.SPEC gives (.ipynb and .py)
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from ..vocabulary.chapters import chapter_name, chapter_notebooks
from ..vocabulary.params import parameters_cell
from ..vocabulary.fingerprint import LOCK_FILE, lock_hash  # noqa: F401 (the manifest records it)
from ..paths import project_root

KERNEL_NAME = "manpower"
KERNEL_DISPLAY_NAME = "manpower (project .venv)"
KERNELSPEC = {"display_name": KERNEL_DISPLAY_NAME, "language": "python", "name": KERNEL_NAME}
STAMP = ".installed"  # in the environment's prefix (.venv/.installed), written by `make setup`


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


def kernel_display_name(prefix: str | Path | None = None, root: Path | None = None) -> str:
    """The kernel's name in JupyterLab's launcher, after the environment it runs in: the project's
    .venv only when it is one, a conda environment by its name, any other by its folder."""
    env = Path(prefix or sys.prefix).resolve()
    if env == ((root or project_root()) / ".venv").resolve():
        return KERNEL_DISPLAY_NAME
    if (env / "conda-meta").is_dir():
        return f"{KERNEL_NAME} (conda env {env.name})"
    return f"{KERNEL_NAME} ({env})"


def install_kernel(prefix: str | None = None) -> tuple[Path, str]:
    """Register this interpreter as the Jupyter kernel "manpower" inside its own environment
    (sys.prefix/share/jupyter/kernels), named after that environment, so it exists wherever the
    project is set up and nowhere else; (the kernelspec folder, its display name)."""
    from ipykernel.kernelspec import install

    name = kernel_display_name(prefix)
    return Path(install(kernel_name=KERNEL_NAME, display_name=name, prefix=prefix or sys.prefix)), name


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


_PARAMS_PY = re.compile(r'^(# %% tags=\["parameters"\]\n)(.*?)(?=\n\n# %%|\n*\Z)', re.M | re.S)


def set_parameters_cell(ipynb: Path) -> bool:
    """Make the `parameters` cell of a chapter notebook and of its paired .py what params.SPEC
    gives (params.parameters_cell), touching nothing else; True when a file changed."""
    source = parameters_cell(chapter_name(ipynb.stem))
    changed = False
    nb = json.loads(ipynb.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            if "".join(cell.get("source", [])) != source:
                cell["source"] = source.splitlines(keepends=True)
                ipynb.write_text(json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
                changed = True
            break
    twin = ipynb.with_suffix(".py")
    if twin.is_file():
        py = twin.read_text(encoding="utf-8")
        new = _PARAMS_PY.sub(lambda m: m[1] + source, py, count=1)
        if new != py:
            twin.write_text(new, encoding="utf-8")
            changed = True
    return changed


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["kernel"]:
        folder, name = install_kernel()
        print(f"kernel {KERNEL_NAME!r} ({name}) registered in {folder}")
        return 0
    if len(args) == 2 and args[0] == "stamp":
        try:
            print(stamp_line(args[1]))
        except ValueError as exc:
            print(f"manpower.report.environment: {exc}", file=sys.stderr)
            return 2
        return 0
    if args == ["notebooks"]:
        for nb in chapter_notebooks(project_root() / "notebooks"):  # not a user's copy of one
            if set_kernel_metadata(nb):
                print(f"{nb.name}: kernel set to {KERNEL_NAME!r}")
            if set_parameters_cell(nb):
                print(f"{nb.name}: parameters cell set from the spec (params.py)")
        return 0
    print(__doc__.split("\n\n")[-1].rstrip(), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
