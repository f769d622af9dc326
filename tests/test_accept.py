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
from manpower.data import examine
from project import FIXTURES, build_project

EXAMPLE = FIXTURES / "examples" / "lakeside-gazette-recruits.txt"
SID = "lakesidegazette-2024-04-11"
CLAIM = dict(claimant="Lakeside regional government (invented)", claimant_type="russian_official", country="Russia",
             channel="contract_signups", basis="flow", side="russian", claim_date="2024-04-10",
             claim_date_precision="day", claim_date_words="on Wednesday")
# what a curator writes in the draft: the row of '4,500' into inflows, 'February' named as context
KEPT = {"4,500": dict(CLAIM, keep="yes", period_start="2024-03", period_end="2024-03", period_words="in March"),
        "February": dict(keep="yes", table="exclusions", reason="context")}


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
    assert main(["add", str(EXAMPLE), "--outlet", "Lakeside Gazette", "--headline", "Region pays more to fill its quota",
                 "--published", "2024-04-11", "--seeds", str(root / "seeds")]) == 0
    assert main(["draft", SID, "--data", str(root / "data"), "--seeds", str(root / "seeds"),
                 "--out", str(root / "drafts")]) == 0
    return root


def draft_path(root):
    return root / "drafts" / f"{SID}.csv"


def edit_draft(root, changes):
    """Set cells of the draft's rows, found by their mention, adding any column not there yet."""
    path = draft_path(root)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    header = list(rows[0])
    for cells in changes.values():
        header += [c for c in cells if c not in header]
    for r in rows:
        r.update(changes.get(r["mention"], {}))
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=header, lineterminator="\n", restval="")
    w.writeheader()
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return {r["mention"]: n for n, r in enumerate(rows, 2)}  # mention -> draft line


def accept_args(root):
    return ["accept", str(draft_path(root)), "--data", str(root / "data"), "--seeds", str(root / "seeds")]


def table(root, name):
    return list(csv.DictReader(io.StringIO((root / "data" / f"{name}.csv").read_text(encoding="utf-8"), newline="")))


def test_kept_rows_land_in_their_tables_and_the_rest_stay_in_the_draft(root, capsys):
    edit_draft(root, KEPT)
    before_draft = draft_path(root).read_text(encoding="utf-8").splitlines(keepends=True)
    before = {t: (root / "data" / f"{t}.csv").read_bytes() for t in ("inflows", "exclusions", "losses", "events")}
    assert main(accept_args(root)) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert f"1 into {root / 'data' / 'inflows.csv'}" in out and f"1 into {root / 'data' / 'exclusions.csv'}" in out
    new = table(root, "inflows")[-1]
    assert (new["value"], new["low"], new["high"], new["kind"], new["claimant"], new["period_words"]) == \
        ("4500", "4500", "4500", "count", CLAIM["claimant"], "in March")
    assert new["note"] == ""  # the draft's guidance is not copied
    ex = table(root, "exclusions")[-1]
    assert (ex["source_id"], ex["reason"], ex["mention"]) == (SID, "context", "February")
    for t in ("inflows", "exclusions"):  # appended: the old bytes are untouched
        assert (root / "data" / f"{t}.csv").read_bytes().startswith(before[t])
    for t in ("losses", "events"):
        assert (root / "data" / f"{t}.csv").read_bytes() == before[t]
    rest = draft_path(root).read_text(encoding="utf-8").splitlines(keepends=True)
    assert rest == [line for line in before_draft if '"4,500",' not in line and ",February," not in line]
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
    ("February", {"claimant": "Someone"}, "claimant", "is not a column of exclusions.csv"),
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
    lines = edit_draft(root, {"4,500": {"keep": "yes"}})
    assert main(accept_args(root)) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert f"{draft_path(root).name}:{lines['4,500']}: column 'claimant': value is required (the draft has no column " \
           f"'claimant': add it)" in err[0], err


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
    import manpower.accept as A

    edit_draft(root, KEPT)
    before = tree(root / "data", root / "drafts")
    real, calls = os.replace, []

    def interrupted(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(src, dst)

    monkeypatch.setattr(A.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        A.accept(draft_path(root), root / "data", root / "seeds")
    monkeypatch.undo()
    assert len(calls) > 2  # the first rename happened, and was undone
    assert tree(root / "data", root / "drafts") == before
    assert not [p for p in (root / "data").iterdir() if p.name.startswith(".accept-")]


KILLER = """
import os, signal, sys
import manpower.accept as A
real, calls = os.replace, []
def replace(src, dst):
    real(src, dst)
    calls.append(dst)
    if len(calls) == 1:
        open(sys.argv[2], "w").write("renamed once")
        os.kill(os.getpid(), signal.SIGKILL)
A.os.replace = replace
from manpower.cli import main
main(["accept", *sys.argv[3:]])
"""


def test_a_kill_between_two_renames_is_named_by_check_and_undone_by_the_next_accept(root, tmp_path, capsys):
    import manpower.accept as A

    edit_draft(root, KEPT)
    before = tree(root / "data", root / "drafts")
    flag = tmp_path / "renamed"
    r = subprocess.run([sys.executable, "-c", KILLER, "x", str(flag), *accept_args(root)[1:]],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == -9 and flag.read_text() == "renamed once", r.stderr
    assert tree(root / "data", root / "drafts") != before  # one file replaced, the others not
    left = [str(p) for p in examine(root / "data", root / "seeds").problems if "[accept-leftover]" in str(p)]
    assert left and "run the accept again" in left[0]
    assert A.recover(root / "data")
    assert tree(root / "data", root / "drafts") == before
    assert main(accept_args(root)) == 0  # and the accept then goes through
    assert examine(root / "data", root / "seeds").problems == []


@pytest.mark.parametrize("call", ["write", "fsync"])
def test_a_full_disk_changes_nothing(root, monkeypatch, capsys, call):
    import manpower.accept as A

    edit_draft(root, KEPT)
    before = tree(root / "data", root / "drafts")
    real, calls = getattr(os, call), []

    def full(*a):
        calls.append(a)
        if len(calls) == 2:  # the first file is written whole; the second finds the disk full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(*a)

    monkeypatch.setattr(A.os, call, full)
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
    edit_draft(root, KEPT)
    to_crlf(draft_path(root))  # a draft saved by a spreadsheet: CRLF and a byte order mark
    draft_path(root).write_bytes(b"\xef\xbb\xbf" + draft_path(root).read_bytes())
    kept_lines = [line for line in draft_path(root).read_bytes().split(b"\r\n")
                  if b'"4,500",' not in line and b",February," not in line]
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
    accept waits on the lock (seen in /proc/locks) and writes nothing; it then files its rows."""
    import fcntl
    import time

    edit_draft(root, KEPT)
    before = tree(root / "data", root / "drafts")
    fd = os.open(root / "data", os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        p = subprocess.Popen([str(Path(sys.executable).parent / "manpower"), *accept_args(root)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while not any("->" in line and f" {p.pid} " in line for line in Path("/proc/locks").read_text().splitlines()):
            assert p.poll() is None, p.communicate()  # it must not finish while data/ is locked
            assert time.monotonic() < deadline, "the accept never waited for the lock on data/"
            time.sleep(0.01)
        assert tree(root / "data", root / "drafts") == before
    finally:
        os.close(fd)
    out, err = p.communicate(timeout=120)
    assert p.returncode == 0, err
    assert f"infl-{SID}-" in (root / "data" / "inflows.csv").read_text(encoding="utf-8")
