"""load(): typed tables for the notebooks; the codebook matches the schema; inputs untouched."""
import hashlib

import pandas as pd
import pytest

from conftest import ROOT
from manpower.curation.codebook import codebook
from manpower.curated.data import load


def tree_hash(*folders):
    h = hashlib.sha256()
    for folder in folders:
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                h.update(str(p.relative_to(ROOT)).encode() + p.read_bytes())
    return h.hexdigest()


BEFORE = tree_hash(ROOT / "data", ROOT / "seeds")


def test_dtypes():
    ds = load(ROOT / "data", ROOT / "seeds")
    losses = ds.losses
    assert str(losses["claim_date_start"].dtype).startswith("datetime64")
    assert isinstance(losses["measure"].dtype, pd.CategoricalDtype)
    assert str(losses["value"].dtype) == "Float64"
    assert str(ds.sources["published_end"].dtype).startswith("datetime64")
    assert (ds.sources["published_start"] <= ds.sources["published_end"]).all()
    for col in ("kind", "bounds", "basis", "side", "hedge"):
        assert isinstance(losses[col].dtype, pd.CategoricalDtype)


def test_figures_and_row():
    ds = load(ROOT / "data", ROOT / "seeds")
    figs = ds.figures()
    assert set(figs["table"]) <= {"losses", "inflows", "conscription", "foreign", "events"}
    for col in ("kind", "bounds", "basis", "side", "scope", "part_of", "group", "period_start", "period_end"):
        assert col in figs.columns
    first = figs.iloc[0]
    assert ds.row(first["id"])["quote"] == first["quote"]
    with pytest.raises(KeyError, match="no curated figure with id 'nope'"):
        ds.row("nope")
    for _, r in figs.iterrows():  # every id, from the index, is the row with that id
        assert ds.row(r["id"])["id"] == r["id"] and ds.row(r["id"])["quote"] == r["quote"]


def test_row_follows_a_table_replaced_after_first_use():
    ds = load(ROOT / "data", ROOT / "seeds")
    losses = ds.tables["losses"]
    first, last = losses.iloc[0], losses.iloc[-1]
    assert ds.row(first["id"])["id"] == first["id"]
    ds.tables["losses"] = losses.iloc[::-1].reset_index(drop=True)  # reordered
    assert ds.row(last["id"])["quote"] == last["quote"]
    ds.tables["losses"] = losses[losses["id"] != first["id"]]  # one row fewer
    with pytest.raises(KeyError):
        ds.row(first["id"])


def test_codebook_is_up_to_date():
    assert (ROOT / "data" / "README.md").read_text() == codebook(), "run `manpower codebook`"


def test_codebook_documents_every_column():
    text = codebook()
    for table in ("losses", "inflows", "conscription", "foreign", "events", "exclusions"):
        header = (ROOT / "data" / f"{table}.csv").read_text().splitlines()[0].split(",")
        for col in header:
            assert f"`{col}`" in text


def test_zz_data_and_seeds_unchanged_by_the_tests():
    assert tree_hash(ROOT / "data", ROOT / "seeds") == BEFORE


def test_codebook_documents_every_vocabulary():
    from manpower.vocabulary.qualifiers import HEDGES, QUALIFIERS
    from manpower.vocabulary.schema import BASES, BOUNDS, CLAIMANT_TYPES, FIGURE_UNITS, KINDS, SIDES, TABLES

    text = codebook()
    for word in (*KINDS, *BASES, *BOUNDS, *SIDES, *FIGURE_UNITS, *CLAIMANT_TYPES):
        assert f"`{word}`" in text, word
    for q in (*QUALIFIERS[1:], *HEDGES):
        assert f"| {q} |" in text, q
    for t in TABLES:
        for c in t.columns:
            for a in c.allowed:
                assert f"`{a}`" in text, (t.name, c.name, a)


def test_validation_without_seed_coverage_finds_the_same_problems_and_tables(tmp_path):
    """`load` skips the coverage of the seeds (only `check` reports it); nothing else changes."""
    import shutil

    from manpower.curated.data import examine

    for d in ("data", "seeds"):
        shutil.copytree(ROOT / d, tmp_path / d)
    with_cov, without = examine(tmp_path / "data", tmp_path / "seeds"), examine(tmp_path / "data", tmp_path / "seeds", coverage_of_seeds=False)
    assert with_cov.coverage and without.coverage == []
    assert without.problems == with_cov.problems == []
    for name, df in with_cov.dataset.tables.items():
        pd.testing.assert_frame_equal(df, without.dataset.tables[name])
    losses = tmp_path / "data" / "losses.csv"
    losses.write_text(losses.read_text().replace("315,000 Russian troops", "316,000 Russian troops", 1))
    broken = examine(tmp_path / "data", tmp_path / "seeds", coverage_of_seeds=False)
    assert [str(p) for p in broken.problems] == [str(p) for p in examine(tmp_path / "data", tmp_path / "seeds").problems]
    assert broken.problems  # a quote no longer in its article is still found without coverage


def test_every_curated_table_is_a_name_an_editor_sees_on_a_dataset():
    """A property per table of the schema (not a __getattr__ that invents names at run time)."""
    from manpower.curated.dataset import Dataset
    from manpower.vocabulary.schema import TABLES

    assert "__getattr__" not in vars(Dataset)
    for table in TABLES:
        assert isinstance(vars(Dataset).get(table.name), property), table.name
