"""Indicators to watch: dated things in the data that lie after the report's date — an event
scheduled, a law coming into force, a plan or forecast whose period has not ended — each with
what it would tell (ICD 203: state what would change the judgement). One whose earliest day is
already past is marked `due`: the report lists it as due by now, not as ahead.

The report's date is `as_of`, else the latest claim in the data. Items are plain text (a chapter
escapes them), soonest first.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from ..analysis.rows import rows_of
from .gaps import NOUNS, _what
from .judgement import report_date
from .judgement_words import capitalised, the
from .narrative import fmt_figure
from .wording import is_expectation, month_span, month_year, proposal_status
from ..core.values import text as _s

# what each kind of dated thing would tell, declared once
TELLS_EVENT = {
    "election": "whether a new mobilisation follows the vote",
    "law_passed": "whether the law changes how many men are called up",
    "vote": "whether the measure becomes law",
    "decree": "whether the decree brings in recruits",
    "mobilisation": "how many men a new call-up brings in",
    "conscription": "whether call-ups grow",
}
TELLS_EVENT_DEFAULT = "whether it changes how Russia fills its ranks"
TELLS_WINDOW = "whether what was warned of comes within it"
MONTHS_PER = {"months": 1, "years": 12}  # a window stated in these units, in months
PRECISION_RANK = {"day": 0, "month": 1, "interval": 2, "year": 3}
TELLS_RULE = "whether call-ups grow once it applies: a count of conscripts after it would show it"
TELLS_EXPECTATION = "whether it is met: a count for the period would show it"
TELLS_PROPOSAL = "whether it is adopted, and then met: a count for the period would show it"


@dataclass(frozen=True)
class Indicator:
    date: pd.Timestamp  # the earliest day it can happen, for ordering
    when: str
    what: str
    tells: str
    ids: tuple[str, ...]
    due: bool = False  # the day it happens is on or before the report's date: due by now, outcome unreported
    happens: pd.Timestamp | None = None  # the day it happens, where not `date` (a forecast falls due at its end)

    @property
    def text(self) -> str:
        return capitalised(f"{self.when}: {self.what}. It would tell {self.tells}.")


HEAD_NOUNS = ("men", "troops", "conscripts", "soldiers")  # a noun the data's own scope words replace


def _subject(row) -> str:
    """What an expectation counts, in the data's own words where it has them: "extra troops to be
    mobilised" where the source says "mobilising up to 500,000 extra troops", not our "Ukrainian
    men to be mobilised (extra troops)"."""
    scope = _s(row.get("scope"))
    key = _s(row.get("channel")) or _s(row.get("measure")) or _s(row.get("aspect"))
    head, _, rest = NOUNS.get(key, "").partition(" ")
    if scope and head in HEAD_NOUNS and rest:
        return f"{scope} {rest}"
    return _what(row)


def _when(start, end, precision: str) -> str:
    s, e = pd.Timestamp(start), pd.Timestamp(end)
    if precision == "day":
        return f"{s.day} {month_year(s)}"
    if precision == "year":
        return str(s.year)
    if (s.year, s.month) == (e.year, e.month):
        return month_year(s)
    return f"{month_year(s)} to {month_year(e)}"


def _windows(ev: pd.DataFrame, cut: pd.Timestamp) -> list[Indicator]:
    """A window stated with an event ("three to four months to prepare", from November 2023):
    from the event's date plus the shorter span to its date plus the longer, if not yet over."""
    if "unit" not in ev.columns:
        return []
    spans = ev[ev["unit"].astype(str).isin(list(MONTHS_PER)) & ev["date_start"].notna()
               & (ev["value"].notna() | ev["low"].notna() | ev["high"].notna())]
    out = []
    for r in rows_of(spans):
        per = MONTHS_PER[_s(r["unit"])]
        nums = [x for x in (r.get("low"), r.get("value"), r.get("high")) if x is not None and pd.notna(x)]
        lo, hi = min(nums), max(nums)
        start = pd.Timestamp(r["date_start"]) + pd.DateOffset(months=int(round(lo * per)))
        end = pd.Timestamp(r["date_end"]) + pd.DateOffset(months=int(round(hi * per)))
        if end > cut:
            out.append(Indicator(start, month_span(start, end), f"the window of {fmt_figure(r)} that {the(_s(r['claimant']))} "
                                 f"gave in {month_year(r['date_start'])} runs out", TELLS_WINDOW, (r["id"],)))
    return out


