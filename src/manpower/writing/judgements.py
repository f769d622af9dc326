"""Key judgements: is Russia replacing its losses, and how — each with a likelihood and a confidence.

One builder per question (losses, replacement, mobilisation, conscription, foreign recruits): each
picks the rows a judgement rests on and how they bear on its statement (basis.py), and words the
statement and its evidence; standards.py sets the likelihood and confidence by stated rules, and
judgement.py assembles the record. Statements are built from the rows; no number is typed here.
`judgements(ds)` returns the judgements the data supports (none on an empty selection).
"""
from __future__ import annotations

import functools
import math
from datetime import date

import pandas as pd

from ..analysis.comparisons import bounds, rate_verb
from ..analysis.figures import cumulative_losses, losses_for_period, signup_claims
from ..analysis.rates import has_rate, per_month, reference_period
from ..analysis.rows import rows_of
from ..core.values import text as _s
from ..curated.derived import Derived
from .basis import Basis, interested
from .judgement import Judgement, build_judgement, report_date
from .judgement_words import Plain, capitalised, claim_words
from .narrative import fmt_figure, fmt_number
from .standards import effective_text
from .wording import claim_when, is_expectation, month_year

def _latest_per_claimant(df: pd.DataFrame) -> list[dict]:
    df = df.sort_values("claim_date_end", kind="stable")
    return rows_of(df.drop_duplicates(subset=["claimant"], keep="last"))


def _round_down(x: float) -> float:
    """Down to two significant figures: 286,900 -> 280,000 (a line the estimates clear)."""
    if x <= 0:
        return 0.0
    step = 10 ** (int(math.floor(math.log10(x))) - 1)
    return float(math.floor(x / step) * step)


def _once_per_dataset(fn):
    """`fn(ds)` computed once for a dataset whose tables are unchanged: the judgements each ask
    for the same rows (the losses and replacement judgements both the cumulative losses,
    replacement and mobilisation both the sign-up counts)."""
    last: list = [None, None, None]  # the dataset (held, so its id is not reused), its tables' ids, fn(ds)

    @functools.wraps(fn)
    def once(ds):
        stamp = tuple((name, id(df), len(df)) for name, df in ds.tables.items())
        if last[0] is not ds or last[1] != stamp:
            last[:] = [ds, stamp, fn(ds)]
        return last[2]
    return once


@_once_per_dataset
def _cumulative_losses(ds) -> pd.DataFrame:
    df = cumulative_losses(ds)
    if "unit" in df.columns:
        df = df[df["unit"].astype(str) == "people"]
    return df[df["value"].notna() | df["low"].notna()]


def losses(ds, as_of=None) -> Judgement | None:
    """How many Russian troops have been killed or wounded: a line every independent estimate's
    lower bound clears (rounded down), set against each claimant's latest estimate."""
    rows = _latest_per_claimant(_cumulative_losses(ds))
    if not rows:
        return None
    independent = [r for r in rows if not interested(r)] or rows
    lows = [(bounds(r)[0], r) for r in independent if math.isfinite(bounds(r)[0])]
    if not lows:
        return None
    low, lowest = min(lows, key=lambda x: x[0])
    line = _round_down(low)
    drawn = Derived(line, "people", f"{fmt_number(low, 'people')}, the low end of {fmt_figure(lowest)} as its "
                    "qualifier reads and the lowest of the estimates, rounded down to two significant figures",
                    (str(lowest["id"]),), basis="a line every estimate clears")
    support = []
    for r in rows:
        lo, hi = bounds(r)
        support.append(1 if lo >= line else -1 if hi < line else 0)
    ends = [pd.Timestamp(r["period_end"]) for r in rows if pd.notna(r.get("period_end"))]
    by = month_year(max(ends)) if ends else ""
    basis = Basis({"losses": rows}, support, report_date(ds, as_of),
                  face_value=all(interested(r) for r in rows))

    def prop(w: Plain) -> str:
        return (f"{'By ' + by + ', ' if by else ''}Russia had lost more than {w.derived(drawn)} troops "
                f"killed or wounded since the invasion.")

    def ev(w: Plain) -> str:
        return "; ".join(claim_words(r, w) for r in rows) + "."

    opposite = ["an estimate below that line from a claimant not party to the war"]
    return build_judgement("losses", "Losses", basis, prop, ev, opposite)


