"""What the inflows chapter (02_inflows) selects and compares, so the notebook only words it.

Russia's claimed inflows; pairs of figures for the same period within a dispute; the claimed
sign-ups a month set against losses a month only where both cover the same period (otherwise the
chapter says the sources cannot); a forecast and a count of the same period by one side read as
one tally, not two inflows; other countries' inflows in their own place.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..analysis.comparisons import compare, gap, rate_verb
from ..analysis.figures import loss_rate_for_period, loss_rates, monthly_loss_rate, monthly_signup_rate, signup_claims
from ..analysis.rates import per_month, reference_period
from ..writing import wording as W
from ..writing.disputes import dispute_rows
from ..curated.data import Dataset
from ..curated.derived import Derived
from ..analysis.formats import fmt_number


def russian(ds: Dataset) -> pd.DataFrame:
    """Russia's inflow figures, oldest claim first."""
    return ds.inflows[ds.inflows["country"].astype(str) == "Russia"].sort_values("claim_date_end", kind="stable")


def other_countries(ds: Dataset) -> pd.DataFrame:
    """Inflows of any other country (Ukraine's mobilisation): that country's, never Russia's."""
    return ds.inflows[ds.inflows["country"].astype(str) != "Russia"].sort_values("claim_date_end", kind="stable")


def _men(channel: str) -> str:
    """A channel as the people it counts: "men signed up", "men called up in a partial mobilisation"."""
    words = W.MEASURE_WORDS.get(channel, channel.replace("_", " "))
    return words if words.split(" ", 1)[0] in ("men", "troops", "soldiers", "people") else f"men {words}"


def channels(rows: pd.DataFrame) -> str:
    """The channels the figures count, as one phrase in order of first appearance: "men called up
    in a partial mobilisation and men signed up"."""
    names = [_men(c) for c in dict.fromkeys(rows["channel"].astype(str))]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def channel_words(group: pd.DataFrame) -> str:
    """One channel as the people it counts, for a dispute's heading and caption ("Russian men signed up")."""
    return _men(str(group.iloc[0]["channel"]))


def is_plan(row) -> bool:
    """A plan or forecast, not a count (a planned mobilisation, "will be")."""
    return W.is_expectation(row) or str(row["channel"]).startswith("planned")


@dataclass(frozen=True)
class Pair:
    """Two figures of one dispute for the same period, each against the one claimed before it."""

    a: pd.Series
    b: pd.Series
    gap: Derived
    verdict: str
    kinds: str
    same_type: bool  # both from the same kind of claimant: agreeing is not verification

    def gap_words(self) -> str:
        """'0 to 14,000 people', or 'at least 5,000 people, with no upper bound'."""
        g = self.gap
        return (f"{fmt_number(g.low, 'people')} to {fmt_number(g.high, 'people')}" if g.high is not None else
                f"at least {fmt_number(g.low, 'people')}, with no upper bound")


def same_period_pairs(group: pd.DataFrame) -> list[Pair]:
    """Among the rows a dispute table shows, each figure against the one claimed before it when
    both cover the same period: the gap their wording's bounds imply and whether they agree."""
    shown = dispute_rows(group)
    out = []
    for i in range(1, len(shown)):
        a, b = shown.iloc[i - 1], shown.iloc[i]
        if reference_period(a) != reference_period(b):
            continue
        out.append(Pair(a, b, gap(a, b), compare(a, b)["verdict"],
                        f"{W.LABEL[W.kind_of(a)]} and {W.LABEL[W.kind_of(b)]}",
                        str(a["claimant_type"]) == str(b["claimant_type"])))
    return out


# -- one tally, not two inflows -------------------------------------------------------------------
def same_tally(ds: Dataset) -> list[tuple[pd.Series, pd.Series]]:
    """(forecast, count) pairs of Russia's sign-ups for the same period: "just under half a
    million … by the end of this year" and "486,000 … last year" are likely one tally; the chapter
    says so, with when each was said (`said_against_period`), and draws only the count."""
    sig = signup_claims(ds)
    counts = [r for _, r in sig.iterrows() if not W.is_expectation(r)]
    out = []
    for _, f in sig.iterrows():
        if not W.is_expectation(f):
            continue
        same = [c for c in counts if reference_period(c) is not None and reference_period(c) == reference_period(f)]
        if same:
            out.append((f, same[-1]))
    return out


def said_against_period(row) -> str:
    """When a figure was said relative to the end of the period it counts, from its claim dates:
    a claim dated only "between 1 January 2023 and 4 January 2024" is not "after" a 2023 period."""
    end, start_said, end_said = row.get("period_end"), row.get("claim_date_start"), row.get("claim_date_end")
    if pd.isna(end) or pd.isna(start_said) or pd.isna(end_said):
        return "made at a date the sources do not give"
    if pd.Timestamp(end_said) <= pd.Timestamp(end):
        return "made by the end of its period"
    if pd.Timestamp(start_said) > pd.Timestamp(end):
        return "made after its period ended"
    return "made at a date the sources do not place before or after its period's end"


