"""Run the chapter notebooks' code in this process and collect their text (no papermill, no
kernel, no PNG files): what the report says, for tests that check the words over many inputs.

Each chapter's `.py` twin is executed cell by cell: the parameters cell first, then the
parameters under test, then the rest. `Chapter.say` output, chart titles, notes, source lines
and captions are collected; figures are closed without being saved.
"""
from __future__ import annotations

import os
import re
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
CHAPTER_FILES = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.py"))


def _cells(source: str) -> list[tuple[bool, str]]:
    """(is_parameters_cell, code) for the code cells of a jupytext percent-format file."""
    out = []
    for chunk in re.split(r"^# %%", source, flags=re.MULTILINE)[1:]:
        head, _, body = chunk.partition("\n")
        if "[markdown]" in head:
            continue
        out.append(('tags=["parameters"]' in head, body))
    return out


@contextmanager
def _root(root: Path):
    old = os.environ.get("MANPOWER_ROOT")
    os.environ["MANPOWER_ROOT"] = str(root)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("MANPOWER_ROOT", None)
        else:
            os.environ["MANPOWER_ROOT"] = old


def chapter_texts(root: Path, params: dict, out_dir: Path, charts: dict | None = None) -> dict[str, str]:
    """{chapter name: everything it would print} for the data under `root` (data/ + seeds/).
    With `charts`, each chart's plotted data is stored there under "chapter-name"."""
    import matplotlib.pyplot as plt
    from IPython.display import Markdown

    from manpower.notebook import chapter as chapter_mod
    from manpower.notebook import charts as charts_mod

    texts: dict[str, str] = {}
    current: list[str] = []

    from manpower.vocabulary.chapters import REPORT_MIME
    from manpower.writing.evidence import SPAN_MD

    def display(obj, **kw):  # what a reader sees: a figure's evidence span is its text
        if isinstance(obj, Markdown):
            current.append(SPAN_MD.sub("", obj.data))
        elif kw.get("raw") and isinstance(obj, dict) and REPORT_MIME in obj:  # say()'s bundle
            current.append(SPAN_MD.sub("", obj[REPORT_MIME]))

    real_finish = charts_mod.finish

    def finish(fig, ax, *, title, source, xlabel=None, ylabel=None, note=None):
        current.append(f"[chart] {title}\n{note or ''}\n{source}\n[axes] {xlabel or ''} | {ylabel or ''}")

    def chart(self, fig, name, data, caption):
        current.append(f"[caption] {caption}")
        if charts is not None:
            charts[f"{self.name}-{name}"] = data.copy()
        plt.close(fig)

    with _root(root), mock.patch.object(chapter_mod, "_display", display), \
            mock.patch.object(charts_mod, "finish", finish), mock.patch.object(chapter_mod.Chapter, "chart", chart):
        for path in CHAPTER_FILES:
            name = path.stem.split("_", 1)[1]
            current.clear()
            ns: dict = {"__name__": f"chapter_{name}"}
            for is_params, code in _cells(path.read_text(encoding="utf-8")):
                exec(compile(code, str(path), "exec"), ns)
                if is_params:
                    ns.update({k: v for k, v in params.items() if k in ns})
                    ns["output_dir"] = str(out_dir)
            texts[name] = "\n\n".join(current)
            plt.close("all")
    assert charts_mod.finish is real_finish
    return texts


def data_and_texts(name: str, tmp_path_factory):
    """(dataset, chapter texts) of the shipped data ("seeds") or of the shipped data plus every
    fixture article ("corpus"): what a module fixture parametrised over the two returns."""
    from manpower.curated.data import load
    from project import build_project

    root = build_project(tmp_path_factory.mktemp(name) / "proj", fixtures=name == "corpus")
    texts = chapter_texts(root, {}, tmp_path_factory.mktemp("charts"))
    return load(root / "data", root / "seeds"), texts
