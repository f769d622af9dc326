"""The report as a PDF: pandoc's Typst in our template (templates/report.typ, which sizes each
chart to the room left on its page, so no chart leaves half a page blank), compiled by the typst
wheel with a fixed timestamp so that the same inputs give the same bytes. Only Markdown tables
survive pandoc's Typst writer (pandas' HTML tables do not), and images need real captions
(`![Caption](charts/x.png)`).
"""
from __future__ import annotations

import re
from datetime import datetime
from importlib import resources
from pathlib import Path

from .document import Document, TypesetError, pack_evidence, pandoc, raw_lists
from .notes import assemble, chapter_notes


def _template() -> str:
    return resources.files("manpower").joinpath("templates/report.typ").read_text(encoding="utf-8")


def literal_apostrophes(typst: str) -> str:
    """pandoc writes a curly ’ as a bare ' for Typst's smart quotes to restore, and Typst turns it
    the wrong way after punctuation before a closing ” (“…mobilisation?‘”): write ’ literally.
    A straight ' in the text comes out escaped (\\') and stays as it is."""
    return re.sub(r"(?<!\\)'", "’", typst)


def to_typst(doc: Document, workdir: Path | None = None) -> str:
    markdown = assemble(doc, table_links=False)
    body = pandoc(pack_evidence(markdown)[0], ["--to", "typst", "--wrap", "none"], workdir or Path.cwd())
    body = raw_lists(chapter_notes(literal_apostrophes(body)), markdown.tables, "typst")
    return _template().replace("$body$", body)


def write_typst(doc: Document, workdir: Path) -> Path:
    """pandoc's Typst for the report, in our template, written to `workdir`/report.typ."""
    workdir = Path(workdir).resolve()
    source = workdir / "report.typ"
    source.write_text(to_typst(doc, workdir), encoding="utf-8")
    return source


def compile_pdf(doc: Document, source: Path, out_pdf: Path, timestamp: datetime) -> None:
    """Compile the Typst source with its own folder as Typst's root (nothing outside it can be
    read) and a fixed timestamp (the typst wheel ignores SOURCE_DATE_EPOCH)."""
    import typst

    from ..writing.citation import LICENCE

    inputs = {"title": doc.title, "subtitle": doc.subtitle, "date": doc.date, "as_of": doc.as_of,
              "cite": doc.cite, "licence": LICENCE,
              "contents": "yes" if doc.contents else "no"}
    try:
        pdf = typst.compile(str(source), root=str(Path(source).parent), sys_inputs=inputs,
                            timestamp=int(timestamp.timestamp()), ignore_system_fonts=True)
    except Exception as exc:  # the wheel raises its own error types; one line is what users need
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise TypesetError(f"typst failed to compile {Path(source).name}: {first}") from None
    Path(out_pdf).write_bytes(pdf)
