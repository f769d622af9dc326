"""The briefing in the rendered report: the summary opens with the key judgements, says what the
sources cannot tell and what to watch; the methodology appendix lists the scale and the rules; a
report of the fixture corpus rendered --since a report of the seeds says what changed."""
import json
import re
import shutil
from pathlib import Path

import pytest

from manpower.writing.standards import CONFIDENCE_RULES, LIKELIHOOD_RULES, SCALE
from manpower.report.render import Options, render, resolve_params
from project import build_project

ROOT = Path(__file__).resolve().parents[1]


def summary_project(dest: Path, fixtures: bool) -> Path:
    root = build_project(dest, fixtures=fixtures)
    (root / "notebooks").mkdir()
    for f in ("00_summary.ipynb", "jupytext.toml"):
        shutil.copy(ROOT / "notebooks" / f, root / "notebooks" / f)
    shutil.copytree(ROOT / "params", root / "params")
    return root


def text_of(folder: Path) -> str:
    return " ".join((folder / "report.html").read_text(encoding="utf-8").split())


@pytest.fixture(scope="module")
def two_reports(tmp_path_factory):
    base = tmp_path_factory.mktemp("briefing")
    out = {}
    since = None
    for name, fixtures in (("seeds", False), ("corpus", True)):
        root = summary_project(base / name, fixtures)
        _, params = resolve_params(root, "standard", [], {})
        out[name] = render(Options(name, params, say=lambda _: None, cache_dir=base / "cache",
                                   chapters=("00_summary",), since=since), root).folder
        since = out[name]
    return out


def test_the_summary_opens_with_the_key_judgements(two_reports):
    for folder in two_reports.values():
        html = text_of(folder)
        body = html[html.index('<main id="main">'):]
        headings = re.findall(r"<h[23][^>]*>(.*?)</h[23]>", body)
        assert "Key judgements" in headings[1], headings[:3]  # after the chapter's title, first
        assert "What the sources cannot tell us" in body and "Indicators to watch" in body
        saved = json.loads((folder / "judgements.json").read_text())
        assert 3 <= len(saved) <= 5
        for j in saved:  # each judgement printed with its scale word, band and confidence
            word = j["likelihood"][:1].upper() + j["likelihood"][1:]
            shown = f"{word} ({j['band']})" if j["band"] else f"{word}:"  # "cannot be assessed" has no band
            assert shown in body and f"{j['confidence'].capitalize()} confidence" in body


def test_the_methodology_lists_the_scale_and_every_rule(two_reports):
    html = text_of(two_reports["seeds"])
    appendix = html[html.index("Methodology and caveats</h2>"):]
    assert all(f"{s.word} ({s.band})" in appendix for s in SCALE)
    for rule in (*LIKELIHOOD_RULES, *CONFIDENCE_RULES):
        assert rule.text[:40].replace("'", "&#39;") in appendix.replace("’", "'") or rule.text[:40] in appendix


def test_the_corpus_report_says_what_changed_since_the_seeds_report(two_reports):
    seeds = json.loads((two_reports["seeds"] / "judgements.json").read_text())
    corpus = json.loads((two_reports["corpus"] / "judgements.json").read_text())
    html = text_of(two_reports["corpus"])
    section = html[html.index("What changed since the last report</h2>"):]
    assert re.search(r"Since the report “seeds” of \d+ \w+ \d{4}, \d+ figures were added", section)
    before = {j["key"]: j for j in seeds}
    moved = [j for j in corpus if j["key"] in before and
             (j["likelihood"], j["confidence"]) != (before[j["key"]]["likelihood"], before[j["key"]]["confidence"])]
    assert moved
    for j in moved:
        b = before[j["key"]]
        assert (f"{j['topic']}: {b['likelihood']}, {b['confidence']} confidence then; "
                f"{j['likelihood']}, {j['confidence']} confidence now.") in section
    assert "What changed since" not in text_of(two_reports["seeds"])  # no --since, no section
