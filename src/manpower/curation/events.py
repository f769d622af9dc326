"""Events a dated sentence reports (an arrest, a decree, a law passed, a statement, an election, a
warning, a mobilisation; the background ones only when it states no figure), for `draft`: rows of
the events table, and the date a law takes effect.
"""
from __future__ import annotations

import re
from datetime import date

from ..vocabulary.numbers import MONTHS, Mention
from .claim import Context
from .claimants import ATTRIB_VERBS
from .datewords import ON_DATE, WEEKDAY, day_of, month_of, weekday_before


EFFECTIVE = re.compile(rf"\b(?:tak\w+ effect|effective|in force)\s+(?:on|from)?\s*((?:{MONTHS})\s+\d{{1,2}},?\s+\d{{4}}|"
                        rf"\d{{1,2}}\s+(?:{MONTHS})\s+\d{{4}})|\bfrom\s+((?:{MONTHS})(?:\s+\d{{4}})?)\b")


_EVENTS = (
    ("arrest", re.compile(r"\barrest", re.I)),
    ("denial", re.compile(r"\bdenied|\bdenies|\bdeny", re.I)),
    ("decree", re.compile(r"\bdecree", re.I)),
    ("law_passed", re.compile(r"\bvoted\b|\bpassed\b|\bapproved\b|\badopted\b", re.I)),
    ("statement", re.compile(r"\bissued\b.*\bstatement\b|\bin a statement\b", re.I)),
    ("election", re.compile(r"\belections?\b", re.I)),
    ("warning", re.compile(r"\bwarned\b|\bwarns\b", re.I)),
    ("war", re.compile(r"\b(?:invasion|war) (?:began|started)\b|\binvaded\b", re.I)),
    ("mobilisation", re.compile(r"\bannounced (?:a )?(?:partial )?mobili", re.I)),
)


# events only when the sentence has no figure ("since the war began in ..."; "said in a statement" dates its figures)
_BACKGROUND = ("election", "warning", "war", "statement")


def event_of(sentence: str, dates: list[Mention], claim, ctx: Context, who: str, who_type: str, figures: bool) -> dict | None:
    """The event a dated sentence reports, when it has an event's verb; None otherwise."""
    if not dates:
        return None
    category = next((c for c, rx in _EVENTS if rx.search(sentence) and (c not in _BACKGROUND or not figures)), "")
    if not category:
        return None
    when = None
    m = ON_DATE.search(sentence)
    if m and ctx.published:
        d = day_of(ctx.published, int(m[1] or m[4]), month_of(m[2] or m[3]), int(m[5]) if m[5] else None)
        if d:
            when = (d.isoformat(), "day", m[0])
    if when is None:
        wd = WEEKDAY.search(sentence)
        if wd and ctx.published:
            when = (weekday_before(ctx.published, wd[1]).isoformat(), "day", wd[0])
    if not re.search(ATTRIB_VERBS, sentence) and ctx.outlet:
        who, who_type = ctx.outlet, "outlet"  # reported by the outlet itself
        claim = ("", "", "")
        if ctx.published:
            claim = (ctx.published.isoformat(), "day", "(stated by the outlet at publication)")
    row = {"table": "events", "category": category, "mention": dates[0].text, "mention_kind": "date",
           "_start": dates[0].start, "_key": ctx.keys, "claimant": who, "claimant_type": who_type, "review": []}
    ctx.keys += 1
    if when:
        row.update(date=when[0], date_precision=when[1], date_words=when[2])
        if claim[2] == "(undated; by publication)":
            claim = when
    else:
        row["review"].append("the event's date: no day read")
    row.update(claim_date=claim[0], claim_date_precision=claim[1], claim_date_words=claim[2])
    if not who:
        row["review"].append("claimant: no attribution read")
    return row


def effective(m: re.Match, published: date) -> dict[str, str]:
    """The effective date of a rule ("taking effect on January 1, 2025", "from June")."""
    words = m[1] or m[2]
    d = ON_DATE.search(words)
    if d:
        day = day_of(published, int(d[1] or d[4]), month_of(d[2] or d[3]), int(d[5]) if d[5] else None)
        if day:
            return {"effective": day.isoformat(), "effective_precision": "day", "effective_words": m[0].split(" ", 1)[1] if m[1] else m[0]}
    mm = re.match(rf"({MONTHS})(?:\s+(\d{{4}}))?", words)
    if mm:
        month = month_of(mm[1])
        year = int(mm[2]) if mm[2] else (published.year if month >= published.month else published.year + 1)
        return {"effective": f"{year:04d}-{month:02d}", "effective_precision": "month", "effective_words": m[0]}
    return {}
