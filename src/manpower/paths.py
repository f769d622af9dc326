"""Where the project's data, seeds, notebooks and reports live, from anywhere inside it."""
from __future__ import annotations

import os
from pathlib import Path


def is_project(folder: Path) -> bool:
    """A folder holding a project: seeds/sources.csv and data/."""
    return (folder / "seeds" / "sources.csv").is_file() and (folder / "data").is_dir()


def project_root(start: str | Path | None = None) -> Path:
    """The folder holding data/ and seeds/: $MANPOWER_ROOT, else the nearest parent of `start`
    (default: the working directory, so a notebook run from notebooks/ finds it), else the
    checkout this package was installed from."""
    env = os.environ.get("MANPOWER_ROOT")
    if env:
        return Path(env).resolve()
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_project(folder):
            return folder
    return Path(__file__).resolve().parents[2]


def data_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "data"


def seeds_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "seeds"


def drafts_dir(root: Path | None = None) -> Path:
    """Where `manpower draft` writes candidate rows (git-ignored; the only project folder it may write)."""
    return (root or project_root()) / "drafts"


# the project's own folders: no command writes a report or a cache inside them
PROTECTED = ("data", "seeds", "notebooks", "params", "src", "tests", "docs", "bench", ".git", ".github", ".ci", ".venv")



def project_part(path: Path, root: Path) -> str | None:
    """Where `path` lies in the project at `root` (both resolved): '' for the root itself, the
    name of the project's folder it is in ('data', 'reports', …), None when it is outside."""
    if path == root:
        return ""
    return path.relative_to(root).parts[0] if path.is_relative_to(root) else None


# the prefix of the temporary files `manpower add` writes in seeds/ (check reports any a killed add left)
ADD_TEMP_PREFIX = ".add-"
# the prefix of the temporary files, backups and journal `manpower accept` writes in data/ and
# drafts/ (check reports any a killed accept left; the next accept puts its files back)
ACCEPT_TEMP_PREFIX = ".accept-"


def notebooks_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "notebooks"


def reports_dir(root: Path | None = None) -> Path:
    """Where `manpower render` publishes reports/<name>/."""
    return (root or project_root()) / "reports"


def params_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "params"


def cache_dir(root: Path | None = None) -> Path:
    """The chapter cache: $MANPOWER_CACHE if set (tests point it at a temporary folder), else
    reports/.cache."""
    env = os.environ.get("MANPOWER_CACHE")
    return Path(env) if env else reports_dir(root) / ".cache"