def signups_drawn(ds: Dataset) -> pd.DataFrame:
    """The sign-up figures a rate chart draws: every one, less a forecast whose period a count
    covers (one tally, `same_tally`)."""
    sig = signup_claims(ds)
    dropped = {str(f["id"]) for f, _ in same_tally(ds)}
    return sig[~sig["id"].astype(str).isin(dropped)]


# -- sign-ups a month against losses a month ------------------------------------------------------
@dataclass(frozen=True)
class RateComparison:
    """Claimed sign-ups a month and losses a month. `like_with_like` only when a loss figure
    covers the very period of the sign-ups; then `verb` says how they compare. Otherwise the
    loss rate is the average over its own (longer) period and no verb is given."""

    signup: Derived
    loss: Derived
    like_with_like: bool
    signup_period: str
    loss_period: str
    verb: str | None


def signups_against_losses(ds: Dataset) -> RateComparison | None:
    """The latest claimed count of sign-ups a month against a loss rate: for the same period where
    a loss figure covers it, else the loss estimates' own average since the invasion, marked as not
    like with like. None without both rates."""
    signup, loss = monthly_signup_rate(ds), monthly_loss_rate(ds)
    if signup is None or loss is None:
        return None
    sig = signup_claims(ds)
    sig = sig[sig["id"].astype(str).isin(signup.inputs)]
    last = sig.iloc[-1]
    same = loss_rate_for_period(ds, reference_period(last))
    loss_rows = ds.losses[ds.losses["id"].astype(str).isin((same or loss).inputs)]
    loss_period = W.period_short(loss_rows.iloc[-1]) if len(loss_rows) else ""
    if same is not None:
        return RateComparison(signup, same, True, W.period_short(last), loss_period, rate_verb(signup, same))
    return RateComparison(signup, loss, False, W.period_short(last), loss_period, None)


def has_one_rate(ds: Dataset) -> bool:
    """Whether only one of a sign-up rate and a loss rate can be computed (so none is compared)."""
    return (monthly_signup_rate(ds) is None) != (monthly_loss_rate(ds) is None)


def rate_comparison_title(signup: Derived | None, loss: Derived | None) -> str | None:
    """A chart title comparing claimed sign-ups a month with estimated killed-or-wounded a month,
    both from exact day counts; the verb follows the two ranges (overlap = "roughly match")."""
    if signup is None or loss is None:
        return None
    verb = rate_verb(signup, loss)
    return f"Claimed sign-ups a month {verb} estimated killed and wounded a month, if the claims are taken at face value"


def rate_chart_title(c: RateComparison) -> str:
    """One point per chart: how the two rates compare when they cover the same period; else that
    they cover different periods and are not a balance."""
    if c.like_with_like:
        return rate_comparison_title(c.signup, c.loss)
    return (f"Men claimed to have signed up a month {c.signup_period} and killed and wounded a month "
            f"{c.loss_period}: different periods, not a balance")


def rate_chart_rows(ds: Dataset, limit: int) -> tuple[pd.DataFrame, int]:
    """The chart's rows: sign-ups (one tally once) and loss estimates, each a month from the days
    of its period; and how many loss estimates there are in all (the chart draws the latest `limit`)."""
    rows = []
    for _, r in signups_drawn(ds).tail(limit).iterrows():
        d = per_month(r, "sign-ups")
        if d is None or W.is_expectation(r):  # the chart is of men claimed to have signed up: never a target
            continue
        kind = "claimed"
        rows.append({"id": r["id"], "label": f"{r['claimant']}: men signed up ({kind})\n{W.short_period(r)}",
                     "kind": "inflow", "value": d.value, "low": d.low, "high": d.high, "qualifier": ""})
    lr = loss_rates(ds)
    for _, r in (lr.tail(limit) if len(lr) else lr).iterrows():
        rows.append({"id": r["id"], "label": f"{r['claimant']}: killed or wounded\n{W.short_period(r)}",
                     "kind": "loss", "value": r["rate"], "low": r["rate_low"], "high": r["rate_high"],
                     "qualifier": ""})
    return pd.DataFrame(rows), len(lr)


def has_one_off_mobilisation(rows: pd.DataFrame) -> bool:
    return bool((rows["channel"].astype(str) == "partial_mobilisation").any())


def has_open_bounds(data: pd.DataFrame) -> bool:
    return bool((data["low"].isna() | data["high"].isna()).any())


def expectations_not_drawn(ds: Dataset) -> bool:
    """Whether a forecast or target of sign-ups with a rate is left off the rate chart (its title
    is about men claimed to have signed up; the list above gives them as what they are)."""
    return any(W.is_expectation(r) and per_month(r, "sign-ups") is not None for _, r in signups_drawn(ds).iterrows())
