"""Which rows a sum may use: rows matching some fields, Russia's side, cumulative totals, and the
day the data speak from. One place for these picks, so a chapter and a judgement pick alike."""
from __future__ import annotations

import pandas as pd

from ..curated.data import Dataset


def matching(df: pd.DataFrame, **match) -> pd.DataFrame:
    mask = pd.Series(True, index=df.index)
    for col, val in match.items():
        mask &= df[col] == val
    return df[mask]


def latest_matching(df: pd.DataFrame, **match) -> pd.Series | None:
    hit = matching(df, **match)
    return None if hit.empty else hit.sort_values("claim_date_end").iloc[-1]


def rows_of(df: pd.DataFrame) -> list[dict]:
    """The rows of `df` as plain dicts: every function here reads a row with .get() and [], and a
    dict is built for a whole frame at once (pandas' iterrows makes one Series per row, which
    dominates the cost on a corpus of many thousand figures)."""
    return df.to_dict("records") if len(df) else []


def is_russian(df: pd.DataFrame) -> pd.Series:
    """Rows about Russia's losses or forces: side 'russian', or no side (data without the column)."""
    if "side" not in df.columns:
        return pd.Series(True, index=df.index)
    side = df["side"].astype(object)
    return side.isna() | (side.astype(str).isin(["russian", ""]))


def russian(df: pd.DataFrame) -> pd.DataFrame:
    """Only the figures about Russia's side: what a chart or sentence about Russian losses holds."""
    return df[is_russian(df)]


def other_sides(df: pd.DataFrame) -> pd.DataFrame:
    """Figures about another side (Ukraine's losses, another party's): shown in their own place,
    never an input of a Russian figure."""
    return df[~is_russian(df)]


def totals(df: pd.DataFrame) -> pd.DataFrame:
    """Cumulative totals only: no flow over a shorter period, no stock, and no part of another row
    (a force's share of a total is not a rival total). What a sentence setting totals side by
    side, or against the pre-war force, may use."""
    if "basis" in df.columns:
        basis = df["basis"].astype(object)
        df = df[basis.isna() | basis.astype(str).isin(["cumulative", ""])]
    if "part_of" in df.columns:
        part = df["part_of"].astype(object)
        df = df[part.isna() | (part.astype(str) == "")]
    return df


def latest_claim_date(ds: Dataset) -> pd.Timestamp | None:
    """The latest day any shown figure or event was claimed ("data as of")."""
    ends = [df["claim_date_end"].max() for name, df in ds.tables.items()
            if name != "exclusions" and "claim_date_end" in df.columns and len(df)]
    ends = [e for e in ends if not pd.isna(e)]
    return max(ends) if ends else None