@_once_per_dataset
def _signup_counts(ds) -> list[dict]:
    """Claimed counts of Russian contract sign-ups over a stated period (no forecast or target,
    no payment or count of centres), each claimant's latest first in line for the judgements."""
    df = signup_claims(ds)
    if "kind" in df.columns:  # forecasts and targets out, column-wise (a corpus holds thousands of rows)
        df = df[df["kind"].isna() | ~df["kind"].astype(str).isin(["forecast", "target"])]
    df = df[df["period_start"].notna() & df["period_end"].notna() & df["value"].notna()]
    if "unit" in df.columns:
        df = df[df["unit"].astype(str) == "people"]
    if "scope" in df.columns:  # a count of centres or a payment is not a count of recruits
        df = df[df["scope"].isna() | ~df["scope"].astype(str).str.contains("centre|payment|salary", case=False)]
    rows = [r for r in rows_of(df) if has_rate(r)]
    counts = [r for r in rows if not is_expectation(r)]
    return counts


def replacement(ds, as_of=None) -> Judgement | None:
    """Whether claimed recruitment keeps pace with losses over the same period: each claimant's
    latest sign-up count a month against the loss figures covering exactly its period
    (`figures.losses_for_period`, the rule the inflows chapter uses), both a month over the same
    days. A loss average since the invasion is never set against one year of sign-ups: where no
    loss figure covers a count's period, nothing is compared and the judgement says the sources
    cannot tell (roughly even chance, low confidence, and why)."""
    counts = _signup_counts(ds)
    signups = _latest_per_claimant(pd.DataFrame(counts)) if counts else []
    if not signups:
        return None
    matched = {}
    for s in signups:
        found = [r for r in losses_for_period(ds, reference_period(s)) if has_rate(r)]
        if found:
            matched[s["id"]] = _latest_per_claimant(pd.DataFrame(found))
    if matched:
        compared = [s for s in signups if s["id"] in matched]
        loss_rows = list({r["id"]: r for s in compared for r in matched[s["id"]]}.values())
    else:
        compared = signups
        loss_rows = [r for r in _latest_per_claimant(_cumulative_losses(ds)) if has_rate(r)]
        if not loss_rows:
            return None  # no loss figure at all: nothing to judge, the gaps say so
    s_rates = {r["id"]: per_month(r, "claimed sign-ups") for r in compared}
    l_rates = {r["id"]: per_month(r, "killed or wounded") for r in loss_rows}
    support = []
    for s in compared:
        for l in matched.get(s["id"], []):
            verb = rate_verb(s_rates[s["id"]], l_rates[l["id"]])
            support.append(1 if verb == "exceed" else -1 if verb == "fall short of" else 0)
    basis = Basis({"sign-ups": compared, "losses": loss_rows}, support, report_date(ds, as_of),
                  same_period=bool(matched),
                  face_value=all(interested(r) for r in compared) or all(interested(r) for r in loss_rows))

    when = _period_words(compared[-1])

    def prop(w: Plain) -> str:
        return (f"{capitalised(when) + ', ' if when else ''}Russia recruited at least as many men a month as it lost "
                "killed or wounded over the same period.")

    def ev(w: Plain) -> str:
        parts = [f"{claim_words(r, w)} {_period_words(r)}, about {w.derived(s_rates[r['id']])} a month"
                 for r in compared]
        if matched:
            parts += [f"{claim_words(r, w)} {_period_words(r)}, about {w.derived(l_rates[r['id']])} a month"
                      for r in loss_rows]
            return "Both a month over the same days: " + "; ".join(parts) + "."
        missing = (when[3:] if when.startswith("in ") else f"the months {when}" if when
                   else "the period of the sign-ups")
        return (f"The sources cannot tell: no loss figure covers {w.text(missing)}, and an average of losses since "
                f"the invasion is not set against it. Sign-ups: {'; '.join(parts)}. Losses, each since the invasion: "
                + "; ".join(claim_words(r, w) for r in loss_rows) + ".")

    missing = when[3:] if when.startswith("in ") else f"the months {when}" if when else "the period of the sign-ups"
    opposite = ([f"a count of Russian killed and wounded covering {missing} alone, set against the sign-ups"]
                if not matched else [])
    opposite.append("a count of how many claimed sign-ups are new soldiers rather than re-signed contracts")
    return build_judgement("replacement", "Replacing losses", basis, prop, ev, opposite)


