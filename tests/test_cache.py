"""The chapter cache is verified before it is trusted, keyed by everything that shapes a chapter,
and never fatal: a damaged entry is executed again with one notice, an unusable cache bypassed."""
import errno
import os
import stat

import pytest

import manpower.report.cache
import manpower.vocabulary.cachefolder
from manpower.curated import datacache
from manpower.report.cache import INDEX, ChapterCache, chapter_key, prune_cache
from manpower.report.render import Options, render, resolve_params

BODY = "The whole body of the tiny chapter, all of it."


def render_mini(root, out, cache, **kw):
    said = []
    name, params = resolve_params(root, "standard", [], {})
    result = render(Options(name, params, out=out, say=said.append, cache_dir=cache, chapters=("01_tiny",), **kw), root)
    return result, said


def entry(cache):
    [e] = [d for d in cache.iterdir() if d.name.startswith("01_tiny-") and (d / INDEX).is_file()]
    return e


@pytest.mark.parametrize("damage, file", [
    (lambda e: (e / "chapter.md").write_text("# Tiny\n\nOne"), "chapter.md"),  # truncated
    (lambda e: (e / "chapter.md").unlink(), "chapter.md"),  # deleted
    (lambda e: (e / "01_tiny.ipynb").write_bytes(b"garbage"), "01_tiny.ipynb"),  # replaced
    (lambda e: (e / INDEX).write_text("{not json"), INDEX),  # the index itself
])
def test_damaged_entry_is_executed_again_with_a_notice(mini_project, tmp_path, damage, file):
    cache = tmp_path / "cache"
    first, said = render_mini(mini_project, tmp_path / "a", cache)
    assert first.cached == [] and BODY in (tmp_path / "a" / "report.html").read_text()
    again, _ = render_mini(mini_project, tmp_path / "b", cache)
    assert again.cached == ["tiny"]  # an intact entry is used
    damage(entry(cache))
    third, said = render_mini(mini_project, tmp_path / "c", cache)
    assert third.cached == []
    assert f"  cache entry for 01_tiny damaged ({file}): executing again" in said
    assert BODY in (tmp_path / "c" / "report.html").read_text()
    fourth, said = render_mini(mini_project, tmp_path / "d", cache)  # the entry was written afresh
    assert fourth.cached == ["tiny"] and not [s for s in said if "damaged" in s]


def test_full_cache_disk_is_bypassed_names_the_file_and_leaves_no_temporary_folder(mini_project, tmp_path, monkeypatch):
    cache = tmp_path / "cache"

    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(manpower.report.cache, "_write", full)
    result, said = render_mini(mini_project, tmp_path / "out", cache)
    assert (tmp_path / "out" / "report.pdf").is_file() and result.cached == []
    notice = [s for s in said if "chapter cache not used" in s]
    assert len(notice) == 1 and "01_tiny.ipynb" in notice[0] and "No space left on device" in notice[0], said
    assert [p for p in cache.iterdir() if p.name not in (datacache.FOLDER, manpower.vocabulary.cachefolder.MARKER)] == []  # no .tmpPID folder, no half entry (the validated data has its own folder)


@pytest.mark.parametrize("force", [False, True])
def test_unusable_cache_folder_is_bypassed_even_with_force(mini_project, tmp_path, force):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    result, said = render_mini(mini_project, tmp_path / "out", blocker / "cache", force=force)
    assert (tmp_path / "out" / "report.pdf").is_file()
    assert any("chapter cache not used" in s and "a-file" in s for s in said), said


def test_a_notebook_duplicated_by_jupyterlab_is_not_a_chapter(mini_project, tmp_path):
    import shutil

    from manpower.vocabulary.chapters import CHAPTERS, chapters

    shutil.copy2(mini_project / "notebooks" / "01_tiny.ipynb", mini_project / "notebooks" / "01_tiny-Copy1.ipynb")
    result, _ = render_mini(mini_project, tmp_path / "out", tmp_path / "cache")
    assert sorted(p.name for p in (tmp_path / "out" / "notebooks").iterdir()) == ["01_tiny.ipynb"]
    from conftest import ROOT

    # the project's chapters, whatever copies a user keeps beside them
    assert [c.path.name for c in chapters(ROOT / "notebooks")] == [f"{s}.ipynb" for s in CHAPTERS]


