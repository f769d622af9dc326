"""`manpower add` and `manpower draft` on an invented example article: a registry row and a
draft listing every number, data/ untouched, nothing overwritten or half-written."""
import csv
import hashlib
import io
import math
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from manpower.curation.check import run_check
from manpower.cli import main
from manpower.curated.data import examine
from project import FIXTURES, add_and_draft, build_project

EXAMPLE = FIXTURES / "examples" / "lakeside-gazette-recruits.txt"
SID = "lakesidegazette-2024-04-11"


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
    # one candidate per claim: the dates are the words of the figures, not rows of their own
    assert {r["mention"] for r in draft} == {"4,500", "3,000", "800,000", "20,000"}
    by = {r["mention"]: r for r in draft}
    assert (by["4,500"]["claim_date_words"], by["4,500"]["period_words"], by["3,000"]["period_words"]) == \
        ("on Wednesday", "in March", "in February")
    assert (by["4,500"]["claim_date"], by["4,500"]["period_start"], by["3,000"]["period_start"]) == \
        ("2024-04-10", "2024-03", "2024-02")
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


def draft_of(root, tmp_path, text, sid="hostile-2024-01-01"):
    """`add` an invented hostile text, `draft` it: the rows, and the seed as the quotes must match it."""
    rows = add_and_draft(root, tmp_path / "hostile.txt", text, sid, "Hostile", "2024-01-01")
    return rows, " ".join(text.split())


def test_draft_of_a_dense_paragraph_quotes_each_number_with_a_bounded_sentence(root, tmp_path, monkeypatch):
    """A paragraph of numbers with no full stop (issue 17: 20 KB took 77 s and wrote 56 MB, each row
    quoting the whole paragraph): one row per number, each quoting at most QUOTE_LIMIT characters
    around it, verbatim; the seed is looked at once, not once per number (a counter of line lookups)."""
    from manpower.curation.mentions import QUOTE_LIMIT
    from manpower.curated.provenance import Seed

    calls = []
    line_of = Seed.line_of
    monkeypatch.setattr(Seed, "line_of", lambda self, offset: calls.append(offset) or line_of(self, offset))
    numbers = [f"{n:,}" for n in range(1995, 2395)]
    said = [f"the invented town {k} said {1000 + k:,} men enlisted" for k in range(40)]
    text = ("Invented list: " + " ".join(numbers) + "\n\nInvented report: " + ", ".join(said)
            + "\n\nThe ministry said 4,500 recruits signed up.\n")
    rows, seed = draft_of(root, tmp_path, text)
    # the bare list is one row; each number with words around it is a candidate of its own
    assert rows[0]["mention"] == "1,995 … (400 numbers)" and rows[0]["value"] == "" and rows[0]["review"].startswith("a run of 400")
    assert [r["mention"] for r in rows[1:-1] if "," in r["mention"]] == [f"{1000 + k:,}" for k in range(40)]
    for r in rows:
        assert r["quote"] in seed and len(r["quote"]) <= QUOTE_LIMIT, r
    assert all("the quote is the" in r["note"] for r in rows[1:-1])
    assert rows[-1]["quote"] == "The ministry said 4,500 recruits signed up." and "the quote is the" not in rows[-1]["note"]
    assert len(calls) <= 2 * len(seed) + len(rows)  # linear in the seed, not per number times its paragraph


def test_a_bare_list_of_numbers_is_one_draft_row_and_short_runs_stay_rows():
    from types import SimpleNamespace as M

    from manpower.curation.draft import LIST_RUN, bare_runs

    def mentions(text):
        import re
        return [(1, M(start=m.start(), end=m.end(), text=m.group(), kind="number"), (0, len(text)))
                for m in re.finditer(r"\d+", text)]

    listed = " ".join(str(n) for n in range(LIST_RUN)) + " and then 7 men"
    runs = bare_runs(listed, mentions(listed))
    assert [(m.text, run) for _, m, _, run in runs] == [("0", LIST_RUN), ("7", 1)]
    short = ", ".join(str(n) for n in range(LIST_RUN - 1))
    assert [run for *_, run in bare_runs(short, mentions(short))] == [1] * (LIST_RUN - 1)


