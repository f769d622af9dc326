"""The evidence behind a printed figure, carried with it through the Markdown.

A figure in the prose is a pandoc span `[approximately 302,000]{.fig data-id="…" data-ev="…"}`
whose `data-ev` holds, as base64 JSON, what a reader needs to trust it: the verbatim quote,
the claimant, the claim date and the source (or, for a derived figure, its formula and inputs).
The chapter Markdown is thereby self-contained (and cached with the chapter); pandoc's Typst
writer prints a span as its plain text, and the HTML writer keeps the attributes, from which
`report/htmlpage.py` builds a hover / tap / focus note and `report/notes.py` the per-source notes.
"""
from __future__ import annotations

import base64
import json
import re
from typing import Any

import pandas as pd

from ..analysis.formats import fmt_date, fmt_figure, quote_plain
from ..core.markup import SPAN_MD
from ..core.values import text as as_text

DERIVED_INPUTS_SHOWN = 6


def encode(payload: dict[str, Any]) -> str:
    raw = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(text: str) -> dict[str, Any]:
    try:
        return json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (ValueError, TypeError):
        return {}


def source_words(sources: pd.DataFrame, source_id: str) -> str:
    """'HuffPost UK, “Headline”, 4 January 2024' for a source id (plain text, not Markdown)."""
    try:
        r = sources.set_index("source_id").loc[source_id]
    except KeyError:
        return source_id
    when = fmt_date(r["published_start"], r["published_end"], str(r["published_precision"]))
    return f"{as_text(r['outlet'])}, “{as_text(r['headline'])}”, {when}"


def figure_payload(row: pd.Series, sources: pd.DataFrame) -> dict[str, Any]:
    claimed = ""
    if "claim_date_start" in row.index and pd.notna(row.get("claim_date_start")):
        claimed = fmt_date(row["claim_date_start"], row["claim_date_end"], str(row["claim_date_precision"]))
    return {
        "id": as_text(row.get("id")),
        "figure": fmt_figure(row, bounds=True) if pd.notna(row.get("unit")) else "",
        "quote": as_text(row.get("quote")),
        "claimant": as_text(row.get("claimant")) + (f" (via {as_text(row.get('cited_via'))})" if as_text(row.get("cited_via")) else ""),
        "claimed": claimed,
        "source_id": as_text(row.get("source_id")),
        "source": source_words(sources, as_text(row.get("source_id"))),
    }


def figure_span(text: str, row: pd.Series, sources: pd.DataFrame) -> str:
    """`text` (Markdown) as a span carrying the figure's evidence."""
    payload = figure_payload(row, sources)
    return f'[{text}]{{.fig data-id="{payload["id"]}" data-ev="{encode(payload)}"}}'


def derived_span(text: str, derived, dataset) -> str:
    """`text` (a derived number) as a span carrying its formula and (the first few of) its inputs."""
    inputs = []
    for i in list(derived.inputs)[:DERIVED_INPUTS_SHOWN]:
        try:
            row = dataset.row(i)
        except KeyError:
            inputs.append({"id": i})
            continue
        inputs.append({"id": i, "figure": fmt_figure(row) if pd.notna(row.get("unit")) else "",
                       "claimant": as_text(row.get("claimant")),
                       "source": source_words(dataset.sources, as_text(row.get("source_id")))})
    payload = {"formula": as_text(derived.formula), "inputs": inputs,
               "more": max(0, len(derived.inputs) - DERIVED_INPUTS_SHOWN)}
    return f'[{text}]{{.fig .derived data-ev="{encode(payload)}"}}'


def used_ids(markdown: str) -> list[str]:
    """Ids of the curated figures a chapter's Markdown prints, in order of first use."""
    seen: dict[str, None] = {}
    for m in SPAN_MD.finditer(markdown):
        if m.group(1):
            seen.setdefault(m.group(1), None)
    return list(seen)


MIN_QUOTE = 20  # characters: a shorter quote could match prose by chance


_QUOTE_MARKS = str.maketrans({c: "'" for c in "\"“”‘’"})  # a printed quote nests its inner quotes


def _words(text: str) -> str:
    """Text as a reader sees it: Markdown escapes and figure spans' attributes gone, whitespace one
    space, every quotation mark one mark (the report prints “military formations” as ‘…’)."""
    text = SPAN_MD.sub("", text)
    return " ".join(re.sub(r"\\([^\w\s])", r"\1", text).split()).translate(_QUOTE_MARKS)