def _period_words(row) -> str:
    ref = reference_period(row)
    if ref is None:
        return ""
    s, _, e = ref
    if s.month == 1 and s.day == 1 and e.month == 12 and e.day == 31 and s.year == e.year:
        return f"in {s.year}"
    return f"from {month_year(s)} to {month_year(e)}"


def mobilisation(ds, as_of=None) -> Judgement | None:
    """Whether Russia has filled its ranks with volunteers since its last mobilisation rather than
    a new one: sign-up counts after the last mobilisation support it, a later mobilisation does not."""
    inf = ds.inflows
    mob = inf[(inf["country"].astype(str) == "Russia") & (inf["channel"].astype(str) == "partial_mobilisation")
              & inf["period_end"].notna()].sort_values("period_end", kind="stable")
    if mob.empty:
        return None
    first = rows_of(mob)[0]
    cut = pd.Timestamp(first["period_end"])
    later_mob = _latest_per_claimant(mob[mob["period_start"] > cut])  # each claimant's latest, not every row
    counts = pd.DataFrame(_signup_counts(ds))
    after = _latest_per_claimant(counts[counts["period_start"] > cut]) if len(counts) else []
    if not after and not later_mob:
        return None
    support = [1] * len(after) + [-1] * len(later_mob)
    basis = Basis({"sign-ups": after or later_mob}, support, report_date(ds, as_of),
                  face_value=bool(after) and all(interested(r) for r in after))

    def prop(w: Plain) -> str:  # the seeds' words: men "signed up", "no further mobilisation is needed"
        return (f"Since the mobilisation of {month_year(first['period_start'])}, Russia has relied on men "
                f"signing up rather than a second mobilisation.")

    def ev(w: Plain) -> str:
        parts = [claim_words(first, w)]
        parts += [f"{claim_words(r, w)} {_period_words(r)}" for r in after]
        parts += [claim_words(r, w) for r in later_mob]
        return "; ".join(parts) + "."

    opposite = ["a second mobilisation announced"] if not later_mob else ["no further mobilisation"]
    return build_judgement("mobilisation", "Mobilisation", basis, prop, ev, opposite)


def _upper(row) -> float | None:
    v = row.get("high") if pd.notna(row.get("high")) else row.get("value")
    return None if v is None or pd.isna(v) else float(v)


def conscription(ds, as_of=None) -> Judgement | None:
    """Whether Russia is widening conscription: the upper age before and after the change."""
    c = ds.conscription
    c = c[c["measure"].astype(str).isin(["age_window", "max_age"]) & (c["country"].astype(str) == "Russia")]  # Russia's law only
    pairs, seen = [], set()
    for m in ("age_window", "max_age"):
        rows = c[c["measure"].astype(str) == m].sort_values("claim_date_end", kind="stable")
        for who, mine in rows.groupby("claimant", sort=False):
            before = rows_of(mine[mine["regime"].astype(str) == "before"])
            after = rows_of(mine[mine["regime"].astype(str) == "after"])
            if not before or not after or _upper(before[-1]) is None or _upper(after[-1]) is None:
                continue
            key = (str(who), _upper(before[-1]), _upper(after[-1]))
            if key not in seen:  # one law stated as a window and as a maximum age is one change
                seen.add(key)
                pairs.append((before[-1], after[-1]))
    if not pairs:
        return None
    support = [1 if _upper(a) > _upper(b) else -1 if _upper(a) < _upper(b) else 0 for b, a in pairs]
    rows = [r for p in pairs for r in p]
    basis = Basis({"rules": rows}, support, report_date(ds, as_of),
                  documentary=all(_s(r.get("kind")) == "rule" for r in rows))

    def prop(w: Plain) -> str:
        return "Russia is widening the pool of men it can conscript."

    def ev(w: Plain) -> str:
        parts = []
        for b, a in pairs:
            when = f" from {effective_text(a)}" if pd.notna(a.get("effective_start")) else ""
            parts.append(f"{w.text(a.get('claimant'))}, {claim_when(a)}: the upper age rises to "
                         f"{w.fig(a, fmt_number(_upper(a), 'age_years'))}{when}, from "
                         f"{w.fig(b, fmt_number(_upper(b), 'age_years'))}{w.cite(a)}")
        return "; ".join(parts) + "."

    opposite = ["the change withdrawn or postponed"]
    if "conscripts_called" not in set(ds.conscription["measure"].astype(str)):
        opposite.append("a count of conscripts called up, which would turn the wider window into men")
    return build_judgement("conscription", "Conscription", basis, prop, ev, opposite)