def test_draft_of_a_number_too_long_for_a_float_proposes_no_value(root, tmp_path):
    """Issue 17: 10 MB of digits were proposed as value `inf`. A number too long to be a count is a
    row marked for review, with no value and no inf or nan in any cell."""
    rows, _ = draft_of(root, tmp_path, "Invented: the counter read " + "9" * 400 + " and 70 more men.\n")
    big, small = rows
    assert (big["value"], big["low"], big["high"]) == ("", "", "") and "too long to be one figure" in big["review"]
    assert big["mention"].startswith("9" * 60) and "400 characters" in big["mention"]
    for r in rows:
        for column in ("value", "low", "high"):
            assert r[column] == "" or math.isfinite(float(r[column])), r
    assert (small["mention"], small["value"]) == ("70", "70")
# --- curation hygiene (issue 17): parallel adds, add's validation and file modes, draft's folder ---

MANPOWER = str(Path(sys.executable).parent / "manpower")


def registry(root):
    return list(csv.DictReader(io.StringIO((root / "seeds" / "sources.csv").read_text(encoding="utf-8"))))


def test_parallel_adds_keep_every_row(root, tmp_path):
    """Ten `manpower add`s at once: every one registered, every seed registered, nothing left over."""
    articles = []
    for i in range(10):
        p = tmp_path / f"article-{i}.txt"
        p.write_text(f"INVENTED EXAMPLE - not a real article.\n\nThe invented town {i} said {100 + i} men signed up.\n",
                     encoding="utf-8")
        articles.append(p)
    procs = [subprocess.Popen([MANPOWER, "add", str(p), "--outlet", f"Invented Herald {i}", "--headline", f"Town {i} recruits",
                               "--published", "2024-03-01", "--seeds", str(root / "seeds")],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for i, p in enumerate(articles)]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        results.append((p.returncode, out, err))
    assert all(code == 0 for code, _, _ in results), results
    rows = {r["source_id"]: r for r in registry(root)}
    for i in range(10):
        row = rows[f"inventedherald{i}-2024-03-01"]
        assert (root / "seeds" / row["file"]).read_text(encoding="utf-8") == articles[i].read_text(encoding="utf-8")
    found = [str(p) for p in examine(root / "data", root / "seeds").problems]
    assert not [p for p in found if "[seed-unregistered]" in p or "[add-leftover]" in p], found
    assert not list((root / "seeds").glob(".add-*"))


def test_add_writes_files_with_the_users_umask(root):
    old = os.umask(0o022)
    try:
        assert main(add_args(root)) == 0
    finally:
        os.umask(old)
    row = [r for r in registry(root) if r["source_id"] == SID][0]
    assert oct(os.stat(root / "seeds" / row["file"]).st_mode & 0o777) == "0o644"
    assert oct(os.stat(root / "seeds" / "sources.csv").st_mode & 0o777) == "0o644"


def _refused(root, capsys, option, value, fragment):
    before = tree(root / "seeds")
    args = add_args(root)
    if option in args:
        del args[args.index(option):args.index(option) + 2]
    args.append(f"{option}={value}")  # one word: a value beginning '-' is not taken for an option
    assert main(args) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"manpower add: {option}:") and fragment in err[0], err
    assert len(err[0]) < 400
    assert tree(root / "seeds") == before


@pytest.mark.parametrize("option, value, fragment", [
    ("--accessed", "2024-04-10", "is before the article was published (2024-04-11)"),
    ("--published", (date.today() + timedelta(days=40)).isoformat(), "is in the future"),
    ("--headline", "Region pays more " * 100, "a headline has at most 500"),
    ("--byline", "=cmd|' /C calc'!A0", "a spreadsheet would run it as a formula"),
    ("--outlet", "@Lakeside Gazette", "a spreadsheet would run it as a formula"),
    ("--licence", "-CC0", "starts with '-' not followed by a digit"),
    ("--outlet", "Lakeside Gazette\u200f", "U+200F RIGHT-TO-LEFT MARK"),
])
def test_add_refuses_impossible_dates_a_huge_headline_formulas_and_invisible_characters(root, capsys, option, value, fragment):
    _refused(root, capsys, option, value, fragment)


