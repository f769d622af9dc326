"""Which curated figures a report shows: "as known on" a date, and source/claimant filters.

A figure is known on `as_of` when its claim date lies wholly on or before it: a claim dated
"November 2023" counts from 30 November 2023, an interval (a bound such as "a more recent
report") from its end. Events count from the earlier of when they happened and when they were
claimed, so a past event is on the timeline once it happened, and a scheduled one once announced.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd

from .data import Dataset
from .params import ParameterError
from .suggest import did_you_mean


def known_mask(df: pd.DataFrame, as_of: date | None) -> pd.Series:
    if as_of is None:
        return pd.Series(True, index=df.index)
    cut = pd.Timestamp(as_of)
    mask = df["claim_date_end"] <= cut
    if "date_end" in df.columns:
        mask = mask | (df["date_end"] <= cut)
    return mask.fillna(False).astype(bool)


def select(ds: Dataset, as_of: date | None = None, sources: list[str] | None = None,
           claimants: list[str] | None = None) -> Dataset:
    """A copy of the dataset holding only the figures the parameters admit.

    Unknown source ids or claimants are a ParameterError (a typo would otherwise silently empty
    the report); a filter that is valid but leaves nothing is allowed: chapters say so in words.
    """
    sources, claimants = list(sources or []), list(claimants or [])
    known_sources = set(ds.sources["source_id"])
    for s in sources:
        if s not in known_sources:
            raise ParameterError(f"parameter 'sources': unknown source id {s!r}{did_you_mean(s, known_sources)}; known: {', '.join(sorted(known_sources))}")
    all_claimants = set()
    for df in ds.tables.values():
        if "claimant" in df.columns:
            all_claimants.update(df["claimant"].dropna())
    for c in claimants:
        if c not in all_claimants:
            raise ParameterError(f"parameter 'claimants': unknown claimant {c!r}{did_you_mean(c, all_claimants)}; known: {', '.join(sorted(all_claimants))}")
    tables = {}
    for name, df in ds.tables.items():
        if name == "exclusions":
            tables[name] = df
            continue
        mask = known_mask(df, as_of)
        if sources:
            mask &= df["source_id"].isin(sources)
        if claimants:
            mask &= df["claimant"].isin(claimants)
        tables[name] = df[mask].reset_index(drop=True)
    return replace(ds, tables=tables)
