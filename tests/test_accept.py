"""`manpower accept`: the draft rows marked keep=yes land in their tables (validated as `check`
validates, each table's form kept), the others stay in the draft; a refused or interrupted accept
leaves data/ and the draft byte for byte as they were."""
import csv
import errno
import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from manpower.cli import main
from manpower.curated.data import examine
from project import FIXTURES, build_project

EXAMPLE = FIXTURES / "examples" / "lakeside-gazette-recruits.txt"
# two more invented sentences: a year, which the draft proposes as an exclusion (so the kept rows
# go into two tables), and a pier's number, which it reads as a count
YEAR = "The regional recruiting office opened in 1998."
PIER = "It stands on Pier 7, beside the ferry terminal."
SID = "lakesidegazette-2024-04-11"
# what a curator writes in the draft: the cells `review` names (the draft reads the rest), then
# `review` emptied and keep = yes; the row of '4,500' goes into inflows, '1998' into exclusions
KEPT = {"4,500": dict(keep="yes", review="", claimant_type="russian_official"),
        "1998": dict(keep="yes", review="")}


def tree(*folders):
    h = {}
    for folder in folders:
        for p in sorted(Path(folder).rglob("*")):
            if p.is_file():
                h[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return h


@pytest.fixture
def root(tmp_path):
    root = build_project(tmp_path / "p", fixtures=False)
    article = tmp_path / EXAMPLE.name
    article.write_text(EXAMPLE.read_text(encoding="utf-8") + "\n" + YEAR + "\n\n" + PIER + "\n", encoding="utf-8")
    assert main(["add", str(article), "--outlet", "Lakeside Gazette", "--headline", "Region pays more to fill its quota",
                 "--published", "2024-04-11", "--seeds", str(root / "seeds")]) == 0
    assert main(["draft", SID, "--data", str(root / "data"), "--seeds", str(root / "seeds"),
                 "--out", str(root / "drafts")]) == 0
    return root


def draft_path(root):
    return root / "drafts" / f"{SID}.csv"


def drafted(root):
    """The draft's rows by their mention."""
    return {r["mention"]: r for r in csv.DictReader(io.StringIO(draft_path(root).read_text(encoding="utf-8"), newline=""))}


def edit_draft(root, changes, drop=()):
    """Set cells of the draft's rows, found by their mention, adding any column not there yet
    and deleting the columns `drop`."""
    path = draft_path(root)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    assert set(changes) <= {r["mention"] for r in rows}, "the draft has no row for a mention the test edits"
    header = [c for c in rows[0] if c not in drop]
    for cells in changes.values():
        header += [c for c in cells if c not in header]
    for r in rows:
        r.update(changes.get(r["mention"], {}))
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=header, lineterminator="\n", restval="", extrasaction="ignore")
    w.writeheader()
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return {r["mention"]: n for n, r in enumerate(rows, 2)}  # mention -> draft line


def accept_args(root):
    return ["accept", str(draft_path(root)), "--data", str(root / "data"), "--seeds", str(root / "seeds")]


def table(root, name):
    return list(csv.DictReader(io.StringIO((root / "data" / f"{name}.csv").read_text(encoding="utf-8"), newline="")))


def test_kept_rows_land_in_their_tables_and_the_rest_stay_in_the_draft(root, capsys):
    """Each kept row is the drafted row with the curator's cells: every cell the draft read is
    copied into the table's column of that name, the draft's own columns (`mention` on a figure
    row among them, which every drafted row fills) are dropped without complaint."""
    draft = drafted(root)
    assert draft["4,500"]["table"] == "inflows" and draft["1998"]["table"] == "exclusions"
    assert "claimant_type" in draft["4,500"]["review"] and draft["1998"]["review"]  # refused as drafted
    lines = edit_draft(root, KEPT)
    before_draft = draft_path(root).read_text(encoding="utf-8").splitlines(keepends=True)
    before = {t: (root / "data" / f"{t}.csv").read_bytes() for t in ("inflows", "exclusions", "losses", "events")}
    assert main(accept_args(root)) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert f"1 into {root / 'data' / 'inflows.csv'}" in out and f"1 into {root / 'data' / 'exclusions.csv'}" in out
    new = table(root, "inflows")[-1]
    assert new == {**{c: draft["4,500"][c] for c in new if c in draft["4,500"]}, "claimant_type": "russian_official",
                   "note": "", **{c: "" for c in new if c not in draft["4,500"]}}  # the draft's guidance is not copied
    assert (new["value"], new["low"], new["high"], new["kind"], new["period_words"]) == \
        ("4500", "4500", "4500", "count", "in March")
    ex = table(root, "exclusions")[-1]
    assert ex == {**{c: draft["1998"][c] for c in ex}, "note": ""}
    assert (ex["source_id"], ex["reason"], ex["mention"], ex["quote"]) == (SID, "context", "1998", YEAR)
    for t in ("inflows", "exclusions"):  # appended: the old bytes are untouched
        assert (root / "data" / f"{t}.csv").read_bytes().startswith(before[t])
    for t in ("losses", "events"):
        assert (root / "data" / f"{t}.csv").read_bytes() == before[t]
    rest = draft_path(root).read_text(encoding="utf-8").splitlines(keepends=True)
    assert rest == [line for n, line in enumerate(before_draft, 1) if n not in (lines["4,500"], lines["1998"])]
    assert len(rest) == len(before_draft) - 2
    assert examine(root / "data", root / "seeds").problems == []
    assert main(accept_args(root)) == 2  # nothing kept any more: refused, nothing written
    assert "no row has keep = yes" in capsys.readouterr().err


