"""`render --out` may only replace a folder the render owns: new, empty, or a previous report.

Every refusal is one line, exit 2 or 1, and the whole project tree hashes the same before and after."""
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from manpower.publish import DestinationError, check_destination, is_our_report

ROOT = Path(__file__).resolve().parents[1]
MANPOWER = str(Path(sys.executable).parent / "manpower")


def tree_hash(folder: Path) -> dict[str, str]:
    """Every file and folder under `folder` (symlinks not followed) with its content hash."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for d in dirnames:
            out[os.path.relpath(os.path.join(dirpath, d), folder) + "/"] = "dir"
        for f in filenames:
            p = os.path.join(dirpath, f)
            rel = os.path.relpath(p, folder)
            out[rel] = "link:" + os.readlink(p) if os.path.islink(p) else hashlib.sha256(Path(p).read_bytes()).hexdigest()
    return out


@pytest.fixture
def project(tmp_path):
    """A copy of the project (data, seeds, notebooks, params, a stand-in .git) and a previous report."""
    proj = tmp_path / "proj"
    for name in ("data", "seeds", "notebooks", "params"):
        shutil.copytree(ROOT / name, proj / name)
    (proj / ".git").mkdir()
    (proj / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (proj / "README.md").write_text("the user's readme\n")
    report = proj / "reports" / "old"
    report.mkdir(parents=True)
    (report / "manifest.json").write_text('{"name": "old", "report_key": "x"}')
    (report / "report.pdf").write_bytes(b"%PDF old")
    (proj / "reports" / ".cache").mkdir()
    (proj / "reports" / ".cache" / "keep").write_text("cache\n")
    home = tmp_path / "somewhere"
    home.mkdir()
    (home / "thesis.txt").write_text("a user's file\n")
    return proj


def run(proj: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "MANPOWER_ROOT"}
    return subprocess.run([MANPOWER, "render", "-q", *args], cwd=proj, capture_output=True, text=True,
                          env=env, timeout=600)


@pytest.mark.parametrize("out", [".", "..", "data", "seeds", "notebooks", "params", ".git", "reports",
                                 "reports/.cache", "data/new-folder", "../somewhere", "/", "README.md"])
def test_out_that_is_not_ours_is_refused_and_nothing_changes(project, out):
    before = tree_hash(project.parent)
    r = run(project, "--out", out)
    assert r.returncode != 0
    assert "Traceback" not in r.stderr + r.stdout
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert lines and "output folder" in lines[0], r.stderr
    assert len(lines) <= 2, r.stderr  # the reason, and that the previous report is untouched
    assert tree_hash(project.parent) == before


def test_out_symlink_is_refused(project, tmp_path):
    link = tmp_path / "link"
    link.symlink_to(project / "data")
    before = tree_hash(project.parent)
    r = run(project, "--out", str(link))
    assert r.returncode != 0 and "symbolic link" in r.stderr
    assert tree_hash(project.parent) == before


def test_destinations_a_render_may_replace(tmp_path):
    root = tmp_path / "proj"
    (root / "data").mkdir(parents=True)
    assert check_destination(tmp_path / "new" / "deeper", root) == (tmp_path / "new" / "deeper").resolve()
    (tmp_path / "empty").mkdir()
    assert check_destination(tmp_path / "empty", root) == (tmp_path / "empty").resolve()
    prev = tmp_path / "prev"
    prev.mkdir()
    (prev / "manifest.json").write_text('{"name": "prev", "report_key": "k"}')
    assert is_our_report(prev) and check_destination(prev, root) == prev.resolve()
    (prev / "manifest.json").write_text('{"something": "else"}')  # someone else's manifest
    with pytest.raises(DestinationError, match="not a previous report"):
        check_destination(prev, root)
