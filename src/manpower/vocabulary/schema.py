"""The one definition of every curated table: its columns, their kinds, units and allowed values.

The check, the loader and the codebook (data/README.md) all read this module, so a column is
described once. Kinds: `id` (a slug), `text`, `enum` (one of `allowed`), `number` (a
non-negative decimal), `date` (ISO text resolved with its `<name>_precision` column),
`precision`, `partial_date` (YYYY, YYYY-MM or YYYY-MM-DD), `day` (a whole ISO date, written only into
the data package's figures.csv). The figure model (kind, bounds,
basis, side, scope, part_of, group) is the same for every figure table.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..core.dates import PRECISIONS
from .qualifiers import HEDGES, QUALIFIERS

MIN_QUOTE = 20  # characters: a quote must carry its figure, not be a stray word
MAX_HEADLINE = 500  # characters: a longer "headline" is the article (or a paste gone wrong), not its title

CLAIMANT_TYPES = (
    "russian_official", "western_government", "ukrainian_official", "foreign_government",
    "opposition_politician", "independent_researchers", "media_count", "news_agency", "outlet",
)
CLAIMANT_TYPE_WORDS = {  # each kind of claimant as a reader's words (the appendix's caveats)
    "russian_official": "Russian officials", "western_government": "Western governments",
    "ukrainian_official": "Ukrainian officials", "foreign_government": "other governments",
    "opposition_politician": "opposition politicians", "independent_researchers": "independent researchers",
    "media_count": "media counts", "news_agency": "news agencies", "outlet": "news outlets",
}
# Units of value/low/high. Money carries its period; `things` counts objects (centres, ships).
FIGURE_UNITS = (
    "people", "percent", "times_average_salary", "years", "months", "age_years", "things",
    "times_per_year",
    "usd_per_month", "usd_per_year", "usd_one_off", "rub_per_month", "rub_per_year", "rub_one_off",
    "eur_per_month", "eur_one_off",
    "people_per_day", "people_per_week", "people_per_month", "people_per_year",
    "fraction",
)
# Units that are a rate of people over time ("at least one a day"): never a count, never summed
# with one; and a share of a whole written as a fraction of one ("about half of them": 0.5).
RATE_UNITS = {"people_per_day": "a day", "people_per_week": "a week", "people_per_month": "a month",
              "people_per_year": "a year"}
SHARE_UNITS = {"percent": 100.0, "fraction": 1.0}  # the largest share each unit can hold
KINDS = {
    "count": "an exact count (value as stated, no qualifier, or a tally)",
    "estimate": "an estimate (usually with a qualifier such as 'approximately')",
    "central": "a central estimate (median, best guess) in value with its range in low/high (bounds stated)",
    "interval": "a statistical interval: low..high with its confidence level in `level` (bounds stated)",
    "floor": "at least this many (e.g. names confirmed on a list): high is open",
    "ceiling": "at most this many: low is open",
    "forecast": "a figure expected in the future ('there will be', 'expected to')",
    "target": "a figure aimed at (a plan, a quota)",
    "hedged": "a claim the claimant hedges ('likely', 'probably')",
    "rule": "a term of a law, decree or offer (an age limit, a minimum contract, a promised salary)",
}
AHEAD_KINDS = ("forecast", "target")  # kinds whose period may run past the article's publication
BOUNDS = {
    "stated": "low/high are stated by the source (a range, an interval, a breakdown's ends)",
    "convention": "low/high are read from the qualifier by the convention below (not stated by the source)",
}
BASES = {
    "cumulative": "since period_start (usually the invasion) up to period_end",
    "flow": "during period_start..period_end only (e.g. 'over the past five months', 'last year')",
    "stock": "standing at period_end (e.g. migrants in Russia now, troops deployed)",
}
# What part of a side's forces (or of a group counted) a figure covers: a small closed list, so that
# one quantity is one key however the article words it ("troops", "military personnel", "soldiers"
# are all `all`). The article's words stay in the free-text `scope`.
SCOPE_CLASSES = {
    "all": "the whole of the side's forces or of the group counted (troops, military personnel, soldiers, men)",
    "officers": "officers (a rank)",
    "conscripts": "conscripts (men doing compulsory service)",
    "mobilised": "men called up in a mobilisation (reservists, the recently drafted)",
    "contract": "contract soldiers and volunteers",
    "private_military_company": "a private military company's fighters (Wagner)",
    "regular_forces": "the regular army, as against irregular forces",
    "prisoners": "prisoners recruited from jails",
    "foreign_nationals": "citizens of other countries (migrants, recruits from abroad)",
    "other": "another subset, named in `scope` (its words are then part of the quantity)",
}
SIDES = {"russian": "Russia's losses or forces", "ukrainian": "Ukraine's", "other": "another party's"}
TERMS_EVENTS = ("decree", "law_passed", "recruitment_drive")  # events whose terms foreign rows may state
EVENT_CATEGORIES = (
    "war", "mobilisation", "conscription", "decree", "law_passed", "vote", "statement", "denial",
    "report", "warning", "election", "arrest", "recruitment_drive",
)
LOSS_MEASURES = (
    "killed", "wounded", "killed_or_wounded", "captured", "missing", "deserted",
    "killed_or_wounded_share_of_prewar_force",
)
FOREIGN_ASPECTS = (
    "eligibility", "minimum_contract", "family", "dismissal_grounds", "motive", "target_country",
    "migrant_pool", "incentive", "training", "recruited", "killed", "captured", "repatriated",
)
CONSCRIPTION_MEASURES = (
    "age_window", "min_age", "max_age", "service_length", "added_to_pool", "callups_per_year",
    "conscripts_called", "pay",
)

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
        Column("low", "number", "Lower bound: stated by the source or implied by the qualifier, per `bounds` (empty = open).", required=False, unit="see unit"),
        Column("high", "number", "Upper bound: stated by the source or implied by the qualifier, per `bounds` (empty = open).", required=False, unit="see unit"),
        Column("unit", "enum", "Unit of value/low/high; required when any of them is given. Money carries its period.", required=False, allowed=FIGURE_UNITS),
        Column("qualifier", "enum", "The bounding qualifier as written, matched in the quote as whole words; empty means the number is stated exactly.", required=False, allowed=tuple(q for q in QUALIFIERS if q)),
    )


def _model() -> tuple[Column, ...]:
    return (
        Column("kind", "enum", "What kind of figure it is (see Kinds); required with any number.", required=False, allowed=tuple(KINDS)),
        Column("level", "number", "Confidence level in percent of an `interval` (e.g. 95); empty otherwise.", required=False, unit="percent"),
        Column("bounds", "enum", "Where low/high come from: `stated` by the source or read by `convention` from the qualifier; empty when both are empty.", required=False, allowed=tuple(BOUNDS)),
        Column("hedge", "enum", "A hedge or forecast word written in the quote ('likely', 'there will be'); it sets the kind, not the bounds.", required=False, allowed=tuple(HEDGES)),
        Column("basis", "enum", "How the figure relates to its period: cumulative since period_start, a flow during the period, or a stock at period_end.", required=False, allowed=tuple(BASES)),
        Column("side", "enum", "Whose losses or forces the figure counts.", required=False, allowed=tuple(SIDES)),
        Column("scope", "text", "The subset covered, in the article's words (a force, nationality, rank, age group); empty = all of the side.", required=False),
        Column("scope_class", "enum", "The subset covered, from the closed list (see Scopes); required with a scope; empty = `all`. Figures are one quantity when their scope_class (not their wording) is the same.", required=False, allowed=tuple(SCOPE_CLASSES)),
        Column("part_of", "id", "The id of the row (same table) this row is a subset of; never summed with it.", required=False),
        Column("group", "id", "An id shared by the rows of one estimate (a total and its stated breakdown; a median and its range).", required=False),
    )


def _claim() -> tuple[Column, ...]:
    return (
        Column("claim_date", "date", "When the claimant stated or estimated it (not when the article repeated it); ISO text per claim_date_precision."),
        Column("claim_date_precision", "precision", "day, month, year, or interval (START/END: only a bound is known).", allowed=PRECISIONS),
        Column("claim_date_words", "text", "The words the date was resolved from (e.g. 'estimates from November').", required=False),
    )


def _tail() -> tuple[Column, ...]:
    return (
        Column("quote", "text", f"Verbatim words of the seed that state the row (whitespace may differ; nothing else); at least {MIN_QUOTE} characters and containing the figure's number or date words."),
        Column("note", "text", "Curator's note: how a date or bound was resolved, caveats.", required=False),
    )


def _period() -> tuple[Column, ...]:
    return (
        Column("period_start", "partial_date", "Reference period: first year/month/day the figure covers (YYYY, YYYY-MM or YYYY-MM-DD); distinct from the claim date.", required=False),
        Column("period_end", "partial_date", "Reference period: last year/month/day the figure covers (for a stock, the date it stands at).", required=False),
        Column("period_words", "text", "The words the period was read from.", required=False),
    )


def _dated(name: str, what: str) -> tuple[Column, ...]:
    return (
        Column(name, "date", f"When the rule was {what} (empty if the article does not say).", required=False),
        Column(f"{name}_precision", "precision", f"Precision of {name}.", required=False, allowed=PRECISIONS),
        Column(f"{name}_words", "text", f"The words {name} was read from.", required=False),
    )


def _figures(*specific: Column) -> tuple[Column, ...]:
    return _head() + tuple(specific) + _period() + _numbers() + _model() + _claim() + _tail()


LOSSES = Table(
    "losses",
    "Estimates of military losses: who estimates, whose losses, what is counted, the period, the figure.",
    _figures(Column("measure", "enum", "What is counted.", allowed=LOSS_MEASURES)),
    dates=("claim_date",),
)
INFLOWS = Table(
    "inflows",
    "People entering (or planned to enter) the forces: mobilisation waves, contract sign-ups.",
    _figures(
        Column("country", "enum", "Whose forces.", allowed=("Russia", "Ukraine")),
        Column("channel", "enum", "How people come in.", allowed=("partial_mobilisation", "contract_signups", "planned_mobilisation", "conscription", "prisoners")),
    ),
    dates=("claim_date",),
)
CONSCRIPTION = Table(
    "conscription",
    "The conscription rules and figures: age limits (either end may be unstated), service length, call-ups; when a change was voted, announced and takes effect.",
    _figures(
        Column("country", "enum", "Whose conscription.", allowed=("Russia", "Ukraine")),
        Column("regime", "enum", "Before or after the change.", allowed=("before", "after")),
        Column("measure", "enum", "age_window (low..high inclusive ages; an unstated end is empty, bounds stated), min_age, max_age, service_length, added_to_pool (men newly liable), callups_per_year, conscripts_called, pay.", allowed=CONSCRIPTION_MEASURES),
        *_dated("voted", "voted (by parliament)"),
        *_dated("announced", "announced"),
        *_dated("effective", "in effect from"),
    ),
    dates=("voted", "announced", "effective", "claim_date"),
)
FOREIGN = Table(
    "foreign",
    "Recruiting foreigners: the citizenship decree's terms, target countries and pools, incentives, and counts of foreigners recruited, killed, captured or repatriated.",
    _figures(
        Column("aspect", "enum", "Which part of foreign recruitment the row describes.", allowed=FOREIGN_ASPECTS),
        Column("subject", "text", "Who or what: a country, a pool of people, a term of the decree."),
        Column("event", "id", "The event whose terms the row states: the id of a row of events.csv (a decree, a law, an offer). Each event's terms are set out on their own, never mixed with another decree's.", required=False),
    ),
    dates=("claim_date",),
)
EVENTS = Table(
    "events",
    "A timeline: decrees, laws, votes, statements and denials, mobilisation announcements, arrests, the election, warnings.",
    _head()
    + (
        Column("category", "enum", "Kind of event.", allowed=EVENT_CATEGORIES),
        Column("label", "text", "Short label for the timeline chart."),
        Column("date", "date", "When the event happened (or is scheduled); must agree with date_words."),
        Column("date_precision", "precision", "Precision of date.", allowed=PRECISIONS),
        Column("date_words", "text", "The words the date was resolved from (e.g. 'on Thursday'), written in the quote unless in parentheses.", required=False),
    )
    + _period() + _numbers() + _model() + _claim() + _tail(),
    dates=("date", "claim_date"),
)
EXCLUSIONS = Table(
    "exclusions",
    "Numeric or dated passages of the seeds deliberately not curated, each with a reason.",
    (
        Column("id", "id", "Stable slug."),
        Column("source_id", "id", "The article: a source_id in seeds/sources.csv."),
        Column("reason", "enum", "Why it is not a figure of the report.", allowed=("page_furniture", "publication_metadata", "other_story", "not_manpower", "historical_reference", "context", "duplicate")),
        Column("quote", "text", "Verbatim passage excluded. Without `mention`, every mention inside it is accounted for, unless it lies in a curated quote."),
        Column("mention", "text", "One mention inside the passage, as written ('2024', 'a year'), that is context, not a figure; the passage may then be (part of) a curated quote.", required=False),
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
        Column("url", "text", "Where the article was read (empty if unknown).", required=False),
        Column("accessed", "partial_date", "When the page was read or the text copied (YYYY-MM-DD).", required=False),
        Column("licence", "text", "Rights note: the licence, or on what basis the text is kept (e.g. supplied by the user for research).", required=False),
        Column("note", "text", "How the date was established, anything odd about the page.", required=False),
    ),
    figures=False,
    dates=("published",),
)

FIGURE_TABLES = (LOSSES, INFLOWS, CONSCRIPTION, FOREIGN, EVENTS)
TABLES = FIGURE_TABLES + (EXCLUSIONS,)
