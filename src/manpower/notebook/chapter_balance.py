"""What the balance chapter (05_balance) computes beyond balance.project, so the notebook only words it.

The break-even share as a derived figure (formula and inputs, like every other); the table of
what the what-if rests on, each input's figures and each assumption sourced or not; the named
scenarios as table rows; the grid's size; a signed, rounded net change.
"""
from __future__ import annotations

import math

import pandas as pd

from ..analysis import balance
from ..analysis.figures import loss_rates
from ..analysis.rows import rows_of, russian, totals
from ..writing import wording as W
from ..curated.derived import Derived
from ..writing.basis import interested
from ..writing.narrative import derived_words, fmt_number, md


def signed(x: float) -> str:
    """A net change rounded to thousands with its sign: '+61,000', '−12,000'."""
    return f"{'+' if x >= 0 else '−'}{fmt_number(abs(round(x, -3)), 'people')}"


OWN = "your parameters"  # balance.project's row and column for the chosen parameters


def same_as(proj) -> str | None:
    """The named scenario whose assumptions the report's parameters are, or None: then the
    parameters are not a row or line of their own (they would repeat that scenario)."""
    for name, a in balance.SCENARIOS.items():
        if all(abs(float(proj.chosen[k]) - float(v)) < 1e-9 for k, v in a.items()):
            return name
    return None


def scenario_label(proj, name: str) -> str:
    """A named scenario's label, which says so when the report's parameters are that scenario."""
    return f"{name} (your parameters)" if same_as(proj) == name else name


def monthly_shown(x: float) -> float:
    """A net change a month as the table prints it: to hundreds, so that times the months it
    stays within the total's own rounding (6,000 × 12 would overstate 5,600 × 12 by 4,800)."""
    return float(round(x, -2))


def total_from_shown(proj, net_a_month: float) -> float:
    """The total by the horizon, computed from the monthly figure as shown: the two columns agree."""
    return monthly_shown(net_a_month) * proj.months


def scenario_caption(proj) -> str:
    own = same_as(proj)
    return ("Named scenarios of the what-if"
            + (f"; your parameters are the {own} scenario" if own else "")
            + f". Net a month to the nearest hundred; the net by the end is that figure × {proj.months} months.")


def _signed_exact(x: float) -> str:
    return f"{'+' if x >= 0 else '−'}{fmt_number(abs(x), 'people')}"


def inputs(proj) -> list[str]:
    """The ids of every figure the what-if's rates come from."""
    r = proj.rates
    return list(r.loss.inputs) + list(r.signup.inputs) + (list(r.desertion.inputs) if r.desertion else [])


def break_even(proj) -> Derived | None:
    """The share of claimed sign-ups that must be real for the force to hold steady under the
    chosen assumptions, as a derived figure with its formula and the figures it comes from."""
    be = proj.break_even_realism
    if be is None or (isinstance(be, float) and math.isnan(be)):
        return None
    return Derived(float(round(100 * be)), "percent",
                   "(killed + wounded not returning + deserted a month) ÷ claimed sign-ups a month, under the "
                   "chosen wounded-return share, wounded per killed and desertion",
                   tuple(dict.fromkeys(inputs(proj))), basis="the chosen assumptions of the what-if")


def grid_size() -> int:
    n = 1
    for values in balance.GRID.values():
        n *= len(values)
    return n


def info(narrator, ds, d: Derived) -> str:
    """The figures a rate comes from; an interested party's said to be one."""
    rows = [ds.row(i) for i in d.inputs if ds.has(i)]
    party = "; an interested party's claim" if rows and all(interested(r) for r in rows) else \
        "; partly an interested party's claim" if any(interested(r) for r in rows) else ""
    return f"Information: {narrator.input_words(list(d.inputs))}{party}"


def desertion_basis(narrator, ds, d: Derived) -> str:
    """Where the desertion rate comes from: 'Information: …' when the source states the period
    the total covers; an 'Assumption: …' when it does not and the what-if spreads it anyway."""
    if getattr(d, "assumed", False):
        return ("Assumption: the source states no period for the total, so it is spread over the days from "
                f"the invasion to the claim; from {narrator.input_words(list(d.inputs))}")
    return info(narrator, ds, d)


def held_periods(ds, proj) -> tuple[str, str]:
    """The periods the two rates are averages of ("in 2023", "since the invasion"): the what-if
    carries both forward over months neither covers, which is an assumption, not a comparison."""
    def words(d: Derived) -> str:
        rows = [ds.row(i) for i in d.inputs if ds.has(i)]
        return W.period_short(rows[-1]) if rows else ""
    return words(proj.rates.signup), words(proj.rates.loss)


def held_basis(ds, proj) -> str:
    """The basis table's row for the assumption every what-if makes: the claimed sign-up rate of
    its own period and the loss rate of its own period both hold over the months projected."""
    signup, loss = held_periods(ds, proj)
    differ = ("; they average different periods, so the what-if combines them only under this assumption"
              if signup != loss else "")
    return (f"Assumption: the claimed sign-up rate {signup} and the average loss rate {loss} hold from "
            f"{first_month(proj):%B %Y} to {last_month(proj):%B %Y}; no source gives either for those months{differ}")


