"""The blind-written corpus (tests/fixtures/blind), kept to score `draft`: its rows pass check
beside the project's, and every text says on its first line that it is invented."""
import io

from manpower.check import run_check
from manpower.data import examine
from project import BLIND, FIXTURES, ROOT, _rows, build_project, fixture_sources

MARK = "INVENTED FOR TESTS"


def test_blind_articles_are_registered_marked_invented_and_live_outside_seeds():
    files = {r["file"] for r in _rows(BLIND / "seeds" / "sources.csv")[1]}
    texts = {p.name for p in (BLIND / "seeds").glob("*.txt")}
    assert texts and texts == files  # every text registered, every registered text present
    for name in texts:
        first = (BLIND / "seeds" / name).read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith(MARK), name
        assert not (ROOT / "seeds" / name).exists() and not (FIXTURES / "seeds" / name).exists(), name


def test_blind_corpus_passes_check_beside_the_project(tmp_path):
    root = build_project(tmp_path, extra=BLIND)
    out, err = io.StringIO(), io.StringIO()
    assert run_check(root / "data", root / "seeds", out, err) == 0, err.getvalue()
    coverage = {c.source_id: c for c in examine(root / "data", root / "seeds").coverage}
    for source_id in fixture_sources(BLIND):  # each article is curated, not only excluded
        assert coverage[source_id].curated > 0, source_id
