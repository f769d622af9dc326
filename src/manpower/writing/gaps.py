"""What the sources cannot tell us, computed from the selection: quantities only an interested party
gives, measures no source gives, and periods no figure covers.

Each item is a plain sentence (data text unescaped; a chapter escapes it with narrative.md) with
the ids it rests on, so a reader sees where the evidence stops before reading a judgement.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..analysis import balance
from ..analysis.figures import cumulative_losses, losses_for_period
from ..analysis.formats import INVASION
from ..analysis.kinds import is_expectation
from ..analysis.rates import reference_period
from ..analysis.rows import rows_of
from .basis import PARTIES
from .judgement import report_date
from .judgement_words import joined, the
from ..vocabulary.schema import INFLOWS, LOSS_MEASURES
from ..analysis.formats import figure
from .wording import FULL_LIST, claim_when, is_expectation, kind_label, month_span, month_year
from ..core.values import text as _s

# a noun phrase for each measure, channel or aspect ("troops killed"), and the side's adjective
NOUNS = {
    "killed": "troops killed", "wounded": "troops wounded", "killed_or_wounded": "troops killed or wounded",
    "captured": "troops captured", "missing": "troops missing", "deserted": "deserters",
    "killed_or_wounded_share_of_prewar_force": "the share of the pre-war force killed or wounded",
    "partial_mobilisation": "men mobilised", "contract_signups": "men who signed up",
    "planned_mobilisation": "men to be mobilised", "conscription": "conscripts called up",
    "prisoners": "prisoners recruited", "recruited": "foreigners recruited", "added_to_pool": "men newly liable for conscription",
    "conscripts_called": "conscripts called up",
}
SIDE_WORDS = {"russian": "Russian", "ukrainian": "Ukrainian", "Russia": "Russian", "Ukraine": "Ukrainian"}
# the measures of Russian losses a reader would want apart: each missing one is a gap
LOSS_PARTS = tuple(m for m in LOSS_MEASURES if m not in ("killed_or_wounded", "killed_or_wounded_share_of_prewar_force"))
# channels of Russian intake (conscripts called up have their own line, with what it means)
RUSSIAN_CHANNELS = tuple(c for c in INFLOWS.column("channel").allowed if c not in ("planned_mobilisation", "conscription"))
MIN_MATCH_DAYS = 90  # an intake over a shorter period (a call-up) is not set against a loss rate
QUANTITY = ("measure", "channel", "aspect", "side", "country", "unit")  # what is counted, not the wording of it
MIN_GAP_DAYS = 28  # a stretch shorter than about a month is not a gap worth a line


@dataclass(frozen=True)
class Gap:
    kind: str  # "interested-only", "no-measure", "no-period"
    text: str
    ids: tuple[str, ...] = ()


def _what(row, scope: bool = True) -> str:
    key = _s(row.get("channel")) or _s(row.get("measure")) or _s(row.get("aspect"))
    noun = NOUNS.get(key, key.replace("_", " "))
    side = SIDE_WORDS.get(_s(row.get("side")) or _s(row.get("country")), "")
    scope = _s(row.get("scope")) if scope else ""
    return (f"{side} {noun}".strip() if not noun.startswith("the ") else noun) + (f" ({scope})" if scope else "")


GAP_FIGURES = 3  # figures a gap names, the latest first; figures.csv holds the rest


def _figures_said(rows: pd.DataFrame) -> str:
    """'1,200, August 2024': the figures a gap is about, as the chapters word them, the latest
    first, so a sentence about a figure never stands without it."""
    rows = rows.sort_values("claim_date_end", ascending=False, kind="stable")
    said = [f"{figure(r, reading=False)}{f' ({kind_label(r)})' if is_expectation(r) else ''}, {claim_when(r)}".rstrip(", ")
            for r in rows_of(rows.head(GAP_FIGURES))]
    more = len(rows) - GAP_FIGURES
    return "; ".join(said) + (f"; and {more:,} more in {FULL_LIST}" if more > 0 else "")


def interested_only(ds) -> list[Gap]:
    """Quantities (counts of people) every figure of which comes from an interested party."""
    out = []
    for name in ("losses", "inflows", "conscription", "foreign"):
        df = ds.tables.get(name)
        if df is None or df.empty:
            continue
        df = df[(df["unit"].astype(str) == "people") & (df["value"].notna() | df["low"].notna())]
        if "part_of" in df.columns:
            df = df[df["part_of"].isna()]
        if "side" in df.columns:  # the report's question is Russia's manpower
            df = df[df["side"].astype(str) != "ukrainian"]
        if df.empty:
            continue
        # one quantity whatever scope a claimant words it with ("men", "volunteers"); column-wise,
        # since a corpus holds thousands of figures and only the interested-only groups are read
        cols = [k for k in QUANTITY if k in df.columns]
        key = df[cols[0]].astype(str)
        for c in cols[1:]:
            key = key + "|" + df[c].astype(str)
        kind = df["kind"].astype(str) if "kind" in df.columns else pd.Series("", index=df.index)
        party = df["claimant_type"].astype(str).isin(PARTIES) & (kind != "rule")
        only = party.groupby(key).all()
        for k in only[only].index:
            rows = rows_of(df.loc[key == k, ["id", "claimant", *cols]])
            who = list(dict.fromkeys(the(_s(r["claimant"])) for r in rows))
            verb = "an interested party, gives" if len(who) == 1 else "interested parties, give"
            out.append(Gap("interested-only", f"Only {joined(who)}, {verb} a figure for "
                                              f"{_what(rows[0], scope=False)} ({_figures_said(df.loc[key == k])}); "
                                              "nothing independent checks it.",
                           tuple(r["id"] for r in rows)))
    return out


def missing_measures(ds) -> list[Gap]:
    """Parts of Russian losses and channels of Russian recruitment that no figure gives."""
    losses = ds.losses
    rus = losses[losses["side"].isna() | (losses["side"].astype(str) == "russian")] if "side" in losses.columns else losses
    have = set(rus["measure"].astype(str))
    out = []
    if "killed_or_wounded" in have and "killed" not in have:
        out.append(Gap("no-measure", "No source gives Russian troops killed apart from wounded."))
    missing = [m for m in LOSS_PARTS if m not in have and m != "killed" and (m != "wounded" or "killed" in have)]
    if missing and have:
        words = joined([NOUNS[m].replace("troops ", "") for m in missing]).replace(" and ", " or ")
        out.append(Gap("no-measure", f"No source counts Russian troops {words}.".replace("troops deserters", "deserters")))
    inf = ds.inflows
    rus_in = inf[inf["country"].astype(str) == "Russia"] if "country" in inf.columns else inf
    have_ch = set(rus_in["channel"].astype(str))
    gone = [c for c in RUSSIAN_CHANNELS if c not in have_ch]
    if gone and have_ch:
        out.append(Gap("no-measure", f"No source counts Russian {joined([NOUNS.get(c, c) for c in gone]).replace(' and ', ' or ')}."))
    c = ds.conscription
    if not c.empty and "conscripts_called" not in set(c["measure"].astype(str)):
        out.append(Gap("no-measure", "No source says how many conscripts are called up, so a wider age window "
                                     "cannot be turned into men."))
    return out


def uncovered_periods(ds, as_of=None) -> list[Gap]:
    """Stretches from the invasion to the report's date that no count of Russian recruits covers,
    the time since the newest loss estimate, and intake periods no loss figure matches."""
    ref = report_date(ds, as_of)
    if ref is None:
        return []
    out = []
    inf = ds.inflows
    flows = inf[(inf["country"].astype(str) == "Russia") & inf["period_start"].notna() & inf["period_end"].notna()
                & (inf["unit"].astype(str) == "people")]
    kind_cols = [c for c in ("kind", "quote", "qualifier", "unit", "claimant_type", "channel") if c in flows.columns]
    flows = flows[[not is_expectation(r) for r in rows_of(flows[kind_cols])]] if len(flows) else flows
    periods = _periods(flows)
    spans = sorted((p[0], p[2], None) for p in periods)
    if spans:
        cursor, holes = INVASION, []
        for s, e, _ in spans:
            if (s - cursor).days >= MIN_GAP_DAYS:
                holes.append((cursor, s - pd.Timedelta(days=1)))
            cursor = max(cursor, e + pd.Timedelta(days=1))
        if (ref - cursor).days >= MIN_GAP_DAYS:
            holes.append((cursor, ref))
        if holes:
            spans_words = [f"from {month_span(a, b)}" for a, b in holes]
            listed = spans_words[0] if len(spans_words) == 1 else ", ".join(spans_words[:-1]) + " or " + spans_words[-1]
            out.append(Gap("no-period", f"No figure counts Russian recruits {listed}.",
                           tuple(flows["id"])))
    loss = cumulative_losses(ds)
    if len(loss):
        newest = pd.Timestamp(loss["period_end"].max())
        end = newest + pd.offsets.MonthEnd(0)
        if (ref - end).days >= MIN_GAP_DAYS:
            out.append(Gap("no-period", f"No loss estimate covers the time after {month_year(newest)}.",
                           tuple(loss["id"])))
        intake_periods = sorted(periods)
        unmatched = []
        for ref_r in intake_periods:
            if ref_r[0] <= INVASION or (ref_r[2] - ref_r[0]).days < MIN_MATCH_DAYS:
                continue
            if not losses_for_period(ds, ref_r):  # the rule the comparison itself uses
                words = _period(ref_r)
                if words not in unmatched:
                    unmatched.append(words)
        combined = balance.rates(ds) is not None  # the what-if carries both rates forward, as an assumption
        for words in unmatched:
            out.append(Gap("no-period", f"No count of Russian killed and wounded covers {words} alone, so "
                                        f"recruits counted for {words} cannot be set against the losses of {words}; "
                                        "the report shows them beside an average of losses over a longer period, "
                                        "as different periods"
                                        + (", and combines the two only as a stated assumption of the what-if."
                                           if combined else ".")))
    return out


REF_COLUMNS = ("period_start", "period_end", "basis", "claim_date_start", "claim_date_end")


def _periods(df: pd.DataFrame) -> set[tuple]:
    """The distinct reference periods (start, earliest end, latest end) of some figures."""
    cols = [c for c in REF_COLUMNS if c in df.columns]
    rows = rows_of(df[cols].drop_duplicates()) if len(df) else []
    return {p for p in map(reference_period, rows) if p is not None}


def _period(ref) -> str:
    s, _, e = ref
    if s.month == 1 and s.day == 1 and e.month == 12 and e.day == 31 and s.year == e.year:
        return str(s.year)
    return month_span(s, e)


def cannot_tell(ds, as_of=None) -> list[Gap]:
    """Every gap, in the order a reader needs them: whose word only, what is not measured, when."""
    return interested_only(ds) + missing_measures(ds) + uncovered_periods(ds, as_of)


__all__ = ["Gap", "cannot_tell", "interested_only", "missing_measures", "uncovered_periods"]
