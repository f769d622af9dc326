"""Numbers in prose: every figure printed with its qualifier and a footnote to its source.

Chapters never type a number: they call `Narrator.fig(id)` for a curated figure, or
`Narrator.derived(d)` for a computed one (which names its formula and input ids). The text of
the data (quotes, headlines, claimants) is escaped for Markdown here, on the way out.
"""
from __future__ import annotations

import math
import re
from datetime import date

import pandas as pd

from .derived import Derived  # noqa: F401  (re-exported for old imports)
from .evidence import derived_span, figure_span
from .qualifiers import CEILING_WORDS, FLOOR_WORDS, RANGE, whole_bounds
from .schema import RATE_UNITS

VERB_WORDS = ("surpasses", "surpassed", "exceeds", "exceeded")  # floor qualifiers that are verbs
from .numbers import VAGUE

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


def _text(value: object) -> str:
    """A data cell as text; a missing one (None, NaN) as nothing."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""  # a missing cell of any dtype (NaN, pd.NA of a string column): never "<NA>" or "nan"
    return str(value)


def md(text: object) -> str:
    """Data text made literal inside Markdown (no markup, links, HTML or Typst code survives)."""
    from .typeset import escape_markdown

    return escape_markdown(_text(text))


INSTITUTION = re.compile(r"\b(government|ministry|council|office|kremlin|defence|defense|NSDC)\b", re.IGNORECASE)


def quote_plain(text: object) -> str:
    """Data text in typographic double quotes (plain text, not Markdown); typographic double
    quotes inside it become single ones (“He said: ‘no’.”), as nested quotations are printed.
    Paired straight quotes ("...") inside become single curly ones too; an unpaired one is left as
    it is. The CSV keeps the words verbatim."""
    inner = _text(text).replace('“', '‘').replace('”', '’')
    return "“" + re.sub(r'"([^"]*)"', "‘\\1’", inner) + "”"  # a straight-quoted phrase inside reads as nested


def quote(text: object) -> str:
    """quote_plain, made literal inside Markdown."""
    return md(quote_plain(text))


def end_sentence(text: str) -> str:
    """A full stop at the end, unless the sentence already ends with one (or ? ! …) inside a
    closing quotation mark, before its citation markers: “…on March 17.”[^src], not “…17.”[^src]."""
    core = re.sub(r"(\[\^[^\]]+\])+$", "", text.rstrip()).rstrip("”’\"')")
    return text.rstrip() if core.endswith((".", "?", "!", "…")) else text.rstrip() + "."


def _num(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"


MONEY = {  # unit -> (currency, period): a sum of money printed as money, never as a head count
    "usd_per_month": ("US dollars", " a month"), "usd_per_year": ("US dollars", " a year"), "usd_one_off": ("US dollars", " once"),
    "rub_per_month": ("roubles", " a month"), "rub_per_year": ("roubles", " a year"), "rub_one_off": ("roubles", " once"),
    "eur_per_month": ("euros", " a month"), "eur_one_off": ("euros", " once"),
}
FRACTION_WORDS = {0.5: "half", 0.25: "a quarter", 0.75: "three quarters", 0.333: "a third",
                  0.667: "two thirds", 0.1: "a tenth", 1.0: "all"}  # how articles write common fractions
WHOLE_UNITS = (None, "", "people", "things")  # counted in whole ones: never half a person


def fmt_number(x: float | None, unit: str | None) -> str:
    """A number with its unit, as a reader expects it ('302,000', '90%', '1 year'); people and
    things as whole numbers. A missing number says so in words (never 'n/a' or 'nan')."""
    if x is None or pd.isna(x):
        return "not stated"
    x = float(x)
    if math.isinf(x):
        return "no bound" if x > 0 else "no lower bound"
    if unit in WHOLE_UNITS:
        return f"{x:,.0f}"
    if unit == "percent":
        return f"{x:g}%"
    if unit == "times_average_salary":
        return f"{_num(x)} times the average salary"
    if unit in MONEY:
        currency, per = MONEY[unit]
        return f"{_num(x)} {currency}{per}"
    if unit == "times_per_year":
        return f"{_num(x)} {'time' if x == 1 else 'times'} a year"
    if unit in RATE_UNITS:  # a rate, never a count: "1 a day", "2,000 a month"
        return f"{x:,.0f} {RATE_UNITS[unit]}" if x == round(x) else f"{_num(x)} {RATE_UNITS[unit]}"
    if unit == "fraction":  # a share as a fraction of one, with its per cent: "half (50%)"
        word = FRACTION_WORDS.get(round(x, 3))
        return f"{word} ({100 * x:.3g}%)" if word else f"{100 * x:.3g}% (a share)"
    if unit in ("years", "months"):
        word = unit[:-1] if x == 1 else unit
        return f"{_num(x)} {word}"
    return _num(x)


def fmt_range(low: float | None, high: float | None, unit: str | None, sep: str = "–") -> str:
    """'286,900–317,100', '9.5–10.5 times the average salary', '18 to 30' (sep " to "): the
    unit written once, after the high end."""
    bare = "number" if unit in MONEY or unit in RATE_UNITS or unit in (
        "times_average_salary", "times_per_year", "years", "months") else unit
    if unit == "fraction" and low is not None and high is not None and not (pd.isna(low) or pd.isna(high)):
        return f"{100 * float(low):.3g}%{sep}{100 * float(high):.3g}% (a share)"
    if low is not None and high is not None and not (pd.isna(low) or pd.isna(high)):
        low, high = whole_bounds(float(low), float(high), "people" if unit in WHOLE_UNITS else unit)
    return f"{fmt_number(low, bare)}{sep}{fmt_number(high, unit)}"


def fmt_date(start, end, precision: str) -> str:
    """'14 December 2023', 'November 2023', '2023', or 'between … and …' for an interval."""
    s, e = pd.Timestamp(start), pd.Timestamp(end)
    day = lambda t: f"{t.day} {MONTH_NAMES[t.month - 1]} {t.year}"
    if precision == "day":
        return day(s)
    if precision == "month":
        return f"{MONTH_NAMES[s.month - 1]} {s.year}"
    if precision == "year":
        return str(s.year)
    return f"between {day(s)} and {day(e)}"


def dated(start, end, precision: str) -> str:
    """fmt_date with the preposition it takes: 'on 14 December 2023', 'in November 2023', 'in 2023',
    'between … and …' (never 'in 14 December 2023' or 'in between')."""
    text = fmt_date(start, end, precision)
    return {"day": "on ", "month": "in ", "year": "in "}.get(precision, "") + text


def short_date(start, end, precision: str) -> str:
    """Compact dates for chart labels: '14 Dec 2023', 'Nov 2023', '2023', '4–5 Jan 2024', 'Nov 2023–Jan 2024'."""
    s, e = pd.Timestamp(start), pd.Timestamp(end)
    if precision == "day":
        return f"{s.day} {s:%b %Y}"
    if precision == "month":
        return f"{s:%b %Y}"
    if precision == "year":
        return str(s.year)
    if (s.year, s.month) == (e.year, e.month):  # an interval inside one month: its days, never one day
        return f"{s:%b %Y}" if s.day == 1 and (e + pd.Timedelta(days=1)).day == 1 else f"{s.day}–{e.day} {s:%b %Y}"
    return f"{s:%b %Y}–{e:%b %Y}"


def _val(row, col):
    v = row.get(col) if hasattr(row, "get") else row[col]
    return None if v is None or pd.isna(v) else float(v)


def fmt_figure(row: pd.Series, bounds: bool = False) -> str:
    """A curated figure as prose: qualifier + number + unit; ranges and vague words kept; a floor
    or ceiling without a qualifier word (a count of named dead) says "at least" / "at most"; a
    range the source states without a word ("40,000-55,000") reads as a range. With `bounds`,
    the figure as its kind requires, everywhere it is printed: `wording.figure` (an interval
    with its level, a stated range as stated, a convention range as our reading)."""
    if bounds:
        from .wording import figure

        return figure(row, reading=True)
    q = _text(row.get("qualifier")).strip().lower()
    unit = row.get("unit")
    unit = None if unit is None or pd.isna(unit) else str(unit)
    value, low, high = _val(row, "value"), _val(row, "low"), _val(row, "high")
    if q in VAGUE:
        return q
    if q in RANGE or (value is None and low is not None and high is not None):
        text = fmt_range(low, high, unit, " to ")
        return text if q in RANGE or not q else f"{q} {text}"
    kind = _kind(row)
    if value is None:  # one end only: a floor or a ceiling the source states as a bound
        if low is not None:
            return f"{q or 'at least'} {fmt_number(low, unit)}" if q in FLOOR_WORDS or not q else f"at least {q} {fmt_number(low, unit)}"
        if high is not None:
            return f"{q or 'at most'} {fmt_number(high, unit)}" if q in CEILING_WORDS or not q else f"at most {q} {fmt_number(high, unit)}"
        return "no number stated"
    text = fmt_number(value, unit)
    if q in VERB_WORDS:  # "surpassed 40,000" reads as what it is: a floor in the source's words
        return f"at least {text} (“{q}”)"
    if q:
        text = f"{q} {text}"
    if kind == "floor" and q not in FLOOR_WORDS:
        text = f"at least {text}"
    elif kind == "ceiling" and q not in CEILING_WORDS:
        text = f"at most {text}"
    return text


def _kind(row) -> str:
    from .wording import kind_of

    return kind_of(row)


def derived_words(d) -> str:
    """A derived figure as what it is: 'at least 1,400' for a floor (a rate from a count of named
    dead), 'at most …' for a ceiling, else the value with its range where it has one."""
    if getattr(d, "kind", "") == "floor":
        return f"at least {fmt_number(d.low if d.low is not None else d.value, d.unit)}"
    if getattr(d, "kind", "") == "ceiling":
        return f"at most {fmt_number(d.high if d.high is not None else d.value, d.unit)}"
    text = fmt_number(d.value, d.unit)
    if d.low is not None and d.high is not None and (d.low != d.value or d.high != d.value):
        text += f" (range {fmt_number(d.low, d.unit)}–{fmt_number(d.high, d.unit)})"
    return text


class Narrator:
    """Formats figures for one chapter and collects the sources it cites, in order of first use."""

    def __init__(self, dataset):
        self.ds = dataset
        self.cited: list[str] = []
        self.quoted: set[str] = set()  # quotes printed so far: none twice

    def has(self, figure_id: str) -> bool:
        return self.ds.has(figure_id)

    def cite(self, source_id: str) -> str:
        if source_id not in self.cited:
            self.cited.append(source_id)
        return f"[^{source_id}]"

    def fig(self, figure_id: str, bounds: bool = False, cite: bool = True) -> str:
        """The figure `figure_id` in words, with a footnote marker to its source."""
        row = self.ds.row(figure_id)
        text = figure_span(fmt_figure(row, bounds=bounds), row, self.ds.sources)  # evidence on hover (HTML)
        return text + (self.cite(str(row["source_id"])) if cite else "")

    def figure(self, row: pd.Series, reading: bool = True) -> str:
        """The figure in the words its kind requires (wording.figure), carrying its evidence on hover."""
        from .wording import figure

        return figure_span(figure(row, reading), row, self.ds.sources)

    def claim(self, row: pd.Series, claimant: str, what: str = "") -> str:
        """'{claimant} expects just under 500,000 {what}' (wording.claim), the figure carrying its evidence."""
        from .wording import claim

        return claim(row, claimant, what, shown=self.figure(row))

    def claim_line(self, row: pd.Series, what: str | None = None) -> str:
        """A claim as a desk prints it: 'UK Ministry of Defence, November 2023: approximately
        302,000 killed or wounded since the invasion', one date, the citation, and a note with the
        full dating of claim and period where that one date loses some of it. `what` replaces
        the words of the measure."""
        from . import wording as W

        when = W.claim_when(row)
        per = W.period_short(row)
        what = W.measure(row) if what is None else what
        return (f"{self.claimant(row['id'])}{', ' + when if when else ''}: {self.figure(row)}"
                f"{self.cite(str(row['source_id']))}{(' ' + what) if what else ''}{(' ' + per) if per else ''}"
                f"{self.part_words(row)}{self.dating_note(row)}")

    def listing_item(self, row: pd.Series) -> str:
        """One figure as a list item (Chapter.listing adds the bullet): the claim (`claim_line`,
        its claimant in bold) and its quote, the first time the chapter prints it."""
        line = self.claim_line(row)
        name = self.claimant(row["id"])
        q = self.quote(row)
        return f"**{name}**{line[len(name):]}{(' — ' + q) if q else ''}"

    def dating_note(self, row) -> str:
        """A note with the full dating of claim and period (wording.dating), where the sentence's
        one date loses some of it; nothing otherwise."""
        from .wording import dating

        text = dating(row)
        return f"^[{md(text)}]" if text else ""

    def quote(self, row) -> str:
        """The figure's quote in quotation marks, the first time this chapter prints it; empty
        after that (a quote holding several figures is printed once)."""
        text = _text(row.get("quote")).strip()
        if not text or text in self.quoted:
            return ""
        self.quoted.add(text)
        return quote(text)

    def part_words(self, row) -> str:
        """' (officers; part of: some 50,000 killed)': what subset a figure counts and, for a part,
        the whole it is part of, so a part never reads as a rival total."""
        from . import wording as W

        scope = _text(row.get("scope")).strip()
        whole = _text(row.get("part_of")).strip()
        bits = [md(scope)] if scope else []
        if whole and self.has(whole):
            w = self.ds.row(whole)
            bits.append(f"part of {W.figure(w, reading=False)} {W.measure(w)}")
        return f" ({'; '.join(bits)})" if bits else ""

    def claimant(self, figure_id: str, article: str = "") -> str:
        """Who claims the figure; with article="the" (or "The" to open a sentence), institutions
        read as in running prose ("the Russian government"), people and agencies as they are."""
        row = self.ds.row(figure_id)
        text = md(row["claimant"])
        if article and INSTITUTION.search(str(row["claimant"])) and not str(row["claimant"]).lower().startswith("the "):
            text = f"{article} {text}"
        if not pd.isna(row.get("cited_via")) and row.get("cited_via"):
            text += f" (via {md(row['cited_via'])})"
        return text

    def when(self, figure_id: str, column: str = "claim_date") -> str:
        row = self.ds.row(figure_id)
        return fmt_date(row[f"{column}_start"], row[f"{column}_end"], str(row[f"{column}_precision"]))

    def when_dated(self, figure_id: str, column: str = "claim_date") -> str:
        """`when` with its preposition (see `dated`)."""
        row = self.ds.row(figure_id)
        return dated(row[f"{column}_start"], row[f"{column}_end"], str(row[f"{column}_precision"]))

    def short_when(self, figure_id: str, column: str = "claim_date") -> str:
        row = self.ds.row(figure_id)
        return short_date(row[f"{column}_start"], row[f"{column}_end"], str(row[f"{column}_precision"]))

    def derived(self, d: Derived, explain: bool = True, words: str | None = None) -> str:
        """A derived figure (with its range), its basis, formula and inputs in a note: the body
        text carries the number, the note how it was made. The note names the inputs by claimant
        and date (ids stay in Appendix C, the data and the HTML's hover). The inputs' sources are cited.
        `words` replaces the number's wording where a sentence needs another (a gap "100 to 900
        people", a horizon of months) and still gets the note: the one path a derived figure's
        formula and evidence reach the text, so no chapter writes a "Derived:" note by hand."""
        text = derived_words(d) if words is None else words
        text = derived_span(text, d, self.ds)  # formula and inputs on hover (HTML)
        if explain:
            basis = f" Basis: {md(d.basis)}." if getattr(d, "basis", "") else ""
            inputs = self.input_words(list(d.inputs))
            text += f"^[Derived: {md(d.formula)}.{basis}{(' Inputs: ' + inputs + '.') if inputs else ''}]"
        for sid in dict.fromkeys(self.ds.cell(i, "source_id") for i in d.inputs if self.has(i)):
            self.cite(str(sid))
        return text

    def input_words(self, ids: list[str], limit: int | None = None) -> str:
        """A derived figure's inputs as a reader names them: 'UK Ministry of Defence, November 2023;
        US intelligence, by January 2024', the same claimant and date once; the first few only when
        there are many. Never a figure id."""
        from .wording import claim_when, measure

        names = []
        for i in ids:
            if not self.has(i):
                continue
            row = self.ds.row(i)
            when = claim_when(row)
            what = measure(row)
            name = f"{md(row['claimant'])}{', ' + when if when else ''}{f' ({what})' if what else ''}"
            if name not in names:
                names.append(name)
        limit = ID_LIST_LIMIT if limit is None else limit
        rest = len(names) - limit
        return "; ".join(names[:limit]) + (f"; and {rest:,} more (all in figures.csv)" if rest > 0 else "")

    def footnotes(self) -> str:
        """Markdown footnote definitions for every source cited so far."""
        lines = []
        src = self.ds.sources.set_index("source_id")
        for sid in self.cited:
            r = src.loc[sid]
            when = fmt_date(r["published_start"], r["published_end"], str(r["published_precision"]))
            lines.append(f"[^{sid}]: {md(r['outlet'])}, {quote(r['headline'])}, {when}.")
        return "\n\n".join(lines)


ID_LIST_LIMIT = 4  # inputs a derived figure's note names; figures.csv beside the report lists every one


def md_table(df: pd.DataFrame, columns: dict[str, str] | None = None, widths: list[int] | None = None) -> str:
    """A left-aligned pipe table (pandoc keeps these in Typst and HTML; pandas' HTML tables do
    not survive). Cells are Markdown: escape data text with md(). `widths` are relative column
    widths (pandoc reads them from the length of the separator dashes)."""
    columns = columns or {c: c for c in df.columns}
    widths = widths or [10] * len(columns)
    head = "| " + " | ".join(md(v) for v in columns.values()) + " |"
    rule = "|" + "|".join(":" + "-" * max(3, w) for w in widths) + "|"
    body = []
    for _, row in df.iterrows():
        cells = []
        for c in columns:
            v = row[c]
            cells.append("" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v))
        body.append("| " + " | ".join(cells) + " |")
    return "\n".join([head, rule, *body])