@pytest.mark.parametrize("mention, cells, column, fragment", [
    ("4,500", {"id": "inflow-ru-partial-mobilisation-2022-09"}, "id", "duplicate id (also at "),
    ("4,500", {"side": "rusian"}, "side", "must be one of"),
    ("4,500", {"source_id": "nope-2024-01-01"}, "source_id", "unknown source"),
    ("4,500", {"quote": "The invented Lakeside region said on Tuesday that 4,500 men signed contracts"}, "quote",
     "quote not found in seed"),
    ("4,500", {"claimant": ""}, "claimant", "value is required"),
    ("4,500", {"keep": "maybe"}, "keep", "write yes to accept the row"),
    ("4,500", {"table": "recruits"}, "table", "must be one of"),
    ("4,500", {"note": "REVIEW: is this a count?"}, "note", "marked this row for review"),
    ("4,500", {"review": "claimant_type: not read from the claimant's name"}, "review", "marked this row for review"),
    ("4,500", {"measure": "killed"}, "measure", "is not a column of inflows.csv"),
    ("4,500", {"table": "losses", "measure": "killed"}, "country", "is not a column of losses.csv"),
    ("1998", {"table": "events"}, "reason", "is not a column of events.csv"),
])
def test_a_bad_kept_row_names_the_draft_line_and_nothing_is_written(root, capsys, mention, cells, column, fragment):
    lines = edit_draft(root, {**KEPT, mention: {**KEPT[mention], **cells}})
    before = tree(root / "data", root / "drafts", root / "seeds")
    assert main(accept_args(root)) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert f"{draft_path(root).name}:{lines[mention]}: column '{column}':" in err[0] and fragment in err[0], err
    assert "manpower-accept-" not in err[0]  # places are named in data/ or the draft, never the scratch copy
    assert tree(root / "data", root / "drafts", root / "seeds") == before


def test_a_column_the_draft_lacks_is_named_as_one_to_add(root, capsys):
    lines = edit_draft(root, {"4,500": {"keep": "yes", "review": ""}}, drop=["claimant_type"])
    assert main(accept_args(root)) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert f"{draft_path(root).name}:{lines['4,500']}: column 'claimant_type': value is required (the draft has no " \
           f"column 'claimant_type': add it)" in err[0], err


def test_a_figure_row_moved_to_exclusions_drops_the_figure_cells_the_draft_read(root, capsys):
    """The draft read a number as a figure; the curator says it is none for this report (the
    one-off payment, say): table = exclusions, a reason, review emptied, keep = yes is all it
    takes. The figure cells the draft read (claimant, value, unit, ...) are neither copied nor
    refused as columns exclusions lacks; the exclusion names the mention."""
    drafted_before = drafted(root)
    paid = drafted_before["800,000"]
    assert paid["table"] != "exclusions" and paid["value"] and paid["claimant"]
    # the draft's note says how (on a figure row only)
    assert "no figure: table exclusions and a reason" in paid["note"]
    assert "no figure" not in drafted_before["1998"]["note"]
    edit_draft(root, {"800,000": dict(keep="yes", review="", table="exclusions", reason="not_manpower",
                                      id="excl-lakeside-payment")})
    before = table(root, "exclusions")
    assert main(accept_args(root)) == 0, capsys.readouterr().err
    after = table(root, "exclusions")
    assert after[:-1] == before and after[-1] == {"id": "excl-lakeside-payment", "source_id": SID, "reason": "not_manpower",
                                                  "quote": paid["quote"], "mention": "800,000", "note": ""}
    assert drafted(root) == {m: r for m, r in drafted_before.items() if m != "800,000"}  # the rest stay as drafted
    assert examine(root / "data", root / "seeds").problems == []


