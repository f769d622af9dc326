"""What the foreign-recruitment chapter (04_foreign) selects, so the notebook only words and draws it.

Each decree or offer keeps its own terms (one table per event); targets and pools are what the
claimants name; counts of a country's citizens recruited, killed, captured or sent home are
listed as what they are; a warning's horizon is a derived figure with its formula and input.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..writing.terms import terms_by_event
from ..writing import wording as W
from ..curated.data import Dataset
from ..curated.derived import Derived
from ..writing.narrative import md
from ..vocabulary.schema import SHARE_UNITS

TERMS = {"eligibility": "Who is eligible", "minimum_contract": "Minimum service", "family": "Families",
         "dismissal_grounds": "If dismissed"}  # the aspects a decree's terms table holds, and their words
TARGETS = ("target_country", "migrant_pool", "incentive")  # where recruits are sought
TERM_COLUMNS = {"term": "Term", "what": "What", "said": "According to", "quote": "In the article's words"}
TERM_WIDTHS = [12, 22, 18, 48]


def _aspect(ds: Dataset, aspects) -> pd.DataFrame:
    fr = ds.foreign
    return fr[fr["aspect"].astype(str).isin(list(aspects))]


def is_empty(ds: Dataset) -> bool:
    return ds.foreign.empty and ds.events.empty


def terms_groups(ds: Dataset) -> list[tuple[dict | None, str, pd.DataFrame]]:
    """The terms, one group per decree or offer (terms.terms_by_event): never mixed."""
    return terms_by_event(_aspect(ds, TERMS), ds.events)


def group_lead(caption: str) -> str:
    """The sentence before a later decree's or offer's terms table: its caption, saying once that
    the terms are as reported ("Terms as X reports them" already says so)."""
    m = re.fullmatch(r"Terms as (.+) reports them", caption)
    if m:  # the caption already says it; the lead must not repeat it word for word
        return f"{m.group(1)} reports these terms"
    return f"{caption}, as the articles report them"


def earliest(rows: pd.DataFrame) -> pd.Series:
    return rows.sort_values("claim_date_end", kind="stable").iloc[0]


def terms_table(narrator, terms: pd.DataFrame) -> pd.DataFrame:
    """One decree's terms as table rows, one row per term (its label printed once): what each
    clause says (with its figure), who says it, the quote; a term several articles word
    differently joins its clauses in one row, in the order the rows come."""
    N = narrator
    rows: dict[str, dict[str, list[str]]] = {}
    for _, r in terms.iterrows():
        cell = rows.setdefault(TERMS[r["aspect"]], {"what": [], "said": [], "quote": []})
        cell["what"].append(md(r["subject"]) + (f": {N.fig(r['id'])}" if pd.notna(r["value"]) else ""))
        said = N.claimant(r["id"]) + N.cite(str(r["source_id"]))
        if said not in cell["said"]:
            cell["said"].append(said)
        cell["quote"].append(N.quote(r) or "(quoted above)")
    return pd.DataFrame({
        "term": list(rows),
        "what": ["; ".join(c["what"]) for c in rows.values()],
        "said": ["; ".join(c["said"]) for c in rows.values()],
        "quote": [" ".join(c["quote"]) for c in rows.values()],
    })


def targets(ds: Dataset) -> pd.DataFrame:
    return _aspect(ds, TARGETS)


def has_unit(row) -> bool:
    return pd.notna(row["unit"])


ASPECT_NOUNS = {"incentive": "an incentive", "target_country": "a target", "migrant_pool": "a pool of recruits"}


def target_figure(narrator, row) -> str:
    """A target's figure with what it is a figure of, from the row's own aspect and scope: 'an
    incentive for Cuban recruits: more than 100 times their average salary', never the bare
    multiple; a pool of people is the people, the claimant's estimate, whom it says Russia sees as
    potential recruits ('6,000,000 Central Asian migrants in Russia (an estimate), …'), never a
    count of recruits."""
    aspect = str(row["aspect"])
    scope = row.get("scope")
    scope = "" if scope is None or pd.isna(scope) or not str(scope).strip() else md(str(scope).strip())
    if aspect == "migrant_pool":
        kind = W.kind_label(row)
        return (f"{narrator.figure(row)}{' ' + scope if scope else ''}"
                f"{f' (an {kind})' if kind[:1] in 'aeiou' else f' (a {kind})'}, whom the claimant says Russia sees "
                "as potential recruits")
    what = ASPECT_NOUNS.get(aspect, aspect.replace("_", " "))
    return f"{what}{' for ' + scope if scope else ''}: {narrator.figure(row)}"


@dataclass(frozen=True)
class TargetChart:
    """Who named which country or group and when: the chart's rows (the CSV beside it), the
    subjects on its axis, each claimant's rows (a position `y`; overtimechart.claims_on_dates draws a
    dot for a day, a bar over an interval) and the span of dates."""

    data: pd.DataFrame
    subjects: list[str]
    by_claimant: list[tuple[str, pd.DataFrame]]
    first: pd.Timestamp
    last: pd.Timestamp


def target_chart(rows: pd.DataFrame, limit: int) -> TargetChart:
    """The `limit` most recently named subjects, by claimant in order of appearance."""
    data = pd.DataFrame({"id": rows["id"], "subject": rows["subject"].astype(str), "claimant": rows["claimant"].astype(str),
                         "said_start": rows["claim_date_start"], "said_end": rows["claim_date_end"],
                         "precision": rows["claim_date_precision"].astype(str), "aspect": rows["aspect"].astype(str)})
    subjects = list(dict.fromkeys(data.sort_values("said_end")["subject"]))[-limit:]
    data = data[data["subject"].isin(subjects)]
    drawn = data.assign(y=[subjects.index(x) for x in data["subject"]])
    by = [(name, drawn[drawn["claimant"] == name]) for name in dict.fromkeys(data["claimant"])]
    return TargetChart(data, subjects, by, data["said_start"].min(), data["said_end"].max())


def chart_adds(targets: pd.DataFrame, listed: pd.DataFrame) -> bool:
    """Whether the targets chart shows what the list above it does not: only when the list is cut
    short. The list already gives every subject with its claimant and date; a chart of the same
    rows made no point of its own (issue 19: draw a chart only when it has something to show)."""
    return len(listed) < len(targets)


def target_title(tg: TargetChart) -> str:
    """The chart's title from what it draws: countries alone are "recruitment abroad"; a group
    of people (migrants in Russia) makes it recruitment of foreigners, wherever they are."""
    aspects = set(tg.data["aspect"])
    where = "recruitment abroad" if aspects <= {"target_country"} else "recruiting foreigners"
    what = "countries" if aspects <= {"target_country"} else "countries or groups"
    return f"{len(tg.subjects)} {what} named in reporting on Russian {where}, {tg.first:%b %Y} to {tg.last:%b %Y}"


def people_counts(ds: Dataset) -> pd.DataFrame:
    """Counts of foreign citizens recruited, killed, captured or sent home (never a share: "40% of
    the recruits it surveyed" is not a count of anyone, `people_shares`)."""
    rows = _aspect(ds, W.ASPECT_WORDS)
    return rows[~rows["unit"].astype(str).isin(list(SHARE_UNITS))]


def people_shares(ds: Dataset) -> pd.DataFrame:
    """Shares the sources give of foreign recruits ("40% of the recruits it surveyed had no military
    experience"): listed as shares of the group they name, never under counts by nationality."""
    rows = _aspect(ds, W.ASPECT_WORDS)
    return rows[rows["unit"].astype(str).isin(list(SHARE_UNITS))]


def people_by_subject(ds: Dataset) -> list[tuple[str, pd.DataFrame]]:
    """The counts of people grouped by whom they count (a country's citizens, as `subject` names
    them): a part (those killed, captured or sent home of the recruits counted) goes with its
    whole's group, whatever words its own subject uses. Groups in the order of their latest claim."""
    rows = people_counts(ds)
    if rows.empty:
        return []
    by_id = {str(i): r for i, r in zip(rows["id"], rows.to_dict("records"))}

    def root(r: dict) -> dict:
        seen = set()
        while isinstance(r.get("part_of"), str) and r["part_of"] in by_id and r["part_of"] not in seen:
            seen.add(r["part_of"])
            r = by_id[r["part_of"]]
        return r

    key = [str(root(by_id[str(i)])["subject"]).strip() for i in rows["id"]]
    groups = {k: rows[[x == k for x in key]] for k in dict.fromkeys(key)}
    return sorted(groups.items(), key=lambda kv: kv[1]["claim_date_end"].max())


def numbered(ds: Dataset) -> pd.DataFrame:
    """The rows that carry a number (a dispute compares only these)."""
    fr = ds.foreign
    return fr[fr["value"].notna() | fr["low"].notna() | fr["high"].notna()]


def aspect_words(group: pd.DataFrame) -> str:
    return md(str(group.iloc[0]["aspect"]).replace("_", " "))


def motives(ds: Dataset) -> pd.DataFrame:
    return _aspect(ds, ["motive"])


def statements(ds: Dataset) -> pd.DataFrame:
    ev = ds.events
    return ev[ev["category"] == "statement"]


def warnings(ds: Dataset) -> pd.DataFrame:
    """Warnings that give a horizon in months."""
    ev = ds.events
    return ev[(ev["category"] == "warning") & ev["low"].notna()]


@dataclass(frozen=True)
class Horizon:
    """When a warning's "N to M months" runs out: a derived figure with its formula and input,
    and the election it spans, if one does."""

    start: pd.Timestamp
    end: pd.Timestamp
    derived: Derived
    election: pd.Series | None

    def words(self) -> str:
        return f"between {self.start:%B %Y} and {self.end:%B %Y}"


def horizon(ds: Dataset, warning) -> Horizon:
    """The month of the warning plus its low to high months; the latest day-dated election within it."""
    start = warning["date_start"] + pd.DateOffset(months=int(warning["low"]))
    end = warning["date_end"] + pd.DateOffset(months=int(warning["high"]))
    d = Derived(float(warning["low"]), "months", f"the month of the warning plus {warning['low']:g} to {warning['high']:g} months",
                (str(warning["id"]),), float(warning["low"]), float(warning["high"]),
                basis="a horizon counted from the date of the warning")
    ev = ds.events
    el = ev[(ev["category"] == "election") & (ev["date_precision"] == "day")].sort_values("date_start").tail(1)
    e = el.iloc[0] if len(el) and start <= el.iloc[0]["date_start"] <= end + pd.offsets.MonthEnd(0) else None
    return Horizon(start, end, d, e)


def pool(ds: Dataset) -> pd.Series | None:
    """The latest migrant pool with a number, or None."""
    p = _aspect(ds, ["migrant_pool"]).dropna(subset=["value"])
    return None if p.empty else p.iloc[-1]


def has_recruit_counts(ds: Dataset) -> bool:
    return not _aspect(ds, ["recruited"]).empty
