"""`render --out` may only replace a folder the render owns: new, empty, or a previous report.

Every refusal is one line, exit 2 or 1, and the whole project tree hashes the same before and after."""
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import tiny_notebook
from manpower.report.publish import DestinationError, check_destination, is_our_report

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


# --- folders beside --out: only what a render of ours made (and can prove it made) is removed ---

def _old(path: Path, hours: float = 3) -> None:
    """Date every file and folder under `path` `hours` back, as a user's old backup would be."""
    t = __import__("time").time() - hours * 3600
    for p in [*path.rglob("*"), path]:
        os.utime(p, (t, t), follow_symlinks=False)


def _dead_pid() -> int:
    return int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True).stdout)


def test_a_render_leaves_the_users_folders_beside_out_and_cleans_only_its_own(mini_project, tmp_path):
    """`--out x/site` beside the user's `.site.old-backup/` (3 hours old), `.site.partial-drafts/`,
    folders named like a dead render's (`.site.old-PID`, `.site.partial-PID-x`), one holding a
    forged MARK and one holding a MARK copied from a real build folder: every one survives byte for
    byte; a build folder a killed render of ours left is removed."""
    from manpower.report.publish import MARK

    beside = tmp_path / "x"
    beside.mkdir()
    dead = _dead_pid()
    for name, files in {".site.old-backup": {"thesis.txt": "chapter one of my thesis\n"},
                        ".site.partial-drafts": {"notes.txt": "draft\n", "sub/deeper.txt": "more\n"},
                        f".site.old-{dead}": {"keep.txt": "mine\n"},
                        f".site.partial-{dead}-abc": {"keep.txt": "mine too\n"},
                        ".site.partial-forged": {MARK: '{"pid": %d, "token": "t", "hmac": "%s"}\n' % (dead, "0" * 64)}}.items():
        for rel, text in files.items():
            (beside / name / rel).parent.mkdir(parents=True, exist_ok=True)
            (beside / name / rel).write_text(text)
    # a build folder of ours, left by a render that was killed (its process is gone)
    made = subprocess.run([sys.executable, "-c", (
        "import sys, tempfile; from pathlib import Path; from manpower.report.publish import mark\n"
        "w = Path(tempfile.mkdtemp(prefix='.site.partial-', dir=sys.argv[1])); mark(w)\n"
        "(w / 'report.pdf').write_bytes(b'half'); print(w)"), str(beside)],
        capture_output=True, text=True, check=True)
    ours = Path(made.stdout.strip())
    (beside / ".site.old-copied").mkdir()
    (beside / ".site.old-copied" / MARK).write_bytes((ours / MARK).read_bytes())  # a real MARK, wrong folder
    for d in beside.iterdir():
        _old(d)
    users = {d.name: tree_hash(d) for d in beside.iterdir() if d != ours}
    tiny_notebook(mini_project / "notebooks" / "01_losses.ipynb")  # --chapters takes only a declared chapter's name
    project_before = tree_hash(mini_project)

    env = {**os.environ, "MANPOWER_ROOT": str(mini_project), "MANPOWER_CACHE": str(tmp_path / "cache")}
    r = subprocess.run([MANPOWER, "render", "-q", "--chapters", "01_losses", "--out", str(beside / "site")], cwd=mini_project,
                       capture_output=True, text=True, env=env, timeout=600)
    assert r.returncode == 0, r.stderr
    assert (beside / "site" / "report.pdf").is_file() and not (beside / "site" / MARK).exists()
    assert not ours.exists(), "the killed render's build folder was left"
    assert {d.name: tree_hash(d) for d in beside.iterdir() if d.name != "site"} == users
    assert tree_hash(mini_project) == project_before


# --- MANPOWER_CACHE: never inside the project's own folders, at /, or in someone else's folder ---

@pytest.mark.parametrize("cache", ["data", "seeds", "notebooks", "params", "src/cache", "tests", ".git", ".", "/",
                                   "../somewhere"])
def test_a_cache_folder_that_is_not_ours_is_refused_and_nothing_is_written(project, cache):
    """`MANPOWER_CACHE=data` (or a project folder, the project root, `/`, a folder of the user's
    files): one line naming MANPOWER_CACHE, exit 2, the project and the folder byte-identical."""
    before = tree_hash(project.parent)
    top = sorted(os.listdir("/"))
    env = {k: v for k, v in os.environ.items() if k != "MANPOWER_ROOT"}
    r = subprocess.run([MANPOWER, "render", "-q", "--out", str(project.parent / "out")], cwd=project,
                       capture_output=True, text=True, env={**env, "MANPOWER_CACHE": cache}, timeout=600)
    assert r.returncode == 2, r.stderr
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "cache folder" in lines[0] and "MANPOWER_CACHE" in lines[0], r.stderr
    assert "Traceback" not in r.stderr + r.stdout
    assert tree_hash(project.parent) == before
    assert sorted(os.listdir("/")) == top


def test_load_refuses_a_cache_inside_the_data_folder(project_copy):
    from manpower.vocabulary.cachefolder import CacheFolderError
    from manpower.curated.data import load

    data, seeds = project_copy
    before = tree_hash(data.parent)
    with pytest.raises(CacheFolderError, match="inside the project's data/ folder"):
        load(data, seeds, cache_dir=data)
    assert tree_hash(data.parent) == before


def test_a_cache_folder_of_ours_or_a_new_or_empty_one_is_accepted(tmp_path):
    from manpower.report.cache import ChapterCache
    from manpower.vocabulary.cachefolder import MARKER, CacheFolderError, check_folder

    root = tmp_path / "proj"
    (root / "data").mkdir(parents=True)
    assert check_folder(tmp_path / "new", root) == (tmp_path / "new").resolve()
    ChapterCache(tmp_path / "new", say=lambda s: None)  # creates it, marked as ours
    assert (tmp_path / "new" / MARKER).is_file()
    (tmp_path / "new" / "01_x-abc").mkdir()
    assert check_folder(tmp_path / "new", root) == (tmp_path / "new").resolve()
    (tmp_path / "new" / MARKER).unlink()
    with pytest.raises(CacheFolderError, match="not a manpower cache"):
        check_folder(tmp_path / "new", root)
    (root / "reports" / ".cache" / "old-entry").mkdir(parents=True)  # the default place is always ours
    assert check_folder(root / "reports" / ".cache", root) == (root / "reports" / ".cache").resolve()
