"""What a figure counts, for `draft`: its table and measure (killed, recruited, conscripted ...),
its unit and rate (people, roubles a month, years), the qualifier that bounds it and the hedge
that weakens it, each read from the words next to the number; and from these, the kind of figure
it is (a count, an estimate, a floor, a rule …) and whose people it counts (its side).
"""
from __future__ import annotations

import re

from ..vocabulary.qualifiers import HEDGES, POINT, QUALIFIERS, RANGE
from .claim import Context
from .claimants import RUSSIAN
from .notcounts import AGE_AFTER


# what is counted: (table, measure column, value, pattern), the first that matches near the number wins
_LOSS_MEASURES = (
    ("killed_or_wounded", re.compile(r"(?:killed|dead) (?:or|and) wounded|wounded (?:or|and) killed|casualt", re.I)),
    ("wounded", re.compile(r"wounded|injured", re.I)),
    ("killed", re.compile(r"\bkilled|\bdead\b|\bdied\b|deaths|fallen", re.I)),
    ("captured", re.compile(r"captured|prisoners of war|taken prisoner|\bPOWs?\b|surrender", re.I)),
    ("missing", re.compile(r"\bmissing", re.I)),
    ("deserted", re.compile(r"desert", re.I)),
    ("killed_or_wounded", re.compile(r"\blost\b|\blosses\b|\blose\b", re.I)),  # "lost 1,150 soldiers": the dead and wounded
)
_FOREIGN_ASPECTS = (
    ("repatriated", re.compile(r"repatriat|(?:sent|brought|returned|came) (?:back )?home", re.I)),
    ("killed", re.compile(r"\bkilled|\bdead\b|\bdied\b", re.I)),
    ("captured", re.compile(r"captured|taken prisoner", re.I)),
    ("training", re.compile(r"training", re.I)),
    ("minimum_contract", re.compile(r"contracts? of|minimum contract|contract of", re.I)),
    ("family", re.compile(r"parents|family|wives|children", re.I)),
    ("incentive", re.compile(r"salary|bonus|pay\b|earn|payment|wage", re.I)),
    ("recruited", re.compile(r"recruit|joined|enlist|signed|fight", re.I)),
)
_CONSCRIPTION_MEASURES = (
    ("callups_per_year", re.compile(r"rounds? (?:a|per|each|every) year|call-?ups? (?:a|per|each) year|times a year|"
                                    r"twice a year", re.I)),  # "in last autumn's round" is no number of rounds
    ("added_to_pool", re.compile(r"pool|newly liable|add\w* .* liable", re.I)),
    ("pay", re.compile(r"allowance|salary|pay\b|paid", re.I)),
    ("service_length", re.compile(r"service (?:length|term)|serve for|term of service", re.I)),
    ("conscripts_called", re.compile(r"conscripts? (?:were |was )?called|called up|calls? up|calling up", re.I)),
)
# matched against lowercased text: a case-blind search is several times slower
TABLE_WORDS = (
    ("foreign", re.compile(r"foreign|citizens? of|its citizens|nationals|migrants?|mercenar|recruited abroad|repatriat|"
                           r"country of|nepali|nepalese|cuban|indian|syrian|north korean|kenyan|chinese|african|"
                           r"(?:sent|brought|returned|came) (?:back )?home")),
    ("conscription", re.compile(r"conscript|call-?ups?|calls? up|calling up|called up|draft age|\baged\b|age limit|\bage\b|"
                                r"liable|pool")),
    ("losses", re.compile(r"\b(?:killed|dead|died|deaths?\b|wounded|casualt|losses|lost|desert|captured|surrender|missing|"
                          r"prisoners of war)")),
    ("inflows", re.compile(r"\b(?:mobilis|mobiliz|signed up|sign-ups|signs?\b|contracts?|volunteers?|recruit|enlisted)")),
)
# counts of events (the dead, the captured, the recruited): "as of" a date they are totals so far, not a stock
EVENT_MEASURES = frozenset({"killed", "wounded", "killed_or_wounded", "captured", "deserted", "recruited", "repatriated",
                             "contract_signups", "partial_mobilisation"})
HELD = re.compile(r"\b(?=[hrsdiHRSDI])(?:holds?|held|holding|remain\w*|still|serving|deployed|in captivity)\b", re.I)  # standing counts
NATION_AFTER = re.compile(r"\s*(?:[a-z]+\s+)?(Russian|Ukrainian)\b")
_LOSS_OUTCOME = re.compile(r"\b(?:killed|captured|wounded|missing|surrender\w*|died|taken prisoner)\b")  # lowercased
_WEAK_INFLOW = re.compile(r"recruit", re.I)  # "recruits" alone: the table of the article so far

RULE_UNITS = ("years", "months", "age_years", "times_per_year", "times_average_salary")
MONEY = re.compile(r"^(usd|eur|rub)_")


