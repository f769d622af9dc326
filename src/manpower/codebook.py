"""data/README.md, written from the schema so the codebook can never drift from the check."""
from __future__ import annotations

from .dates import PRECISIONS
from .qualifiers import describe_convention
from .schema import SOURCES, TABLES, Table

INTRO = """# Codebook: the curated tables

Generated from `src/manpower/schema.py` by `manpower codebook` (a test fails if it is out of
date). Every table is a UTF-8 CSV (a BOM and CRLF line ends are tolerated), one row per claim
from one article. `manpower check` proves every rule below.

## Rules that hold for every figure table
- `id` is a stable slug, unique across all tables (`loss-ukmod-2023-11-killed-wounded`), never a row number.
- `source_id` names a row of `seeds/sources.csv`; `quote` is found verbatim in that seed
  (whitespace-normalised; quotes, dashes and apostrophes must match exactly).
- The number in `value` (or, for ranges, `low` and `high`) is stated by the quote, in digits or
  words ("302,000", "six million", "half a million", "90%").
- `qualifier` is written in the quote, and `low`/`high` follow the convention below.
- `low ≤ value ≤ high` where given; numbers are ≥ 0; `unit` is required with any number.
- Dates are ISO 8601 text with a precision: `day` (2024-01-04), `month` (2023-11), `year`
  (2023) or `interval` (2023-11-01/2024-01-04, where the article implies only a bound). The
  words the date was resolved from are kept in `*_words`; relative dates ("last year", "on
  Thursday", "in November") are resolved against the article's publication date.
- `claim_date` is when the claimant stated or estimated the figure, not when the article
  repeated it, and cannot end after the article's publication.
- Every numeric or dated mention in a seed lies inside a curated quote or an excluded passage
  (`exclusions.csv`); `manpower check` lists any that is unaccounted.

## Bounds: what a qualifier implies
| qualifier | bounds |
|---|---|
{conv}

A vague quantity is read literally: "tens of thousands" is at least 10,000 and fewer than 100,000.
"""


def _table_md(t: Table, path: str) -> str:
    lines = [f"## `{path}`", "", t.help, "", "| column | kind | required | unit | allowed values | meaning |",
             "|---|---|---|---|---|---|"]
    for c in t.columns:
        allowed = ", ".join(f"`{a}`" for a in c.allowed) if c.allowed else ""
        if c.kind == "date":
            allowed = "ISO text per its precision column"
        if c.kind == "partial_date":
            allowed = "YYYY, YYYY-MM or YYYY-MM-DD"
        if c.kind == "id":
            allowed = "lowercase slug"
        lines.append(f"| `{c.name}` | {c.kind} | {'yes' if c.required else 'no'} | {c.unit} | {allowed} | {c.help} |")
    return "\n".join(lines)


def codebook() -> str:
    conv = "\n".join(f"| {q} | {rule} |" for q, rule in describe_convention())
    parts = [INTRO.format(conv=conv).rstrip()]
    parts.append(_table_md(SOURCES, "seeds/sources.csv"))
    for t in TABLES:
        parts.append(_table_md(t, f"data/{t.file}"))
    parts.append("Precisions: " + ", ".join(f"`{p}`" for p in PRECISIONS) + ".")
    return "\n\n".join(parts) + "\n"
