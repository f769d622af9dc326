"""What a sentence says around its numbers, for `draft`: one candidate per claim, not per number.

`draft` used to propose a row per scanned number, so a range became two counts, a date's day a
count and a confidence level a third figure. Here the numbers of one sentence are read together:
which are not counts at all (dates, times of day, years, ages, names and decree numbers with
digits, confidence levels, "a day" after a rate), which pair into a range, an interval with its
level or a central value with its range, which are parts of a total; and for each claim the words
around it: the claimant (attribution), the claim date (weekday or date words, resolved against the
publication date), the period and basis, side and country, measure, unit, qualifier and hedge.
What is guessed rather than read goes into the row's `review` cell, so the curator knows where to
look. `Context` carries what earlier sentences of the same article established (the claimant, the
date of the statement, the period, the last total) into later ones that refer back to them.

Every pattern runs once per sentence, on a sentence bounded by the quote limit of `draft`, so a
long seed costs its length.

The parts, one module each: claim (Item, Context), datewords (claim dates and periods), notcounts,
claimants, measures (table, measure, unit, qualifier, hedge, kind, side), items (ranges and
intervals), events.
"""
from __future__ import annotations

import bisect
import re
from datetime import date

from ..vocabulary.numbers import Mention
from ..vocabulary.qualifiers import RANGE, implied_bounds
from .claim import Context
from .claimants import ATTRIB_VERBS, UKRAINIAN, claimant_of
from .datewords import claim_date, period_of, ym
from .events import EFFECTIVE, effective, event_of
from .items import CENTRAL, fmt, items_of
from .measures import (EVENT_MEASURES, HELD, MONEY, RULE_UNITS, TABLE_WORDS, hedge_in, kind_of_item, measure_of,
                       qualifier_of, set_side, table_of, unit_of)


_PARTS = re.compile(r"\b(?:of those|of them|of these|of whom|of which)\b", re.I)
_AMONG = re.compile(r"\bamong them\b|\bincluding\b", re.I)
_SPLIT = re.compile(r"\b(?:split|broke|broken|break(?:s|ing)?)\b.*?\b(?:by|down|into)\b|\bby (?:force|region|branch|type)\b", re.I)
_SCOPES = (
    ("officers", "officers", re.compile(r"^\s*(?:\w+\s+){0,2}officers\b", re.I)),
    ("", "regular_forces", re.compile(r"^\s*(?:in|of|from|with)\s+the\s+(regular (?:army|forces))\b", re.I)),
    ("", "private_military_company",  # "with the Steppe Legion, a private military company": its name too
     re.compile(r"^\s*(?:in|of|from|with)\s+(?:a|the)\s+((?:[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*,\s+a\s+)?private military compan(?:y|ies))")),
    ("conscripts", "conscripts", re.compile(r"^\s*(?:\w+\s+)?conscripts\b", re.I)),
)
_CLAUSE = re.compile(r",\s+(?:while|but|whereas)\s+|;\s+|\s+and\s+(?=(?:has|have|had|is|are|was|were)\b)")
_THINGS = re.compile(r"^\s*(?:(?![\w-]*ed\s)[\w-]+\s+){0,2}?(?:centres|centers|offices|units|facilities|vehicles|tanks|aircraft|helicopters|"
                     r"drones|regions|bases|camps|armies|divisions|brigades|regiments|battalions)\b", re.I)
_SURPASS = re.compile(r"\b(?:surpass\w*|reach\w*|pass\w*|topp\w*|exceed\w*|total\w*)\b", re.I)
_VOTED = re.compile(r"\bvoted\b", re.I)
_ESTIMATE_VERB = re.compile(r"\bestimat", re.I)


_SAID = re.compile(rf"\b{ATTRIB_VERBS}\b")


def once_said(sentence: str) -> bool:
    """Whether the sentence has an attribution verb of its own ("said", "told", "estimates")."""
    return bool(_SAID.search(sentence))


def total_before_colon(sentence: str) -> bool:
    """Whether the sentence states a total, then a colon and its parts ("In all, 9,000 men ...: 7,000
    with X and 2,000 with Y"): a colon after a figure and before another, not a list's lead-in."""
    return bool(re.search(r"\d[^:]*:\s[^:]*\d", sentence)) and not sentence.lstrip()[:1] in "-•*"