# the unit's patterns, compiled once (a draft reads thousands of numbers)
_U0 = re.compile(r"\s*(?:us\s+)?dollars\b")
_U1 = re.compile(r"\s*euros?\b")
_U2 = re.compile(r"\s*(?:roubles|rubles)\b")
_U3 = re.compile(r"\d|\bplus\b|\band\b|,")
_U4 = re.compile(r"\b(?:monthly|a month|per month)\W*$")
_U5 = re.compile(r"\bmonthly\b")
_U6 = re.compile(r"\s*(?:\w+\s+)?(?:a|per|each) month|\s*(?:\w+\s+)?monthly")
_U7 = re.compile(r"\b(?:annual|yearly|a year|per year)\b")
_U8 = re.compile(r"\s*(?:\w+\s+)?(?:(?:a|per|each) year|annually|yearly)")
_U9 = re.compile(r"\b(?:aged|age of|ages of|ages)\s+$")
_U10 = re.compile(r"\s*times\s+(?:the\s+)?(?:average|mean|national)\s+(?:salary|wage|pay)")
_U11 = re.compile(r"\s*(?:rounds?|times)\s+(?:a|per|each|every)\s+year")
_U12 = re.compile(r"\s*years?\b")
_U13 = re.compile(r"\s*months?\b")
_U14 = re.compile(r"\bages?\b")
_U15 = re.compile(r"\s*(?:to|-|–)\s*\d")
_U16 = re.compile(r"\b(daily|weekly|monthly)\b")
_U17 = re.compile(r"\s*(?:(?:[a-z-]+\s+){0,3}?)(?:a|per|each|every)\s+(day|week|month|year)\b|\s*(?:[a-z-]+\s+){0,3}?(daily|weekly|monthly|yearly)\b")
_U18 = re.compile(r"\b(?:than|of)\b")


def unit_of(before: str, after: str, kind: str) -> tuple[str, str]:
    """(unit, rate) of a number from the words next to it; rate is the 'a day' phrase after it."""
    if kind == "percent":
        return "percent", ""
    b, a = before.lower(), after.lower()
    money = ""
    if b.rstrip().endswith("$") or _U0.match(a):
        money = "usd"
    elif b.rstrip().endswith("€") or _U1.match(a):
        money = "eur"
    elif b.rstrip().endswith("₽") or _U2.match(a):
        money = "rub"
    if money:
        b = _U3.split(b)[-1]
        if _U4.search(b[-40:]) or _U5.search(b[-40:]) \
                or _U6.match(a):
            return f"{money}_per_month", ""
        if _U7.search(b[-40:]) \
                or _U8.match(a):
            return (f"{money}_per_year" if money != "eur" else "eur_one_off"), ""
        return f"{money}_one_off", ""
    if _U9.search(b) or AGE_AFTER.match(a):
        return "age_years", ""
    if _U10.match(a):
        return "times_average_salary", ""
    if _U11.match(a):
        return "times_per_year", ""
    if _U12.match(a):
        return "years", ""
    if _U13.match(a):
        return "months", ""
    if _U14.search(b[-25:]) and _U15.match(a):
        return "age_years", ""
    if re.search(r"\b(?:average\s+)?(daily|weekly|monthly)\s+(?:\w+\s+){0,2}(?:casualties|losses|deaths|intake|"
                 r"recruitment|sign-ups|recruits)\b", b):
        per = _U16.search(b)[1]
        return f"people_per_{ {'daily': 'day', 'weekly': 'week', 'monthly': 'month'}[per]}", ""
    tail = _U17.match(a)
    if tail and not _U18.search(a[:tail.start(1 if tail[1] else 2)]):
        per = tail[1] or {"daily": "day", "weekly": "week", "monthly": "month", "yearly": "year"}[tail[2]]
        return f"people_per_{per}", tail[0]
    return "people", ""


_QUALIFIER_END = re.compile(r"(?<!\w)(" + "|".join(r"\s+".join(map(re.escape, q.split())) for q in sorted(
    (q for q in QUALIFIERS if q and q not in RANGE), key=len, reverse=True)) + r")\s*(?:of\s+)?$")


def qualifier_of(before: str) -> str:
    """The qualifier ending the words before a number ("more than", "some"), longest first."""
    m = _QUALIFIER_END.search(before[-40:].lower().rstrip())
    return re.sub(r"\s+", " ", m[1]) if m else ""


def hedge_in(clause: str) -> str:
    """The hedge written in the clause as whole lowercase words: "May" the month (capitalised, or
    before a day or year) is no hedge, nor is "will" in "the will of"."""
    for m in _HEDGE.finditer(clause):
        h = re.sub(r"\s+", " ", m[0])
        if h == "may" and re.match(r"\s+\d", clause[m.end():m.end() + 8]):
            continue
        if h in ("will", "target") and re.search(r"\b(?:the|a|its|their)\s+$", clause[max(0, m.start() - 8):m.start()]):
            continue
        return h
    return ""


_HEDGE = re.compile(r"(?<![\w-])(?:" + "|".join(r"\s+".join(map(re.escape, h.split())) for h in sorted(HEDGES, key=len, reverse=True))
                    + r")(?![\w-])")


