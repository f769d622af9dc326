"""The report when the selection holds no figure: one short section that says so, instead of six
chapters each saying it is empty, a methodology appendix and a long table of qualifiers.

A report as known on a date before every article, or filtered by `sources`/`claimants` down to
nothing, has nothing to analyse; the reader needs to know why, and when the first figure appeared.
"""
from __future__ import annotations

from datetime import date

import pandas as pd

from ..curated.data import Dataset
from .narrative import dated, fmt_date, md
from ..vocabulary.schema import FIGURE_TABLES

TITLE = "No figures for this report"


def figure_count(ds: Dataset) -> int:
    """How many curated figures (and dated events) the dataset holds."""
    return sum(len(ds.tables[t.name]) for t in FIGURE_TABLES if t.name in ds.tables)


def first_published(full: Dataset) -> pd.Series | None:
    """The registry row of the earliest article that any curated figure comes from."""
    used = set()
    for t in FIGURE_TABLES:
        df = full.tables.get(t.name)
        if df is not None and "source_id" in df.columns:
            used.update(df["source_id"].dropna().astype(str))
    src = full.sources[full.sources["source_id"].astype(str).isin(used)]
    src = src.dropna(subset=["published_end"])
    if src.empty:
        return None
    return src.sort_values(["published_end", "published_start", "source_id"]).iloc[0]


def section(full: Dataset, shown: Dataset, as_of: date | None, sources: list | None = None,
            claimants: list | None = None) -> str | None:
    """The one section of a report whose selection holds no figure; None when it holds some."""
    if figure_count(shown):
        return None
    first = first_published(full)
    words = []
    if as_of is not None and first is not None and pd.Timestamp(first["published_end"]) > pd.Timestamp(as_of):
        when = dated(first["published_start"], first["published_end"], str(first["published_precision"]))
        words.append(f"No figure in the data had been published by {fmt_date(as_of, as_of, 'day')}: the earliest "
                     f"article the figures come from was published {when} ({md(first['outlet'])}).")
    else:
        filters = [f"{name} {', '.join(map(str, vals))}" for name, vals in (("sources", sources), ("claimants", claimants)) if vals]
        cut = f" as known on {fmt_date(as_of, as_of, 'day')}" if as_of is not None else ""
        words.append(f"No figure in the data is selected by this report's parameters{cut}"
                     + (f" ({md('; '.join(filters))})" if filters else "") + ".")
    later = " or without the `sources` and `claimants` filters" if (sources or claimants) else ""
    words.append(f"The data holds {figure_count(full):,} curated figures and events; a report as known on a "
                 f"later date{later} shows them. With nothing to analyse, this report leaves out the chapters "
                 "and the appendices on figures; its parameters follow.")
    return f"# {TITLE} {{.unnumbered}}\n\n" + "\n\n".join(words) + "\n"