def test_the_checks_over_every_chapter_notebook_skip_a_jupyterlab_copy(tmp_path):
    """`make test` must pass with notebooks/01_losses-Copy1.ipynb present: the tests and `python -m
    manpower.report.environment notebooks` go over chapter_notebooks(), not a glob."""
    import shutil

    from conftest import ROOT
    from manpower.vocabulary.chapters import CHAPTERS, chapter_notebooks, chapters

    notebooks = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks)
    shutil.copy2(notebooks / "01_losses.ipynb", notebooks / "01_losses-Copy1.ipynb")
    (notebooks / "01_losses-Copy1.ipynb").write_text("{not a notebook", encoding="utf-8")
    assert [p.name for p in chapter_notebooks(notebooks)] == [f"{s}.ipynb" for s in CHAPTERS]
    assert [c.path.name for c in chapters(notebooks)] == [f"{s}.ipynb" for s in CHAPTERS]


def test_report_folder_follows_the_umask(mini_project, tmp_path):
    old = os.umask(0o027)
    try:
        render_mini(mini_project, tmp_path / "out", tmp_path / "cache")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out").stat().st_mode) == 0o750


def test_key_covers_notebook_parameters_inputs_package_and_tool_versions(tmp_path, monkeypatch):
    nb = tmp_path / "01_x.ipynb"
    nb.write_text("{}")
    base = chapter_key(nb, {"as_of": None}, {"data/a.csv": "1"}, "pkg")
    assert chapter_key(nb, {"as_of": None, "output_dir": "/elsewhere"}, {"data/a.csv": "1"}, "pkg") == base
    assert chapter_key(nb, {"as_of": "2023-10-31"}, {"data/a.csv": "1"}, "pkg") != base
    assert chapter_key(nb, {"as_of": None}, {"data/a.csv": "2"}, "pkg") != base
    assert chapter_key(nb, {"as_of": None}, {"data/a.csv": "1"}, "pkg2") != base
    nb.write_text("{ }")
    assert chapter_key(nb, {"as_of": None}, {"data/a.csv": "1"}, "pkg") != base
    nb.write_text("{}")
    versions = dict(manpower.report.cache.tool_versions())
    for tool in ("python", "pandas", "matplotlib", "nbconvert", "papermill", "ipykernel", "pandoc", "typst"):
        assert tool in versions, tool
        monkeypatch.setattr(manpower.report.cache, "tool_versions", lambda t=tool: {**versions, t: "0.0-upgraded"})
        assert chapter_key(nb, {"as_of": None}, {"data/a.csv": "1"}, "pkg") != base, tool


class _Dist:
    def __init__(self, name, version):
        self.metadata, self.version = {"Name": name}, version


@pytest.mark.parametrize("change", ["numpy upgraded", "a package added", "a package removed"])
def test_key_covers_every_installed_distribution(tmp_path, monkeypatch, change):
    """The key is made from the whole installed set (importlib.metadata), not a hand-kept list:
    a numpy upgrade (which no list named) is a new key for a chapter and for the validated data."""
    import importlib.metadata as md

    from manpower.curated import datacache
    from manpower.vocabulary import fingerprint

    nb = tmp_path / "01_x.ipynb"
    nb.write_text("{}")
    (tmp_path / "data").mkdir()
    (tmp_path / "seeds").mkdir()
    real = [_Dist(d.metadata["Name"], d.version) for d in md.distributions()]
    assert any(d.metadata["Name"].lower() == "numpy" for d in real)
    changed = {"numpy upgraded": [d if d.metadata["Name"].lower() != "numpy" else _Dist("numpy", "99.0.0") for d in real],
               "a package added": [*real, _Dist("some-plugin", "1.0")],
               "a package removed": [d for d in real if d.metadata["Name"].lower() != "numpy"]}[change]

    def keys(dists):
        monkeypatch.setattr(md, "distributions", lambda: iter(dists))
        for f in (fingerprint._distributions, fingerprint.environment_hash, fingerprint.tool_versions):
            f.cache_clear()
        return (chapter_key(nb, {"as_of": None}, {"data/a.csv": "1"}, "pkg"),
                datacache.key(tmp_path / "data", tmp_path / "seeds"))

    base = keys(real)
    assert keys(real) == base
    after = keys(changed)
    assert after[0] != base[0] and after[1] != base[1]
    monkeypatch.undo()
    for f in (fingerprint._distributions, fingerprint.environment_hash, fingerprint.tool_versions):
        f.cache_clear()