_MEASURES = {"losses": _LOSS_MEASURES, "foreign": _FOREIGN_ASPECTS, "conscription": _CONSCRIPTION_MEASURES}
_ANY_MEASURE = {t: re.compile("|".join(f"(?:{rx.pattern})" for _, rx in pats), re.I) for t, pats in _MEASURES.items()}


def measure_of(table: str, after: str, before: str, sentence: str) -> str | None:
    """The measure the number's own words name: those of `after` (up to the next number), else of
    `before`, else of the sentence; in each, by the order of the patterns (an outcome such as
    "killed" before "recruits": "150 of those recruits had been killed, 40 captured")."""
    pats = _MEASURES.get(table)
    if pats is None:
        return ""
    for text in (after, before, sentence):
        hit = next((name for name, rx in pats if rx.search(text)), "") if _ANY_MEASURE[table].search(text) else ""
        if hit:
            return hit
        if text is after and table != "losses" and any(rx.search(after) for _, rx in _LOSS_MEASURES):
            return None  # "7 are missing" in a table with no such measure: the curator decides, not the words before
    return ""


def table_of(hits: list[str], sentence: str, near: str, unit: str, ctx: Context) -> tuple[str, str]:
    """(table, review reason) of a claim from the words of its sentence (`hits`: the tables whose
    words it has), the words near the number and the article so far."""
    if "foreign" in hits:
        return "foreign", ""
    if ctx.table == "foreign" and (not hits or hits == ["inflows"] and _WEAK_INFLOW.search(sentence)
                                   or MONEY.match(unit)) and not RUSSIAN.search(sentence):
        return "foreign", ""
    near_l = near.lower()
    near_hits = [t for t, rx in TABLE_WORDS if rx.search(near_l)]
    if "losses" in near_hits and _LOSS_OUTCOME.search(near_l):
        return "losses", ""  # "captured 45 conscripts": a loss, whoever the people were
    for t in ("conscription", "losses", "inflows"):
        if t in near_hits:
            return t, ""
    for t in ("conscription", "losses", "inflows"):
        if t in hits:
            return t, ""
    if ctx.table:
        return ctx.table, f"no word of a table near the number: {ctx.table} as the sentence before"
    return "losses", "no word of a table near the number: losses is a guess"


def kind_of_item(it, unit: str, qualifier: str, hedge: str, level: str, ctx: Context) -> tuple[str, str]:
    """(kind, hedge) of one item: a hedge's kind, a rule or a term, an estimate, a floor or a
    ceiling by its qualifier, an interval with its level; else a count. A rule's "will" is no hedge."""
    kind = "count"
    if hedge and not (unit in RULE_UNITS or MONEY.match(unit)):
        kind = HEDGES[hedge][1][0]
    elif unit in RULE_UNITS or MONEY.match(unit):
        hedge = "" if hedge == "will" else hedge
        kind = "estimate" if qualifier and POINT.get(qualifier, (1, 1)) not in ((1.0, 1.0),) and \
            None not in POINT.get(qualifier, (1, 1)) else "rule"
        if hedge:
            kind = HEDGES[hedge][1][0]
    elif it.bounds and it.kind != "vague":
        kind = "estimate"
    elif it.kind == "vague" or (qualifier and qualifier in POINT and None not in POINT[qualifier] and POINT[qualifier] != (1.0, 1.0)):
        kind = "estimate"
    elif qualifier and POINT.get(qualifier, (1, 1))[1] is None:
        kind = "floor"
    elif qualifier and POINT.get(qualifier, (1, 1))[0] is None:
        kind = "ceiling"
    elif unit == "percent" or (ctx.estimate and unit == "people"):
        kind = "estimate"
    if it.bounds and it.kind != "vague" and level:
        kind = "interval"
    return kind, hedge


def set_side(row: dict, table: str, unit: str, after: str, near: str, who_type: str, ctx: Context) -> None:
    """The row's side: whose people (money, ages and rules have none)."""
    own = NATION_AFTER.match(after)  # "45 Russian conscripts": the nationality next to the number says whose
    if unit.startswith("people") and own:
        row["side"] = own[1].lower()
    elif unit.startswith("people"):
        if re.search(r"\bUkrainian\b|\bits own\b", near) or (table == "conscription" and row.get("country") == "Ukraine"):
            row["side"] = "ukrainian"
        elif table == "foreign":
            row["side"] = "other"
        elif RUSSIAN.search(near) or table in ("losses", "inflows", "conscription"):
            row["side"] = "russian"
    elif table == "conscription":
        row["side"] = "ukrainian" if row.get("country") == "Ukraine" else "russian"
    elif table == "inflows":
        row["side"] = "russian"
    elif table == "foreign" and MONEY.match(unit) and ctx.claimant_type == "foreign_government":
        row["side"] = "other"
    if table == "foreign" and unit == "people" and who_type == "foreign_government":
        row["side"] = "other"