def _claim_of(sentence: str, stated, read_here: bool, ctx: Context) -> tuple[str, str, str]:
    """The claim date of a sentence's figures: the date words it states (`stated`), else the
    statement it continues, else by publication (narrowed to a period the sentence names)."""
    if stated and ctx.quoted and not read_here and ctx.claimant and ctx.claim[1] == "day" and not once_said(sentence):
        claim = ctx.claim  # "On Tuesday the President signed ..." inside a quoted statement: the statement's day stays
    elif stated:
        claim = stated
    elif read_here or not ctx.claim[0]:
        if ctx.published:
            claim = (f"{ctx.published.year}-01-01/{ctx.published.isoformat()}", "interval", "(undated; by publication)")
        else:
            claim = ("", "", "")
    else:
        claim = ctx.claim
    if claim[2] == "(undated; by publication)" and ctx.published:
        p = period_of((sentence,), ctx, None)
        if p and p[0] and p[3] == "flow" and len(p[0]) == 7 and f"{ctx.published.year}-01" < p[0] <= ym(ctx.published):
            claim = (f"{p[0]}-01/{ctx.published.isoformat()}", "interval", f"({p[2]}, by publication)")
    return claim


def _points_with_ranges(rows: list[dict], central) -> list[dict]:
    """The rows with an interval's or a central value's point joined to its range: one row, not two."""
    merged: list[dict] = []
    for row in rows:
        prev = merged[-1] if merged else None
        if (prev is not None and prev["value"] and not prev["low"] == "" and row["bounds"] == "stated" and row["value"] == ""
                and (row["kind"] == "interval" or central) and prev["unit"] == row["unit"] and prev["table"] == row["table"]):
            prev.update(low=row["low"], high=row["high"], bounds="stated", mention=f"{prev['mention']} … {row['mention']}",
                        kind="interval" if row["kind"] == "interval" else "central", level=row["level"])
            continue
        if central and row["value"] and row["kind"] in ("count", "estimate") and not row["qualifier"]:
            row["kind"] = "central"
        merged.append(row)
    return merged


