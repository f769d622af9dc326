"""A what-if, not a forecast: net manpower if the curated rates held, over a grid of assumptions.

Per month, from exact-day rates (rates.per_month):
  inflow   = claimed contract sign-ups a month × signup_realism
  killed   = killed-or-wounded a month ÷ (1 + wounded_per_killed)
  wounded  = killed-or-wounded a month − killed
  outflow  = killed + wounded × (1 − wounded_return_share) + desertion a month
  net      = inflow − outflow
where desertion a month is a point within the range the curated desertion estimate implies
(`desertion_position`: 0 its bottom, 1 its top). Discharges, expired contracts and the end of
mobilised men's service are not modelled (no source gives them). The result is summed month by
month from the month after the latest loss estimate's period to `horizon_end` (empty: a year after
that period's end, so the horizon moves with the data and never goes stale), for the chosen
assumptions, for a few named scenarios, and over a grid whose extremes give the band.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date

import pandas as pd

from ..curated.data import Dataset
from ..curated.derived import Derived
from .figures import loss_rates, monthly_loss_rate, monthly_signup_rate
from .rates import per_month, reference_period
from .rows import russian, totals
from .kinds import kind_of

# the grid the band spans, and the named scenarios (each a point of the grid's ranges)
GRID = {
    "signup_realism": (0.25, 0.5, 0.75, 1.0),
    "wounded_return_share": (0.0, 0.25, 0.5),
    "desertion_position": (0.0, 0.5, 1.0),
    "wounded_per_killed": (2.0, 3.0, 4.0),
}
SCENARIOS = {
    "face value": {"signup_realism": 1.0, "wounded_return_share": 0.5, "desertion_position": 0.0, "wounded_per_killed": 3.0},
    "middle": {"signup_realism": 0.5, "wounded_return_share": 0.25, "desertion_position": 0.5, "wounded_per_killed": 3.0},
    "sceptical": {"signup_realism": 0.25, "wounded_return_share": 0.0, "desertion_position": 1.0, "wounded_per_killed": 2.0},
}
SCENARIO_WORDS = {
    "face value": "the Kremlin's sign-up claims as stated, half the wounded back, desertion at the bottom of its range",
    "middle": "half the claimed sign-ups real, a quarter of the wounded back, desertion mid-range",
    "sceptical": "a quarter of the claimed sign-ups real, no wounded back, desertion at the top of its range, fewer wounded per killed",
}
AXIS_WORDS = {
    "signup_realism": "how many claimed sign-ups are real",
    "wounded_return_share": "how many wounded return",
    "desertion_position": "how many desert",
    "wounded_per_killed": "how many are wounded per killed",
}


@dataclass(frozen=True)
class Rates:
    signup: Derived
    loss: Derived
    desertion: Derived | None

    def desertion_at(self, position: float) -> float:
        if self.desertion is None:
            return 0.0
        lo = self.desertion.low if self.desertion.low is not None else self.desertion.value
        hi = self.desertion.high if self.desertion.high is not None else self.desertion.value
        return lo + position * (hi - lo)


def monthly(rates: Rates, a: dict) -> dict:
    """Inflow, outflows and net per month under assumptions `a` (a dict of the GRID keys)."""
    kw = rates.loss.value
    killed = kw / (1 + a["wounded_per_killed"])
    wounded = kw - killed
    deserted = rates.desertion_at(a["desertion_position"])
    inflow = rates.signup.value * a["signup_realism"]
    out = killed + wounded * (1 - a["wounded_return_share"]) + deserted
    return {"inflow": inflow, "killed": killed, "wounded_not_returning": wounded * (1 - a["wounded_return_share"]),
            "deserted": deserted, "outflow": out, "net": inflow - out}


@dataclass(frozen=True)
class Projection:
    table: pd.DataFrame      # month, cumulative (chosen), band_low, band_high, one column per scenario
    scenarios: pd.DataFrame  # name, assumptions, monthly flows, end total
    rates: Rates
    chosen: dict
    months: int
    break_even_realism: float
    drivers: list[tuple[str, float]]  # grid axes by how far they move the end total, largest first
    horizon: pd.Timestamp | None = None  # the last day projected
    horizon_from_data: bool = False  # True when horizon_end was empty: HORIZON_AFTER past the data
    data_end: pd.Timestamp | None = None  # the latest period end of the loss estimates used

    @property
    def end_total(self) -> float:
        return float(self.table["cumulative"].iloc[-1]) if len(self.table) else 0.0

    @property
    def band(self) -> tuple[float, float]:
        return float(self.table["band_low"].iloc[-1]), float(self.table["band_high"].iloc[-1])


def desertion_rate(ds: Dataset) -> Derived | None:
    """Deserters a month from the latest desertion total's range and period, or None. A total in
    people since the invasion comes first: a rate stated for some days ("at least 40 a day on the
    worst days of November") is a peak, not every month's desertion, and is used only when no
    total is there. A figure whose source states no period ("tens of thousands have deserted")
    gives a rate only as an assumption (spread over the days the row allows), marked `assumed`,
    and only when no total with a stated period does (a total still comes before a peak rate)."""
    df = russian(ds.losses)  # Russian deserters only
    df = df[df["measure"] == "deserted"].sort_values("claim_date_end", kind="stable")
    whole = totals(df[df["unit"].astype(str) == "people"])
    for rows in (whole, df):
        for assume in (False, True):
            for _, r in rows.iloc[::-1].iterrows():
                d = per_month(r, "deserted", assume_period=assume)
                if d is not None:
                    return d
    return None


def rates(ds: Dataset) -> Rates | None:
    loss, signup = monthly_loss_rate(ds), monthly_signup_rate(ds)
    if loss is None or signup is None:
        return None
    return Rates(signup, loss, desertion_rate(ds))


HORIZON_AFTER = pd.DateOffset(years=1)  # an empty horizon_end: this long after the latest loss period end


def default_horizon(data_end: pd.Timestamp) -> pd.Timestamp:
    """The horizon when `horizon_end` is empty: the last day of the month a year after the latest
    period end of the loss estimates (relative to the data, so it never goes stale)."""
    return (pd.Timestamp(data_end) + HORIZON_AFTER + pd.offsets.MonthEnd(0)).normalize()


def project(ds: Dataset, signup_realism: float, wounded_return_share: float, horizon_end: date | None = None,
            wounded_per_killed: float = 3.0, desertion_position: float = 0.5) -> Projection | None:
    """The what-if for the chosen assumptions, the named scenarios and the grid; None when the
    selection lacks a loss or sign-up rate. `horizon_end` None: `default_horizon` of the data."""
    r = rates(ds)
    if r is None:
        return None
    lr = loss_rates(ds)
    data_end = pd.Timestamp(lr["period_end"].max())
    start = (data_end + pd.offsets.MonthBegin(1)).normalize()
    horizon = default_horizon(data_end) if horizon_end is None else pd.Timestamp(horizon_end)
    months = pd.date_range(start, horizon, freq="MS")
    n = pd.Series(range(1, len(months) + 1), dtype=float)
    chosen = {"signup_realism": float(signup_realism), "wounded_return_share": float(wounded_return_share),
              "desertion_position": float(desertion_position), "wounded_per_killed": float(wounded_per_killed)}
    grid = [dict(zip(GRID, combo)) for combo in itertools.product(*GRID.values())]
    nets = [monthly(r, a)["net"] for a in grid + [chosen]]
    table = pd.DataFrame({"month": months.strftime("%Y-%m"),
                          "cumulative": n * monthly(r, chosen)["net"],
                          "band_low": n * min(nets), "band_high": n * max(nets)})
    rows = []
    for name, a in list(SCENARIOS.items()) + [("your parameters", chosen)]:
        m = monthly(r, a)
        table[name] = n * m["net"]
        rows.append({"name": name, **a, **m, "end_total": float(len(months) * m["net"])})
    drivers = []
    for axis, values in GRID.items():
        means = []
        for v in values:
            sub = [monthly(r, a)["net"] for a in grid if a[axis] == v]
            means.append(sum(sub) / len(sub))
        drivers.append((axis, (max(means) - min(means)) * len(months)))
    drivers.sort(key=lambda x: -x[1])
    m = monthly(r, {**chosen, "signup_realism": 0.0})
    be = -m["net"] / r.signup.value if r.signup.value else float("nan")
    return Projection(table, pd.DataFrame(rows), r, chosen, len(months), be, drivers,
                      horizon, horizon_end is None, data_end)


# -- information apart from assumptions -------------------------------------------------------------
ASSUMPTIONS = ("signup_realism", "wounded_return_share", "wounded_per_killed", "desertion_position")
NO_SOURCE = {  # what no source in the vocabulary of the data gives, for each assumption that stays one
    "signup_realism": "no source says how many claimed sign-ups are new soldiers rather than re-signings or "
                      "mobilised men converted to contracts",
    "wounded_return_share": "no source says how many of the wounded return to service",
    "wounded_per_killed": "no source in the selection gives Russian killed apart from wounded for one period",
    "desertion_position": "the sources give a range for desertion, not where in it the number lies",
}


def _mid(row) -> float | None:
    v, lo, hi = (row.get(c) for c in ("value", "low", "high"))
    if v is not None and not pd.isna(v):
        return float(v)
    if lo is not None and hi is not None and not (pd.isna(lo) or pd.isna(hi)):
        return (float(lo) + float(hi)) / 2
    return None


def wounded_per_killed_source(ds: Dataset) -> tuple[float, pd.Series, pd.Series] | None:
    """(wounded ÷ killed, the killed row, the wounded row) from the latest pair of whole Russian
    figures (no subset, no floor or ceiling) one claimant gives for the same period; None when
    no claimant gives both, and the parameter stays an assumption."""
    df = russian(ds.losses)
    df = df[df["measure"].isin(["killed", "wounded"]) & (df["scope"].fillna("").astype(str).str.strip() == "")]
    df = df[[kind_of(r) not in ("floor", "ceiling") and _mid(r) is not None for _, r in df.iterrows()]] if len(df) else df
    best = None
    for _, k in df[df["measure"] == "killed"].iterrows():
        for _, w in df[(df["measure"] == "wounded") & (df["claimant"] == k["claimant"])].iterrows():
            if reference_period(k) is None or reference_period(k) != reference_period(w):
                continue
            if best is None or k["claim_date_end"] > best[1]["claim_date_end"]:
                best = (_mid(w) / _mid(k), k, w)
    return best


def parameter_support(ds: Dataset) -> dict[str, tuple]:
    """For each assumption of the what-if, the figures that support its value ((ratio, rows...)
    for wounded per killed), or () when it is an assumption no source supports."""
    found = wounded_per_killed_source(ds)
    return {"signup_realism": (), "wounded_return_share": (), "desertion_position": (),
            "wounded_per_killed": found or ()}


def is_default(chosen: dict) -> bool:
    """True when the chosen assumptions are the middle scenario, the parameters' defaults."""
    return all(abs(chosen[k] - v) < 1e-9 for k, v in SCENARIOS["middle"].items())