def test_an_interrupted_add_leaves_neither_file(root, monkeypatch):
    """Ctrl-C (or SIGTERM, which the command line turns into the same exception) between writing
    the seed and replacing the registry: the seed is taken back and no temporary file stays."""
    import manpower.curation.add

    before = tree(root / "seeds")

    def interrupted(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(manpower.curation.add.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        manpower.curation.add.add(EXAMPLE, root / "seeds", outlet="Lakeside Gazette", headline="Region pays more",
                            published="2024-04-11")
    monkeypatch.undo()
    assert tree(root / "seeds") == before
    assert not list((root / "seeds").glob(".add-*"))


@pytest.mark.parametrize("inside", ["data", "seeds", ".", "notebooks"])
def test_draft_refuses_a_folder_of_the_project_other_than_drafts(root, capsys, inside):
    assert main(add_args(root)) == 0
    (root / "notebooks").mkdir()
    before = tree(root)
    args = ["draft", SID, "--data", str(root / "data"), "--seeds", str(root / "seeds"), "--out", str(root / inside)]
    assert main(args) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("manpower draft: --out") and "drafts/" in err[0], err
    assert tree(root) == before
def test_drafted_bounds_of_a_median_are_whole_people_that_check_accepts(root, tmp_path):
    """'about 332,810' reads as 316,169.5 to 349,450.5 by the bare convention; draft, check and the
    report round it the same way (outward, to whole people), so a drafted row passes check as it is."""
    from manpower.curated.data import examine
    from manpower.writing.narrative import fmt_range
    from manpower.vocabulary.qualifiers import implied_bounds

    assert implied_bounds("about", 332810.0, None, None, "people") == (316169.0, 349451.0)
    assert fmt_range(316169.5, 349450.5, "people") == "316,169–349,451"
    sid = "delta-review-2024-05-02"
    rows = add_and_draft(root, tmp_path / "median.txt", "INVENTED FOR TESTS - not a real article; every name, figure and quote in it is made up.\n\n"
                       "The invented Delta Institute estimates that about 332,810 Russian soldiers have been killed or "
                       "wounded since the invasion began.\n", sid, "Delta Review", "2024-05-02")
    draft = {r["mention"]: r for r in rows}
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


def test_add_writes_the_source_id_as_the_shipped_ids_are_written(root, tmp_path):
    """Issue 20: a new Kyiv Independent article got 'the-kyiv-independent-…' beside the shipped
    'kyivindependent-…'. An outlet already registered lends its id prefix (whatever the shipped
    rows use); a new outlet's name is run together without a leading article or country edition."""
    reg = {r["source_id"]: r["outlet"] for r in registry(root)}
    article = tmp_path / "a.txt"
    article.write_text("INVENTED FOR TESTS - not a real article.\n\nAn invented line with 12 words.\n", encoding="utf-8")
    day = date(2024, 2, 1)
    for sid, outlet in reg.items():
        prefix = sid.rsplit("-", 3)[0]
        for spelling in (outlet, f"the {outlet}" if not outlet.lower().startswith("the ") else outlet[4:]):
            day += timedelta(days=1)
            code = main(["add", str(article), "--outlet", spelling, "--headline", f"Invented {day}", "--published",
                        day.isoformat(), "--seeds", str(root / "seeds")])
            assert code == 0
            assert f"{prefix}-{day.isoformat()}" in {r["source_id"] for r in registry(root)}
    from manpower.curation.add import outlet_prefix

    assert outlet_prefix("The Kyiv Independent") == "kyivindependent"
    assert outlet_prefix("HuffPost UK") == "huffpost"
    assert outlet_prefix("The Northern Ledger (invented)") == "northernledger"
