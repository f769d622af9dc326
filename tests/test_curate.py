"""`manpower add` and `manpower draft` on an invented example article: a registry row and a
draft listing every number, data/ untouched, nothing overwritten or half-written."""
import csv
import hashlib
import io

import pytest

from manpower.check import run_check
from manpower.cli import main
from project import FIXTURES, build_project

EXAMPLE = FIXTURES / "examples" / "lakeside-gazette-recruits.txt"
SID = "lakeside-gazette-2024-04-11"


def tree(folder):
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(folder)).encode() + p.read_bytes())
    return h.hexdigest()


def add_args(root, *extra):
    return ["add", str(EXAMPLE), "--outlet", "Lakeside Gazette", "--headline", "Region pays more to fill its quota",
            "--published", "2024-04-11", "--url", "https://example.org/lakeside/quota", "--accessed", "2024-04-12",
            "--licence", "Invented example; CC0", "--seeds", str(root / "seeds"), *extra]


@pytest.fixture
def root(tmp_path):
    return build_project(tmp_path / "p", fixtures=False)


def test_add_then_draft_lists_every_mention_and_leaves_data_alone(root, capsys):
    data_before = tree(root / "data")
    assert main(add_args(root)) == 0
    registry = list(csv.DictReader(io.StringIO((root / "seeds" / "sources.csv").read_text(encoding="utf-8"))))
    new = [r for r in registry if r["source_id"] == SID]
    assert len(new) == 1 and new[0]["url"] == "https://example.org/lakeside/quota" and new[0]["accessed"] == "2024-04-12"
    assert (root / "seeds" / new[0]["file"]).read_text(encoding="utf-8") == EXAMPLE.read_text(encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert run_check(root / "data", root / "seeds", out, err) == 1
    assert f"manpower draft {SID}" in err.getvalue()
    assert main(["draft", SID, "--data", str(root / "data"), "--seeds", str(root / "seeds"), "--out", str(root / "drafts")]) == 0
    draft = list(csv.DictReader(io.StringIO((root / "drafts" / f"{SID}.csv").read_text(encoding="utf-8"))))
    assert {r["mention"] for r in draft} == {"Wednesday", "4,500", "March", "3,000", "February", "800,000", "20,000"}
    by = {r["mention"]: r for r in draft}
    assert (by["3,000"]["qualifier"], by["3,000"]["kind"], by["3,000"]["low"], by["3,000"]["high"]) == ("more than", "floor", "3000", "")
    assert by["800,000"]["unit"] == "rub_one_off" and by["4,500"]["table"] == "inflows"
    assert by["20,000"]["qualifier"] == "about" and by["20,000"]["hedge"] == "hope to"
    assert by["800,000"]["quote"] == "Each recruit now receives a one-time payment of 800,000 roubles, the regional governor said."
    assert tree(root / "data") == data_before


def test_add_refuses_to_overwrite_and_a_bad_field_changes_nothing(root, capsys):
    assert main(add_args(root)) == 0
    before = tree(root / "seeds")
    assert main(add_args(root)) == 1
    assert "already registered" in capsys.readouterr().err
    bad = add_args(root, "--source-id", "other-id")
    bad[bad.index("--published") + 1] = "2024-13-01"
    assert main(bad) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("manpower add: --published:")
    bad = add_args(root, "--source-id", "other-id")
    bad[bad.index("--accessed") + 1] = "yesterday"
    assert main(bad) == 1 and "--accessed" in capsys.readouterr().err
    assert tree(root / "seeds") == before
    assert not list((root / "seeds").glob(".add-*"))


def test_draft_refuses_an_unknown_source_and_an_existing_draft(root, capsys):
    args = ["--data", str(root / "data"), "--seeds", str(root / "seeds"), "--out", str(root / "drafts")]
    assert main(["draft", "nope", *args]) == 1
    assert "unknown source 'nope'" in capsys.readouterr().err
    assert main(add_args(root)) == 0
    assert main(["draft", SID, *args]) == 0
    (root / "drafts" / f"{SID}.csv").write_text("my edits\n")
    assert main(["draft", SID, *args]) == 1
    assert (root / "drafts" / f"{SID}.csv").read_text() == "my edits\n"
    assert main(["draft", SID, *args, "--force"]) == 0


def test_the_readme_example_curated_passes_check(root):
    """The rows the README shows for the example, appended to data/inflows.csv, make check OK."""
    assert main(add_args(root)) == 0
    rows = (FIXTURES / "examples" / "lakeside-gazette-inflows.csv").read_text(encoding="utf-8").split("\n", 1)[1]
    target = root / "data" / "inflows.csv"
    target.write_text(target.read_text(encoding="utf-8") + rows, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert run_check(root / "data", root / "seeds", out, err) == 0, err.getvalue()


def test_drafted_bounds_of_a_median_are_whole_people_that_check_accepts(root, tmp_path):
    """'about 332,810' reads as 316,169.5 to 349,450.5 by the bare convention; draft, check and the
    report round it the same way (outward, to whole people), so a drafted row passes check as it is."""
    from manpower.data import examine
    from manpower.narrative import fmt_range
    from manpower.qualifiers import implied_bounds

    assert implied_bounds("about", 332810.0, None, None, "people") == (316169.0, 349451.0)
    assert fmt_range(316169.5, 349450.5, "people") == "316,169–349,451"
    article = tmp_path / "median.txt"
    article.write_text("INVENTED FOR TESTS - not a real article; every name, figure and quote in it is made up.\n\n"
                       "The invented Delta Institute estimates that about 332,810 Russian soldiers have been killed or "
                       "wounded since the invasion began.\n", encoding="utf-8")
    sid = "delta-review-2024-05-02"
    assert main(["add", str(article), "--outlet", "Delta Review", "--headline", "A median", "--published", "2024-05-02",
                 "--source-id", sid, "--seeds", str(root / "seeds")]) == 0
    assert main(["draft", sid, "--data", str(root / "data"), "--seeds", str(root / "seeds"), "--out", str(root / "drafts")]) == 0
    draft = {r["mention"]: r for r in csv.DictReader(io.StringIO((root / "drafts" / f"{sid}.csv").read_text(encoding="utf-8")))}
    d = draft["332,810"]
    assert (d["low"], d["high"]) == ("316169", "349451")
    path = root / "data" / "losses.csv"
    header = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    row = {c: "" for c in header}
    row.update(id="loss-delta-median", source_id=sid, claimant="Delta Institute", claimant_type="independent_researchers",
               measure="killed_or_wounded", period_start="2022-02", period_end="2024-05", value=d["value"], low=d["low"],
               high=d["high"], unit="people", qualifier=d["qualifier"], kind="estimate", bounds=d["bounds"],
               basis="cumulative", side="russian", claim_date="2024-05-02", claim_date_precision="day", quote=d["quote"])
    buf = io.StringIO()
    csv.DictWriter(buf, fieldnames=header, lineterminator="\n").writerow(row)
    text = path.read_text(encoding="utf-8")
    path.write_text(text + ("" if text.endswith("\n") else "\n") + buf.getvalue(), encoding="utf-8")
    problems = [str(p) for p in examine(root / "data", root / "seeds").problems]
    assert not [p for p in problems if "loss-delta-median" in p or "losses.csv" in p], problems