def quoted_ids(markdowns: list[str], rows: list[dict[str, Any]]) -> list[str]:
    """Ids of the rows whose verbatim quote the chapters print, though no figure span carries
    the id (a decree's term in a table, a country "in the words quoted above"): the appendix
    "Figures used" counts and lists every row a reader sees quoted, not only the printed numbers."""
    seen = " ".join(_words(m) for m in markdowns)
    out = []
    for r in rows:
        q = _words(as_text(r.get("quote")))
        if len(q) >= MIN_QUOTE and q in seen:
            out.append(str(r["id"]))
    return out


def payloads(markdown: str) -> list[dict[str, Any]]:
    """The evidence of every curated figure (not derived) in a chapter's Markdown, in order."""
    return [decode(m.group(2)) for m in SPAN_MD.finditer(markdown) if m.group(1)]


# -- the same figures for JupyterLab, which knows no pandoc spans --------------------------------
def _span_opening(markdown: str, close: int) -> int | None:
    """The index of the `[` that opens the span text whose `]` is at `close` (brackets nest,
    a backslash escapes one), or None when there is none."""
    depth = 0
    i = close - 1
    while i >= 0:
        c = markdown[i]
        slashes = 0
        while i - slashes > 0 and markdown[i - slashes - 1] == "\\":
            slashes += 1
        escaped = slashes % 2 == 1
        if c == "]" and not escaped:
            depth += 1
        elif c == "[" and not escaped:
            if depth == 0:
                return i
            depth -= 1
        i -= 1
    return None


def replace_spans(markdown: str, make) -> str:
    """`markdown` with each figure span `[text]{.fig …}` replaced by `make(text, evidence, derived)`."""
    out, last = [], 0
    for m in SPAN_MD.finditer(markdown):
        close = m.start() - 1
        opening = _span_opening(markdown, close) if close >= last and markdown[close:close + 1] == "]" else None
        if opening is None or opening < last:
            continue  # not a span (a stray attribute block): left as it is
        out += [markdown[last:opening], make(markdown[opening + 1:close], decode(m.group(2)), ".derived" in m.group(0))]
        last = m.end()
    return "".join(out) + markdown[last:]


def plain(markdown: str) -> str:
    """Markdown with every figure as the report prints it (the span's text, no attributes)."""
    return replace_spans(markdown, lambda text, ev, derived: text)


def evidence_words(ev: dict[str, Any], derived: bool) -> str:
    """A figure's evidence as plain text (a hover title): the quote, who claimed it when, the source."""
    if derived:
        lines = [f"Derived: {as_text(ev.get('formula'))}", "From:"]
        for i in ev.get("inputs", []):
            words = [as_text(i.get("figure")) or as_text(i.get("id"))]
            if i.get("claimant"):
                words.append(f"— {as_text(i['claimant'])}")
            if i.get("source"):
                words.append(f"({as_text(i['source'])})")
            lines.append(" ".join(words))
        if ev.get("more"):
            lines.append(f"and {ev['more']:,} more inputs")
        return "\n".join(lines)
    by = as_text(ev.get("claimant")) + (f", claimed {as_text(ev['claimed'])}" if ev.get("claimed") else "")
    quoted = quote_plain(as_text(ev.get("quote"))) if as_text(ev.get("quote")) else ""
    return "\n".join(x for x in (quoted, by, f"{as_text(ev.get('source'))} · {as_text(ev.get('id'))}") if x.strip(" ·"))


def _attribute(text: str) -> str:
    """`text` as an HTML attribute value that no Markdown or table syntax can touch: everything but
    letters, digits, spaces and plain punctuation as a character reference."""
    return "".join(c if c.isalnum() or c in _PLAIN else f"&#{ord(c)};" for c in text)


_PLAIN = frozenset(" ,.;()-–—“”‘’·%")


def lab_html(markdown: str) -> str:
    """Markdown with every figure span as inline HTML, `<span class="fig" title="evidence">text</span>`:
    JupyterLab shows the figure as the report prints it, dotted underneath, and its evidence on
    hover (the style is one JupyterLab's sanitizer keeps in a notebook it does not trust)."""
    return replace_spans(markdown, lambda text, ev, derived: (
        f'<span class="fig" title="{_attribute(evidence_words(ev, derived))}" '
        f'style="border-bottom: 1px dotted; cursor: help">{text}</span>'))
