"""Every bad input of docs/robustness.md, tried: a clear message, the right exit code, no
traceback, inputs byte-identical afterwards, the previous report intact."""
import contextlib
import errno
import hashlib
import os
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT, tiny_notebook, tree_hash
from manpower import cli
from manpower.report.render import Options, RenderError, render, resolve_params
from robustness_cases import CASES, DATA, PARAM, markdown, to_crlf

MANPOWER = str(Path(sys.executable).parent / "manpower")


def run_cli(args, capsys):
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("line_ends", ["lf", "crlf"])
@pytest.mark.parametrize("case", [c for c in CASES if c.test == DATA], ids=lambda c: c.id)
def test_bad_data(case, line_ends, project_copy, capsys):
    """Each case on the data as shipped and on a copy saved with Windows line ends (which check
    accepts): the same message, at the line the case breaks (found, not assumed)."""
    data, seeds = project_copy
    if line_ends == "crlf":
        for table in data.glob("*.csv"):
            table.write_bytes(to_crlf(table.read_bytes()))
    case.mutate(data, seeds)
    sees = case.expected(data, seeds) if case.exit else case.sees
    before = tree_hash(data.parent)
    code, out, err = run_cli(["check", "--data", str(data), "--seeds", str(seeds)], capsys)
    assert code == case.exit, out + err
    if case.exit == 0:
        assert "OK" in out and err == ""
    else:
        assert sees in err, err
        first = [l for l in err.splitlines() if sees in l][0]
        assert re.match(r"^\S+(\.csv|\.txt)(:\d+)?: ", first), first  # file (and line) first
    assert "Traceback" not in out + err
    assert tree_hash(data.parent) == before, "the check changed its inputs"


@pytest.fixture(scope="module")
def previous_report(tmp_path_factory):
    """A stand-in for the last good report, to prove a refused render leaves it alone."""
    out = tmp_path_factory.mktemp("prev") / "report"
    out.mkdir()
    (out / "report.pdf").write_bytes(b"%PDF-previous")
    (out / "manifest.json").write_text('{"name": "report", "report_key": "previous"}')
    return out


def _placeholders(tmp_path: Path) -> dict[str, str]:
    """The files parameter cases point at: bad YAML, a list, a folder, a named pipe, a date and
    time, a 200 KB title, a folder of someone else's files."""
    (tmp_path / "bad.yaml").write_text("as_of: [unclosed\n")
    (tmp_path / "list.yaml").write_text("- as_of\n- 2023-10-31\n")
    (tmp_path / "datetime.yaml").write_text("as_of: 2023-10-31 10:00:00\n")
    (tmp_path / "title.yaml").write_text("title: " + "a" * 200_000 + "\n")
    (tmp_path / "folder").mkdir()
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "foreign").mkdir()
    (tmp_path / "foreign" / "thesis.txt").write_text("a user's file\n")
    return {"bad_yaml": str(tmp_path / "bad.yaml"), "list_yaml": str(tmp_path / "list.yaml"),
            "datetime_yaml": str(tmp_path / "datetime.yaml"), "long_title_yaml": str(tmp_path / "title.yaml"),
            "folder": str(tmp_path / "folder"), "fifo": str(tmp_path / "fifo"), "foreign": str(tmp_path / "foreign")}


@pytest.mark.parametrize("case", [c for c in CASES if c.test == PARAM], ids=lambda c: c.id)
def test_bad_parameters(case, previous_report, tmp_path, capsys, monkeypatch):
    files = _placeholders(tmp_path)
    args = [a.format(**files) for a in case.args]
    if "--out" not in args:
        args += ["--out", str(previous_report)]
    monkeypatch.chdir(ROOT)
    for k, v in case.env.items():
        monkeypatch.setenv(k, v)
    before = tree_hash(ROOT), tree_hash(previous_report), tree_hash(tmp_path)
    code, out, err = run_cli(["render", "--quiet", *args], capsys)
    assert code == case.exit, err
    assert case.sees in err and "Traceback" not in err
    assert len(err.strip().splitlines()) <= 2
    assert (tree_hash(ROOT), tree_hash(previous_report), tree_hash(tmp_path)) == before
    assert not list(previous_report.parent.glob(".report.partial-*"))


