"""A command that has nothing heavy to do starts at once: `manpower --help`, `manpower params` and
an unchanged `manpower render` never import pandas, matplotlib, nbformat, papermill or
jupyter_client (each command imports only what it needs; an up-to-date report is answered from
hashes of files). Measured, not timed, here: `make bench` reports the seconds."""
import os
import subprocess
import sys

from conftest import tiny_notebook

HEAVY = ("pandas", "numpy", "matplotlib", "nbformat", "nbconvert", "nbclient", "papermill", "jupyter_client")
CURATION = "manpower.curation.draft"  # draft: its vocabulary compiles slowly, and only add and draft load it

# runs the `manpower` command in this interpreter, then names the heavy modules it had loaded
WRAPPER = (
    "import runpy, sys\n"
    "sys.argv = ['manpower', *sys.argv[1:]]\n"
    "try:\n"
    "    runpy.run_module('manpower', run_name='__main__')\n"
    "except SystemExit as exc:\n"
    "    code = exc.code\n"
    f"heavy = {HEAVY + (CURATION,)!r}\n"
    "names = {m.split('.')[0] for m in sys.modules if m.split('.')[0] in heavy} | {m for m in sys.modules if m in heavy}\n"
    "print('LOADED:', ' '.join(sorted(names)), 'EXIT:', code)\n"
)


def command(*args: str, env: dict | None = None, cwd=None) -> tuple[str, set[str], str]:
    """(stdout before the report line, heavy modules loaded, exit code) of `manpower ARGS`."""
    r = subprocess.run([sys.executable, "-c", WRAPPER, *args], capture_output=True, text=True,
                       env=env, cwd=cwd, timeout=600)
    out, _, last = r.stdout.rpartition("LOADED:")
    assert last, f"the wrapper did not finish: {r.stderr[-2000:]}"
    loaded, _, code = last.partition("EXIT:")
    return out, set(loaded.split()), code.strip()


def test_help_imports_nothing_heavy():
    out, loaded, code = command("--help")
    assert "render" in out and "draft" in out and code == "0"
    assert loaded <= {CURATION}  # the full help lists add and draft


def test_params_imports_nothing_heavy_nor_the_curation_commands():
    out, loaded, code = command("params")
    assert "as_of" in out and code == "0"
    assert loaded == set()


def test_an_unchanged_render_answers_from_hashes_without_the_pipeline(mini_project, tmp_path):
    """A report rendered once is answered "up to date" by the second render, which loads none of
    the pipeline's libraries; the first render (the same command) does load them, so the check
    cannot pass by not looking."""
    tiny_notebook(mini_project / "notebooks" / "01_losses.ipynb")  # --chapters takes a declared chapter's name
    env = {**os.environ, "MANPOWER_ROOT": str(mini_project), "MANPOWER_CACHE": str(tmp_path / "cache"),
           "SOURCE_DATE_EPOCH": "1700000000"}
    args = ("render", "--chapters", "01_losses", "--out", str(tmp_path / "report"))
    first, loaded_first, code = command(*args, env=env, cwd=mini_project)
    assert code == "0" and (tmp_path / "report" / "report.pdf").is_file(), first
    assert {"pandas", "papermill"} <= loaded_first
    again, loaded, code = command(*args, env=env, cwd=mini_project)
    assert code == "0" and "up to date" in again, again
    assert loaded == set()