def read_sentence(text: str, begin: int, end: int, mentions: list[Mention], ctx: Context) -> list[dict]:
    """The candidate rows of one sentence (text[begin:end]) with its mentions, left to right."""
    sentence = text[begin:end]
    bullet = sentence.lstrip()[:1] in "-•*–—"
    if not bullet:  # a list's lead-in ("the figures as of March 3:") dates its items, and no sentence after the list
        ctx.list_period = period_of((sentence,), ctx, None) if sentence.rstrip().endswith(":") else None
    items, dates, level = items_of(sentence, begin, mentions)
    who, who_type, read_here = claimant_of(sentence, ctx)
    stated = claim_date(sentence, ctx)
    claim = _claim_of(sentence, stated, read_here, ctx)
    if who and read_here:
        ctx.estimate = bool(_ESTIMATE_VERB.search(sentence))
    claim_day = date.fromisoformat(claim[0]) if claim[1] == "day" else None
    rows: list[dict] = []
    if UKRAINIAN.search(sentence) and re.search(r"\b(?:parliament|rada|mobilis|conscript|draft|called up)\b", sentence, re.I):
        ctx.country = "Ukraine"
    parts_of = ctx.last_total if _PARTS.search(sentence) else None
    split = ctx.last_total if _SPLIT.search(sentence) else None
    group = ""
    if split is not None:
        group = split.get("group") or f"group-{ctx.groups + 1}"
        ctx.groups += 0 if split.get("group") else 1
        split["group"] = group
    central = CENTRAL.search(sentence)
    cache: dict = {}

    def once(key, compute):  # what the whole sentence (or one clause) says, read once for all its numbers
        if key not in cache:
            cache[key] = compute()
        return cache[key]

    clauses = [0] + [m.end() for m in _CLAUSE.finditer(sentence)] + [len(sentence)]
    colon_at = sentence.find(": ") if total_before_colon(sentence) else -1
    points = []
    for n, it in enumerate(items):
        s, e = it.start - begin, it.end - begin
        k = bisect.bisect_right(clauses, s) - 1
        clause = sentence[clauses[k]:clauses[k + 1]]
        before, after = sentence[max(0, s - 60):s], sentence[e:e + 80]
        nxt = items[n + 1].start - begin if n + 1 < len(items) else len(sentence)
        prv = items[n - 1].end - begin if n else 0
        after_own, before_own = sentence[e:min(nxt, e + 80)], sentence[max(prv, s - 60):s]
        near = sentence[max(clauses[k], s - 40):min(clauses[k + 1], e + 60)]
        unit, rate = unit_of(before_own, after, it.kind)
        if unit == "people" and _THINGS.match(after):
            unit = "things"
        if it.regime == "after" and rows and rows[-1].get("regime") == "before":
            unit = rows[-1]["unit"]
        if (unit == "people" and (it.bounds or it.regime) and it.kind == "number" and max(it.bounds or it.values) < 100
                and once("aged", lambda: re.search(r"\b(?:aged|ages?)\b", sentence, re.I))):
            unit = "age_years"
        total = parts_of or split
        table, why = table_of(once("hits", lambda: [t for t, rx in TABLE_WORDS if rx.search(sentence.lower())]), sentence, near, unit, ctx)
        if total is not None and unit == "people" and total.get("table") in ("foreign", "losses") and table != total["table"]:
            table, why = total["table"], ""  # a part of a total is counted in the total's table
        row: dict = {"mention": it.text, "mention_kind": it.kind, "_start": it.start, "_key": ctx.keys}
        ctx.keys += 1
        review = list(it.review)
        if why:
            review.append(why)
        qualifier = qualifier_of(sentence[:s])
        hedge = once(("hedge", k), lambda: hedge_in(clause))
        value = it.values[0] if it.values else None
        low = high = None
        bounds = ""
        if it.kind == "vague":
            qualifier, value, (low, high), bounds = it.text.lower(), None, it.bounds, "convention"
        elif it.bounds:
            low, high = it.bounds
            value, bounds = None, "stated"
            if not qualifier:
                qualifier = it.range_word if it.range_word in RANGE else ""
        elif value is not None:
            b = implied_bounds(qualifier, value, None, None, unit)
            if isinstance(b, tuple):
                low, high = b
                bounds = "convention"
        kind, hedge = kind_of_item(it, unit, qualifier, hedge, level, ctx)
        rule_like = unit in RULE_UNITS or MONEY.match(unit)  # "a contract of 2 years": the words before say what
        measure = measure_of(table, after_own if not rule_like else before_own, before_own if not rule_like else after_own,
                           "" if (parts_of or split) else sentence)
        if measure == "" and table != "inflows" and (parts_of or split):
            measure = (parts_of or split).get({"foreign": "aspect"}.get(table, "measure"), "")
        measure = measure or ""
        if table == "conscription":
            if unit == "age_years":
                measure = "age_window" if it.bounds else (
                    "max_age" if once("max", lambda: re.search(r"\bmaximum\b", sentence, re.I)) else
                    "min_age" if once("min", lambda: re.search(r"\bminimum\b", sentence, re.I)) else "")
                if not measure:
                    lowered = re.search(r"\blower", sentence, re.I)
                    measure = "min_age" if lowered else "max_age"
                    review.append(f"which age limit: {measure} read from '{'lower' if lowered else 'raise'}'")
                kind = "rule"
            elif MONEY.match(unit):
                measure = "pay"
        if table == "foreign" and MONEY.match(unit):
            measure = "incentive"  # money promised or paid to foreign recruits
        if table == "inflows":
            measure = "partial_mobilisation" if re.search(r"mobili[sz]", near, re.I) else (
                "prisoners" if re.search(r"prison", near, re.I) else
                "contract_signups" if once("signups", lambda: re.search(r"contract|sign|recruit|volunteer|enlist", sentence, re.I))
                else "")
        if not measure:
            review.append("what is counted: no measure word near the number")
        row.update(table=table, value=fmt(value), low=fmt(low), high=fmt(high), unit=unit, qualifier=qualifier,
                   hedge=hedge, kind=kind, bounds=bounds, level=level if kind == "interval" else "",
                   claimant=who, claimant_type=who_type, claim_date=claim[0], claim_date_precision=claim[1],
                   claim_date_words=claim[2])
        if not who:
            review.append("claimant: no attribution read (said, according to, estimates, told)")
        elif who_type in ("western_government", "foreign_government"):
            review.append(f"claimant_type: {who_type} is a guess from the claimant's name")
        elif not who_type:
            review.append("claimant_type: not read from the claimant's name")
        column = {"losses": "measure", "conscription": "measure", "foreign": "aspect", "inflows": "channel"}[table]
        row[column] = measure
        if table in ("inflows", "conscription"):
            row["country"] = "Ukraine" if ctx.country == "Ukraine" or UKRAINIAN.search(who) else "Russia"
        if table == "conscription":
            row["regime"] = it.regime or ("before" if re.search(r"\bbefore\b|\bpreviously\b", sentence[e:e + 40], re.I) else "after")
            if row["regime"] == "after":
                if once("voted", lambda: _VOTED.search(sentence)) and claim[1] == "day":
                    row.update(voted=claim[0], voted_precision="day", voted_words=claim[2])
                eff = once("effective", lambda: EFFECTIVE.search(sentence))
                if eff and ctx.published:
                    row.update(effective(eff, ctx.published))
        set_side(row, table, unit, after, near, who_type, ctx)
        period = period_of((after_own, before_own), ctx, claim_day) or once(
            ("period", k), lambda: period_of((clause, sentence), ctx, claim_day))
        if (period and period[3] == "flow" and ctx.period and ctx.period[3] == "cumulative" and _SURPASS.search(clause)
                and period[0] == period[1]):
            period = (ctx.period[0], period[1], period[2], "cumulative")
        if period is None and bullet and ctx.list_period:
            period = ctx.list_period
        if period is None and ctx.period and unit == "people" and table == "losses" and not stated:
            period = ctx.period  # the article's period, carried on ("Of those, 50,000 were killed"): its words are elsewhere
            row["period_words"] = ""
        if period and period[3] == "stock" and not period[0] and row.get(column) in EVENT_MEASURES \
                and not once("held", lambda: HELD.search(sentence)):
            period = ("2022-02", period[1], period[2], "cumulative")  # "killed as of March 3": all so far, since the invasion
        if period and (unit.startswith("people") or unit in ("percent",)) and not unit.startswith("people_per"):
            row.update(period_start=period[0], period_end=period[1], period_words=row.get("period_words", period[2]),
                       basis=period[3])
            if period[3] == "cumulative":
                ctx.period = period
        for scope, scope_class, rx in _SCOPES:
            if (hit := rx.search(after)):
                row.update(scope=scope or hit[1], scope_class=scope_class)  # the words, without their article
        if parts_of is not None and unit == "people" and parts_of is not row:
            row["part_of"] = parts_of["_key"]
        if split is not None and unit == "people":
            row["group"] = group
            row["part_of"] = split["_key"]
        elif colon_at >= 0 and s > colon_at and unit == "people" and (
                heads := [p for p in points if p["_start"] - begin < colon_at]):
            head = heads[-1]  # "In all, 9,000 ...: 7,000 with X and 2,000 with Y": the parts of the total before the colon
            if not head.get("group"):
                ctx.groups += 1
                head["group"] = f"group-{ctx.groups}"
            row.update(group=head["group"], part_of=head["_key"])
        elif _AMONG.search(sentence[max(0, s - 30):s]) and points:
            row["part_of"] = points[-1]["_key"]
        if unit == "people" and table != "conscription":
            points.append(row)
        row["review"] = review
        rows.append(row)
    merged = _points_with_ranges(rows, central)
    for row in merged:
        if row["unit"] == "people" and row["table"] != "conscription" and "part_of" not in row:
            ctx.last_total = row
    if merged:
        ctx.table = merged[-1]["table"]
    if who:
        ctx.claimant, ctx.claimant_type = who, who_type
    if read_here or (claim[0] and claim[2] != "(undated; by publication)"):
        ctx.claim = claim  # a new claimant's statement, dated or not, is what later sentences refer to
    # a dated sentence with an event's verb is an event too (a vote, a decree, an arrest, a denial)
    event = event_of(sentence, dates, claim, ctx, who, who_type, bool(merged))
    if event:
        merged.insert(0, event)
    return merged