@pytest.mark.parametrize("case", [c for c in CASES if c.test in (DATA, PARAM)], ids=lambda c: c.id)
def test_no_command_prints_a_traceback(case, tmp_path, capsys, monkeypatch):
    """Every command on every data and parameter case, in a whole project copy (tiny chapter so
    that a render that gets through is quick): one-line errors, no traceback, and the whole
    project tree hashes the same afterwards."""
    import shutil

    root = tmp_path / "proj"
    for d in ("data", "seeds", "params"):
        shutil.copytree(ROOT / d, root / d)
    tiny_notebook(root / "notebooks" / "01_losses.ipynb")  # a declared chapter's name (--chapters takes no other)
    if case.mutate:
        case.mutate(root / "data", root / "seeds")
    monkeypatch.setenv("MANPOWER_ROOT", str(root))
    monkeypatch.chdir(root)
    for k, v in case.env.items():
        monkeypatch.setenv(k, v)
    extra = tmp_path / "extra"
    extra.mkdir()
    files = _placeholders(extra)
    args = [a.format(**files) for a in case.args]
    if "--out" not in args:
        args += ["--out", str(tmp_path / "report")]
    before = tree_hash(root)
    for command in (["check"], ["params"], ["codebook", "--out", str(tmp_path / "codebook.md")],
                    ["render", "-q", "--chapters", "01_losses", *args]):
        try:
            code, out, err = run_cli(command, capsys)
        except BaseException as exc:  # would reach the user as a traceback
            raise AssertionError(f"{command[0]} raised {exc!r}") from None
        assert "Traceback" not in out + err, (command, err)
        assert "internal error" not in err, (command, err)  # the catch-all for bugs was not needed
        assert isinstance(code, int)
        if command[0] == "render" and code != 0:
            assert len(err.strip().splitlines()) <= 2, err
    assert tree_hash(root) == before


def _render_text(tmp_path, overrides):
    import pypdf

    name, params = resolve_params(ROOT, None, [], overrides)
    out = tmp_path / "r"
    render(Options(name, params, out=out, say=lambda s: None), ROOT)
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(str(out / "report.pdf")).pages)
    return re.sub(r"\s+", " ", text)


def test_as_of_before_any_figure_renders_and_says_so(tmp_path):
    """A report as known on the day before the first article is short: a title page, one section
    that says no figure had been published and when the first was, and the parameters (issue 19)."""
    import pypdf

    from manpower.curated.data import load
    from manpower.writing.empty import first_published
    from manpower.writing.narrative import dated, fmt_date

    first = first_published(load())
    day = (first["published_start"] - pd.Timedelta(days=1)).date()
    text = _render_text(tmp_path, {"as_of": day.isoformat()})
    assert len(pypdf.PdfReader(str(tmp_path / "r" / "report.pdf")).pages) <= 2
    assert f"No figure in the data had been published by {fmt_date(day, day, 'day')}" in text
    when = dated(first["published_start"], first["published_end"], str(first["published_precision"]))
    assert f"the earliest article the figures come from was published {when}" in text
    assert "this part of the chapter is empty" not in text and "Qualifier" not in text  # no empty chapter, no table
    assert "Parameters" in text and "How to cite this report" in text


def test_filter_that_leaves_chapters_empty_renders_and_says_so(tmp_path):
    text = _render_text(tmp_path, {"claimants": "Reuters"})
    assert "No loss estimates in the sources for the chosen filters" in text
    assert "more than 100 times their average salary" in text


def test_render_refuses_invalid_data(tmp_path):
    import shutil

    root = tmp_path / "proj"
    for d in ("data", "seeds", "notebooks", "params"):
        shutil.copytree(ROOT / d, root / d)
    p = root / "data" / "losses.csv"
    p.write_text(p.read_text().replace("approximately 302,000", "approximately 320,000"))
    name, params = resolve_params(root, "standard", [], {})
    with pytest.raises(RenderError, match=r"data is invalid \(run `manpower check`"):
        render(Options(name, params, say=lambda s: None), root)
    assert not (root / "reports" / "standard").exists()


