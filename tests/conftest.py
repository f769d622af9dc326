"""Shared fixtures: a throwaway copy of data/ and seeds/ that a test may break at will, a
temporary chapter cache for the whole session, and proof that the suite changes nothing in the
checkout (the whole project tree hashes the same after the last test as before the first)."""
import csv
import hashlib
import io
import os
import shutil
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
# not the project's: tools, caches and VCS state that running tests may legitimately touch
NOT_PROJECT = {".venv", ".git", "__pycache__", ".pytest_cache", ".hypothesis", ".ipynb_checkpoints"}


def tree_hash(folder: Path) -> dict[str, str]:
    """Every file, folder and symlink under `folder` (symlinks not followed) with its content
    hash, leaving out NOT_PROJECT and *.egg-info."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d not in NOT_PROJECT and not d.endswith(".egg-info"))
        for d in dirnames:
            out[os.path.relpath(os.path.join(dirpath, d), folder) + "/"] = "dir"
        for f in filenames:
            p = os.path.join(dirpath, f)
            rel = os.path.relpath(p, folder)
            if os.path.islink(p):
                out[rel] = "link:" + os.readlink(p)
            elif os.path.isfile(p):
                out[rel] = hashlib.sha256(Path(p).read_bytes()).hexdigest()
            else:
                out[rel] = "special"
    return out


@pytest.fixture(scope="session", autouse=True)
def checkout_untouched(tmp_path_factory):
    """The suite runs with its own chapter cache (MANPOWER_CACHE, inherited by every subprocess)
    and, at the end, the project tree -- data, seeds, notebooks, reports, everything -- must be
    byte-identical to what it was before the first test."""
    os.environ["MANPOWER_CACHE"] = str(tmp_path_factory.mktemp("chapter-cache"))
    before = tree_hash(ROOT)
    yield
    after = tree_hash(ROOT)
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert not changed, f"the test suite changed the checkout: {changed[:20]}"


def tiny_notebook(path: Path, *code: str, title: str = "Tiny") -> Path:
    """A chapter notebook that renders fast: a heading, a parameters cell, then `code` cells
    (default: one paragraph of Markdown output)."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {title}"),
                nbformat.v4.new_code_cell("as_of = None", metadata={"tags": ["parameters"]})]
    nb.cells += [nbformat.v4.new_code_cell(c) for c in (code or (
        "from IPython.display import Markdown, display\n"
        "display(Markdown('The whole body of the tiny chapter, all of it.'))",))]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


@pytest.fixture
def mini_project(tmp_path):
    """A project copy (data, seeds, params) whose only chapter is a tiny notebook: a full
    render of it takes seconds."""
    root = tmp_path / "proj"
    for d in ("data", "seeds", "params"):
        shutil.copytree(ROOT / d, root / d)
    tiny_notebook(root / "notebooks" / "01_tiny.ipynb")
    return root


@pytest.fixture
def project_copy(tmp_path):
    """(data_dir, seeds_dir) copied into a temporary folder."""
    data, seeds = tmp_path / "data", tmp_path / "seeds"
    shutil.copytree(ROOT / "data", data)
    shutil.copytree(ROOT / "seeds", seeds)
    return data, seeds


def read_table(path: Path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def write_table(path: Path, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def set_cell(path: Path, row_id: str, column: str, value: str, key: str = "id") -> int:
    """Change one cell of a CSV (row found by its id); return the CSV line number of that row."""
    header, rows = read_table(path)
    k, c = header.index(key), header.index(column)
    line = line_of(path, row_id)
    for row in rows:
        if row[k] == row_id:
            row[c] = value
            write_table(path, header, rows)
            return line
    raise KeyError(row_id)


def line_of(path: Path, row_id: str) -> int:
    """The physical line a row starts on, counted independently of the loader."""
    reader = csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))
    next(reader)
    while True:
        start = reader.line_num + 1
        row = next(reader)
        if row and row[0] == row_id:
            return start


def pdf_charts(page) -> int:
    """Charts drawn on a PDF page (pypdf): raster images and embedded vector drawings (a chart
    embedded as PDF becomes a form XObject)."""
    xobjects = (page.get("/Resources") or {}).get("/XObject") or {}
    return sum(str(x.get_object().get("/Subtype")) in ("/Image", "/Form") for x in xobjects.values())


@pytest.fixture(scope="module")
def seeds():
    """The project's own data and seeds, loaded (a module's own `seeds` fixture overrides it)."""
    from manpower.curated.data import load

    return load(ROOT / "data", ROOT / "seeds")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The seeds plus every invented fixture article, loaded."""
    from manpower.curated.data import load
    from project import build_project

    proj = build_project(tmp_path_factory.mktemp("corpus"))
    return load(proj / "data", proj / "seeds")
