"""What a list or chart shows of many figures: a cap that never hides a conflicting claim, parts
kept under their wholes, and the estimates an over-time chart draws."""
from __future__ import annotations

import pandas as pd

from .comparisons import bounds_frame, key_text, quantity_keys
from .kinds import bounds_of, kind_of
from .rows import russian

def cap_keeping_conflicts(df: pd.DataFrame, limit: int, extra: int | None = None) -> tuple[pd.DataFrame, int]:
    """The `limit` most recent rows, plus the earlier rows about the same quantity as one shown
    whose range does not overlap it (a cap does not hide a claim that conflicts with one shown),
    the furthest apart first, at most `extra` of them (default: `limit`, so a listing stays
    bounded on any data); and how many rows are left out (for "…and N more in the appendix")."""
    extra = limit if extra is None else extra
    df = df.sort_values("claim_date_end", kind="stable")
    shown = df.tail(limit)
    rest = df.drop(shown.index)
    by_key: dict = {}
    for key, lo, hi in zip(quantity_keys(shown), *bounds_frame(shown)):
        by_key.setdefault(key, []).append((lo, hi))
    found = []
    for i, key, a_lo, a_hi in zip(rest.index, quantity_keys(rest), *bounds_frame(rest)):
        # compare()'s gap_low with each shown figure about the same quantity, kept when positive
        gaps = [g for b_lo, b_hi in by_key.get(key, []) if (g := max(0.0, a_lo - b_hi, b_lo - a_hi)) > 0]
        if gaps:
            found.append((max(gaps), i))
    keep = [i for _, i in sorted(found, key=lambda x: -x[0])[:extra]]
    order = {i: n for n, i in enumerate(df.index)}
    out = df.loc[sorted(set(shown.index) | set(keep), key=order.__getitem__)]
    return out, len(df) - len(out)


def _reach(shown: pd.DataFrame, df: pd.DataFrame, linked: dict) -> pd.DataFrame:
    """`shown` plus every row of `df` reached from it by following `linked` (row index -> the
    indices one step away), in `df`'s order."""
    keep = set(shown.index)
    todo = list(shown.index)
    while todo:
        for j in linked.get(todo.pop(), ()):
            if j not in keep:
                keep.add(j)
                todo.append(j)
    return df.loc[[i for i in df.index if i in keep]]


def _part_links(df: pd.DataFrame) -> tuple[dict, dict]:
    """(whole of each row, parts of each row), by index, from `part_of`."""
    by_id: dict[str, list] = {}
    for i, rid in zip(df.index, df["id"].astype(str)):
        by_id.setdefault(rid, []).append(i)
    wholes: dict = {}
    parts: dict = {}
    for i, w in zip(df.index, df["part_of"]):
        for j in by_id.get(key_text(w), []) if key_text(w) else []:
            wholes.setdefault(i, []).append(j)
            parts.setdefault(j, []).append(i)
    return wholes, parts


def with_wholes(shown: pd.DataFrame, df: pd.DataFrame) -> pd.DataFrame:
    """`shown` plus the whole (from `df`) of every part it holds, and that whole's whole: a cap
    never lists a part ("150,000, part of 200,000") while hiding the total it is part of."""
    if "part_of" not in df.columns or shown.empty:
        return shown
    return _reach(shown, df, _part_links(df)[0])


def with_parts(shown: pd.DataFrame, df: pd.DataFrame) -> pd.DataFrame:
    """`shown` plus every part (from `df`) of a row it holds, and their parts: a cap never lists a
    whole and one part of its breakdown ("150,000 in the regular army") while hiding the sibling
    ("50,000 in a private military company")."""
    if "part_of" not in df.columns or shown.empty:
        return shown
    return _reach(shown, df, _part_links(df)[1])


def parts_under_wholes(df: pd.DataFrame) -> pd.DataFrame:
    """The rows in their order, except that a part stands right under its whole (parts in their
    own order, a part of a part under that part): a breakdown reads as one, never as rival totals
    scattered through a list. A part whose whole is not among the rows keeps its place."""
    if "part_of" not in df.columns or df.empty:
        return df
    ids = {str(i): n for n, i in zip(df.index, df["id"].astype(str))}
    parent = {n: ids.get(key_text(w)) for n, w in zip(df.index, df["part_of"])}
    children: dict = {}
    for n in df.index:
        if parent[n] is not None and parent[n] != n:
            children.setdefault(parent[n], []).append(n)
    order: list = []
    seen: set = set()

    def place(n) -> None:
        if n in seen:
            return
        seen.add(n)
        order.append(n)
        for c in children.get(n, []):
            place(c)

    for n in df.index:
        if parent[n] is None or parent[n] == n:
            place(n)
    for n in df.index:  # a cycle (refused by check) still lists every row once
        place(n)
    return df.loc[order]


def estimates_over_time_groups(losses: pd.DataFrame, min_dates: int = 2, limit: int = 24) -> list[tuple[str, pd.DataFrame, int]]:
    """(measure, rows) for each loss measure with cumulative estimates claimed on at least
    `min_dates` different dates: what an estimates-over-time chart draws. Flows and parts of
    another row are left out, so a period figure is never drawn as cumulative and killed is never
    on the same series as killed or wounded; the rows carry `bounds` (stated or convention).
    A chart draws the `limit` most recently claimed rows; the third item counts the rest."""
    if losses.empty:
        return []
    df = russian(losses)  # one side per chart: a claimant's Russian and Ukrainian figures are never joined
    if "basis" in df.columns:
        df = df[df["basis"].astype(str).isin(["cumulative", "", "nan", "<NA>"]) | df["basis"].isna()]
    if "part_of" in df.columns:
        df = df[df["part_of"].isna() | (df["part_of"].astype(str) == "")]
    if "unit" in df.columns:
        df = df[df["unit"].astype(str) == "people"]
    df = df[df["value"].notna() | (df["low"].notna() & df["high"].notna())]
    out = []
    for measure, rows in df.groupby("measure", sort=True):
        if rows["claim_date_end"].nunique() >= min_dates:
            rows = rows.sort_values("claim_date_end", kind="stable")
            left_out = max(0, len(rows) - limit)
            rows = rows.tail(limit)
            rows = rows.assign(bounds=[bounds_of(r) for _, r in rows.iterrows()],  # a range alone: no dot
                               kind=[kind_of(r) for _, r in rows.iterrows()])  # a floor: drawn open-ended
            out.append((str(measure), rows, left_out))
    return out