def test_a_drafted_row_fills_only_its_tables_columns_or_the_drafts_own():
    """Whatever table the draft proposes, every cell it fills is a column of that table or one of
    the draft's own (which accept drops where the table lacks it): a row kept as drafted is never
    refused for holding another table's column. Every fixture article (the blind ones too),
    drafted from nothing."""
    from manpower.curation.accept import _TABLES, _draft_only
    from manpower.curation.draft import propose, published_of
    from manpower.vocabulary.numbers import scan
    from manpower.curated.provenance import Seed

    drafted_rows = 0
    for corpus in (FIXTURES, FIXTURES / "blind"):
        if not (corpus / "seeds" / "sources.csv").is_file():
            continue
        for src in csv.DictReader(io.StringIO((corpus / "seeds" / "sources.csv").read_text(encoding="utf-8"))):
            seed = Seed(src["source_id"], src["file"], (corpus / "seeds" / src["file"]).read_text(encoding="utf-8"))
            for r in propose(src["source_id"], seed, [(seed.line_of(m.start), m) for m in scan(seed.text)],
                             published_of(src), src.get("outlet", "")):
                stray = [c for c, v in r.items() if v and c not in _TABLES[r["table"]].names and c not in _draft_only()]
                assert not stray, (src["source_id"], r["table"], r["mention"], {c: r[c] for c in stray})
                drafted_rows += 1
    assert drafted_rows


@pytest.mark.parametrize("where", ["data", "seeds"])
def test_a_draft_inside_data_or_seeds_is_refused(root, capsys, where):
    edit_draft(root, KEPT)
    inside = root / where / "inflows.csv" if where == "data" else root / where / "draft.csv"
    if where == "seeds":
        inside.write_bytes(draft_path(root).read_bytes())
    before = tree(root / "data", root / "seeds")
    assert main(["accept", str(inside), "--data", str(root / "data"), "--seeds", str(root / "seeds")]) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert f"is inside {where}/" in line
    assert tree(root / "data", root / "seeds") == before


def test_a_draft_without_a_keep_column_says_how_to_mark_rows(root, capsys):
    path = draft_path(root)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("keep,table,", "table,", 1).replace("\n,", "\n"), encoding="utf-8")
    assert main(accept_args(root)) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert f"{path.name}:1: no column 'keep'" in line and "write yes in the rows to accept" in line


