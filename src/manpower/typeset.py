"""Report Markdown to PDF (pandoc → Typst → the typst wheel) and to one self-contained HTML file.

No TeX and no browser: pandoc comes from the `pypandoc-binary` wheel, Typst from the `typst`
wheel. Only Markdown tables survive pandoc's Typst writer (pandas' HTML tables do not), images
need real captions (`![Caption](charts/x.png)`), and typst gets a fixed timestamp so that the
same inputs give the same bytes. Text handed in as data is escaped with `escape_markdown`;
title-page strings reach Typst through `sys.inputs`, never as markup.
"""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path

from .errors import ManpowerError

_PUNCT = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|$@~^&%=:;'\"/])")
_NOTE = re.compile(r"\[\^([^\]\s]+)\]")


class TypesetError(ManpowerError, RuntimeError):
    """pandoc or typst failed; the message says which, and the tool's first line of complaint."""


@dataclass
class Document:
    title: str
    subtitle: str
    date: str
    as_of: str
    chapters: list[str]
    appendices: list[str]
    meta: dict[str, str] = field(default_factory=dict)


def escape_markdown(text: str) -> str:
    """Make arbitrary text literal in pandoc Markdown: every ASCII punctuation mark is escaped,
    line breaks become spaces, so no emphasis, link, HTML, math, footnote or raw Typst survives."""
    flat = re.sub(r"\s+", " ", text)
    return _PUNCT.sub(r"\\\1", flat)


def _template() -> str:
    return resources.files("manpower").joinpath("templates/report.typ").read_text(encoding="utf-8")


def _css() -> str:
    return resources.files("manpower").joinpath("templates/report.css").read_text(encoding="utf-8")


def _relabel(markdown: str, prefix: str) -> str:
    """Footnote labels made unique per chapter, so two chapters may both cite a source."""
    return _NOTE.sub(lambda m: f"[^{prefix}-{m.group(1)}]", markdown)


def _appendix(markdown: str, letter: str) -> str:
    """'# Title' → '# Appendix A: Title {.unnumbered}'; the appendix's sub-headings are unnumbered."""
    text = re.sub(r"^# (.+)$", lambda m: f"# Appendix {letter}: {m.group(1).strip()} {{.unnumbered}}",
                  markdown, count=1, flags=re.MULTILINE)
    return re.sub(r"^(##+ )(.+?)\s*$", lambda m: f"{m.group(1)}{m.group(2)} {{.unnumbered}}", text, flags=re.MULTILINE)


def assemble(doc: Document) -> str:
    parts = [_relabel(c, f"c{i}") for i, c in enumerate(doc.chapters, 1)]
    for i, a in enumerate(doc.appendices):
        parts.append(_relabel(_appendix(a, chr(ord("A") + i)), f"a{i}"))
    return "\n\n".join(p.strip() for p in parts) + "\n"


def _pandoc(markdown: str, args: list[str], cwd: Path) -> str:
    import pypandoc

    exe = pypandoc.get_pandoc_path()
    cmd = [exe, "--from", "markdown-smart-tex_math_dollars-raw_html-raw_attribute-citations", *args]
    r = subprocess.run(cmd, input=markdown, capture_output=True, text=True, cwd=cwd)
    if r.returncode != 0:
        first = (r.stderr.strip().splitlines() or ["(no message)"])[0]
        raise TypesetError(f"pandoc failed ({' '.join(args[:2])}): {first}")
    return r.stdout


def _footnote_end(text: str, start: int) -> int:
    """Index just past the ']' closing the '#footnote[' that starts at `start` (escapes honoured)."""
    depth, i = 0, start + len("#footnote")
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(text)


def dedupe_footnotes(body: str) -> str:
    """Within each chapter (level-1 heading), a source cited again reuses the first footnote's
    number (`#footnote(<label>)`) instead of printing the same note a second time."""
    out, seen, n = [], {}, 0
    pos = 0
    while (i := body.find("#footnote[", pos)) >= 0:
        chunk = body[pos:i]
        if re.search(r"(?m)^= ", chunk):
            seen = {}
        out.append(chunk)
        end = _footnote_end(body, i)
        note = body[i:end]
        if note in seen:
            out.append(f"#footnote({seen[note]})")
        else:
            n += 1
            seen[note] = f"<mp-fn-{n}>"
            out.append(f"{note}{seen[note]}")  # no space: Typst would print it before the next word
        pos = end
    out.append(body[pos:])
    return "".join(out)


def literal_apostrophes(typst: str) -> str:
    """pandoc writes a curly ’ as a bare ' for Typst's smart quotes to restore, and Typst turns it
    the wrong way after punctuation before a closing ” (“…mobilisation?‘”): write ’ literally.
    A straight ' in the text comes out escaped (\\') and stays as it is."""
    return re.sub(r"(?<!\\)'", "’", typst)


def to_typst(doc: Document, workdir: Path | None = None) -> str:
    body = _pandoc(assemble(doc), ["--to", "typst", "--wrap", "none"], workdir or Path.cwd())
    return _template().replace("$body$", dedupe_footnotes(literal_apostrophes(body)))


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

    inputs = {"title": doc.title, "subtitle": doc.subtitle, "date": doc.date, "as_of": doc.as_of}
    try:
        pdf = typst.compile(str(source), root=str(Path(source).parent), sys_inputs=inputs,
                            timestamp=int(timestamp.timestamp()), ignore_system_fonts=True)
    except Exception as exc:  # the wheel raises its own error types; one line is what users need
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise TypesetError(f"typst failed to compile {Path(source).name}: {first}") from None
    Path(out_pdf).write_bytes(pdf)


def render_html(doc: Document, workdir: Path, out_html: Path) -> None:
    """One self-contained HTML file: images inlined as data: URIs, our CSS inlined, no scripts."""
    workdir = Path(workdir).resolve()
    css = workdir / ".report.css"
    css.write_text(_css(), encoding="utf-8")
    try:
        html = _pandoc(assemble(doc), [
            "--to", "html5", "--standalone", "--embed-resources", "--toc", "--toc-depth=2",
            "--number-sections", "--css", css.name, "--resource-path", str(workdir),
            "--metadata", f"title={doc.title}", "--metadata", f"subtitle={doc.subtitle}",
            "--metadata", f"date={doc.date} — {doc.as_of}", "--metadata", "lang=en",
        ], workdir)
    finally:
        css.unlink(missing_ok=True)
    Path(out_html).write_text(html, encoding="utf-8")
