"""The evidence behind a printed figure, carried with it through the Markdown.

A figure in the prose is a pandoc span `[approximately 302,000]{.fig data-id="…" data-ev="…"}`
whose `data-ev` holds, as base64 JSON, what a reader needs to trust it: the verbatim quote,
the claimant, the claim date and the source (or, for a derived figure, its formula and inputs).
The chapter Markdown is thereby self-contained (and cached with the chapter); pandoc's Typst
writer prints a span as its plain text, and the HTML writer keeps the attributes, from which
`typeset` builds a hover / tap / focus note and the per-source notes.
"""
from __future__ import annotations

import base64
import json
import re
from typing import Any

import pandas as pd

DERIVED_INPUTS_SHOWN = 6
# pandoc writes a span's attributes as data-*; the HTML writer may wrap lines between them
SPAN_MD = re.compile(r'\{\.fig(?: \.derived)?(?: data-id="([^"]*)")? data-ev="([A-Za-z0-9_=-]*)"\}')
SPAN_HTML = re.compile(r'<span\s+class="fig(?P<derived> derived)?"(?:\s+data-id="(?P<id>[^"]*)")?'
                       r'\s+data-ev="(?P<ev>[A-Za-z0-9_=-]*)">')


def encode(payload: dict[str, Any]) -> str:
    raw = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(text: str) -> dict[str, Any]:
    try:
        return json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (ValueError, TypeError):
        return {}


def _s(v: object) -> str:
    return "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)


def source_words(sources: pd.DataFrame, source_id: str) -> str:
    """'HuffPost UK, “Headline”, 4 January 2024' for a source id (plain text, not Markdown)."""
    from .narrative import fmt_date

    try:
        r = sources.set_index("source_id").loc[source_id]
    except KeyError:
        return source_id
    when = fmt_date(r["published_start"], r["published_end"], str(r["published_precision"]))
    return f"{_s(r['outlet'])}, “{_s(r['headline'])}”, {when}"


def figure_payload(row: pd.Series, sources: pd.DataFrame) -> dict[str, Any]:
    from .narrative import fmt_date, fmt_figure

    claimed = ""
    if "claim_date_start" in row.index and pd.notna(row.get("claim_date_start")):
        claimed = fmt_date(row["claim_date_start"], row["claim_date_end"], str(row["claim_date_precision"]))
    return {
        "id": _s(row.get("id")),
        "figure": fmt_figure(row, bounds=True) if pd.notna(row.get("unit")) else "",
        "quote": _s(row.get("quote")),
        "claimant": _s(row.get("claimant")) + (f" (via {_s(row.get('cited_via'))})" if _s(row.get("cited_via")) else ""),
        "claimed": claimed,
        "source_id": _s(row.get("source_id")),
        "source": source_words(sources, _s(row.get("source_id"))),
    }


def figure_span(text: str, row: pd.Series, sources: pd.DataFrame) -> str:
    """`text` (Markdown) as a span carrying the figure's evidence."""
    payload = figure_payload(row, sources)
    return f'[{text}]{{.fig data-id="{payload["id"]}" data-ev="{encode(payload)}"}}'


def derived_span(text: str, derived, dataset) -> str:
    """`text` (a derived number) as a span carrying its formula and (the first few of) its inputs."""
    from .narrative import fmt_figure

    inputs = []
    for i in list(derived.inputs)[:DERIVED_INPUTS_SHOWN]:
        try:
            row = dataset.row(i)
        except KeyError:
            inputs.append({"id": i})
            continue
        inputs.append({"id": i, "figure": fmt_figure(row) if pd.notna(row.get("unit")) else "",
                       "claimant": _s(row.get("claimant")),
                       "source": source_words(dataset.sources, _s(row.get("source_id")))})
    payload = {"formula": _s(derived.formula), "inputs": inputs,
               "more": max(0, len(derived.inputs) - DERIVED_INPUTS_SHOWN)}
    return f'[{text}]{{.fig .derived data-ev="{encode(payload)}"}}'


def used_ids(markdown: str) -> list[str]:
    """Ids of the curated figures a chapter's Markdown prints, in order of first use."""
    seen: dict[str, None] = {}
    for m in SPAN_MD.finditer(markdown):
        if m.group(1):
            seen.setdefault(m.group(1), None)
    return list(seen)


def payloads(markdown: str) -> list[dict[str, Any]]:
    """The evidence of every curated figure (not derived) in a chapter's Markdown, in order."""
    return [decode(m.group(2)) for m in SPAN_MD.finditer(markdown) if m.group(1)]
