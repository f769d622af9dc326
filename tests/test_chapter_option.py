"""`--chapters` names declared chapters only (issue 17): a path to a notebook elsewhere, a
JupyterLab copy or a typo is refused in one line before anything executes, and a chapter named
twice is rendered once."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, tiny_notebook, tree_hash

from manpower.vocabulary.chapters import CHAPTERS, chapters

MANPOWER = str(Path(sys.executable).parent / "manpower")


def run(args, root=ROOT):
    env = dict(os.environ, MANPOWER_ROOT=str(root))
    return subprocess.run([MANPOWER, "render", *args], cwd=root, env=env, capture_output=True, text=True, timeout=300)


def refused(r, given):
    assert r.returncode == 2, r.stdout + r.stderr
    [line] = r.stderr.strip().splitlines()
    assert given.split(",")[-1] in line and all(s in line for s in CHAPTERS), line


def test_a_notebook_outside_the_project_is_refused_before_it_runs(tmp_path):
    marker = tmp_path / "side-effect.txt"
    evil = tiny_notebook(tmp_path / "elsewhere" / "evil.ipynb", f"open({str(marker)!r}, 'w').write('ran')")
    out = tmp_path / "site" / "report"
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "keep.txt").write_text("the user's", encoding="utf-8")
    project, beside = tree_hash(ROOT), tree_hash(tmp_path / "site")
    for given in (str(evil.with_suffix("")), str(evil), f"01_losses,{evil.with_suffix('')}", "../elsewhere/evil"):
        refused(run(["--out", str(out), "--chapters", given]), given)
    assert not marker.exists()
    assert tree_hash(ROOT) == project and tree_hash(tmp_path / "site") == beside


def test_a_jupyterlab_copy_is_not_a_chapter_even_when_it_exists(tmp_path):
    root = tmp_path / "proj"
    for d in ("data", "seeds", "params", "notebooks"):
        shutil.copytree(ROOT / d, root / d)
    marker = tmp_path / "side-effect.txt"
    tiny_notebook(root / "notebooks" / "01_losses-Copy1.ipynb", f"open({str(marker)!r}, 'w').write('ran')")
    before = tree_hash(root)
    refused(run(["--out", str(tmp_path / "out"), "--chapters", "01_losses-Copy1"], root), "01_losses-Copy1")
    assert not marker.exists() and tree_hash(root) == before


@pytest.mark.parametrize("given", ["01_losses,01_losses", " 01_losses , 01_losses,"])
def test_a_chapter_named_twice_is_rendered_once(given):
    from manpower.vocabulary.chapters import pick

    assert pick(given) == ("01_losses",)
    assert [c.path.name for c in chapters(ROOT / "notebooks", ["01_losses", "01_losses"])] == ["01_losses.ipynb"]


@pytest.mark.parametrize("stem", ["/tmp/evil", "../notebooks/01_losses", "01_losses-Copy1", "01_losses.ipynb"])
def test_chapters_refuses_a_path_or_a_copy_whatever_calls_it(stem):
    from manpower.errors import ManpowerError

    with pytest.raises(ManpowerError):
        chapters(ROOT / "notebooks", [stem])
