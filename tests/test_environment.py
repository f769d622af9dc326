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

from manpower.chapters import chapter_notebooks
from manpower.environment import (HEADER, KERNEL_NAME, KERNELSPEC, LOCK_FILE, install_record, lock_hash,
                                  manifest_entry, set_kernel_metadata)

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
        line = subprocess.run([sys.executable, "-m", "manpower.environment", "stamp", mode], cwd=ROOT,
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
    assert "-m manpower.environment kernel" in locked
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
    noted = [o["data"] for c in nb["cells"] for o in c.get("outputs", [])
             if "[^" in "".join(o.get("data", {}).get("text/markdown", ""))]
    assert noted, "the chapter cites no source"
    for data in noted:
        md, html = "".join(data["text/markdown"]), "".join(data["text/html"])
        assert "<sup>" not in md and "<li" not in md
        assert "[^" not in html and '<li value="1">' in html


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
