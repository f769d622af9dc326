"""The environment: the lock file make setup installs from, the project's Jupyter kernel that the
notebooks name, plain papermill on it, and `make lab` as root with options passed through."""
import hashlib
import json
import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import threading
import tomllib
import urllib.request
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from manpower.vocabulary.chapters import REPORT_MIME, chapter_notebooks
from manpower.report.environment import (HEADER, KERNEL_NAME, KERNELSPEC, LOCK_FILE, install_record, kernel_display_name, lock_hash,
                                  manifest_entry, set_kernel_metadata, set_parameters_cell)
from manpower.writing.evidence import SPAN_MD, plain

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / LOCK_FILE
NOTEBOOKS = chapter_notebooks(ROOT / "notebooks")  # a JupyterLab copy beside them is not checked
ENTRY = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def lock_entries() -> list[tuple[str, Version, str | None, list[str]]]:
    """(name, version, marker, hashes) of every package pinned in the lock."""
    out = []
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        m = ENTRY.match(line)
        if m:
            out.append([canonicalize_name(m[1]), Version(m[2]), m[3], []])
        elif line.strip().startswith("--hash=sha256:"):
            out[-1][3].append(line.strip().split(":", 1)[1].rstrip(" \\"))
    return [tuple(e) for e in out]


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]]


# -- the lock ------------------------------------------------------------------------------------
def test_lock_pins_every_declared_dependency_within_its_bounds_with_hashes():
    entries = lock_entries()
    assert len(entries) > 50
    for name, version, _, hashes in entries:
        assert hashes and all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes), f"{name}: no sha256 hash"
    env = {"python_full_version": "3.11.9", "python_version": "3.11", "sys_platform": "linux",
           "platform_system": "Linux", "os_name": "posix", "implementation_name": "cpython"}
    for req in declared():
        pins = [v for n, v, marker, _ in entries if n == canonicalize_name(req.name)
                and (marker is None or Marker(marker).evaluate(env))]
        assert pins, f"{LOCK_FILE} has no pin of {req.name} for Python 3.11 on Linux: run `make lock`"
        assert all(req.specifier.contains(v, prereleases=True) for v in pins), \
            f"{LOCK_FILE} pins {req.name}=={pins[0]}, outside pyproject.toml's {req}: run `make lock`"


def test_lock_names_the_command_that_refreshes_it():
    assert "make lock" in LOCK.read_text(encoding="utf-8").split("\n", 3)[1]


def test_lock_hash_is_the_sha256_of_the_lock_file(tmp_path):
    assert lock_hash(ROOT) == hashlib.sha256(LOCK.read_bytes()).hexdigest()
    assert lock_hash(tmp_path) is None
    (tmp_path / LOCK_FILE).write_bytes(LOCK.read_bytes() + b"# changed\n")
    assert lock_hash(tmp_path) not in (None, lock_hash(ROOT))


