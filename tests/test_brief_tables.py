"""Tables and charts that make their point once (issue 19): a decree's terms table gives each term
one row, its clauses joined; on the shipped data and on the data with every fixture article."""
import pytest

from manpower import chapter_foreign as FO
from manpower.narrative import Narrator


@pytest.fixture(scope="module", params=["seeds", "corpus"])
def ds(request):
    return request.getfixturevalue(request.param)


@pytest.fixture(scope="module")
def seeds():
    from manpower.data import load
    from project import ROOT

    return load(ROOT / "data", ROOT / "seeds")


def test_each_term_of_a_decree_has_one_row_with_its_clauses_joined(ds):
    groups = FO.terms_groups(ds)
    for _, _, terms in groups:
        table = FO.terms_table(Narrator(ds), terms)
        assert table["term"].is_unique, list(table["term"])
        assert set(table["term"]) == {FO.TERMS[a] for a in terms["aspect"]}
        for term, n in terms["aspect"].map(FO.TERMS).value_counts().items():  # every clause kept, in its row
            row = table[table["term"] == term].iloc[0]
            assert row["what"].count("; ") >= n - 1
