"""The report's notes: citations as one note per source (markers become bracketed numbers
linking to a "Notes" section), each chapter's formula notes set in small type under the paragraph
that calls them, and the assembly of chapters, notes and appendices into one document with note
labels unique to each part.
"""
from __future__ import annotations

import re

from ..core.markup import closing_bracket, escape_markdown
from ..writing.evidence import payloads
from .document import FIGURES_USED, Document, RawList, Run, Section


_NOTE = re.compile(r"\[\^([^\]\s]+)\]")


def _relabel(markdown: str, prefix: str) -> str:
    """Footnote labels made unique per chapter, so two chapters may both cite a source."""
    return _NOTE.sub(lambda m: f"[^{prefix}-{m.group(1)}]", markdown)


def _appendix(markdown: str, letter: str) -> str:
    """'# Title' → '# Appendix A: Title {.unnumbered}'; the appendix's sub-headings are unnumbered."""
    text = re.sub(r"^# (.+)$", lambda m: f"# Appendix {letter}: {m.group(1).strip()} {{.unnumbered}}",
                  markdown, count=1, flags=re.MULTILINE)
    return re.sub(r"^(##+ )(.+?)\s*$", lambda m: f"{m.group(1)}{m.group(2)} {{.unnumbered}}", text, flags=re.MULTILINE)


_DEF = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*(.*)$", re.MULTILINE)
_MARKS = re.compile(r"(?:\[\^[^\]\s]+\])+")


def said_words(claimed: str) -> str:
    """A claim's full dating with the one preposition it takes: 'on 14 December 2023', 'in
    November 2023', and as fmt_date gives them 'between … and …', 'on 4 or 5 January 2024'."""
    if claimed.startswith(("between", "on ")):
        return claimed
    return f"{'on' if claimed[0].isdigit() and ' ' in claimed else 'in'} {claimed}"


def source_notes(chapters: list[str], quotes_in: str = "", table_links: bool = True) -> tuple[list[str], str]:
    """Citations as one note per source: each chapter's footnote markers become a bracketed
    number linking to the source's note, and one "Notes" section lists every cited source, one
    paragraph each, with the figures it is cited for (figure, claimant, when said in full; no id, as
    ids stay in the appendix of figures used and the data) — instead of one near-identical footnote
    per chapter and citation. The verbatim quotes are not repeated here:
    they stand in `quotes_in` (the appendix of figures used) and on hover in the HTML. Without
    `table_links`, a marker in a table row is its number alone, not a link: Typst lays out a table
    again on every pass that resolves a link inside it, a quarter of the PDF's time at scale."""
    defs: dict[str, str] = {}
    order: dict[str, int] = {}
    cited_in: dict[str, list[int]] = {}
    figures: dict[str, dict[str, dict]] = {}
    out = []
    for n, text in enumerate(chapters, 1):
        for m in _DEF.finditer(text):
            defs.setdefault(m.group(1), m.group(2).strip())
        text = _DEF.sub("", text)
        for p in payloads(text):
            figures.setdefault(p.get("source_id", ""), {}).setdefault(p.get("id", ""), p)

        def link(m: re.Match) -> str:
            in_table = m.string.startswith("|", m.string.rfind("\n", 0, m.start()) + 1)
            parts = []
            for sid in _NOTE.findall(m.group(0)):
                order.setdefault(sid, len(order) + 1)
                cited_in.setdefault(sid, [])
                if n not in cited_in[sid]:
                    cited_in[sid].append(n)
                number = f"\\[{order[sid]}\\]"
                parts.append(number if in_table and not table_links else f"[{number}](#note-{sid})")
            return "^" + "".join(parts) + "^"

        out.append(_MARKS.sub(link, text))
    if not order:
        return out, ""
    where_quotes = f" (their verbatim quotes are in {quotes_in})" if quotes_in else ""
    items, anchors = [], []
    for sid, k in sorted(order.items(), key=lambda kv: kv[1]):
        chs = cited_in[sid]
        runs: list[Run] = [("strong", f"[{k}]"), ("", f" {_unescape(defs.get(sid, escape_markdown(sid)))} "
                                                     f"Cited in chapter{'s' if len(chs) > 1 else ''} {', '.join(str(c) for c in chs)}")]
        figs = list(figures.get(sid, {}).values())
        if figs:
            runs.append(("", f" for {'this figure' if len(figs) == 1 else f'these {len(figs)} figures'}: "))
            for j, p in enumerate(figs):
                c = p.get("claimed", "")
                said = f", said {said_words(c)}" if c else ""  # the full dating; ids stay in Appendix C
                runs += [("", f"{'; ' if j else ''}{p.get('figure', '')} ({p.get('claimant', '')}{said})")]
        runs.append(("", "."))
        items.append(runs)
        anchors.append(f"note-{sid}")
    notes = RawList(items, anchors, bullets=False)
    text = ("# Notes {.unnumbered}\n\n"
            f"Every source cited in the chapters, numbered as cited, with the figures taken from it{where_quotes}.\n\n"
            + notes.marker)
    return out, Section(text, [notes])


