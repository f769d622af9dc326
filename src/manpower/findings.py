"""The analysis shared by the chapters and the summary: derived figures, each with its formula.

Every function takes a (selected) Dataset and returns None where the figures it needs are not
in the selection (e.g. an early `as_of`), so a chapter can say so in words instead of failing.
"""
from __future__ import annotations

import pandas as pd

from .data import Dataset
from .narrative import Derived, fmt_figure


def _rows(df: pd.DataFrame, **match) -> pd.DataFrame:
    mask = pd.Series(True, index=df.index)
    for col, val in match.items():
        mask &= df[col] == val
    return df[mask]


def _one(df: pd.DataFrame, **match) -> pd.Series | None:
    hit = _rows(df, **match)
    return None if hit.empty else hit.sort_values("claim_date_end").iloc[-1]


def months_between(start: pd.Timestamp, end: pd.Timestamp) -> float:
    """Whole months from the start of `start`'s month to the end of `end`'s month."""
    return float((end.year - start.year) * 12 + (end.month - start.month) + 1)


def latest_loss(ds: Dataset, claimant: str | None = None, measure: str = "killed_or_wounded") -> pd.Series | None:
    df = _rows(ds.losses, measure=measure).dropna(subset=["value"])
    if claimant:
        df = _rows(df, claimant=claimant)
    return None if df.empty else df.sort_values("claim_date_end").iloc[-1]


def implied_prewar_force(ds: Dataset) -> Derived | None:
    """Losses divided by the share of the pre-war force they are said to be (same report)."""
    share = _one(ds.losses.dropna(subset=["value"]), measure="killed_or_wounded_share_of_prewar_force")
    if share is None or not share["value"]:
        return None
    same = _rows(ds.losses, measure="killed_or_wounded", claimant=share["claimant"],
                 source_id=share["source_id"]).dropna(subset=["value"])
    if same.empty:
        return None
    loss = same.iloc[-1]
    value = float(loss["value"]) / (float(share["value"]) / 100)
    return Derived(round(value, -3), "people",
                   f"{loss['value']:,.0f} killed or wounded ÷ {share['value']:g}% of the pre-war force",
                   (str(loss["id"]), str(share["id"])))


def loss_share_of_force(ds: Dataset, loss: pd.Series) -> Derived | None:
    force = implied_prewar_force(ds)
    if force is None or loss is None:
        return None
    return Derived(round(100 * float(loss["value"]) / force.value), "percent",
                   f"{loss['value']:,.0f} ÷ implied pre-war force {force.value:,.0f}",
                   (str(loss["id"]), *force.inputs))


def loss_rates(ds: Dataset) -> pd.DataFrame:
    """Each killed-or-wounded estimate spread over the months its period covers."""
    df = _rows(ds.losses, measure="killed_or_wounded").dropna(subset=["period_start", "period_end", "value"])
    df = df.assign(months=[months_between(a, b) for a, b in zip(df["period_start"], df["period_end"])])
    return df.assign(
        rate=df["value"].astype(float) / df["months"],
        rate_low=df["low"].astype(float).fillna(df["value"].astype(float)) / df["months"],
        rate_high=df["high"].astype(float).fillna(df["value"].astype(float)) / df["months"],
    ).sort_values("claim_date_end")


def monthly_loss_rate(ds: Dataset) -> Derived | None:
    """The latest estimate's monthly rate; the range spans every estimate and its qualifier."""
    df = loss_rates(ds)
    if df.empty:
        return None
    row = df.iloc[-1]
    return Derived(float(round(row["rate"], -2)), "people",
                   f"{row['value']:,.0f} killed or wounded ÷ {row['months']:g} months "
                   f"({row['period_start']:%b %Y}–{row['period_end']:%b %Y}); range over all estimates",
                   tuple(str(i) for i in df["id"]),
                   float(round(df["rate_low"].min(), -2)), float(round(df["rate_high"].max(), -2)))


def signup_claims(ds: Dataset) -> pd.DataFrame:
    return _rows(ds.inflows, country="Russia", channel="contract_signups").sort_values("claim_date_end", kind="stable")


