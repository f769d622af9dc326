"""Every bad input of docs/robustness.md, tried: a clear message, the right exit code, no
traceback, inputs byte-identical afterwards, the previous report intact."""
import errno
import hashlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from manpower import cli
from manpower.render import Options, RenderError, render, resolve_params
from robustness_cases import CASES, DATA, PARAM, markdown

MANPOWER = str(Path(sys.executable).parent / "manpower")


def tree_hash(*folders):
    h = hashlib.sha256()
    for folder in folders:
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                h.update(p.name.encode() + p.read_bytes())
    return h.hexdigest()


def run_cli(args, capsys):
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("case", [c for c in CASES if c.test == DATA], ids=lambda c: c.id)
def test_bad_data(case, project_copy, capsys):
    data, seeds = project_copy
    case.mutate(data, seeds)
    before = tree_hash(data, seeds)
    code, out, err = run_cli(["check", "--data", str(data), "--seeds", str(seeds)], capsys)
    assert code == case.exit, out + err
    if case.exit == 0:
        assert "OK" in out and err == ""
    else:
        assert case.sees in err, err
        first = [l for l in err.splitlines() if case.sees in l][0]
        assert re.match(r"^\S+(\.csv|\.txt)(:\d+)?: ", first), first  # file (and line) first
    assert "Traceback" not in out + err
    assert tree_hash(data, seeds) == before, "the check changed its inputs"


@pytest.fixture(scope="module")
def previous_report(tmp_path_factory):
    """A stand-in for the last good report, to prove a refused render leaves it alone."""
    out = tmp_path_factory.mktemp("prev") / "report"
    out.mkdir()
    (out / "report.pdf").write_bytes(b"%PDF-previous")
    (out / "manifest.json").write_text('{"name": "report", "report_key": "previous"}')
    return out


@pytest.mark.parametrize("case", [c for c in CASES if c.test == PARAM], ids=lambda c: c.id)
def test_bad_parameters(case, previous_report, tmp_path, capsys, monkeypatch):
    (tmp_path / "bad.yaml").write_text("as_of: [unclosed\n")
    (tmp_path / "list.yaml").write_text("- as_of\n- 2023-10-31\n")
    args = [a.format(bad_yaml=tmp_path / "bad.yaml", list_yaml=tmp_path / "list.yaml") for a in case.args]
    if "--out" not in args:
        args += ["--out", str(previous_report)]
    monkeypatch.chdir(ROOT)
    before = tree_hash(ROOT / "data", ROOT / "seeds", previous_report)
    code, out, err = run_cli(["render", "--quiet", *args], capsys)
    assert code == case.exit, err
    assert case.sees in err and "Traceback" not in err
    assert len(err.strip().splitlines()) <= 2
    assert tree_hash(ROOT / "data", ROOT / "seeds", previous_report) == before
    assert not list(previous_report.parent.glob(".report.partial-*"))


def _render_text(tmp_path, overrides):
    import pypdf

    name, params = resolve_params(ROOT, None, [], overrides)
    out = tmp_path / "r"
    render(Options(name, params, out=out, say=lambda s: None), ROOT)
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(str(out / "report.pdf")).pages)
    return re.sub(r"\s+", " ", text)


def test_as_of_before_any_figure_renders_and_says_so(tmp_path):
    text = _render_text(tmp_path, {"as_of": "2000-01-01"})
    assert "No loss estimates as known on 1 January 2000" in text
    assert "No figures as known on 1 January 2000" in text  # the summary
    assert "302,000" not in text


def test_filter_that_leaves_chapters_empty_renders_and_says_so(tmp_path):
    text = _render_text(tmp_path, {"claimants": "Reuters"})
    assert "No loss estimates in the sources for the chosen filters" in text
    assert "more than 100 times the average salary" in text


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
    import manpower.typeset

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device", str(previous_report / "report.pdf"))

    monkeypatch.setattr(manpower.typeset, "compile_pdf", full)
    name, params = resolve_params(ROOT, None, [], {"title": "Disk full test"})
    with pytest.raises(RenderError, match="cannot write the report .*No space left on device"):
        render(Options(name, params, out=previous_report, say=lambda s: None), ROOT)
    assert (previous_report / "report.pdf").read_bytes() == b"%PDF-previous"
    assert not list(previous_report.parent.glob(".report.partial-*"))


def test_ctrl_c_leaves_the_previous_report(tmp_path, previous_report):
    proc = subprocess.Popen([MANPOWER, "render", "--force", "--out", str(previous_report), "-p", "title", "Interrupted"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    line = ""
    while time.time() < deadline and "validate" not in line:
        line = proc.stdout.readline()
    time.sleep(0.5)  # the notebooks are executing now
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert (previous_report / "report.pdf").read_bytes() == b"%PDF-previous"
    assert not list(previous_report.parent.glob(".report.partial-*"))


def test_robustness_doc_is_generated_from_the_cases():
    assert (ROOT / "docs" / "robustness.md").read_text() == markdown(), \
        "run: .venv/bin/python tests/robustness_cases.py > docs/robustness.md"
    assert len(CASES) >= 40


def test_every_named_test_exists():
    for c in CASES:
        path, name = c.test.split("::")
        assert re.search(rf"^def {re.escape(name)}\(", (ROOT / path).read_text(), re.M), c.test