def test_install_record_reads_the_stamp_make_setup_writes(tmp_path):
    assert install_record(tmp_path) == {"mode": "unknown", "lock_sha256": None}
    for mode in ("locked", "unlocked"):
        line = subprocess.run([sys.executable, "-m", "manpower.report.environment", "stamp", mode], cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout
        (tmp_path / ".installed").write_text(line)
        expected = lock_hash(ROOT) if mode == "locked" else None
        assert install_record(tmp_path) == {"mode": mode, "lock_sha256": expected}


def test_manifest_entry_names_the_lock_its_hash_and_the_install(tmp_path):
    entry = manifest_entry(ROOT)
    assert entry == {"lock_file": LOCK_FILE, "lock_sha256": lock_hash(ROOT), "install": install_record()}
    assert manifest_entry(tmp_path)["lock_sha256"] is None


def test_an_environment_set_up_from_the_lock_has_exactly_its_versions():
    record = install_record()
    if record["mode"] != "locked":
        pytest.skip(f"this environment was not installed from {LOCK_FILE} (mode: {record['mode']})")
    assert record["lock_sha256"] == lock_hash(ROOT), f"{LOCK_FILE} changed since `make setup`: run it again"
    wrong = []
    for name, version, marker, _ in lock_entries():
        if marker is None or Marker(marker).evaluate():
            try:
                installed = Version(metadata.version(name))
            except metadata.PackageNotFoundError:
                installed = None
            if installed != version:
                wrong.append(f"{name} {installed} (lock: {version})")
    assert not wrong, "installed versions differ from the lock: " + ", ".join(wrong)


def test_makefile_installs_from_the_lock_unless_asked_not_to():
    def dry(*args):
        r = subprocess.run(["make", "-n", "-B", *args, ".venv/.installed"], cwd=ROOT, capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        return r.stdout

    locked = dry()
    assert f"--require-hashes -r {LOCK_FILE}" in locked and "--no-deps -e ." in locked
    assert "-m manpower.report.environment kernel" in locked
    unlocked = dry("UNLOCKED=1")
    assert "--require-hashes" not in unlocked and "-e '.[dev]'" in unlocked


# -- the kernel the notebooks name -----------------------------------------------------------------
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_and_its_twin_name_the_project_kernel(path):
    assert json.loads(path.read_text(encoding="utf-8"))["metadata"]["kernelspec"] == KERNELSPEC
    assert path.with_suffix(".py").read_text(encoding="utf-8").startswith(HEADER)


def test_setting_the_kernel_touches_only_the_metadata(tmp_path):
    src = NOTEBOOKS[0]
    nb = json.loads(src.read_text(encoding="utf-8"))
    nb["metadata"]["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    ipynb = tmp_path / src.name
    ipynb.write_text(json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    body = src.with_suffix(".py").read_text(encoding="utf-8").removeprefix(HEADER)
    ipynb.with_suffix(".py").write_text(body, encoding="utf-8")
    assert set_kernel_metadata(ipynb)
    assert ipynb.read_bytes() == src.read_bytes()
    assert ipynb.with_suffix(".py").read_text(encoding="utf-8") == HEADER + body
    assert not set_kernel_metadata(ipynb), "a second run changes nothing"


def test_setting_the_parameters_cell_touches_only_that_cell(tmp_path):
    src = next(p for p in NOTEBOOKS if p.stem == "05_balance")
    nb = json.loads(src.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
    cell["source"] = ["as_of = None\n", "dpi = 150"]
    ipynb = tmp_path / src.name
    ipynb.write_text(json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    py = src.with_suffix(".py").read_text(encoding="utf-8")
    stale = re.sub(r'(# %% tags=\["parameters"\]\n).*?\n\n', r"\1as_of = None\n\n", py, count=1, flags=re.S)
    assert stale != py
    ipynb.with_suffix(".py").write_text(stale, encoding="utf-8")
    assert set_parameters_cell(ipynb)
    assert ipynb.read_bytes() == src.read_bytes()
    assert ipynb.with_suffix(".py").read_text(encoding="utf-8") == py
    assert not set_parameters_cell(ipynb), "a second run changes nothing"


def test_plain_papermill_runs_a_chapter_on_the_project_kernel(tmp_path):
    """No kernel named: papermill takes the notebook's, "manpower", which setup registered in .venv;
    its footnotes come out as Markdown for the report and numbered HTML for JupyterLab."""
    out = tmp_path / "out.ipynb"
    r = subprocess.run([sys.executable, "-m", "papermill", "notebooks/03_conscription.ipynb", str(out),
                        "-p", "output_dir", str(tmp_path / "charts"), "--no-progress-bar"],
                       cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    assert f"Executing notebook with kernel: {KERNEL_NAME}" in r.stderr
    nb = json.loads(out.read_text(encoding="utf-8"))
    bundles = [{k: "".join(v) for k, v in o.get("data", {}).items()} for c in nb["cells"] for o in c.get("outputs", [])]
    noted = [data for data in bundles if "[^" in data.get(REPORT_MIME, "")]
    assert noted, "the chapter cites no source"
    for data in noted:
        md, html = data[REPORT_MIME], data["text/html"]
        assert "<sup>" not in md and "<li" not in md
        assert "[^" not in html and '<li value="1">' in html
    # figures: the report's Markdown keeps its spans; JupyterLab's Markdown and HTML print them as
    # the report does, the evidence a hover title in the HTML
    figured = [data for data in bundles if SPAN_MD.search(data.get(REPORT_MIME, ""))]
    assert figured, "the chapter prints no figure"
    for data in figured:
        assert data["text/markdown"] == plain(data[REPORT_MIME])
        for kind in ("text/markdown", "text/html"):
            assert "{.fig" not in data[kind] and "data-ev=" not in data[kind]
        assert '<span class="fig" title="' in data["text/html"]


def test_plain_papermill_says_a_bad_parameter_in_one_line(tmp_path):
    """papermill's CLI would print its own 25-line traceback first; the project's papermill plugin
    (papermill_engine.py) prints the chapter's one line instead, and the exit status is still 1."""
    r = subprocess.run([str(Path(sys.executable).parent / "papermill"), "notebooks/03_conscription.ipynb",
                        str(tmp_path / "out.ipynb"), "-p", "dpi", "abc", "--no-progress-bar"],
                       cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert r.returncode == 1
    lines = (r.stdout + r.stderr).strip().splitlines()
    assert lines[-1] == "ChapterError: [conscription] parameter 'dpi' must be a whole number from 50 to 600; got 'abc'"
    assert "Traceback" not in r.stderr and len(lines) <= 6, "\n".join(lines)


def test_other_papermill_errors_keep_their_traceback():
    from papermill.exceptions import PapermillExecutionError

    from manpower.notebook.chapter import ChapterError
    from manpower.report.papermill_engine import ONE_LINE_ERRORS, short_error

    assert ChapterError.__name__ in ONE_LINE_ERRORS
    err = PapermillExecutionError(0, 1, "x", "ChapterError", "[losses] parameter 'dpi' …", [])
    assert short_error(PapermillExecutionError, err) == "ChapterError: [losses] parameter 'dpi' …"
    assert short_error(PapermillExecutionError, PapermillExecutionError(0, 1, "x", "KeyError", "'a'", [])) is None
    assert short_error(ValueError, ValueError("x")) is None


# -- the kernel any pip install registers (the conda route) -----------------------------------------
KERNEL_JSON = ROOT / "share" / "jupyter" / "kernels" / KERNEL_NAME / "kernel.json"


def test_the_shipped_kernelspec_starts_the_environments_own_python():
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    spec = json.loads(KERNEL_JSON.read_text(encoding="utf-8"))
    assert spec["argv"][0] == "python" and spec["language"] == "python"
    assert spec["display_name"] == KERNEL_NAME  # true in any environment; `kernel` renames it after one
    km = KernelManager(kernel_name=KERNEL_NAME, kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(KERNEL_JSON.parents[1])]))
    assert km.format_kernel_cmd()[0] == sys.executable  # "python": whoever starts it, its environment's
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["data-files"]
    assert declared == {f"share/jupyter/kernels/{KERNEL_NAME}": [str(KERNEL_JSON.relative_to(ROOT))]}


def test_the_kernel_is_named_after_its_environment(tmp_path):
    assert kernel_display_name(ROOT / ".venv", ROOT) == "manpower (project .venv)"
    conda = tmp_path / "envs" / "manpower"
    (conda / "conda-meta").mkdir(parents=True)
    assert kernel_display_name(conda, ROOT) == "manpower (conda env manpower)"
    assert kernel_display_name(tmp_path / "venv", ROOT) == f"manpower ({(tmp_path / 'venv').resolve()})"


@pytest.mark.parametrize("editable", [True, False], ids=["editable", "wheel"])
def test_a_pip_install_into_a_fresh_environment_registers_the_kernel(tmp_path, editable):
    """What environment.yml's `pip: -e .[dev]` does in a conda environment, in a throwaway venv:
    the kernelspec lands in the environment's share/jupyter/kernels, where papermill finds it."""
    from jupyter_client.kernelspec import KernelSpecManager

    from tooling import require

    project = tmp_path / "project"
    project.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, project / name)
    shutil.copytree(ROOT / "src", project / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copytree(ROOT / "share", project / "share")
    env = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True, timeout=120)
    r = subprocess.run([sys.executable, "-m", "pip", "--python", str(env / "bin" / "python"), "install", "--no-deps",
                        "--quiet", *(["-e"] if editable else []), str(project)],
                       capture_output=True, text=True, timeout=600)
    if r.returncode != 0 and re.search(r"No matching distribution|Could not find a version|NewConnectionError", r.stderr):
        require(False, "setuptools>=77 to build the project", "pip needs the network or its cache")
    assert r.returncode == 0, r.stderr[-3000:]
    installed = env / "share" / "jupyter" / "kernels" / KERNEL_NAME / "kernel.json"
    assert installed.read_bytes() == KERNEL_JSON.read_bytes()
    spec = KernelSpecManager(kernel_dirs=[str(installed.parents[1])]).get_kernel_spec(KERNEL_NAME)
    assert spec.display_name == KERNEL_NAME and spec.argv[:3] == ["python", "-m", "ipykernel_launcher"]
    entry = (next((env / "lib").glob("python3*/site-packages/manpower-*.dist-info")) / "entry_points.txt").read_text()
    assert "[papermill.engine]" in entry  # the one-line errors of plain papermill come with it


# -- make lab --------------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_lab_starts_with_options_passed_through_and_offers_the_project_kernel(tmp_path):
    if install_record()["mode"] == "unknown":
        pytest.skip("this environment was not set up by make (make lab would set it up anew)")
    port, token = _free_port(), "manpower-test"
    # DEBUG: the server logs "<extension> | extension was successfully started." from the first
    # callbacks of its event loop, which run after the callback that binds its socket: that line
    # is the event "listening" (the URL is printed before the socket is bound)
    args = (f"--port {port} --no-browser --IdentityProvider.token={token} --ServerApp.root_dir={tmp_path} "
            f"--ServerApp.log_level=DEBUG")
    # silent make (-s, as `make -s test` passes it down in MAKEFLAGS): the test must not need the echo
    proc = subprocess.Popen(["make", "-s", "lab", f"LAB_ARGS={args}"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(l) for l in proc.stdout] + [lines.put(None)], daemon=True).start()
    seen = []

    def wait_for(text: str) -> None:
        while not seen or text not in seen[-1]:
            line = lines.get(timeout=300)
            assert line is not None, "make lab stopped:\n" + "".join(seen[-30:])
            seen.append(line)

    try:
        # the options reached the server: proved by what it does and logs itself, never by make's
        # echo of the command line (`make -s`, or MAKEFLAGS=s from `make -s test`, suppresses it).
        # The port is in its URL, the folder in its contents line, DEBUG lines appear, the token
        # opens the API below; as root it would refuse to start without make's --allow-root.
        wait_for(f"127.0.0.1:{port}/lab")
        assert any(f"Serving notebooks from local directory: {tmp_path}" in l for l in seen), "".join(seen[-30:])
        wait_for("extension was successfully started")
        assert any("[D " in l for l in seen), "".join(seen[-30:])
        req = urllib.request.Request(f"http://127.0.0.1:{port}/api/kernelspecs", headers={"Authorization": f"token {token}"})
        specs = json.load(urllib.request.urlopen(req, timeout=60))
        assert specs["kernelspecs"][KERNEL_NAME]["spec"]["display_name"] == KERNELSPEC["display_name"]
    finally:
        _stop(proc)


def _stop(proc: subprocess.Popen) -> None:
    """End make and the server it started (their own process group), and only them."""
    for sig, wait in ((15, 60), (9, None)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue
