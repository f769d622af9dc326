"""Appendix B lists the articles the report cites and counts the rest (which the data package
lists), so a large corpus does not become the report's longest section."""
from conftest import ROOT

from manpower.report.appendix import sources
from manpower.curated.data import load


def test_only_cited_articles_are_listed_and_the_rest_counted(tmp_path):
    full = load(ROOT / "data", ROOT / "seeds", cache_dir=tmp_path)
    ids = list(full.sources["source_id"])
    heads = dict(zip(full.sources["source_id"], full.sources["headline"]))
    assert len(ids) >= 2
    everything = sources(full).plain()
    assert all(heads[i][:30] in everything for i in ids) and "data package" not in everything
    one = sources(full, used={ids[0]}).plain()
    assert heads[ids[0]][:30] in one and heads[ids[1]][:30] not in one
    assert f"This is the one article this report cites; the other {len(ids) - 1} of the {len(ids)}" in one
    assert "`data/sources.csv` of the data package" in one
    none = sources(full, used=set()).plain()
    assert f"This report cites none of the {len(ids)} articles" in none
    assert all(heads[i][:30] not in none for i in ids)
