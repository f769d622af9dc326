"""A what-if, not a forecast: net manpower if the curated rates held, under stated assumptions.

Per month: inflow = claimed contract sign-ups per month × `signup_realism`; permanent loss =
killed-or-wounded per month × (1 − `wounded_return_share`); net = inflow − permanent loss,
summed from the month after the latest loss estimate's period to `horizon_end`. The band uses
the lowest inflow with the highest loss and the reverse, from the qualifiers' bounds.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from .data import Dataset
from .findings import loss_rates, monthly_loss_rate, monthly_signup_rate
from .narrative import Derived


@dataclass(frozen=True)
class Projection:
    table: pd.DataFrame  # month, inflow, loss, net, cumulative, cumulative_low, cumulative_high
    loss_rate: Derived
    signup_rate: Derived
    signup_realism: float
    wounded_return_share: float
    net_rate: float
    break_even_realism: float

    @property
    def end_total(self) -> float:
        return float(self.table["cumulative"].iloc[-1]) if len(self.table) else 0.0


def project(ds: Dataset, signup_realism: float, wounded_return_share: float, horizon_end: date) -> Projection | None:
    """The month-by-month what-if, or None when the selection lacks a loss or sign-up rate."""
    loss, signup = monthly_loss_rate(ds), monthly_signup_rate(ds)
    if loss is None or signup is None:
        return None
    keep = 1.0 - wounded_return_share
    start = (loss_rates(ds)["period_end"].max() + pd.offsets.MonthBegin(1)).normalize()
    months = pd.date_range(start, pd.Timestamp(horizon_end), freq="MS")
    inflow = signup.value * signup_realism
    out = loss.value * keep
    net = inflow - out
    net_low = (signup.low or signup.value) * signup_realism - (loss.high or loss.value) * keep
    net_high = (signup.high or signup.value) * signup_realism - (loss.low or loss.value) * keep
    n = pd.Series(range(1, len(months) + 1), dtype=float)
    table = pd.DataFrame({
        "month": months.strftime("%Y-%m"),
        "inflow": inflow, "permanent_loss": out, "net": net,
        "cumulative": n * net, "cumulative_low": n * net_low, "cumulative_high": n * net_high,
    })
    be = out / signup.value if signup.value else float("nan")
    return Projection(table, loss, signup, signup_realism, wounded_return_share, net, be)