def horizon_words(proj, fmt_date) -> str:
    """Why the what-if ends where it does, in words that agree with its date: the default end is
    the last day of the month a year after the latest loss period end, not that day plus a year."""
    if not proj.horizon_from_data:
        return "the end this report's parameters set (Appendix D)"
    end = fmt_date(proj.data_end, proj.data_end, "day")
    exact = pd.Timestamp(proj.data_end) + balance.HORIZON_AFTER
    when = ("a year after" if exact.normalize() == pd.Timestamp(proj.horizon).normalize()
            else "the end of the month a year after")
    return (f"{when} the latest period end of the loss estimates it uses ({end}); a parameter of the report "
            "sets another end (Appendix D)")


RATES_NAMED = 4  # claimants' loss rates named in the basis table; figures.csv holds every estimate


def loss_rate_basis(narrator, ds, d: Derived) -> str:
    """Where the loss rate comes from: with one estimate, `info`; with several, a choice: the
    value is the latest estimate's rate and the range spans the others', so each claimant's own
    rate is named (the latest first), never one claimant's point inside a range made of others'."""
    lr = loss_rates(ds)
    if len(lr) < 2:
        return info(narrator, ds, d)
    rows = list(lr.iloc[::-1].to_dict("records"))
    latest = rows[0]
    each = "; ".join(f"{md(r['claimant'])}, {W.claim_when(r)}: {derived_words(r['derived'])}" for r in rows[:RATES_NAMED])
    more = f"; and {len(rows) - RATES_NAMED} more in {W.FULL_LIST}" if len(rows) > RATES_NAMED else ""
    return (f"Choice: the value is the latest estimate's rate ({md(latest['claimant'])}), the range spans every "
            f"estimate's; each claimant's rate: {each}{more}")


def desertion_side(ds, d: Derived) -> str:
    """'; one side of a dispute: Riverland Institute's figure is used, not UK Ministry of Defence's
    (tens of thousands)' when desertion totals from other claimants disagree with the one used."""
    used = [ds.row(i) for i in d.inputs if ds.has(i)]
    if not used:
        return ""
    who = str(used[0]["claimant"])
    rows = totals(russian(ds.losses))
    rows = rows[(rows["measure"].astype(str) == "deserted") & (rows["unit"].astype(str) == "people")
                & (rows["claimant"].astype(str) != who)]
    if rows.empty:
        return ""
    others = "; ".join(f"{md(r['claimant'])}'s {W.figure(r, reading=False)}" for r in rows_of(rows.iloc[::-1].head(3)))
    return f"; one claimant's figure of several: {md(who)}'s is used, not {others}"


def basis_table(narrator, ds, proj, params) -> pd.DataFrame:
    """What the what-if rests on: each input with the figures it comes from, each assumption with
    the source that supports it or the word that none does."""
    N, r = narrator, proj.rates
    support = balance.parameter_support(ds)
    rows = [("Men who signed up a month (claimed)", N.derived(r.signup, explain=False), info(N, ds, r.signup)),
            ("Killed or wounded a month", N.derived(r.loss, explain=False), loss_rate_basis(N, ds, r.loss)),
            ("Both rates hold over the what-if", "assumed", held_basis(ds, proj))]
    if r.desertion is not None:
        rows.append(("Range of desertion a month", N.derived(r.desertion, explain=False),
                     desertion_basis(N, ds, r.desertion) + desertion_side(ds, r.desertion)))
    for key in balance.ASSUMPTIONS:
        chosen = getattr(params, key)
        value = f"{chosen:g}" if key == "wounded_per_killed" else f"{chosen:.0%}"
        found = support[key]
        if found:
            ratio, k, wd = found
            basis = (f"Sourced: {N.claimant(k['id'])}, {W.claim_when(k)}: {N.figure(k)} killed and {N.figure(wd)} "
                     f"wounded {W.period_short(k)}{N.cite(str(k['source_id']))}, about {ratio:.1f} wounded per killed"
                     + ("" if abs(ratio - chosen) < 0.05 else f"; this report sets {chosen:g}"))
        elif key == "desertion_position" and r.desertion is None:
            basis = "Not used: no desertion figure in the selection, so desertion is set to zero"
        else:
            basis = f"Assumption: {balance.NO_SOURCE[key]}"
        words = balance.AXIS_WORDS[key]
        rows.append((words[0].upper() + words[1:], value, basis))  # words only: names are Appendix D's
    return pd.DataFrame(rows, columns=["what", "value", "basis"])


def scenario_table(proj) -> pd.DataFrame:
    """The named scenarios as table rows (shares as percentages, people rounded, nets signed)."""
    sc = proj.scenarios
    if same_as(proj) is not None:
        sc = sc[sc["name"] != OWN]
    return pd.DataFrame({
        "name": [f"**{scenario_label(proj, n)}**" for n in sc["name"]],
        "what": [balance.SCENARIO_WORDS.get(n, "the values of this report's parameters") for n in sc["name"]],
        "realism": [f"{v:.0%}" for v in sc["signup_realism"]],
        "ret": [f"{v:.0%}" for v in sc["wounded_return_share"]],
        "wpk": [f"{v:g}" for v in sc["wounded_per_killed"]],
        "des": [fmt_number(round(v, -2), "people") for v in sc["deserted"]],
        "net": [_signed_exact(monthly_shown(v)) for v in sc["net"]],
        "total": [_signed_exact(total_from_shown(proj, v)) for v in sc["net"]],
    })


def first_month(proj) -> pd.Timestamp:
    return pd.Timestamp(proj.table["month"].iloc[0])


def last_month(proj) -> pd.Timestamp:
    return pd.Timestamp(proj.table["month"].iloc[-1])


def months_axis(proj) -> pd.Series:
    return pd.to_datetime(proj.table["month"])