def indicators(ds, as_of=None) -> list[Indicator]:
    """Events, rules taking effect and expectations not yet due after the report's date."""
    cut = report_date(ds, as_of)
    if cut is None:
        return []
    out: list[Indicator] = []
    ev = ds.events
    seen: set[str] = set()
    # one item per event: where two articles date it, the more precise date
    for r in sorted(rows_of(ev[ev["date_end"].notna()]), key=lambda r: PRECISION_RANK.get(_s(r["date_precision"]), 9)):
        if pd.Timestamp(r["date_end"]) > cut and _s(r["label"]) not in seen:
            seen.add(_s(r["label"]))
            out.append(Indicator(pd.Timestamp(r["date_start"]),
                                 _when(r["date_start"], r["date_end"], _s(r["date_precision"])),
                                 _s(r["label"]), TELLS_EVENT.get(_s(r["category"]), TELLS_EVENT_DEFAULT), (r["id"],)))
    out += _windows(ev, cut)
    c = ds.conscription
    due: dict[tuple, list[dict]] = {}
    for r in rows_of(c[c["effective_end"].notna()]):
        if pd.Timestamp(r["effective_end"]) > cut:
            due.setdefault((r["effective_start"], r["effective_end"], _s(r["effective_precision"]), _s(r["claimant"])),
                           []).append(r)
    for (s, e, p, who), rows in due.items():
        out.append(Indicator(pd.Timestamp(s), _when(s, e, p),
                             f"the conscription change announced by {the(who)} takes effect", TELLS_RULE,
                             tuple(r["id"] for r in rows)))
    for name in ("inflows", "conscription", "foreign"):
        df = ds.tables.get(name)
        if df is None or df.empty:
            continue
        df = df[df["period_start"].notna()]
        if "kind" in df.columns:  # only forecasts and targets (or rows whose kind is inferred) are read
            df = df[df["kind"].isna() | df["kind"].astype(str).isin(["forecast", "target"])]
        for r in rows_of(df):
            if not is_expectation(r):
                continue
            end = r.get("period_end")
            if pd.notna(end) and pd.Timestamp(end) <= cut:
                continue
            s = pd.Timestamp(r["period_start"])
            if pd.isna(end):
                when = f"from {month_year(s)}"
            else:
                e = pd.Timestamp(end)
                when = f"by the end of {e.year}" if (e.month, e.day) == (12, 31) else f"by {month_year(e)}"
            status = proposal_status(r)  # a figure only under review is a proposal, neither target nor forecast
            kind = f"proposal, {status}," if status else "target" if _s(r.get("kind")) == "target" else "forecast"
            out.append(Indicator(s, when, f"{the(_s(r['claimant']))}'s {kind} of {fmt_figure(r)} {_subject(r)} falls due"
                                 if pd.notna(end) else f"{the(_s(r['claimant']))}'s {kind} of {fmt_figure(r)} {_subject(r)}, "
                                 "with no end date", TELLS_PROPOSAL if status else TELLS_EXPECTATION, (r["id"],),
                                 happens=pd.Timestamp(end) if pd.notna(end) else None))
    # an item whose earliest day is already past is no longer ahead: it is due, and no source says
    # whether it happened (a 2024 law in a report dated 5 January 2024)
    out = [replace(i, due=(i.happens if i.happens is not None else i.date) <= cut) for i in out]
    return sorted(out, key=lambda i: (i.date, i.when, i.what))