def _unescape(markdown: str) -> str:
    """Plain text back from Markdown made literal with escape_markdown."""
    return re.sub(r"\\(.)", r"\1", markdown)


def _appendix_title(markdown: str) -> str:
    m = re.match(r"\s*# (.+)", markdown)
    return m.group(1).strip() if m else ""


def assemble(doc: Document, table_links: bool = True) -> str:
    letters = {_appendix_title(a): chr(ord("A") + i) for i, a in enumerate(doc.appendices)}
    quotes_in = f"Appendix {letters[FIGURES_USED]}, {FIGURES_USED}" if FIGURES_USED in letters else ""
    chapters, notes = source_notes(list(doc.chapters), quotes_in, table_links)
    parts = [c for c in chapters] + ([notes] if notes else [])
    for i, a in enumerate(doc.appendices):
        parts.append(_relabel(_appendix(a, chr(ord("A") + i)), f"a{i}"))
    raw = {**doc.tables, **getattr(notes, "tables", {})}  # the appendices' lists and the notes'
    return Section("\n\n".join(p.strip() for p in parts) + "\n", list(raw.values()))


def _footnote_end(text: str, start: int) -> int:
    """Index just past the ']' closing the '#footnote[' that starts at `start` (escapes honoured)."""
    end = closing_bracket(text, start + len("#footnote"))
    return len(text) if end is None else end


_LEVEL1 = re.compile(r"(?m)^(?:= |#heading\(level: 1\b)")  # where pandoc's Typst starts a chapter or back-matter part


def chapter_notes(body: str) -> str:
    """A chapter's notes (the formulas of derived figures) set in small type right under the
    paragraph, list or table that calls them, not as Typst footnotes: a footnote makes Typst lay
    its page out again until the note fits, which at a few dozen notes was a third of the PDF's
    time, and a note in the flow is room the next chart sees. The mark stays where the footnote
    was, a superscript number counted from 1 in each chapter; a note repeated within a chapter
    keeps its first number and is printed once."""
    starts = [m.start() for m in _LEVEL1.finditer(body)] + [len(body)]
    out = [body[:starts[0]]]
    for a, b in zip(starts, starts[1:]):
        part, numbers, pieces, pos = body[a:b], {}, [], 0
        under: dict[int, list[tuple[int, str]]] = {}  # end of a block -> the notes first called in it
        while (i := part.find("#footnote[", pos)) >= 0:
            end = _footnote_end(part, i)
            text = part[i + len("#footnote["):end - 1]
            if text not in numbers:
                numbers[text] = len(numbers) + 1
                block_end = part.find("\n\n", end)
                under.setdefault(len(part) if block_end < 0 else block_end, []).append((numbers[text], text))
            pieces.append((i, end, f"#super[{numbers[text]}]"))  # no space: Typst would print it before the next word
            pos = end
        edits = pieces + [(at, at, _notes_block(notes)) for at, notes in under.items()]
        text, last = [], 0
        for start, end, new in sorted(edits, key=lambda e: (e[0], e[1])):
            text += [part[last:start], new]
            last = end
        out.append("".join(text) + part[last:])
    return "".join(out)


def _notes_block(notes: list[tuple[int, str]]) -> str:
    """Notes under the block that calls them: small, indented, one paragraph each."""
    paras = "\n\n".join(f"#super[{k}] {text}" for k, text in notes)
    return ("\n#block(above: 0.6em, below: 1.1em, width: 100%, inset: (left: 1.2em))[#set text(8pt, fill: luma(70))\n"
            "#set par(justify: false, spacing: 0.45em)\n" + paras + "\n]")