def test_a_planted_chapter_entry_with_matching_checksums_is_not_used(mini_project, tmp_path):
    """A cache folder shared with someone else: they replace chapter.md with their own text and
    write a files.json whose SHA-256s match. The next render does not print their text: the entry
    fails verification (its HMAC needs this environment's key, kept outside the cache) and the
    chapter is executed again, with one line saying so."""
    import hashlib
    import json

    cache = tmp_path / "cache"
    render_mini(mini_project, tmp_path / "a", cache)
    e = entry(cache)
    (e / "chapter.md").write_text("# Tiny\n\nRussia lost 999,999 (planted) soldiers.\n")
    index = json.loads((e / INDEX).read_text())
    index["files"] = {rel: hashlib.sha256((e / rel).read_bytes()).hexdigest() for rel in index["files"]}
    (e / INDEX).write_text(json.dumps(index))
    result, said = render_mini(mini_project, tmp_path / "b", cache)
    assert result.cached == []
    assert "(planted)" not in (tmp_path / "b" / "report.html").read_text()
    assert BODY in (tmp_path / "b" / "report.html").read_text()
    assert [s for s in said if "not verified" in s] == [
        "  cache entry for 01_tiny not verified (not written in this environment, or altered since: "
        "see the cache's trust boundary in cache.py): executing again"]
    index.pop("hmac", None)  # the same, written as files.json was before entries were signed
    e = entry(cache)
    (e / "chapter.md").write_text("# Tiny\n\nRussia lost 999,999 (planted) soldiers.\n")
    (e / INDEX).write_text(json.dumps(index))
    result, said = render_mini(mini_project, tmp_path / "c", cache)
    assert result.cached == [] and "(planted)" not in (tmp_path / "c" / "report.html").read_text()


@pytest.mark.parametrize("how", ["chmod", "writes fail"])
def test_force_executes_every_chapter_even_when_the_cache_is_read_only(mini_project, tmp_path, monkeypatch, how):
    """`--force` on a read-only cache: the chapter is executed (not served from the cache), and
    the manifest says so ("cached": false)."""
    import json

    if how == "chmod" and os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    cache = tmp_path / "cache"
    render_mini(mini_project, tmp_path / "a", cache)
    if how == "chmod":
        for d in (cache, *cache.rglob("*")):
            if d.is_dir():
                d.chmod(0o500)
    else:
        def read_only(path, data):
            raise OSError(errno.EROFS, "Read-only file system", str(path))

        monkeypatch.setattr(manpower.report.cache, "_write", read_only)
        monkeypatch.setattr(manpower.report.cache.shutil, "rmtree", lambda *a, **kw: None)
    try:
        result, said = render_mini(mini_project, tmp_path / "b", cache, force=True)
    finally:
        for d in (cache, *cache.rglob("*")):
            if d.is_dir():
                d.chmod(0o700)
    assert result.cached == []
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text())
    assert [c["cached"] for c in manifest["chapters"]] == [False]
    assert BODY in (tmp_path / "b" / "report.html").read_text()


def test_entry_is_read_only_when_every_file_matches(tmp_path):
    cache = ChapterCache(tmp_path / "c", say=lambda s: None)
    src = tmp_path / "x.md"
    src.write_text("hello\n")
    cache.put("01_a", "k1", {"chapter.md": src, "charts/a.png": src})
    assert cache.get("01_a", "k1") == {"chapter.md": b"hello\n", "charts/a.png": b"hello\n"}
    (tmp_path / "c" / "01_a-k1" / "charts" / "a.png").write_text("hellO\n")
    said = []
    cache.say = said.append
    assert cache.get("01_a", "k1") is None
    assert said == ["  cache entry for 01_a damaged (charts/a.png): executing again"]
    assert not (tmp_path / "c" / "01_a-k1").exists()


def test_cache_keeps_the_most_recently_used_executions_of_each_chapter(tmp_path):
    cache = tmp_path / ".cache"
    for i in range(5):
        for stem in ("01_losses", "02_inflows"):
            d = cache / f"{stem}-{i:04x}"
            d.mkdir(parents=True)
            (d / INDEX).write_text('{"files": {}}\n')
            os.utime(d / INDEX, (1000 + i, 1000 + i))
    (cache / "01_losses-0000.tmp42").mkdir()  # an unfinished write is not counted or touched
    prune_cache(cache, {"01_losses", "02_inflows"}, keep=2)
    assert sorted(p.name for p in cache.iterdir()) == [
        manpower.vocabulary.cachefolder.MARKER, "01_losses-0000.tmp42", "01_losses-0003", "01_losses-0004", "02_inflows-0003", "02_inflows-0004"]
