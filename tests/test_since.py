"""What changed since a previous report: figures added, estimates revised, judgements moved, read
from the previous report folder (manifest.json, figures.csv, data/, judgements.json)."""
import json
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from manpower.writing.judgements import judgements
from manpower.curation.datapackage import write_data_package
from manpower.errors import ManpowerError
from manpower.writing.since import JUDGEMENTS_FILE, SinceError, changes, markdown, save_judgements



def report_folder(folder: Path, ds, name="earlier") -> Path:
    """What a render leaves in a report folder, for the parts the comparison reads."""
    folder.mkdir(parents=True)
    write_data_package(ds, folder)
    (folder / "manifest.json").write_text(json.dumps({"name": name, "document_date": "2024-01-10T00:00:00+00:00"}))
    save_judgements(judgements(ds), folder)
    return folder


def test_the_fixture_corpus_against_the_seeds_report_adds_figures_and_moves_judgements(tmp_path, seeds, corpus):
    prev = report_folder(tmp_path / "earlier", seeds)
    c = changes(prev, corpus, judgements(corpus))
    added = {r["id"] for r in c.added}
    assert added == set(corpus.figures()["id"]) - set(seeds.figures()["id"])
    old = {j.key: j for j in judgements(seeds)}
    new = {j.key: j for j in judgements(corpus)}
    moved = {m.topic for m in c.moved}
    expected = {new[k].topic for k in new if k in old and
                (old[k].likelihood, old[k].confidence) != (new[k].likelihood, new[k].confidence)}
    assert expected and moved == expected
    by_topic = {new[k].topic: k for k in new if k in old}
    for m in c.moved:  # each moved judgement says where it stood before (whichever the added data moves)
        k = by_topic[m.topic]
        assert m.before == f"{old[k].likelihood.word}, {old[k].confidence} confidence"
    text = markdown(c)
    assert text.startswith("Since the report “earlier” of 10 January 2024,") and f"{len(added)} figures were added" in text
    # each added figure reads as what it is, whether or not the list's cap (the latest counts) shows it
    from manpower.writing.since import added_words

    words = {r["id"]: added_words(r) for r in c.added}
    assert words["fx-harbor-total"].startswith(
        "Harbor Institute (invented), 5 September 2024: likely more than 20,000 (“likely surpasses”) foreigners recruited")
    assert words["fx-contracts-2024-target"].startswith(
        "Russian defence ministry, by August 2024: a target of 400,000 Russian men who signed up")
    section = text.split("Estimates revised:")[0].split("Judgements that moved:")[0]
    listed = [line[2:] for line in section.splitlines() if line.startswith("- ") and not line.startswith("- …")]
    assert listed and set(listed) <= set(words.values())
    if len(listed) < len(c.added):
        assert "all in figures.csv" in text


def test_the_same_report_again_changes_nothing(tmp_path, seeds):
    prev = report_folder(tmp_path / "earlier", seeds)
    c = changes(prev, seeds, judgements(seeds))
    assert c.empty and "no figure was added or revised and no judgement moved" in markdown(c)


def test_a_claimant_revising_its_estimate_is_listed_with_both_figures(tmp_path, seeds):
    prev = report_folder(tmp_path / "earlier", seeds)
    df = seeds.losses
    row = df[df["id"] == "loss-ukmod-2023-11-killed-wounded"].iloc[0].to_dict()
    row.update({"id": "loss-ukmod-invented-revision", "value": 320000.0, "low": 304000.0, "high": 336000.0})
    ds = replace(seeds, tables={**seeds.tables, "losses": pd.concat([df, pd.DataFrame([row])], ignore_index=True)})
    c = changes(prev, ds, judgements(ds))
    rev = [r for r in c.revised if r.claimant == "UK Ministry of Defence"]
    assert rev and rev[0].before == "approximately 302,000" and rev[0].after == "approximately 320,000"
    assert "UK Ministry of Defence" in markdown(c) and "approximately 302,000 then, approximately 320,000 now" in markdown(c)


