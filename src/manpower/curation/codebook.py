"""data/README.md, written from the schema so the codebook can never drift from the check."""
from __future__ import annotations

from ..core.dates import PRECISIONS
from ..vocabulary.qualifiers import HEDGES, describe_readings
from ..vocabulary.schema import (AHEAD_KINDS, BASES, BOUNDS, FIGURE_UNITS, KINDS, MIN_QUOTE, SCOPE_CLASSES,
                                 SIDES, SOURCES, TABLES, Table)

INTRO = """# Codebook: the curated tables

Generated from `src/manpower/vocabulary/schema.py` by `manpower codebook` (a test fails if it is out of
date). Every table is a UTF-8 CSV (a BOM and CRLF line ends are tolerated), one row per claim
from one article. `manpower check` proves every rule below.

## Rules that hold for every figure table
- `id` is a stable slug, unique across all tables (`loss-ukmod-2023-11-killed-wounded`), never a row number.
- `source_id` names a row of `seeds/sources.csv`; `quote` is found verbatim in that seed
  (whitespace-normalised; quotes, dashes and apostrophes must match exactly).
- A quote is at least {min_quote} characters long. The number in `value` (or, for ranges and
  stated bounds, `low` and `high`; for an interval, `level`) is stated by the quote, in digits or
  words ("302,000", "six million", "half a million", "90%").
- Text cells never begin as a spreadsheet formula (`=`, `+`, `@`, a tab, a carriage return, or
  `-` not followed by a digit) and hold no invisible characters (zero-width spaces, direction
  marks and overrides, control characters): they would run in a spreadsheet, or make two
  equal-looking cells differ.
- Number cells hold ASCII digits only, with an optional decimal point: `302000`, `0.5`. Refused:
  `302,000`, `302_000`, `3.02e5`, signs, and digits of other scripts (Arabic-Indic, full-width).
- `qualifier` and `hedge` are written in the quote as whole words ("to" is not found in "total").
  With `bounds` = `convention`, `low`/`high` follow the convention below; with `bounds` =
  `stated` they are the source's own numbers and must be stated by the quote. Bounds the
  convention implies are a reading, never to be cited as the source's range.
- `low ≤ value ≤ high` where given; numbers are ≥ 0; `unit` is required with any number, and
  `kind` too.
- Dates are ISO 8601 text with a precision: `day` (2024-01-04), `month` (2023-11), `year`
  (2023) or `interval` (2023-11-01/2024-01-04, where the article implies only a bound). The
  words the date was resolved from are kept in `*_words`; relative dates ("last year", "on
  Thursday", "in November") are resolved against the article's publication date.
- `claim_date` is when the claimant stated or estimated the figure, not when the article
  repeated it, and cannot end after the article's publication.
- A figure's period cannot end after the article's publication ("names added since late March"
  counts up to the day it was written), except for a {ahead}.
- A share is at most the whole: `percent` at most 100, `fraction` at most 1 ("about half": 0.5).
- An event's `date` agrees with its `date_words` (years, months, a day with its month,
  weekdays), and the words are written in the quote unless put in parentheses.
- Every numeric or dated mention in a seed is accounted for: **curated** when a row whose quote
  contains it records it (its number as value, low, high or level, or its words in one of the
  row's `*_words`) — lying inside some curated quote is not enough; or **excluded** when
  `exclusions.csv` names it in `mention` with a reason, or an excluded passage holds it and no
  curated quote does. `manpower check` lists any that is unaccounted, and `manpower draft
  SOURCE_ID` writes candidate rows for them into `drafts/`.

## The figure model
{model}

## Qualifiers: what they imply for the bounds, and how they read
| qualifier | bounds (convention) | reading |
|---|---|---|
{conv}

A vague quantity is read literally: "tens of thousands" is at least 10,000 and fewer than 100,000.

## Hedges: words that make a figure a forecast, target or hedged claim
| hedge | reading | kind it allows |
|---|---|---|
{hedges}
"""


def _vocab(title: str, items: dict[str, str]) -> str:
    return f"**{title}**\n\n" + "\n".join(f"- `{k}`: {v}" for k, v in items.items())


