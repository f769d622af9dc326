"""The blind-written corpora (tests/fixtures/blind, tests/fixtures/blind2), kept to score
`draft`: each set's rows pass check beside the project's, every text says on its first line that
it is invented, and no row id repeats one of the project's, the fixtures' or another set's."""
import io

import pytest

from manpower.curation.check import run_check
from manpower.curated.data import examine
from project import BLINDS, FIXTURES, ROOT, _rows, build_project, fixture_sources

MARK = "INVENTED FOR TESTS"
SETS = pytest.mark.parametrize("folder", BLINDS, ids=[f.name for f in BLINDS])


@SETS
def test_blind_articles_are_registered_marked_invented_and_live_outside_seeds(folder):
    files = {r["file"] for r in _rows(folder / "seeds" / "sources.csv")[1]}
    texts = {p.name for p in (folder / "seeds").glob("*.txt")}
    assert texts and texts == files  # every text registered, every registered text present
    for name in texts:
        first = (folder / "seeds" / name).read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith(MARK), name
        assert not (ROOT / "seeds" / name).exists() and not (FIXTURES / "seeds" / name).exists(), name


@SETS
def test_blind_corpus_passes_check_beside_the_project(folder, tmp_path):
    root = build_project(tmp_path, extra=folder)
    out, err = io.StringIO(), io.StringIO()
    assert run_check(root / "data", root / "seeds", out, err) == 0, err.getvalue()
    coverage = {c.source_id: c for c in examine(root / "data", root / "seeds").coverage}
    for source_id in fixture_sources(folder):  # each article is curated, not only excluded
        assert coverage[source_id].curated > 0, source_id


def test_row_ids_and_articles_are_unique_across_all_sets():
    """Check sees one set at a time beside the project; the sets must also fit together."""
    seen: dict[str, str] = {}
    for folder in (ROOT, FIXTURES, *BLINDS):
        for table in sorted((folder / "data").glob("*.csv")):
            for row in _rows(table)[1]:
                where = f"{table.relative_to(ROOT)}"
                assert row["id"] not in seen, f"{row['id']} in {where} and {seen.get(row['id'])}"
                seen[row["id"]] = where
    sources = [s for folder in (ROOT, FIXTURES, *BLINDS) for s in
               (r["source_id"] for r in _rows(folder / "seeds" / "sources.csv")[1])]
    assert len(sources) == len(set(sources))