def test_a_corrected_row_is_a_revision(tmp_path, seeds):
    prev = report_folder(tmp_path / "earlier", seeds)
    df = seeds.losses.copy()
    df["value"] = df["value"].astype("Float64")
    df.loc[df["id"] == "loss-usintel-killed-wounded", ["value", "low", "high"]] = 316000.0
    c = changes(prev, replace(seeds, tables={**seeds.tables, "losses": df}), [])
    assert [(r.before, r.after) for r in c.revised] == [("315,000", "316,000")]
    assert not c.added


@pytest.mark.parametrize("breakage, words", [
    (lambda f: (f / "manifest.json").unlink(), "manifest.json: not found"),
    (lambda f: (f / "manifest.json").write_text("{not json"), "manifest.json: cannot be read as JSON"),
    (lambda f: (f / "figures.csv").write_text("a,b\n1,2\n"), "figures.csv: has no 'id' column"),
    (lambda f: (f / JUDGEMENTS_FILE).write_text("{}"), "judgements.json: expected a list"),
    (lambda f: (f / JUDGEMENTS_FILE).write_text('[{"key": "losses"}]'), "judgements.json: judgement 1 has no key, likelihood"),
])
def test_a_broken_previous_report_is_one_line_naming_the_file(tmp_path, seeds, breakage, words):
    prev = report_folder(tmp_path / "earlier", seeds)
    breakage(prev)
    with pytest.raises(SinceError) as exc:
        changes(prev, seeds, [])
    assert words in str(exc.value) and "\n" not in str(exc.value)
    assert isinstance(exc.value, ManpowerError)


def test_a_report_from_before_judgements_were_kept_compares_figures_only(tmp_path, seeds, corpus):
    prev = report_folder(tmp_path / "earlier", seeds)
    (prev / JUDGEMENTS_FILE).unlink()
    c = changes(prev, corpus, judgements(corpus))
    assert c.added and not c.moved and not c.judged
    assert "That report kept no judgements, so none can be compared." in markdown(c)


def test_a_folder_that_is_not_there_is_one_line(tmp_path, seeds):
    with pytest.raises(SinceError, match="not a report folder"):
        changes(tmp_path / "nowhere", seeds, [])


# -- wired into the render ------------------------------------------------------------------------
def render_mini(root, out, cache, **kw):
    from manpower.report.render import Options, render, resolve_params

    name, params = resolve_params(root, "standard", [], {})
    return render(Options(name, params, out=out, say=lambda s: None, cache_dir=cache, chapters=("01_tiny",), **kw), root)


def test_a_render_keeps_its_judgements_and_the_next_one_says_what_changed(mini_project, tmp_path):
    cache = tmp_path / "cache"
    first = render_mini(mini_project, tmp_path / "first", cache).folder
    saved = json.loads((first / JUDGEMENTS_FILE).read_text())
    assert saved and all({"key", "likelihood", "confidence", "why_confidence"} <= set(j) for j in saved)
    # the previous report judged otherwise: the next one says which judgement moved, and how
    saved[0]["confidence"] = "an invented level"
    (first / JUDGEMENTS_FILE).write_text(json.dumps(saved))
    second = render_mini(mini_project, tmp_path / "second", cache, since=first).folder
    html = " ".join((second / "report.html").read_text().split())
    assert "What changed since the last report" in html
    assert "an invented level confidence then" in html


def test_since_a_folder_that_is_not_a_report_is_one_line_before_any_work(mini_project, tmp_path):
    import os
    import subprocess
    import sys

    manpower = str(Path(sys.executable).with_name("manpower"))
    env = {k: v for k, v in os.environ.items() if k != "MANPOWER_ROOT"}
    (mini_project / "notebooks" / "01_tiny.ipynb").rename(mini_project / "notebooks" / "01_losses.ipynb")  # a chapter's name
    r = subprocess.run([manpower, "render", "-q", "--chapters", "01_losses", "--out", str(tmp_path / "out"),
                        "--since", str(tmp_path)], cwd=mini_project, capture_output=True, text=True, env=env,
                       timeout=600)
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert r.stderr.strip().count("\n") == 0 and "manifest.json: not found" in r.stderr
    assert not (tmp_path / "out").exists()
