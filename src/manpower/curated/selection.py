"""Which curated figures a report shows: "as known on" a date, and source/claimant filters.

A figure or event is known on `as_of` when its claim date lies wholly on or before it (a claim
dated "November 2023" counts from 30 November 2023, an interval such as "a more recent report"
from its end) and the article that reports it was published by then (its publication date's end):
a report as known on a date cites nothing, and shows no claim, published later.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd

from .data import Dataset
from ..errors import ParameterError
from ..core.suggest import did_you_mean


def known_mask(df: pd.DataFrame, as_of: date | None) -> pd.Series:
    if as_of is None:
        return pd.Series(True, index=df.index)
    cut = pd.Timestamp(as_of)
    mask = df["claim_date_end"] <= cut
    return mask.fillna(False).astype(bool)


def published_mask(df: pd.DataFrame, sources: pd.DataFrame, as_of: date | None) -> pd.Series:
    """Rows whose article was published (its publication date's last possible day) by `as_of`."""
    if as_of is None or "source_id" not in df.columns:
        return pd.Series(True, index=df.index)
    by = sources.set_index("source_id")["published_end"]
    ends = df["source_id"].map(by)
    return (ends <= pd.Timestamp(as_of)).fillna(False).astype(bool)


def known_sources(sources: pd.DataFrame, as_of: date | None) -> pd.DataFrame:
    """The source registry as known on `as_of`: articles published by then."""
    if as_of is None:
        return sources
    return sources[sources["published_end"] <= pd.Timestamp(as_of)]


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
        mask = known_mask(df, as_of) & published_mask(df, ds.sources, as_of)
        if sources:
            mask &= df["source_id"].isin(sources)
        if claimants:
            mask &= df["claimant"].isin(claimants)
        tables[name] = without_dangling_parts(df[mask].reset_index(drop=True))
    return replace(ds, tables=tables)


def without_dangling_parts(df: pd.DataFrame) -> pd.DataFrame:
    """A selection in which no `part_of` names a row it left out: a part whose whole is not
    selected (not yet known on `as_of`, or from a source filtered out) stands on its own, as it
    did when it was stated, rather than pointing at a figure the report does not show."""
    if "part_of" not in df.columns or "id" not in df.columns:
        return df
    dangling = df["part_of"].notna() & ~df["part_of"].isin(set(df["id"]))
    if not dangling.any():
        return df
    df = df.copy()
    df.loc[dangling, "part_of"] = None
    return df