def test_an_interruption_after_the_first_rename_puts_every_file_back(root, monkeypatch):
    """Ctrl-C (or SIGTERM, which the command line turns into the same exception) between the
    renames: the table already replaced is put back, no temporary file or journal stays."""
    import manpower.curation.accept as A

    edit_draft(root, KEPT)
    before = tree(root / "data", root / "drafts")
    real, calls = os.replace, []

    def interrupted(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(src, dst)

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        A.accept(draft_path(root), root / "data", root / "seeds")
    monkeypatch.undo()
    assert len(calls) > 2  # the first rename happened, and was undone
    assert tree(root / "data", root / "drafts") == before
    assert not [p for p in (root / "data").iterdir() if p.name.startswith(".accept-")]


KILLER = """
import os, signal, sys
real, calls = os.replace, []
def replace(src, dst):
    real(src, dst)
    calls.append(dst)
    if len(calls) == 1:
        open(sys.argv[2], "w").write("renamed once")
        os.kill(os.getpid(), signal.SIGKILL)
os.replace = replace
from manpower.cli import main
main(["accept", *sys.argv[3:]])
"""


def test_a_kill_between_two_renames_is_named_by_check_and_undone_by_the_next_accept(root, tmp_path, capsys):
    from manpower.curation.transaction import recover

    edit_draft(root, KEPT)
    before = tree(root / "data", root / "drafts")
    flag = tmp_path / "renamed"
    r = subprocess.run([sys.executable, "-c", KILLER, "x", str(flag), *accept_args(root)[1:]],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == -9 and flag.read_text() == "renamed once", r.stderr
    assert tree(root / "data", root / "drafts") != before  # one file replaced, the others not
    left = [str(p) for p in examine(root / "data", root / "seeds").problems if "[accept-leftover]" in str(p)]
    assert left and "run the accept again" in left[0]
    assert recover(root / "data")
    assert tree(root / "data", root / "drafts") == before
    assert main(accept_args(root)) == 0  # and the accept then goes through
    assert examine(root / "data", root / "seeds").problems == []


@pytest.mark.parametrize("call", ["write", "fsync"])
def test_a_full_disk_changes_nothing(root, monkeypatch, capsys, call):
    edit_draft(root, KEPT)
    before = tree(root / "data", root / "drafts")
    real, calls = getattr(os, call), []

    def full(*a):
        calls.append(a)
        if len(calls) == 2:  # the first file is written whole; the second finds the disk full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(*a)

    monkeypatch.setattr(os, call, full)
    code = main(accept_args(root))
    monkeypatch.undo()
    assert code == 1
    [line] = capsys.readouterr().err.strip().splitlines()
    assert "No space left on device" in line and "nothing was changed" in line
    assert tree(root / "data", root / "drafts") == before


def to_crlf(path, quote_all=False, final_newline=True):
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL).writerows(rows)
    text = buf.getvalue() if final_newline else buf.getvalue()[:-2]
    path.write_bytes(text.encode("utf-8"))


def test_crlf_quoting_and_a_missing_final_newline_are_kept(root, capsys):
    """Tables saved by another tool keep their form; so does a draft saved by a spreadsheet."""
    to_crlf(root / "data" / "inflows.csv", quote_all=True)
    to_crlf(root / "data" / "exclusions.csv", final_newline=False)
    lines = edit_draft(root, KEPT)
    to_crlf(draft_path(root))  # a draft saved by a spreadsheet: CRLF and a byte order mark
    draft_path(root).write_bytes(b"\xef\xbb\xbf" + draft_path(root).read_bytes())
    kept_lines = [line for n, line in enumerate(draft_path(root).read_bytes().split(b"\r\n"), 1)
                  if n not in (lines["4,500"], lines["1998"])]
    assert len(kept_lines) == len(draft_path(root).read_bytes().split(b"\r\n")) - 2
    old = {t: (root / "data" / f"{t}.csv").read_bytes() for t in ("inflows", "exclusions")}
    assert main(accept_args(root)) == 0, capsys.readouterr().err
    assert draft_path(root).read_bytes().split(b"\r\n") == kept_lines  # its form kept too
    inflows = (root / "data" / "inflows.csv").read_bytes()
    assert inflows.startswith(old["inflows"]) and inflows.endswith(b"\r\n")
    added = inflows[len(old["inflows"]):].decode()
    assert added.startswith(f'"infl-{SID}-') and added.count("\r\n") == 1 and "\n" not in added.replace("\r\n", "")
    assert added.startswith('"') and ',"",' in added  # every cell quoted, as the file's are
    exclusions = (root / "data" / "exclusions.csv").read_bytes()
    assert exclusions.startswith(old["exclusions"] + b"\r\n") and not exclusions.endswith(b"\n")
    assert exclusions.count(b"\n") == exclusions.count(b"\r\n")
    assert examine(root / "data", root / "seeds").problems == []


def test_an_accept_waits_for_another_one_holding_data(root):
    """One accept at a time: while data/ is locked (as a running accept or add holds it) a second
    accept says it waits (the line the test reads: an event, not a time), writes nothing, and
    files its rows once the lock is released."""
    import fcntl
    import threading

    edit_draft(root, KEPT)
    before = tree(root / "data", root / "drafts")
    fd = os.open(root / "data", os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        p = subprocess.Popen([str(Path(sys.executable).parent / "manpower"), *accept_args(root)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        said: list[str] = []  # the accept's first line, read as it comes (the wait ends on it, not on a time)
        reader = threading.Thread(target=lambda: said.append(p.stderr.readline()), daemon=True)
        reader.start()
        reader.join(120)  # a bound only for an accept that never says it waits: it would block on the lock
        first = said[0] if said else ""
        assert first.startswith("manpower accept: waiting for another add or accept to finish with "), first
        assert str(root / "data") in first and p.poll() is None
        assert tree(root / "data", root / "drafts") == before
    finally:
        os.close(fd)
    out, err = p.communicate(timeout=120)
    assert p.returncode == 0, first + err
    assert f"infl-{SID}-" in (root / "data" / "inflows.csv").read_text(encoding="utf-8")
