"""The validated-data cache: a second load of unchanged files reads the validated tables back
instead of validating again; anything changed, damaged or odd means validating again."""
from __future__ import annotations

import os

import pandas as pd
import pytest

from manpower.curated import data as data_module
from manpower.curated import datacache
from manpower.curated.data import DataError, load


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
    (entry,) = (cache / datacache.FOLDER).glob("*" + datacache.SUFFIX)
    blob = bytearray(entry.read_bytes())
    blob[len(blob) // 2] ^= 0xFF  # one flipped byte in the entry
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
    (entry,) = (cache / datacache.FOLDER).glob("*" + datacache.SUFFIX)
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


def test_only_a_few_datasets_are_kept(project_copy, tmp_path):
    data, seeds = project_copy
    dataset = load(data, seeds, cache_dir=tmp_path / "first")
    for i in range(datacache.KEEP + 2):
        datacache.put(tmp_path, f"{i:064x}", dataset)
    kept = sorted(p.stem for p in (tmp_path / datacache.FOLDER).glob("*" + datacache.SUFFIX))
    assert len(kept) == datacache.KEEP
    _same(datacache.get(tmp_path, f"{datacache.KEEP + 1:064x}"), dataset)


def _exact(a, b) -> None:
    """Every table, the sources and the seeds of `a` and `b` equal, values and dtypes exactly."""
    assert list(a.tables) == list(b.tables)
    for x, y in [(a.sources, b.sources), *((a.tables[n], b.tables[n]) for n in a.tables)]:
        pd.testing.assert_frame_equal(x, y, check_exact=True)
        assert list(x.dtypes.astype(str)) == list(y.dtypes.astype(str))
        assert type(x.index) is type(y.index)
    assert list(a.seeds) == list(b.seeds)
    for k in a.seeds:
        assert (a.seeds[k].source_id, a.seeds[k].path, a.seeds[k].raw, a.seeds[k].text) == \
               (b.seeds[k].source_id, b.seeds[k].path, b.seeds[k].raw, b.seeds[k].text)
        assert a.seeds[k].line_of(len(a.seeds[k].text) // 2) == b.seeds[k].line_of(len(b.seeds[k].text) // 2)
    assert (a.data_dir, a.seeds_dir) == (b.data_dir, b.seeds_dir)


def test_the_cache_reads_back_exactly_what_validation_returns(project_copy, tmp_path, counted):
    """The entry is JSON with explicit dtypes: what a cached load returns is what a validating load
    returns, column by column, dtype by dtype (dates, categories, nullable numbers, missing cells)."""
    data, seeds = project_copy
    fresh = load(data, seeds, cache_dir=tmp_path / "cache")
    cached = load(data, seeds, cache_dir=tmp_path / "cache")
    assert len(counted) == 1
    _exact(fresh, cached)
    (entry,) = (tmp_path / "cache" / datacache.FOLDER).glob("*" + datacache.SUFFIX)
    import json

    json.loads(entry.read_bytes().partition(b"\n")[2])  # plain JSON after the HMAC line: nothing to execute


class _Payload:
    """What a hostile pickle does when it is loaded: create a file."""

    def __init__(self, flag):
        self.flag = flag

    def __reduce__(self):
        return (open, (str(self.flag), "w"))


def test_a_planted_entry_with_a_matching_checksum_runs_nothing_and_changes_nothing(project_copy, tmp_path, counted):
    """Someone who can write to the cache folder plants entries under the right key, each with a
    matching SHA-256 line: a pickle whose loading would create a file, and JSON of the dataset with
    one figure changed. Neither is read: no file appears, the figure is the validated one, the data
    is validated again."""
    import hashlib
    import pickle

    data, seeds = project_copy
    cache = tmp_path / "cache"
    good = load(data, seeds, cache_dir=cache)
    k = datacache.key(data, seeds)
    folder = cache / datacache.FOLDER
    for old in folder.iterdir():
        old.unlink()
    flag = tmp_path / "planted-code-ran"
    payload = pickle.dumps(_Payload(flag))
    for suffix in (".pickle", ".json"):
        (folder / f"{k}{suffix}").write_bytes(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    changed = load(data, seeds, cache_dir=tmp_path / "other")
    table = next(n for n, t in changed.tables.items() if "value" in t.columns and len(t))
    changed.tables[table].loc[0, "value"] = 999999
    planted = datacache.encode(changed)
    (folder / f"{k}.json").write_bytes(hashlib.sha256(planted).hexdigest().encode() + b"\n" + planted)
    counted.clear()
    again = load(data, seeds, cache_dir=cache)
    assert not flag.exists(), "code planted in the cache ran"
    assert len(counted) == 1  # validated again
    assert again.tables[table]["value"].iloc[0] == good.tables[table]["value"].iloc[0] != 999999
    (folder / f"{k}.json").write_bytes(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    load(data, seeds, cache_dir=cache)
    assert not flag.exists()
