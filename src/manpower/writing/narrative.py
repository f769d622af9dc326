"""Numbers in prose: every figure printed with its qualifier and a footnote to its source.

Chapters never type a number: they call `Narrator.fig(id)` for a curated figure, or
`Narrator.derived(d)` for a computed one (which names its formula and input ids). The text of
the data (quotes, headlines, claimants) is escaped for Markdown here, on the way out.
"""
from __future__ import annotations

import re

import pandas as pd

from . import wording as W
from ..analysis.rates import article_period
from ..curated.derived import Derived
from .evidence import derived_span, figure_span
from ..analysis.formats import (MONTH_NAMES, dated, end_sentence, fmt_date, fmt_figure, fmt_number,  # noqa: F401
                                fmt_range, md, quote, quote_plain, short_date)  # the prose's own words, which chapters import from here
from ..core.values import text as _text
from .wording import claim, claim_when, dating, figure, measure

INSTITUTION = re.compile(r"\b(government|ministry|council|office|kremlin|defence|defense|NSDC|assembly|parliament|duma|senate|staff|committee)\b", re.IGNORECASE)


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
        return figure_span(figure(row, reading), row, self.ds.sources)

    def claim(self, row: pd.Series, claimant: str, what: str = "") -> str:
        """'{claimant} expects just under 500,000 {what}' (wording.claim), the figure carrying its evidence."""
        return claim(row, claimant, what, shown=self.figure(row))

    def claim_line(self, row: pd.Series, what: str | None = None) -> str:
        """A claim as a desk prints it: 'UK Ministry of Defence, November 2023: approximately
        302,000 killed or wounded since the invasion', one date, the citation, and a note with the
        full dating of claim and period where that one date loses some of it. `what` replaces
        the words of the measure."""
        when = W.claim_when(row)
        per = self.period_words(row)
        what = W.measure(row) if what is None else what
        # words ending in an aside ("to be mobilised (a proposal …)") take the scope before them, so
        # two asides never stand side by side: "extra troops to be mobilised (a proposal …)"
        scope = _text(row.get("scope")).strip()
        front = bool(scope and what and what.endswith(")") and not _text(row.get("part_of")).strip())
        if front:
            what = f"{md(scope)} {what}"
        return (f"{self.claimant(row['id'])}{', ' + when if when else ''}: {self.figure(row)}"
                f"{self.cite(str(row['source_id']))}{(' ' + what) if what else ''}{(' ' + per) if per else ''}"
                f"{'' if front else self.part_words(row)}{self.dating_note(row)}")

    def period_words(self, row: pd.Series) -> str:
        """The period a figure covers (wording.period_short); when its sentence states none but
        another sentence of the article does, that period, said to be the article's
        (findings.article_period: a part takes its whole's)."""
        per = W.period_short(row)
        if per != W.NO_PERIOD or not self.has(str(row.get("id"))):
            return per
        table, _ = self.ds._locate(str(row["id"]))
        return W.period_from_article(row, article_period(row, self.ds.tables[table]))

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