def _model() -> str:
    units = {u: _UNIT_HELP.get(u, "") for u in FIGURE_UNITS}
    parts = [
        _vocab("Kinds (`kind`): what kind of figure it is", KINDS),
        _vocab("Bounds (`bounds`): where low and high come from", BOUNDS),
        _vocab("Basis (`basis`): how the figure relates to its reference period "
               "(`period_start`..`period_end`, never the claim or publication date)", BASES),
        _vocab("Sides (`side`): whose losses or forces", SIDES),
        _vocab("Scopes (`scope_class`): which part of a side's forces; the article's words stay in `scope`",
               SCOPE_CLASSES),
        "Figures whose measure (or channel, aspect and subject), scope_class, side, country, unit and "
        "basis agree are one quantity, set side by side in one comparison however the article words "
        "the scope (\"troops\", \"military personnel\"); with `other`, the words of `scope` are part of "
        "the quantity. A flow's period is part of it too (a 2023 forecast and a 2024 target are two "
        "quantities); a scope_class that is the class its channel counts anyway (`contract` for contract "
        "sign-ups, `mobilised` for a mobilisation) reads as `all`.",
        _vocab("Relations", {
            "part_of": "the id of a row of the same table that this row is a subset of (killed within "
                       "killed or wounded; officers within killed). A part shares its whole's unit, side, "
                       "basis and claimant, and is never summed with it. A part's stated figure (its value, "
                       "else its low) never exceeds the whole's stated figure: its value, not the high a "
                       "qualifier's convention reads ('approximately 302,000' holds at most 302,000); only "
                       "a whole without a value (a range or interval the source gives, or a vague quantity "
                       "read literally) is taken at its high; a floor ('at least') bounds no part. The parts of one whole that belong to no group "
                       "are one breakdown: together they may not exceed the whole (beyond 2 % or 1 of "
                       "rounding); parts that overlap (by force and by rank) go in separate groups. A report "
                       "as known on a date, or filtered by source or claimant, leaves `part_of` empty where "
                       "the whole is not shown (the data package declares `part_of` a foreign key to `id`).",
            "group": "an id shared by the rows of one estimate: a total and its stated breakdown (the parts "
                     "of the group's whole must add up to it within 2 % or 1), a median and its range, a "
                     "count and its share. Rows of a group come from one source and one claimant.",
            "scope": "free text naming the subset covered in the article's words (a force, a nationality, "
                     "a rank, an age group); a scope needs its `scope_class`.",
        }),
        _vocab("Units (`unit`)", units),
        "Conscription rules carry separate `voted`, `announced` and `effective` dates; an age window "
        "with one end unstated leaves that end empty (bounds `stated`).",
    ]
    return "\n\n".join(parts)


_UNIT_HELP = {
    "people": "persons", "percent": "per cent (0-100)", "times_average_salary": "a multiple of the average salary",
    "years": "a duration in years", "months": "a duration in months", "age_years": "an age in years",
    "things": "a count of objects (training centres, vehicles)", "times_per_year": "how often a year (call-ups)",
    "usd_per_month": "US dollars a month", "usd_per_year": "US dollars a year", "usd_one_off": "US dollars once",
    "rub_per_month": "roubles a month", "rub_per_year": "roubles a year", "rub_one_off": "roubles once",
    "eur_per_month": "euros a month", "eur_one_off": "euros once",
    "people_per_day": "people a day, a rate ('at least one a day'); never a count",
    "people_per_week": "people a week, a rate", "people_per_month": "people a month, a rate",
    "people_per_year": "people a year, a rate",
    "fraction": "a share of a whole as a fraction of one (0-1): 'about half of them' is 0.5",
}


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
    conv = "\n".join(f"| {q} | {rule} | {why} |" for q, rule, why in describe_readings())
    hedges = "\n".join(f"| {h} | {why} | {', '.join(kinds)} |" for h, (why, kinds) in HEDGES.items())
    parts = [INTRO.format(conv=conv, hedges=hedges, model=_model(), min_quote=MIN_QUOTE,
                          ahead=" or ".join(AHEAD_KINDS)).rstrip()]
    parts.append(_table_md(SOURCES, "seeds/sources.csv"))
    for t in TABLES:
        parts.append(_table_md(t, f"data/{t.file}"))
    parts.append("Precisions: " + ", ".join(f"`{p}`" for p in PRECISIONS) + ".")
    return "\n\n".join(parts) + "\n"