def test_full_disk_leaves_the_previous_report(tmp_path, monkeypatch, previous_report):
    import manpower.report.pdf

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device", str(previous_report / "report.pdf"))

    monkeypatch.setattr(manpower.report.pdf, "compile_pdf", full)
    name, params = resolve_params(ROOT, None, [], {"title": "Disk full test"})
    with pytest.raises(RenderError, match="cannot write the report .*No space left on device"):
        render(Options(name, params, out=previous_report, say=lambda s: None), ROOT)
    assert (previous_report / "report.pdf").read_bytes() == b"%PDF-previous"
    assert not list(previous_report.parent.glob(".report.partial-*"))


BLOCKING_CELL = """
import os, pathlib, threading
flag = pathlib.Path(os.environ["MANPOWER_TEST_FLAGS"])
with open(flag / "started", "w") as f:  # the event: a test waiting on this FIFO reads the kernel's PID
    f.write(str(os.getpid()))
threading.Event().wait()  # never set: only an interrupt, a timeout or a kill ends this cell
"""


def _started_fifo(flags: Path) -> int:
    """A FIFO the blocking cell announces itself through, opened for reading before the render
    starts (non-blocking, so the cell's open for writing succeeds at once)."""
    os.mkfifo(flags / "started")
    return os.open(flags / "started", os.O_RDONLY | os.O_NONBLOCK)


def _wait_for(fifo: int, proc: subprocess.Popen, seconds: float = 300) -> int:
    """Block until the cell writes its kernel's PID into the FIFO (the event) and return it;
    fail at once if the render ends first. Waits on both with poll(), never on a timer."""
    exited = os.pidfd_open(proc.pid)
    poll = select.poll()
    poll.register(fifo, select.POLLIN)
    poll.register(exited, select.POLLIN)
    text = b""
    try:
        while True:
            ready = {fd for fd, _ in poll.poll(seconds * 1000)}
            assert ready, "the cell never started"
            if fifo in ready:
                chunk = os.read(fifo, 64)
                if not chunk:  # the cell closed its end: the whole PID is in
                    return int(text)
                text += chunk
            elif exited in ready:
                raise AssertionError(f"the render ended before the cell started: {proc.communicate()}")
    finally:
        os.close(exited)


def _gone(pid: int, seconds: float) -> bool:
    """True once process `pid` has ended, waiting for that event (a pidfd) up to `seconds`."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        return bool(select.select([fd], [], [], seconds)[0])
    finally:
        os.close(fd)


@contextlib.contextmanager
def _sigint_not_ignored():
    """A process started in the background by a non-interactive shell (a CI runner, `cmd &` in a
    script) ignores SIGINT, and its children inherit that: a render started from it would rightly
    ignore the test's Ctrl-C. Children started inside this block get the default disposition."""
    previous = signal.getsignal(signal.SIGINT)
    if previous is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        if previous is signal.SIG_IGN:
            signal.signal(signal.SIGINT, previous)