FOREIGN_TERMS = ("eligibility", "minimum_contract", "incentive", "family")


def _recruits(r: dict) -> str:
    """Whom a count of recruits counts, in the data's words ("Norland citizens"): counts of
    different nationalities are not one quantity and are not printed as one."""
    subject = _s(r.get("subject"))
    return subject if subject and "recruit" not in subject.lower() else "foreigners"


def foreign(ds, as_of=None) -> Judgement | None:
    """Whether Russia is recruiting abroad: the terms offered to foreigners (a decree's own words)
    support it; counts of foreigners recruited are added as the evidence of uptake."""
    f = ds.foreign
    terms = f[f["aspect"].astype(str).isin(FOREIGN_TERMS)]
    recruited = f[(f["aspect"].astype(str) == "recruited") & (f["value"].notna() | f["low"].notna())]
    if "part_of" in recruited.columns:
        recruited = recruited[recruited["part_of"].isna()]
    if "scope" in recruited.columns:
        recruited = recruited[recruited["scope"].isna()]
    if terms.empty and recruited.empty:
        return None
    term_rows = _latest_per_claimant(terms) if len(terms) else []
    rec_rows = _latest_per_claimant(recruited) if len(recruited) else []
    rows = term_rows + rec_rows
    support = [1] * len(rows)
    basis = Basis({"terms and counts": rows}, support, report_date(ds, as_of),
                  documentary=bool(term_rows) and not rec_rows and all(not interested(r) for r in term_rows))
    decree = next((r for r in rows_of(terms) if _s(r.get("aspect")) == "eligibility"), None)
    offers = [r for r in term_rows if _s(r.get("aspect")) != "eligibility" and pd.notna(r.get("value"))
              and _s(r.get("scope")) and _s(r.get("claimant")) != _s(decree.get("claimant") if decree else None)]

    def prop(w: Plain) -> str:
        # the decree rule makes a term of a decree almost certain, not what the decree is for: with
        # terms alone the statement is the offer; recruiting is stated once counts show uptake
        if basis.documentary:
            return "Russia offers foreigners terms, citizenship among them, to join its forces."
        return "Russia is recruiting foreigners to fill its ranks."

    def ev(w: Plain) -> str:
        parts = []
        if decree is not None:
            parts.append(f"{w.text(decree.get('claimant'))}, {claim_when(decree)}: citizenship for foreigners who "
                         f"join its forces{w.cite(decree)}")
        parts += [claim_words(r, w, f"for {w.text(r.get('scope'))}") for r in offers]
        parts += [claim_words(r, w, f"{w.text(_recruits(r))} recruited") for r in rec_rows]
        return "; ".join(parts) + "." if parts else ""

    opposite = (["counts of foreigners recruited falling off, or the offers withdrawn"] if rec_rows
                else ["a count of foreigners recruited, which would show whether the offers bring men in"])
    return build_judgement("foreign", "Foreign recruits", basis, prop, ev, opposite)


BUILDERS = (losses, replacement, mobilisation, conscription, foreign)


def judgements(ds, as_of: date | None = None) -> list[Judgement]:
    """The key judgements the (selected) data supports, in the order of the report's question."""
    out = []
    for build in BUILDERS:
        j = build(ds, as_of)
        if j is not None:
            out.append(j)
    return out