def monthly_signup_rate(ds: Dataset) -> Derived | None:
    """Claimed 2023 contract sign-ups per month (the exact figure if there is one)."""
    df = signup_claims(ds).dropna(subset=["period_start", "period_end", "value"])
    if df.empty:
        return None
    exact = df[df["qualifier"].isna()]
    row = (exact if not exact.empty else df).iloc[-1]
    months = months_between(row["period_start"], row["period_end"])
    value = float(row["value"])
    lows = df["low"].dropna().astype(float)
    highs = df["high"].dropna().astype(float)
    return Derived(round(value / months, -2), "people",
                   f"{value:,.0f} claimed sign-ups ÷ {months:g} months",
                   tuple(str(i) for i in df["id"]),
                   float(round(lows.min() / months, -2)) if len(lows) else None,
                   float(round(highs.max() / months, -2)) if len(highs) else None)


def age_window(ds: Dataset) -> dict | None:
    """Cohorts (birth years) the conscription window covers before and after the change."""
    df = _rows(ds.conscription, measure="age_window")
    before, after = _one(df, regime="before"), _one(df, regime="after")
    if before is None or after is None:
        return None
    n_before = int(before["high"] - before["low"] + 1)
    n_after = int(after["high"] - after["low"] + 1)
    return {
        "before": before, "after": after,
        "cohorts_before": n_before, "cohorts_after": n_after,
        "added": Derived(n_after - n_before, "cohorts",
                         f"({after['high']:g} − {after['low']:g} + 1) − ({before['high']:g} − {before['low']:g} + 1) single-year age cohorts",
                         (str(before["id"]), str(after["id"]))),
        "widening": Derived(round(100 * (n_after - n_before) / n_before), "percent",
                            f"({n_after} − {n_before}) ÷ {n_before} cohorts",
                            (str(before["id"]), str(after["id"]))),
    }


def intake_against_losses(intake: pd.DataFrame, losses: pd.DataFrame) -> str | None:
    """The chart title comparing the largest claimed intake with the largest loss estimate, each
    with its qualifier as stated ("just under 500,000"). The verb follows the qualifier bounds:
    "exceed" only if the intake's lower bound is above the estimate's upper bound, "fall short
    of" only the other way round, and "match" where the two ranges overlap."""
    def largest(df: pd.DataFrame) -> pd.Series | None:
        if df.empty:
            return None
        size = df["value"].fillna(df["high"]).fillna(df["low"])
        return None if size.dropna().empty else df.loc[size.idxmax()]

    a, b = largest(intake), largest(losses)
    if a is None or b is None:
        return None
    a_low, a_high = _bound(a, "low", float("-inf")), _bound(a, "high", float("inf"))
    b_low, b_high = _bound(b, "low", float("-inf")), _bound(b, "high", float("inf"))
    verb = "exceed" if a_low > b_high else "fall short of" if a_high < b_low else "match"
    return f"Claimed intake ({fmt_figure(a)}) would {verb} the highest loss estimate ({fmt_figure(b)})"


def _bound(row: pd.Series, side: str, missing: float) -> float:
    """A figure's low or high bound; an open side ("more than", "up to") is unbounded."""
    if pd.notna(row.get(side)):
        return float(row[side])
    q = row.get("qualifier")
    exact = q is None or (not isinstance(q, str) and pd.isna(q)) or q == ""
    return float(row["value"]) if exact and pd.notna(row.get("value")) else missing


def span_in_words(figures: pd.DataFrame) -> str | None:
    """The smallest to the largest of some figures, each with its qualifier as stated
    ("approximately 302,000 to 315,000"); one figure when they agree; None when there is none."""
    figs = figures[figures["value"].notna()] if not figures.empty else figures
    if figs.empty:
        return None
    values = figs["value"].astype(float)
    low, high = figs.loc[values.idxmin()], figs.loc[values.idxmax()]
    if float(low["value"]) == float(high["value"]):
        return fmt_figure(low)
    return f"{fmt_figure(low)} to {fmt_figure(high)}"