@pytest.mark.parametrize("sig, code, word", [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")],
                         ids=["ctrl-c", "sigterm"])
def test_ctrl_c_leaves_the_previous_report(mini_project, tmp_path, previous_report, sig, code, word):
    """The signal arrives while a cell is running (the cell announced it by writing a file, and
    never ends by itself): the render stops at once, the kernel is shut down, the previous report
    and the project are untouched, no temporary folder is left."""
    # --chapters names declared chapters only: the tiny and the blocking notebook take their names
    tiny_notebook(mini_project / "notebooks" / "01_losses.ipynb")
    tiny_notebook(mini_project / "notebooks" / "02_inflows.ipynb", BLOCKING_CELL)
    flags = tmp_path / "flags"
    flags.mkdir()
    fifo = _started_fifo(flags)
    # PYTHONFAULTHANDLER: a render that outlives the signal is aborted below and prints its stacks
    env = {**os.environ, "MANPOWER_TEST_FLAGS": str(flags), "MANPOWER_ROOT": str(mini_project),
           "PYTHONFAULTHANDLER": "1"}
    before = tree_hash(mini_project)
    report_before = tree_hash(previous_report)
    with _sigint_not_ignored():
        proc = subprocess.Popen([MANPOWER, "render", "--force", "--out", str(previous_report), "-j", "1",
                                 "--chapters", "01_losses,02_inflows"],
                                cwd=mini_project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        kernel = _wait_for(fifo, proc)
        proc.send_signal(sig)
        try:
            out, err = proc.communicate(timeout=60)  # at once: the cell itself would never end
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGABRT)  # faulthandler writes every thread's stack to stderr
            out, err = proc.communicate(timeout=30)
            pytest.fail(f"the render was still running 60 s after the signal; its stacks:\n{err}")
    finally:
        proc.kill()
        os.close(fifo)
    assert proc.returncode == code, err
    assert f"manpower: {word}" in err and "Traceback" not in out + err
    assert _gone(kernel, 30), "the kernel was left running"
    assert tree_hash(previous_report) == report_before
    assert not list(previous_report.parent.glob(".report.partial-*"))
    assert tree_hash(mini_project) == before


def test_cell_that_never_ends_is_stopped_by_the_cell_timeout(mini_project, tmp_path, previous_report):
    """`manpower render --cell-timeout 3` on a chapter whose cell never ends: exit 1, one line
    naming the notebook and the cell (nothing of nbclient's or asyncio's own logging), and the
    previous report untouched."""
    tiny_notebook(mini_project / "notebooks" / "01_losses.ipynb")  # declared chapters' names, tiny notebooks
    tiny_notebook(mini_project / "notebooks" / "02_inflows.ipynb", "x = 1", BLOCKING_CELL)
    flags = tmp_path / "flags"
    flags.mkdir()
    env = {**os.environ, "MANPOWER_TEST_FLAGS": str(flags), "MANPOWER_ROOT": str(mini_project)}
    proc = subprocess.run([MANPOWER, "render", "--force", "--quiet", "--out", str(previous_report), "-j", "1",
                           "--cell-timeout", "3", "--chapters", "01_losses,02_inflows"],
                          cwd=mini_project, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert lines[0] == ("manpower render: failed: notebook 02_inflows.ipynb, cell 4: still running after 3 s "
                        "(--cell-timeout); stopped"), proc.stderr
    assert len(lines) <= 2 and "previous report" in lines[-1], proc.stderr  # and nothing else
    assert (flags / "started").exists()
    assert (previous_report / "report.pdf").read_bytes() == b"%PDF-previous"
    assert not list(previous_report.parent.glob(".report.partial-*"))


def _marked(parent: Path, name: str, alive: bool) -> Path:
    """A build folder `name` with our MARK, made by this process (alive) or by one that is gone."""
    code = ("import sys; from pathlib import Path; from manpower.report.publish import mark\n"
            "p = Path(sys.argv[1]); p.mkdir(); mark(p); (p / 'f').write_text('x')")
    if alive:
        from manpower.report.publish import mark

        (parent / name).mkdir()
        mark(parent / name)
    else:
        subprocess.run([sys.executable, "-c", code, str(parent / name)], check=True)
    return parent / name


def test_stale_build_folders_of_killed_renders_are_cleaned(tmp_path):
    """kill -9 leaves .NAME.partial-* (and .NAME.old-*) holding our MARK; the next render removes
    those whose render is gone, keeps a running render's own, and touches nothing without our
    MARK, whatever its name or age."""
    from manpower.report.publish import clean_stale

    _marked(tmp_path, ".r.partial-gone-abc", alive=False)
    _marked(tmp_path, ".r.old-gone", alive=False)
    _marked(tmp_path, ".r.partial-mine", alive=True)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    for folder in (f".r.partial-{int(gone.stdout)}-abc", ".r.partial-legacy", "r", ".other.partial-1-x"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "f").write_text("x")
    removed = clean_stale(tmp_path, "r")
    assert sorted(p.name for p in removed) == [".r.old-gone", ".r.partial-gone-abc"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.partial-1-x", f".r.partial-{int(gone.stdout)}-abc",
                                                          ".r.partial-legacy", ".r.partial-mine", "r"]
    old = time.time() - 7200
    for p in tmp_path.rglob("*"):
        os.utime(p, (old, old))
    assert [p.name for p in clean_stale(tmp_path, "r")] == [".r.partial-mine"]  # ours, and older than an hour
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.partial-1-x", f".r.partial-{int(gone.stdout)}-abc",
                                                          ".r.partial-legacy", "r"]


@pytest.mark.parametrize("value", ["1.5", "0", "-3", "1e3", "86401", "ten", "３"])
def test_cell_timeout_takes_whole_seconds_only(mini_project, monkeypatch, capsys, value):
    """`--cell-timeout 1.5` once passed the check and then failed inside nbclient (TraitError):
    now anything but a whole number of seconds from 1 to 86400 is one line naming the option."""
    monkeypatch.setenv("MANPOWER_ROOT", str(mini_project))
    tiny_notebook(mini_project / "notebooks" / "01_losses.ipynb")  # --chapters takes only a declared chapter's name
    before = tree_hash(mini_project)
    code, out, err = run_cli(["render", "-q", "--chapters", "01_losses", "--cell-timeout", value,
                              "--out", str(mini_project.parent / "out")], capsys)
    assert code == 2, err
    assert err.strip().splitlines() == [
        f"manpower render: --cell-timeout must be a whole number of seconds from 1 to 86400; got {value!r}"]
    assert not (mini_project.parent / "out").exists() and tree_hash(mini_project) == before


def test_render_exceptions_share_one_base_caught_once_by_the_cli(tmp_path, monkeypatch, capsys):
    import manpower.report.pdf
    from manpower.notebook.chapter import ChapterError
    from manpower.errors import DataError, ManpowerError
    from manpower.vocabulary.params import ParameterError
    from manpower.report.publish import DestinationError
    from manpower.report.document import TypesetError

    for cls in (DataError, ParameterError, RenderError, TypesetError, DestinationError, ChapterError):
        assert issubclass(cls, ManpowerError), cls

    def broken(*a, **k):
        raise TypesetError("typst failed to compile report.typ: unexpected end of file")

    monkeypatch.setattr(manpower.report.pdf, "compile_pdf", broken)
    monkeypatch.chdir(ROOT)
    code, out, err = run_cli(["render", "-q", "--out", str(tmp_path / "out"), "-p", "title", "Typeset failure"], capsys)
    assert code == 1 and "Traceback" not in err
    assert err.splitlines()[0] == "manpower render: failed: typst failed to compile report.typ: unexpected end of file"
    assert list(tmp_path.iterdir()) == []


def test_robustness_doc_is_generated_from_the_cases():
    assert (ROOT / "docs" / "robustness.md").read_text() == markdown(), \
        "run: .venv/bin/python tests/robustness_cases.py > docs/robustness.md"
    assert len(CASES) >= 40


def test_every_named_test_exists():
    for c in CASES:
        path, name = c.test.split("::")
        assert re.search(rf"^def {re.escape(name)}\(", (ROOT / path).read_text(), re.M), c.test


def test_an_unexpected_error_is_still_one_line(monkeypatch, capsys):
    """The CLI's last resort: a bug prints one line (and MANPOWER_DEBUG=1 shows the traceback)."""
    import manpower.curation.check

    def bug(*a, **k):
        raise KeyError("oops")

    monkeypatch.setattr(manpower.curation.check, "run_check", bug)
    monkeypatch.delenv("MANPOWER_DEBUG", raising=False)
    code, out, err = run_cli(["check"], capsys)
    assert code == 1 and err.strip().splitlines() == [
        "manpower check: internal error: KeyError: 'oops' (rerun with MANPOWER_DEBUG=1 for details, and please report it)"]
    monkeypatch.setenv("MANPOWER_DEBUG", "1")
    with pytest.raises(KeyError):
        cli.main(["check"])


def test_render_leaves_the_callers_warning_filters_alone(mini_project, tmp_path):
    import warnings

    before = list(warnings.filters)
    name, params = resolve_params(mini_project, "standard", [], {})
    render(Options(name, params, out=tmp_path / "out", say=lambda s: None, cache_dir=tmp_path / "cache",
                   chapters=("01_tiny",)), mini_project)
    assert warnings.filters == before
    with pytest.warns(DeprecationWarning):
        warnings.warn("still shown", DeprecationWarning)
