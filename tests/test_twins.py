"""A change made only in a chapter's `.py` twin is not silently left out of the report: the render
refuses with one line naming the newer file and how to sync; twins in sync, or a newer notebook,
render as before."""
import os
import subprocess
import sys

import jupytext
import nbformat
import pytest

from manpower.errors import ManpowerError
from manpower.vocabulary.presets import resolve_params
from manpower.report.render import Options, render
from manpower.core.twins import TwinError, check


def _pair(root, newer: str, edit=None, stem: str = "01_tiny"):
    """Write STEM.py as jupytext pairs it, optionally `edit` its text, and make `newer` the newer file."""
    ipynb = root / "notebooks" / f"{stem}.ipynb"
    twin = ipynb.with_suffix(".py")
    jupytext.write(nbformat.read(str(ipynb), as_version=4), str(twin), fmt="py:percent")
    if edit:
        twin.write_text(edit(twin.read_text(encoding="utf-8")), encoding="utf-8")
    old, new = (ipynb, twin) if newer == "py" else (twin, ipynb)
    t = old.stat().st_mtime_ns
    os.utime(new, ns=(t + 2_000_000_000, t + 2_000_000_000))
    return ipynb, twin


def _edited(text: str) -> str:
    assert "all of it." in text
    return text.replace("all of it.", "and a sentence added in the .py only.")


def test_render_refuses_a_twin_changed_alone_naming_it_and_how_to_sync(mini_project, tmp_path):
    _pair(mini_project, "py", _edited)
    name, params = resolve_params(mini_project, "standard", [], {})
    with pytest.raises(TwinError) as err:
        render(Options(name, params, out=tmp_path / "out", say=lambda s: None, cache_dir=tmp_path / "cache",
                       chapters=("01_tiny",)), mini_project)
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith("notebooks/01_tiny.py is newer than notebooks/01_tiny.ipynb and differs from it")
    assert "`jupytext --sync notebooks/01_tiny.py`" in message
    assert not (tmp_path / "out").exists()


def test_the_command_line_says_it_in_one_line_before_any_work(mini_project):
    (mini_project / "notebooks" / "01_tiny.ipynb").rename(mini_project / "notebooks" / "01_losses.ipynb")  # a chapter's name
    _pair(mini_project, "py", _edited, stem="01_losses")
    r = subprocess.run([sys.executable, "-m", "manpower", "render", "--chapters", "01_losses", "--name", "twin"],
                       cwd=mini_project, capture_output=True, text=True, timeout=300,
                       env={**os.environ, "MANPOWER_ROOT": str(mini_project)})
    assert r.returncode == 1
    assert r.stderr.strip().splitlines() == [
        "manpower render: notebooks/01_losses.py is newer than notebooks/01_losses.ipynb and differs from it, and the "
        "report is rendered from notebooks/01_losses.ipynb: sync them with `jupytext --sync notebooks/01_losses.py` "
        "(or open and save the notebook in JupyterLab), then render again"]
    assert r.stdout == "" and not (mini_project / "reports" / "twin").exists()


@pytest.mark.parametrize("newer, edit", [("py", None), ("ipynb", None), ("ipynb", _edited)],
                         ids=["twin-newer-same", "notebook-newer", "notebook-newer-twin-stale"])
def test_twins_in_sync_or_a_newer_notebook_pass(mini_project, newer, edit):
    ipynb, _ = _pair(mini_project, newer, edit)
    check([ipynb], mini_project)


def test_a_newer_twin_that_only_jupytext_can_compare_passes(mini_project):
    """A twin in sync whose text the plain reading does not match (a magic jupytext comments out)."""
    ipynb = mini_project / "notebooks" / "01_tiny.ipynb"
    nb = nbformat.read(str(ipynb), as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("%time x = 1"))
    nbformat.write(nb, str(ipynb))
    _, twin = _pair(mini_project, "py")
    assert "# %time x = 1" in twin.read_text(encoding="utf-8")
    check([ipynb], mini_project)


def test_a_newer_twin_that_cannot_be_read_is_refused_in_one_line(mini_project):
    ipynb, twin = _pair(mini_project, "py")
    twin.write_bytes(b"# %%\n\xff\xfe not text\n")
    t = ipynb.stat().st_mtime_ns
    os.utime(twin, ns=(t + 2_000_000_000, t + 2_000_000_000))
    with pytest.raises(ManpowerError) as err:
        check([ipynb], mini_project)
    assert "notebooks/01_tiny.py is newer than notebooks/01_tiny.ipynb but cannot be read" in str(err.value)
    assert "\n" not in str(err.value)
