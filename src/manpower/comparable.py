"""Like with like: which curated figures may be charted, compared or added together.

A figure for a period (a flow) is never put beside figures since the invasion (cumulative) or
at a date (a stock); a part (`part_of`) is never added to its whole; figures in different units
are never mixed. Chapters select through these helpers so that no chart or sum does it by hand.
Frames without the figure-model columns (older data) pass through unchanged.
"""
from __future__ import annotations

import pandas as pd


class MixedFiguresError(ValueError):
    """Figures of different bases, units, or a part with its whole, were to be added up."""


def _col(df: pd.DataFrame, name: str) -> pd.Series:
    if name in df.columns:
        return df[name].astype("string").fillna("")
    return pd.Series("", index=df.index, dtype="string")


def comparable(df: pd.DataFrame, basis: str = "cumulative", unit: str | None = "people",
               wholes_only: bool = True) -> pd.DataFrame:
    """The rows of one basis and one unit (wholes only unless told otherwise): a series that may
    be charted on one axis. Rows whose basis is not recorded are left out when the frame has the
    column."""
    mask = pd.Series(True, index=df.index)
    if "basis" in df.columns:
        mask &= _col(df, "basis") == basis
    if unit is not None and "unit" in df.columns:
        mask &= _col(df, "unit") == unit
    if wholes_only and "part_of" in df.columns:
        mask &= _col(df, "part_of") == ""
    return df[mask]


def total(df: pd.DataFrame, column: str = "value") -> float:
    """The sum of `column` over rows that may be added: one basis, one unit, and no row that is
    a part of another row in the frame (or of a part of it). Raises MixedFiguresError otherwise."""
    if df.empty:
        return 0.0
    for name in ("basis", "unit"):
        kinds = set(_col(df, name))
        if len(kinds) > 1:
            raise MixedFiguresError(f"cannot add figures of different {name}s: {', '.join(sorted(kinds))}")
    if "part_of" in df.columns and "id" in df.columns:
        ids = set(_col(df, "id"))
        clash = [p for p in _col(df, "part_of") if p and p in ids]
        if clash:
            raise MixedFiguresError(f"cannot add a part to its whole ({', '.join(sorted(set(clash)))})")
    return float(pd.to_numeric(df[column], errors="coerce").fillna(0).sum())
