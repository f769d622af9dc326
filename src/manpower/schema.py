"""The one definition of every curated table: its columns, their kinds, units and allowed values.

The check, the loader and the codebook (data/README.md) all read this module, so a column is
described once. Kinds: `id` (a slug), `text`, `enum` (one of `allowed`), `number` (a
non-negative decimal), `date` (ISO text resolved with its `<name>_precision` column),
`precision`, `partial_date` (YYYY, YYYY-MM or YYYY-MM-DD).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .dates import PRECISIONS
from .qualifiers import QUALIFIERS

CLAIMANT_TYPES = (
    "russian_official", "western_government", "ukrainian_official", "news_agency", "outlet",
)
UNITS = ("people", "percent", "times_average_salary", "years", "months", "age_years")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    help: str
    required: bool = True
    allowed: tuple[str, ...] = ()
    unit: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    help: str
    columns: tuple[Column, ...]
    figures: bool = True  # carries value/low/high/unit/qualifier and a claim date
    dates: tuple[str, ...] = field(default=())  # date columns with a <name>_precision partner

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _head() -> tuple[Column, ...]:
    return (
        Column("id", "id", "Stable slug for the row (lowercase letters, digits, hyphens); never a row number."),
        Column("source_id", "id", "The article it comes from: a source_id in seeds/sources.csv."),
        Column("claimant", "text", "Who states the figure (e.g. UK Ministry of Defence, Vladimir Putin, the outlet itself)."),
        Column("claimant_type", "enum", "What kind of party the claimant is.", allowed=CLAIMANT_TYPES),
        Column("cited_via", "text", "The agency the article names as its channel (Reuters, TASS), if any.", required=False),
    )


def _numbers() -> tuple[Column, ...]:
    return (
        Column("value", "number", "The number as the text states it (empty when the text gives only a range or vague quantity).", required=False, unit="see unit"),
        Column("low", "number", "Lower bound the qualifier implies (empty = open).", required=False, unit="see unit"),
        Column("high", "number", "Upper bound the qualifier implies (empty = open).", required=False, unit="see unit"),
        Column("unit", "enum", "Unit of value/low/high; required when any of them is given.", required=False, allowed=UNITS),
        Column("qualifier", "enum", "The qualifier as written; empty means the number is stated exactly.", required=False, allowed=tuple(q for q in QUALIFIERS if q)),
    )


def _claim() -> tuple[Column, ...]:
    return (
        Column("claim_date", "date", "When the claimant stated or estimated it (not when the article repeated it); ISO text per claim_date_precision."),
        Column("claim_date_precision", "precision", "day, month, year, or interval (START/END: only a bound is known).", allowed=PRECISIONS),
        Column("claim_date_words", "text", "The words the date was resolved from (e.g. 'estimates from November').", required=False),
    )


def _tail() -> tuple[Column, ...]:
    return (
        Column("quote", "text", "Verbatim words of the seed that state the row (whitespace may differ; nothing else)."),
        Column("note", "text", "Curator's note: how a date or bound was resolved, caveats.", required=False),
    )


def _period() -> tuple[Column, ...]:
    return (
        Column("period_start", "partial_date", "First month/day the figure covers (YYYY, YYYY-MM or YYYY-MM-DD).", required=False),
        Column("period_end", "partial_date", "Last month/day the figure covers.", required=False),
        Column("period_words", "text", "The words the period was read from.", required=False),
    )


LOSSES = Table(
    "losses",
    "Estimates of Russian military losses: who estimates, what is counted, the period, the figure.",
    _head()
    + (Column("measure", "enum", "What is counted.", allowed=("killed", "killed_or_wounded", "deserted", "killed_or_wounded_share_of_prewar_force")),)
    + _period() + _numbers() + _claim() + _tail(),
    dates=("claim_date",),
)
INFLOWS = Table(
    "inflows",
    "People entering (or planned to enter) the forces: mobilisation waves, contract sign-ups.",
    _head()
    + (
        Column("country", "enum", "Whose forces.", allowed=("Russia", "Ukraine")),
        Column("channel", "enum", "How people come in.", allowed=("partial_mobilisation", "contract_signups", "planned_mobilisation")),
    )
    + _period() + _numbers() + _claim() + _tail(),
    dates=("claim_date",),
)
CONSCRIPTION = Table(
    "conscription",
    "The conscription rules before and after the 2023 change: age window and service length.",
    _head()
    + (
        Column("country", "enum", "Whose conscription.", allowed=("Russia", "Ukraine")),
        Column("regime", "enum", "Before or after the change.", allowed=("before", "after")),
        Column("measure", "enum", "age_window (low..high, inclusive ages) or service_length.", allowed=("age_window", "service_length")),
        Column("effective", "date", "When the rule takes effect (empty if the article does not say).", required=False),
        Column("effective_precision", "precision", "Precision of effective.", required=False, allowed=PRECISIONS),
        Column("effective_words", "text", "The words effective was read from.", required=False),
    )
    + _numbers() + _claim() + _tail(),
    dates=("effective", "claim_date"),
)
FOREIGN = Table(
    "foreign",
    "Recruiting foreigners: the citizenship decree's terms, target countries and pools, incentives.",
    _head()
    + (
        Column("aspect", "enum", "Which part of foreign recruitment the row describes.", allowed=("eligibility", "minimum_contract", "family", "dismissal_grounds", "motive", "target_country", "migrant_pool", "incentive")),
        Column("subject", "text", "Who or what: a country, a pool of people, a term of the decree."),
    )
    + _numbers() + _claim() + _tail(),
    dates=("claim_date",),
)
EVENTS = Table(
    "events",
    "A timeline: decrees, statements, mobilisation announcements, the election, warnings.",
    _head()
    + (
        Column("category", "enum", "Kind of event.", allowed=("war", "mobilisation", "conscription", "decree", "statement", "report", "warning", "election")),
        Column("label", "text", "Short label for the timeline chart."),
        Column("date", "date", "When the event happened (or is scheduled)."),
        Column("date_precision", "precision", "Precision of date.", allowed=PRECISIONS),
        Column("date_words", "text", "The words the date was resolved from (e.g. 'on Thursday').", required=False),
    )
    + _numbers() + _claim() + _tail(),
    dates=("date", "claim_date"),
)
EXCLUSIONS = Table(
    "exclusions",
    "Numeric or dated passages of the seeds deliberately not curated, each with a reason.",
    (
        Column("id", "id", "Stable slug."),
        Column("source_id", "id", "The article: a source_id in seeds/sources.csv."),
        Column("reason", "enum", "Why it is not a figure of the report.", allowed=("page_furniture", "publication_metadata", "other_story", "not_manpower", "historical_reference")),
        Column("quote", "text", "Verbatim passage excluded; every mention inside it counts as accounted for."),
        Column("note", "text", "Curator's note.", required=False),
    ),
    figures=False,
)
SOURCES = Table(
    "sources",
    "The source registry (seeds/sources.csv): one row per article.",
    (
        Column("source_id", "id", "Stable slug: outlet and publication date."),
        Column("outlet", "text", "Publication name."),
        Column("headline", "text", "Headline as published."),
        Column("byline", "text", "Authors as printed (empty when the page gives none).", required=False),
        Column("published", "date", "Publication date, per published_precision."),
        Column("published_precision", "precision", "day, month, year or interval.", allowed=PRECISIONS),
        Column("published_words", "text", "The dateline as printed.", required=False),
        Column("file", "text", "The seed text file in seeds/ (plain UTF-8)."),
        Column("note", "text", "How the date was established, anything odd about the page.", required=False),
    ),
    figures=False,
    dates=("published",),
)

FIGURE_TABLES = (LOSSES, INFLOWS, CONSCRIPTION, FOREIGN, EVENTS)
TABLES = FIGURE_TABLES + (EXCLUSIONS,)
