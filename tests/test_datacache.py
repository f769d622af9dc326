"""The validated-data cache: a second load of unchanged files reads the validated tables back
instead of validating again; anything changed, damaged or odd means validating again."""
from __future__ import annotations

import os

import pandas as pd
import pytest

from manpower import data as data_module
from manpower import datacache
from manpower.data import DataError, load


@pytest.fixture
def counted(monkeypatch):
    """Counts the full validations (examine) that load() runs."""
    calls = []
    real = data_module.examine

    def examine(*a, **kw):
        calls.append(a)
        return real(*a, **kw)

    monkeypatch.setattr(data_module, "examine", examine)
    return calls


def _same(a, b) -> None:
    assert a.tables.keys() == b.tables.keys()
    for name in a.tables:
        pd.testing.assert_frame_equal(a.tables[name], b.tables[name])
    pd.testing.assert_frame_equal(a.sources, b.sources)
    assert {k: s.text for k, s in a.seeds.items()} == {k: s.text for k, s in b.seeds.items()}


def test_a_second_load_reads_the_validated_tables_back(project_copy, tmp_path, counted):
    data, seeds = project_copy
    first = load(data, seeds, cache_dir=tmp_path / "cache")
    second = load(data, seeds, cache_dir=tmp_path / "cache")
    assert len(counted) == 1
    _same(first, second)
    assert second.data_dir == data and second.seeds_dir == seeds


def test_fresh_validates_again(project_copy, tmp_path, counted):
    data, seeds = project_copy
    load(data, seeds, cache_dir=tmp_path / "cache")
    load(data, seeds, cache_dir=tmp_path / "cache", fresh=True)
    assert len(counted) == 2


def test_a_changed_file_is_validated_again(project_copy, tmp_path, counted):
    data, seeds = project_copy
    load(data, seeds, cache_dir=tmp_path / "cache")
    path = data / "losses.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("302000", "302001", 1), encoding="utf-8")  # now breaks a rule
    with pytest.raises(DataError):
        load(data, seeds, cache_dir=tmp_path / "cache")
    assert len(counted) == 2


def test_a_damaged_entry_is_detected_and_replaced(project_copy, tmp_path, counted):
    data, seeds = project_copy
    cache = tmp_path / "cache"
    good = load(data, seeds, cache_dir=cache)
    (entry,) = (cache / datacache.FOLDER).glob("*.pickle")
    blob = bytearray(entry.read_bytes())
    blob[len(blob) // 2] ^= 0xFF  # one flipped byte in the pickle
    entry.write_bytes(bytes(blob))
    again = load(data, seeds, cache_dir=cache)
    assert len(counted) == 2
    _same(good, again)
    load(data, seeds, cache_dir=cache)  # the entry written again is good
    assert len(counted) == 2


def test_a_truncated_entry_is_validated_again(project_copy, tmp_path, counted):
    data, seeds = project_copy
    cache = tmp_path / "cache"
    load(data, seeds, cache_dir=cache)
    (entry,) = (cache / datacache.FOLDER).glob("*.pickle")
    entry.write_bytes(entry.read_bytes()[:100])
    load(data, seeds, cache_dir=cache)
    assert len(counted) == 2


def test_a_symlinked_seed_is_never_served_from_the_cache(project_copy, tmp_path, counted):
    data, seeds = project_copy
    cache = tmp_path / "cache"
    load(data, seeds, cache_dir=cache)
    victim = next(p for p in seeds.iterdir() if p.suffix == ".txt")
    outside = tmp_path / "outside.txt"
    outside.write_bytes(victim.read_bytes())  # the same words, so a content hash alone would match
    victim.unlink()
    victim.symlink_to(outside)
    with pytest.raises(DataError, match="symlink|regular file|link"):
        load(data, seeds, cache_dir=cache)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_cache_is_skipped(project_copy, tmp_path, counted):
    data, seeds = project_copy
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o500)
    try:
        load(data, seeds, cache_dir=cache)
        load(data, seeds, cache_dir=cache)
    finally:
        cache.chmod(0o700)
    assert len(counted) == 2


def test_a_cache_path_that_is_a_file_is_skipped(project_copy, tmp_path, counted):
    data, seeds = project_copy
    blocker = tmp_path / "cache"
    blocker.write_text("not a folder")
    first = load(data, seeds, cache_dir=blocker)
    second = load(data, seeds, cache_dir=blocker)
    assert len(counted) == 2
    _same(first, second)
    assert blocker.read_text() == "not a folder"


def test_only_a_few_datasets_are_kept(tmp_path):
    for i in range(datacache.KEEP + 2):
        datacache.put(tmp_path, f"{i:064x}", {"n": i})
    kept = sorted(p.stem for p in (tmp_path / datacache.FOLDER).glob("*.pickle"))
    assert len(kept) == datacache.KEEP
    assert datacache.get(tmp_path, f"{datacache.KEEP + 1:064x}") == {"n": datacache.KEEP + 1}
