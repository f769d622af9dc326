"""What every chapter notebook does first and last, so the notebooks hold only analysis and words.

`Chapter.start(name, globals())` validates the parameters, loads and selects the data, applies
the chart style and prepares the output folder; `say`, `table` and `chart` put prose, tables and
figures into the notebook in the form the report pipeline reads back; `end` adds the footnotes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from . import charts
from ..vocabulary.chapters import CHART_KEY
from ..curated.data import DataError, Dataset, load
from ..errors import ManpowerError
from ..analysis.comparisons import disputes
from ..analysis.listing import cap_keeping_conflicts, parts_under_wholes, with_parts, with_wholes
from ..analysis.formats import count_words, number_word
from ..writing.footnotes import Footnotes, definitions
from ..writing.narrative import Narrator, fmt_date, md_table, short_date
from ..vocabulary.params import ParameterError, Params, validate
from ..paths import reports_dir
from ..curated.selection import select
from ..writing.wording import FULL_LIST, left_out_line
from ..writing.disputes import DISPUTE_GROUPS, DISPUTE_SUMMARY, dispute_line

LIST_LIMIT = 12  # rows listed in prose (the most recent, and any earlier one that conflicts); figures.csv lists every row
CHART_LIMIT = 12  # rows drawn in a chart; its CSV beside the report holds them, figures.csv every row
SOURCES_LINE_LIMIT = 4  # sources (and claimants of each) named under a chart; Appendix B lists all


class ChapterError(ManpowerError, RuntimeError):
    """A chapter cannot start (bad parameters, invalid data): one clear message, no traceback."""


def _display(obj: Any, **kw) -> None:
    from IPython.display import display

    display(obj, **kw)


@dataclass
class Chapter:
    name: str
    params: Params
    full: Dataset
    ds: Dataset
    narrator: Narrator
    charts_dir: Path
    notes: Footnotes = field(default_factory=Footnotes)

    @classmethod
    def start(cls, name: str, namespace: dict[str, Any]) -> "Chapter":
        try:
            params = validate(name, namespace)
            full = load()
            ds = select(full, params.as_of, params.sources, params.claimants)
        except ParameterError as exc:
            raise ChapterError(f"[{name}] {exc}") from None
        except DataError as exc:
            raise ChapterError(f"[{name}] data is invalid, run `manpower check`: {exc}") from None
        out = Path(params.output_dir) if params.output_dir else reports_dir() / "interactive" / "charts"
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ChapterError(f"[{name}] parameter 'output_dir': cannot create {out}: {exc.strerror or exc}") from None
        charts.use_style()
        return cls(name, params, full, ds, Narrator(ds), out)

    # -- the words -------------------------------------------------------------------------------
    @property
    def as_of_words(self) -> str:
        a = self.params.as_of
        return "in the sources" if a is None else f"as known on {fmt_date(a, a, 'day')}"

    def say(self, markdown: str) -> None:
        """Show Markdown: the report reads it as it is; JupyterLab shows its figures as the report
        prints them (evidence on hover) and its notes numbered (footnotes.py)."""
        _display(self.notes.bundle(markdown, lambda: definitions(self.narrator.footnotes())), raw=True)

    def table(self, df: pd.DataFrame, columns: dict[str, str] | None = None, caption: str | None = None,
              widths: list[int] | None = None) -> None:
        text = md_table(df, columns, widths)
        if caption:
            text = f"{text}\n\n: {caption}"
        self.say(text)

    def latest(self, df: pd.DataFrame, limit: int = LIST_LIMIT) -> tuple[pd.DataFrame, int]:
        """The `limit` most recent rows by claim date (oldest first) and how many were left out."""
        shown = df.sort_values("claim_date_end", kind="stable").tail(limit)
        return shown, len(df) - len(shown)

    def listing(self, df: pd.DataFrame, line, intro: str, what: str, limit: int = LIST_LIMIT) -> pd.DataFrame:
        """A bullet list (`line(row)` per item) of the `limit` most recent rows and of earlier rows
        that conflict with one shown (listing.cap_keeping_conflicts), saying how many more
        figures.csv holds; the rows listed."""
        shown, _ = cap_keeping_conflicts(df, limit)
        # a part's whole is listed, and every part of a listed whole, each part under its whole
        shown = parts_under_wholes(with_parts(with_wholes(shown, df), df))
        lines = [intro, ""] + [f"- {line(r)}" for _, r in shown.iterrows()]
        if len(df) > len(shown):
            lines.append(f"- {left_out_line(df.drop(shown.index), shown, what)}")
        self.say("\n".join(lines))
        return shown

    def disputed(self, df: pd.DataFrame) -> list[pd.DataFrame]:
        """The disputed quantities in `df` to set out (the most recently claimed, last), saying
        how many more there are (all are in figures.csv) when there are more than a section shows."""
        groups = sorted(disputes(df) if not df.empty else [], key=lambda g: g["claim_date_end"].max())
        if len(groups) > DISPUTE_GROUPS:
            rest = groups[:-DISPUTE_GROUPS]
            lines = [f"{count_words(len(groups), 'quantity', 'quantities').capitalize()} have more than one figure; "
                     f"the {number_word(DISPUTE_GROUPS)} most recently claimed "
                     f"are set out in tables below. The other {number_word(len(rest))}, each with its spread "
                     f"(every figure is in {FULL_LIST}):", ""]
            lines += [f"- {dispute_line(self.narrator, g)}." for g in rest[-DISPUTE_SUMMARY:]]
            if len(rest) > DISPUTE_SUMMARY:
                lines.append(f"- …and {len(rest) - DISPUTE_SUMMARY} earlier quantities, in {FULL_LIST}.")
            self.say("\n".join(lines))
        return groups[-DISPUTE_GROUPS:]

    def nothing(self, what: str) -> None:
        """Say plainly that the selection holds no figures for part of the chapter."""
        self.say(f"*No {what} {self.as_of_words}{' for the chosen filters' if self.params.sources or self.params.claimants else ''}; "
                 f"this part of the chapter is empty.*")

    # -- the figures -----------------------------------------------------------------------------
    def chart(self, fig, name: str, data: pd.DataFrame, caption: str) -> None:
        """Save PNG, SVG and PDF with the CSV of the plotted data, show it, and tag it for the report."""
        from IPython.display import Image

        paths = charts.save_chart(fig, f"{self.name}-{name}", data, self.charts_dir, formats=charts.FORMATS,
                                  dpi=self.params.dpi)
        png = Path(paths["png"]).read_bytes()
        chosen = paths[self.params.chart_format]
        meta = {CHART_KEY: {"name": f"{self.name}-{name}", "caption": caption, "file": str(chosen),
                            "csv": str(paths["csv"])}}
        _display(Image(data=png, format="png"), metadata=meta)

    def sources_line(self, ids: list[str]) -> str:
        """'Source: HuffPost UK, 4 January 2024 (UK Ministry of Defence); …' for a chart."""
        parts: dict[str, list[str]] = {}
        src = self.full.sources.set_index("source_id")
        for i in ids:
            row = self.full.row(i)
            sid = str(row["source_id"])
            claimant = str(row["claimant"])
            parts.setdefault(sid, [])
            if claimant not in parts[sid] and claimant != src.loc[sid, "outlet"]:
                parts[sid].append(claimant)
        out = []
        for sid, claimants in list(parts.items())[:SOURCES_LINE_LIMIT]:
            r = src.loc[sid]
            # as precise as the registry knows it: a date known only to a range is that range, never one day
            when = short_date(r["published_start"], r["published_end"], str(r["published_precision"]))
            more = len(claimants) - SOURCES_LINE_LIMIT
            cited = ", ".join(claimants[:SOURCES_LINE_LIMIT]) + (f" and {more:,} {'other' if more == 1 else 'others'}"
                                                                  if more > 0 else "")
            out.append(f"{r['outlet']}, {when}" + (f" (citing {cited})" if claimants else ""))
        more = len(parts) - SOURCES_LINE_LIMIT
        return "Source: " + "; ".join(out) + (f"; and {more:,} more {'source' if more == 1 else 'sources'} (Appendix B)"
                                              if more > 0 else "")

    def end(self) -> None:
        notes = self.narrator.footnotes()
        if notes:
            self.say(notes)
