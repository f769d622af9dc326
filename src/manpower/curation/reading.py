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
"""
from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..vocabulary.numbers import MONTHS, SMALL_NUMBER_WORDS, TENS, Mention, words_to_number
from ..vocabulary.qualifiers import HEDGES, POINT, QUALIFIERS, RANGE, implied_bounds

MONTH_NUMBER = {name[:3].lower(): i for i, name in enumerate(calendar.month_name) if name}
WEEKDAY_NUMBER = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTHS = MONTHS  # alternation of month names and abbreviations (capitalised)

# --- numbers that are not counts -------------------------------------------------------------
# a day with its month ("July 12", "12 November 2024", "Nov. 20", "January 1, 2025"), a month
# with its year ("May 2024"), a year after a date word or standing alone (1900-2099, no comma)
_DATE_SPAN = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})(?:,?\s+\d{{4}})?"
    rf"|(?<!\w)(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\d|,\d)(?:,?\s+\d{{4}})?"
    rf"|(?<!\w)(?:{_MONTHS})\s+(?:of\s+)?\d{{4}}"
    r"|(?<![\d,.])(?:19|20)\d{2}(?!\d|,\d)(?!\s+(?:soldiers|men|people|troops|recruits|servicemen|fighters|"
    r"volunteers|prisoners|conscripts|officers|dead|killed|wounded|casualties)\b)")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?!\w)|\b\d{1,2}\s*(?:[ap]\.m\.|[ap]m\b)|\b\d{1,2} o'clock", re.I)
_AGE = re.compile(r"\b(?:aged|age of|ages of|ages)\s+$|\bbetween the ages of\s+$", re.I)
_AGE_AFTER = re.compile(r"^(?:-|\s)years?(?:-|\s)old\b|^-year-old\b", re.I)
_NAMED = re.compile(r"\b[A-Z][A-Za-z]*-\d+\w*|\b(?:No\.|Nos\.|[Nn]umber|[Dd]ecree|[Rr]esolution|[Oo]rder|[Aa]rticle|"
                    r"[Ll]aw|[Bb]rigade|[Rr]egiment|[Dd]ivision|[Bb]attalion|[Uu]nit)\s+(?:No\.\s*)?\d[\d/-]*")
# a percentage that is a confidence level ("95% confidence", "with 95% probability", "a 95% interval")
# "serve for 12 months": a term of service, a rule, not the period of a count
_MONTH_START = re.compile(rf"(?:{_MONTHS})\s")  # "March 21," is a date, not a name
_SERVE = re.compile(r"\bserv\w*\s+$", re.I)
# a person's age set off by commas after the name ("Colonel Ilya Brand, 47, said")
_APPOSED_AGE = re.compile(r"\b[A-Z][a-z'’]+,\s+(\d{1,2}),\s")
# an age after "the youngest/oldest ... was" ("The youngest known to have died was 20")
_SUPERLATIVE_AGE = re.compile(r"\b(?:youngest|oldest)\b[^.;\d]{0,80}?\b(?:was|is|were|are)\s+(\d{1,2})(?![\d%]|[,.]\d|\s+[a-z])")
# a name ending in a number ("the group Volna 17,", "Cuba Libre 21;"): two capitalised words, then digits and a stop
_NAME_NUMBER = re.compile(r"\b[A-Z][a-z]+\s+(?:[A-Z][a-z]+\s+)*(\d{1,3})(?=[,;.)]|\s*$)")
# a time reference counts no one: "two years after the invasion", "six months ago"
_TIME_REFERENCE = re.compile(r"(?<![\w,.])(?=[\da-z])(?:\d{1,3}|[a-z]+(?:-[a-z]+)?)\s+(?:years?|months?|weeks?|days?)\s+"
                             r"(?:after|before|ago|into|later|earlier)\b", re.I)
# pages, annexes, courts, records and the like: a count of papers, not of people
_PAPERS = re.compile(r"(?<![\w,.])\d[\d,]*(?:-page\b|\s+(?:[a-z-]+\s+){0,2}?(?:pages|annexes|articles|paragraphs|clauses|"
                     r"courts|filings|records|documents|files|simulations|scenarios|interviews|sources)\b)", re.I)
# a vote's tally, from its first count of deputies or votes to the end of the sentence ("190 deputies
# backed it and 226 were needed")
_TALLY = re.compile(r"(?<![\w,.])\d[\d,]*\s+(?:deputies|lawmakers|legislators|senators|MPs|votes)\b.*", re.S)
# a telephone number ("call the hotline at 1520")
_PHONE = re.compile(r"\b(?:hotline|helpline|phone line|telephone|phone number|dial)\b[^.;]{0,30}?\+?\d[\d -]*\d|"
                    r"\b(?:hotline|helpline)\b[^.;]{0,30}?\b\d\b", re.I)
# each of those patterns with a word it needs: it runs only when the (lowercased) sentence has one
_NOT_COUNT_WORDS = (
    (_PAPERS, "a count of papers", re.compile(r"page|annex|article|paragraph|clause|court|filing|record|document|file|"
                                              r"simulation|scenario|interview|source")),
    (_TALLY, "a vote's tally", re.compile(r"deput|lawmaker|legislator|senator|mps|vote")),
    (_PHONE, "a telephone number", re.compile(r"hotline|helpline|phone|dial")),
)
_LEVEL = re.compile(r"(\d{2}(?:\.\d+)?)\s?(?:%|percent|per cent)\s+(?:confidence|probability|credible|certainty|"
                    r"chance|interval|prediction interval|uncertainty interval)", re.I)
_RATE = re.compile(r"^\s*(?:a|per|each|every)\s+(day|week|month|year)\b|^\s*(daily|weekly|monthly|yearly|annually)\b", re.I)

# --- ranges ---------------------------------------------------------------------------------
_DASH = re.compile(r"\s*(?:–|—|-|to)\s*$")
_BETWEEN = re.compile(r"\bbetween\s+$", re.I)
_AND = re.compile(r"^\s+and\s+$", re.I)
_FROM = re.compile(r"\bfrom\s+$", re.I)
_CHANGE = re.compile(r"\b(?:rais\w*|lower\w*|increas\w*|decreas\w*|cut\w*|reduc\w*|extend\w*|chang\w*|rose|fell|grew|"
                     r"went|jump\w*|drop\w*|shorten\w*|lengthen\w*)\b", re.I)
_CENTRAL = re.compile(r"\b(?:central|median|best|point)\s+estimate\b|\bmedian\b", re.I)

# --- the words around a claim ---------------------------------------------------------------
_ATTRIB_VERBS = (r"(?:said|says|say|estimated|estimates|estimate|told|reported|reports|put|puts|counts|count|claimed|claims|"
                 r"announced|stated|plans|aims|hopes|expects|voted|denied|split|found|finds|concluded|wrote|added|"
                 r"issued|published|warned)")
_ATTRIBUTION = re.compile(rf"^(?P<who>.{{3,140}}?)\s+(?:(?:on|last|this)\s+\w+\s+)?{_ATTRIB_VERBS}\b")
_TRAILING = re.compile(rf",\s*(?P<who>[^,]{{3,100}}?)\s+{_ATTRIB_VERBS}(?:\s+(?:on|last)\s+\w+)?\s*[.!?\"”]*$")
_ACCORDING = re.compile(r"\baccording to\s+(?:(?:an?\s+|the\s+)?\w+\s+(?:by|from|of)\s+)?(?P<who>[^,.;]{3,100}?)(?:\s+(?:in|on|as of)\s+[A-Z]\w+)?(?=[,.;]|$)")
# "the statement read by Deputy Minister Ivan Sorel at a briefing": the speaker of what is quoted next
_STATEMENT_BY = re.compile(r"\b(?:statement|remarks|speech|address|testimony)\s+(?:read|given|delivered|made|issued)?\s*by\s+"
                           r"(?P<who>[A-Z][^,.;:]{2,80}?)(?=\s+(?:at|on|in|to|during|before)\b|[,.;:]|$)")
_SAID_IN = re.compile(r"\bin (Moscow|Kyiv)\b")  # an official speaking in the capital, the name giving no country
_SOURCE_NOTE = re.compile(r"\((?P<who>[A-Z][\w .'’-]{1,60}?)\s+(?:estimates?|figures?|data|count|says|said)\b")  # "(Westland estimate)"
_AFTER_QUOTE = re.compile(rf"[\"”],?\s+(?P<who>[^\"“”,.;]{{2,80}}?)\s+(?:said|says|told|added|stated|wrote)\b")
_PRONOUN = re.compile(r"^(?:it|they|he|she|its|the (?:ministry|institute|monitor|team|agency|report|researchers|"
                      r"office|government|staff|study|group|project|spokesman|official|officials|department))$", re.I)
# "speaking on condition of anonymity": no name, but what the claimant is (written "(anonymous)")
_ANONYMOUS = re.compile(r",?\s*(?:speaking|who spoke|talking) on (?:the )?condition of anonymity,?|,?\s*who (?:asked|declined) "
                        r"(?:not )?to be (?:named|identified),?", re.I)
_LEADING = re.compile(r"^(?:(?:the|an?|invented|independent|of|at)\s+)+", re.I)
_CLAIMANT_TYPES = (
    ("opposition_politician", re.compile(r"\b(?:lawmaker|opposition|MP|senator)\b", re.I)),
    ("independent_researchers", re.compile(r"\b(?:researchers?|institute|project|university|analysts?|ledger|think tank|study|centre|center)\b", re.I)),
    ("media_count", re.compile(r"\b(?:monitor|news site|newspaper|count by|media|journalists|outlet)\b", re.I)),
    ("news_agency", re.compile(r"\b(?:agency|wire service)\b", re.I)),
)
_OFFICIAL = re.compile(r"\b(?:ministry|government|parliament|assembly|duma|president|spokes\w+|officials?|governor|kremlin|"
                       r"general staff|commander|army|decree|minister|intelligence|military|defence|defense|headquarters|"
                       r"forces)\b", re.I)
_RUSSIAN = re.compile(r"\b(?:Russia|Russian|Russia's|Kremlin|Moscow|Duma|State Assembly)\b")
_UKRAINIAN = re.compile(r"\b(?:Ukraine|Ukrainian|Ukraine's|Kyiv|Zelensky\w*)\b")
_ANY_NATION = re.compile(r"\b(?:Nepali|Nepalese|Indian|Cuban|North Korean|Korean|Syrian|Chinese|African|Kenyan|Indians|"
                         r"foreign(?:ers)?|citizens|nationals|mercenar\w+)\b", re.I)

# claim date words
_WEEKDAY = re.compile(r"\b(?:on\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_ON_DATE = re.compile(rf"\b(?:on\s+)?(?:(\d{{1,2}})\s+({_MONTHS})|({_MONTHS})\s+(\d{{1,2}}))(?:,?\s+(\d{{4}}))?\b")
_RELATIVE_DAY = re.compile(r"\b(yesterday|today)\b")  # lowercase: "Ostria Today" is a name

# period words
_SINCE_DATE = re.compile(rf"\b(?i:since)\s+(?:(?:the\s+)?(?i:start|beginning)\s+of\s+)?(?:({_MONTHS})\s+(?:\d{{1,2}},?\s+)?(\d{{4}})|"
                         rf"\d{{1,2}}\s+({_MONTHS})\s+(\d{{4}})|(\d{{4}}))\b")
_PAST_DAY = re.compile(r"\b(?:over|in|during)\s+the\s+(?:past|last)\s+(?:day|24 hours)\b", re.I)
_WITHIN = re.compile(r"\b(?:within|after|for|in)\s+(?:the\s+(?:first|next|past|last)\s+)?\w+\s+(?:days|weeks|months|years)\b", re.I)
_SINCE_INVASION = re.compile(rf"\bsince the (?:full-scale )?invasion(?: began)?(?: in ({_MONTHS})\s+(\d{{4}}))?", re.I)
_PAST_N = re.compile(r"\b(?:over|in|during)\s+the\s+(?:past|last)\s+(\w+)\s+(months?|years?|weeks?)", re.I)
_IN_MONTH = re.compile(rf"\b(?i:in)\s+({_MONTHS})(?:\s+(\d{{4}}))?(?![\w-])")
_SUMMER = re.compile(r"\b(?:(?:over|during|in) the|(?:(?:over|during|in) )?last) (summer|winter|spring|autumn)(?!\w)", re.I)
_THIS_YEAR = re.compile(r"\b(this|last|next) year\b|\bin (\d{4})\b|\bby the end of (?:the|this) (year)\b", re.I)
_SAME_PERIOD = re.compile(r"\b(?:over|in|during) the same period\b", re.I)
_AS_OF = re.compile(rf"\bas of\s+(?:(\d{{1,2}})\s+({_MONTHS})|({_MONTHS})(?:\s+(\d{{1,2}}))?)(?:,?\s+(\d{{4}}))?", re.I)
# a word every period pattern above holds: a window without one names no period
_ANY_PERIOD = re.compile(r"(?i:since|past|last|same|as of|summer|winter|spring|autumn|year|\bin\s)")
_SEASONS = {"winter": (12, 2), "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11)}

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
_TABLE_WORDS = (
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
_EVENT_MEASURES = frozenset({"killed", "wounded", "killed_or_wounded", "captured", "deserted", "recruited", "repatriated",
                             "contract_signups", "partial_mobilisation"})
_HELD = re.compile(r"\b(?=[hrsdiHRSDI])(?:holds?|held|holding|remain\w*|still|serving|deployed|in captivity)\b", re.I)  # standing counts
_NATION_AFTER = re.compile(r"\s*(?:[a-z]+\s+)?(Russian|Ukrainian)\b")
_LOSS_OUTCOME = re.compile(r"\b(?:killed|captured|wounded|missing|surrender\w*|died|taken prisoner)\b")  # lowercased
_WEAK_INFLOW = re.compile(r"recruit", re.I)  # "recruits" alone: the table of the article so far

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
_EFFECTIVE = re.compile(rf"\b(?:tak\w+ effect|effective|in force)\s+(?:on|from)?\s*((?:{_MONTHS})\s+\d{{1,2}},?\s+\d{{4}}|"
                        rf"\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}})|\bfrom\s+((?:{_MONTHS})(?:\s+\d{{4}})?)\b")
_ESTIMATE_VERB = re.compile(r"\bestimat", re.I)

RULE_UNITS = ("years", "months", "age_years", "times_per_year", "times_average_salary")
MONEY = re.compile(r"^(usd|eur|rub)_")


def _month_of(name: str) -> int:
    return MONTH_NUMBER[name.rstrip(".")[:3].lower()]


def _ym(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def _add_months(d: date, n: int) -> date:
    k = d.year * 12 + d.month - 1 + n
    return date(k // 12, k % 12 + 1, 1)


def _word_number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    n = words_to_number(word)
    return int(n) if n is not None else None


@dataclass
class Context:
    """What the article has said so far: read by each sentence that refers back to it."""

    published: date | None
    claimant: str = ""
    claimant_type: str = ""
    claim: tuple[str, str, str] = ("", "", "")  # claim_date, precision, words of the last statement
    period: tuple[str, str, str, str] | None = None  # start, end, words, basis
    table: str = ""
    country: str = ""
    outlet: str = ""
    last_total: dict | None = None  # the last figure counting people that is no part: a later "of those" is its part
    estimate: bool = False  # the claimant's verb was "estimate"
    list_period: tuple[str, str, str, str] | None = None  # "figures released as of Feb. 14:": the date of the list below
    quoted: bool = False  # the sentence's paragraph opens with a quotation mark: the words of the claimant before
    groups: int = 0
    keys: int = 0


@dataclass
class Item:
    """One claim found in a sentence: a number, or a range of two (start/end in the seed's text)."""

    start: int
    end: int
    text: str
    values: tuple[float, ...]
    bounds: tuple[float, float] | None
    kind: str
    range_word: str = ""  # "to", "between" or "" (a dash): a range stated by its two ends
    regime: str = ""
    review: list[str] = field(default_factory=list)


_DATELINE = re.compile(rf"(?:^|\n\s*\n)\s*[A-Z][A-Za-z .'’-]{{1,40}},\s+(?:({_MONTHS})\s+(\d{{1,2}})|(\d{{1,2}})\s+({_MONTHS}))"
                       r"(?:,?\s+(\d{4}))?\s*(?:\([^)]{1,60}\)\s*)?[-–—]")


_DATELINE_START = re.compile(rf"^\s*[A-Z][A-Za-z .'’-]{{1,40}},\s+(?:(?:{_MONTHS})\s+\d{{1,2}}|\d{{1,2}}\s+(?:{_MONTHS}))"
                             r"(?:,?\s+\d{4})?\s*(?:\([^)]{1,60}\)\s*)?[-–—]\s*")


def dateline(raw: str, published: date | None) -> date | None:
    """The date of a wire story's dateline ("KYIV, March 14 (Wire) -") near the top of the article:
    what its "on Thursday" and "yesterday" count from; None when there is none."""
    m = _DATELINE.search(raw[:2000])
    if not m or published is None:
        return None
    return _day_of(published, int(m[2] or m[3]), _month_of(m[1] or m[4]), int(m[5]) if m[5] else None)


def not_counts(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, why) of the spans of a sentence whose digits are no count: dates, years,
    times of day, periods and time references, a person's age, names and numbers of decrees,
    units or weapons, counts of papers (pages, courts, records), a vote's tally, a phone number."""
    spans = [(m.start(), m.end(), "a date") for m in _DATE_SPAN.finditer(sentence)]
    spans += [(m.start(), m.end(), "a time of day") for m in _TIME.finditer(sentence)]
    spans += [(m.start(), m.end(), "a name or number with digits") for m in _NAMED.finditer(sentence)]
    low = sentence.lower()
    spans += [(m.start(), m.end(), "a period") for rx in (_PAST_N, _PAST_DAY, _SINCE_INVASION, _THIS_YEAR, _SINCE_DATE,
                                                          _WITHIN, _TIME_REFERENCE) for m in rx.finditer(sentence)
              if not (rx is _WITHIN and _SERVE.search(sentence, max(0, m.start() - 12), m.start()))]
    spans += [(m.start(1), m.end(1), "an age") for rx in (_APPOSED_AGE, _SUPERLATIVE_AGE)
              if rx is _APPOSED_AGE or "youngest" in low or "oldest" in low for m in rx.finditer(sentence)]
    spans += [(m.start(1), m.end(1), "a name with digits") for m in _NAME_NUMBER.finditer(sentence)
              if not _MONTH_START.match(m[0])]
    spans += [(m.start(), m.end(), why) for rx, why, words in _NOT_COUNT_WORDS if words.search(low)
              for m in rx.finditer(sentence)]
    return spans


def _claimant(sentence: str, ctx: Context) -> tuple[str, str, bool]:
    """(claimant, claimant_type, read here) from the sentence's attribution, else the article's last."""
    who = role = ""
    sentence = _DATELINE_START.sub("", sentence)  # "MOSCOW, Jan. 10 (Agency) - " names no claimant
    for rx in (_ACCORDING, _STATEMENT_BY, _SOURCE_NOTE, _TRAILING, _AFTER_QUOTE, _ATTRIBUTION):
        m = rx.search(sentence)
        if not m or _DISPUTED.match(m["who"]):  # "a claim Moscow denied": Moscow made no claim
            continue
        name = _ANONYMOUS.sub("", m["who"])
        if rx is _ATTRIBUTION:  # the name is the words just before the verb: "From 300 files, the institute estimates"
            parts = re.split(r"[,;:]\s+", name)
            name, role = parts[-1], (parts[-2] if len(parts) > 1 else "")
        if not re.search(r"[\d:;]", _NAME_NUMBER.sub("", name)):  # a name has no figures (but "Volna 17"): else no attribution
            who = name.strip() + (" (anonymous)" if name != m["who"] and _ANONYMOUS.search(m["who"]) else "")
            break
    if who:
        who = re.sub(r"\s+(?:on|last|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year)$", "", who)
        who = re.sub(r"^.*?\b(?:at|of|by)\s+the\s+(?=(?:invented\s+)?[A-Z])", "", who) if re.search(r"^\s*[A-Z]?[a-z]+ers?\s+at\b", who) else who
        who = _LEADING.sub("", who).strip(" ,")
        who = re.sub(r"^(?:invented\s+)", "", who)
    role = who.rsplit(", ", 1)[0] if ", " in who else role  # "A Ukrainian regional official, Olena Vasko": her role
    who = who.rsplit(", ", 1)[-1].strip()
    who = _LEADING.sub("", who).strip(" ,")
    words = who.split()
    pronoun = not who or len(words) > 12 or words[0].lower() in ("it", "they", "their", "its", "his", "her", "he", "she",
                                                                  "this", "that", "we", "i")
    if pronoun or ((_PRONOUN.match(who) or (len(words) == 1 and who.islower())) and ctx.claimant):
        return ctx.claimant, ctx.claimant_type, False  # "the ministry said": the one named before
    country = (_COUNTRY_OWNS.match(who) or [None, ""])[1]
    who = _institution(who)
    kind = _claimant_type(who, sentence, country)
    if not kind and role and _OFFICIAL.search(role) and not re.search(r"\d", role):
        kind = _claimant_type(role, sentence, "")
    return who, kind, True


_DISPUTED = re.compile(r"^\s*(?:an?\s+|the\s+)?(?:allegation|claim|report|charge|figure)s?\b", re.I)
_WESTERN = {"UK", "US", "Britain", "France", "Germany", "Poland", "Estonia", "Latvia", "Lithuania", "Finland", "Norway",
            "Canada", "Netherlands", "Denmark", "Sweden", "Italy", "Spain", "Australia", "Japan", "NATO"}


def _claimant_type(who: str, sentence: str, country: str) -> str:
    """The claimant_type a name says: its words (institute, monitor), else an official's country
    (Russia's, Ukraine's, another country's institution: a foreign or Western government)."""
    kind = next((t for t, rx in _CLAIMANT_TYPES if rx.search(who)), "")
    if not kind and _OFFICIAL.search(who):
        if _UKRAINIAN.search(who):
            kind = "ukrainian_official"
        elif _RUSSIAN.search(who) or re.search(r"\b(?:duma|kremlin|state assembly)\b", who, re.I):
            kind = "russian_official"
        elif re.search(r"\bforeign ministry\b|\bforeign\b", who, re.I):
            kind = "foreign_government"
        elif (place := _SAID_IN.search(sentence)) and not re.search(r"\bforeign\b", who, re.I):
            kind = "russian_official" if place[1] == "Moscow" else "ukrainian_official"
        elif re.search(r"\b(?:defen[cs]e|intelligence|pentagon)\b", who, re.I):
            kind = "western_government"
    if not kind and re.search(r"\bWestern\b", who) and re.search(r"\b(?:officials?|diplomats?|government|intelligence)\b", who, re.I):
        kind = "western_government"
    if not kind and country and country not in _DEMONYM and _OFFICIAL.search(who):
        kind = "western_government" if country in _WESTERN else "foreign_government"
    return kind


_COUNTRY_OWNS = re.compile(r"^([A-Z][a-z]+)['’]s\s+(?=(?:[a-z-]+\s+){0,3}?(?:ministry|government|parliament|general staff|"
                          r"army|armed forces|intelligence|headquarters|staff|office|service|guard|police)\b)")
_DEMONYM = {"Russia": "Russian", "Ukraine": "Ukrainian"}  # as the codebook names them ("Russian defence ministry")


def _institution(who: str) -> str:
    """A country's institution named as the codebook writes it: "Russia's defence ministry" is the
    Russian defence ministry, "Kenya's labour ministry" the Kenya labour ministry."""
    return _COUNTRY_OWNS.sub(lambda m: _DEMONYM.get(m[1], m[1]) + " ", who)


def _weekday_before(published: date, name: str) -> date:
    back = (published.weekday() - WEEKDAY_NUMBER[name.lower()]) % 7
    return published - timedelta(days=back)


def _day_of(published: date | None, day: int, month: int, year: int | None) -> date | None:
    y = year or (published.year if published else None)
    if y is None:
        return None
    try:
        d = date(y, month, day)
    except ValueError:
        return None
    if year is None and published and d > published:
        d = date(y - 1, month, day) if not (month == 2 and day == 29) else d
    return d


def _claim_date(sentence: str, ctx: Context) -> tuple[str, str, str] | None:
    """(claim_date, precision, words) stated in the sentence: a weekday or a day and month."""
    if ctx.published is None:
        return None
    m = _WEEKDAY.search(sentence)
    if m:
        return _weekday_before(ctx.published, m[1]).isoformat(), "day", m[0]
    m = _ON_DATE.search(sentence)
    if m and m[0].lower().startswith("on"):
        day = int(m[1] or m[4])
        d = _day_of(ctx.published, day, _month_of(m[2] or m[3]), int(m[5]) if m[5] else None)
        if d:
            return d.isoformat(), "day", m[0]
    m = _RELATIVE_DAY.search(sentence)
    if m:
        d = ctx.published - timedelta(days=1 if m[1].lower() == "yesterday" else 0)
        return d.isoformat(), "day", m[0]
    return None


_BY_END_OF = re.compile(rf"(?:,\s*|\s+)(?:by|until|to|through) the end of ({_MONTHS})(?:\s+(\d{{4}}))?")


def _closed_by(text: str, at: int, words: str, ref: date) -> tuple[str, str]:
    """(period_end, period_words) of a period running since some date: "by the end of May" right
    after it closes it in that month (the last May up to the claim date), else it runs to the claim date."""
    m = _BY_END_OF.match(text, at)
    if not m:
        return _ym(ref), words
    month = _month_of(m[1])
    year = int(m[2]) if m[2] else (ref.year if month <= ref.month else ref.year - 1)
    return f"{year:04d}-{month:02d}", words + m[0]


def _period(texts: tuple[str, ...], ctx: Context, claim_day: date | None) -> tuple[str, str, str, str] | None:
    """(period_start, period_end, period_words, basis) the words say, resolved against the claim
    date: the first of `texts` (the number's own words, its clause, its sentence) that has any."""
    ref = claim_day or ctx.published
    if ref is None:
        return None
    for text in texts:
        if not _ANY_PERIOD.search(text):  # most windows name no period: one search, not ten
            continue
        m = _SINCE_INVASION.search(text)
        if m:
            start = f"{int(m[2]):04d}-{_month_of(m[1]):02d}" if m[1] else "2022-02"
            return (start, *_closed_by(text, m.end(), m[0], ref), "cumulative")
        m = _SINCE_DATE.search(text)
        if m:
            if m[5]:
                start = m[5]
            else:
                start = f"{int(m[2] or m[4]):04d}-{_month_of(m[1] or m[3]):02d}"
            return (start, *_closed_by(text, m.end(), m[0], ref), "cumulative")
        m = _PAST_DAY.search(text)
        if m:
            day = (ref - timedelta(days=1)).isoformat()
            return day, day, m[0], "flow"
        m = _PAST_N.search(text)
        if m and (n := _word_number(m[1].lower())):
            unit = m[2].lower().rstrip("s")
            if unit == "month":
                return _ym(_add_months(ref, -n)), _ym(_add_months(ref, -1)), m[0], "flow"
            if unit == "year":
                return _ym(_add_months(ref, -12 * n)), _ym(_add_months(ref, -1)), m[0], "flow"
        m = _SAME_PERIOD.search(text)
        if m and ctx.period:
            return ctx.period[0], ctx.period[1], m[0], ctx.period[3]
        m = _AS_OF.search(text)
        if m:
            month = _month_of(m[2] or m[3])
            year = int(m[5]) if m[5] else (ref.year if month <= ref.month else ref.year - 1)
            day = m[1] or m[4]
            end = f"{year:04d}-{month:02d}" + (f"-{int(day):02d}" if day else "")
            return "", end, m[0], "stock"
        m = _IN_MONTH.search(text)
        if m:
            month = _month_of(m[1])
            year = int(m[2]) if m[2] else (ref.year if month <= ref.month else ref.year - 1)
            return f"{year:04d}-{month:02d}", f"{year:04d}-{month:02d}", m[0], "flow"
        m = _SUMMER.search(text)
        if m:
            a, b = _SEASONS[m[1].lower()]
            year = ref.year if b <= ref.month else ref.year - 1
            return f"{year if a <= b else year - 1:04d}-{a:02d}", f"{year:04d}-{b:02d}", m[0], "flow"
        m = _THIS_YEAR.search(text)
        if m:
            if m[1] or m[3]:
                year = ref.year + {"this": 0, "last": -1, "next": 1}[(m[1] or "this").lower()]
            else:
                year = int(m[2])
            return f"{year:04d}", f"{year:04d}", m[0], "flow"
    return None


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


def _unit(before: str, after: str, kind: str) -> tuple[str, str]:
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
    if _U9.search(b) or _AGE_AFTER.match(a):
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


def _qualifier(before: str) -> str:
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


def _measure(table: str, after: str, before: str, sentence: str) -> str | None:
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


def _table(hits: list[str], sentence: str, near: str, unit: str, ctx: Context) -> tuple[str, str]:
    """(table, review reason) of a claim from the words of its sentence (`hits`: the tables whose
    words it has), the words near the number and the article so far."""
    if "foreign" in hits:
        return "foreign", ""
    if ctx.table == "foreign" and (not hits or hits == ["inflows"] and _WEAK_INFLOW.search(sentence)
                                   or MONEY.match(unit)) and not _RUSSIAN.search(sentence):
        return "foreign", ""
    near_l = near.lower()
    near_hits = [t for t, rx in _TABLE_WORDS if rx.search(near_l)]
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


def _fmt(x: float | None) -> str:
    return "" if x is None else (f"{x:.0f}" if float(x).is_integer() else f"{x:g}")


def items_of(sentence: str, base: int, mentions: list[Mention]) -> tuple[list[Item], list[Mention], str | None]:
    """The claims of a sentence (`base` = its offset in the seed): its count mentions paired into
    ranges, the non-counts left out; also the date mentions and the level ("95") if any."""
    skip = not_counts(sentence)
    level = _LEVEL.search(sentence)
    level_span = (level.start(), level.end()) if level else None
    dates, items = [], []
    for m in mentions:
        s, e = m.start - base, m.end - base
        if m.kind == "date":
            dates.append(m)
            continue
        if m.kind == "duration":
            before = sentence[:s]
            if re.search(r"\b(?:in|for|within)\s+$", before[-10:]) and m.text.lower().startswith("a "):
                continue  # "the most in a year": a span of time, no figure
            if re.search(r"(?:\d|\b(?:" + "|".join([*SMALL_NUMBER_WORDS, *TENS]) + r")|\w+s?)\s+$", before) and \
                    re.search(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand)\b",
                              before[-60:], re.I) or m.text.lower().endswith(("day", "week")):
                continue  # "40 men a week": the rate of the number before it, no figure of its own
        if any(a <= s and e <= b for a, b, _ in skip):
            continue
        if level_span and level_span[0] <= s < level_span[1]:
            continue
        if m.kind == "ordinal":
            continue
        if _AGE_AFTER.match(sentence[e:]) and not re.search(r"\b(?:aged|ages?)\b", sentence[:s][-20:], re.I):
            continue  # "a 19-year-old": one person's age, no figure
        items.append(Item(m.start, m.end, m.text, m.values, m.bounds, m.kind))
    # pair ranges: "A–B", "A to B", "between A and B", "from A to B"
    out: list[Item] = []
    i = 0
    while i < len(items):
        a = items[i]
        if i + 1 < len(items) and a.kind in ("number", "percent") and items[i + 1].kind == a.kind and a.values and items[i + 1].values:
            b = items[i + 1]
            gap = sentence[a.end - base:b.start - base]
            before = sentence[:a.start - base]
            word = ""
            if _AND.match(gap) and _BETWEEN.search(before):
                word = "between"
            elif re.fullmatch(r"\s*(?:–|—|-|to)\s*", gap):
                word = "to" if "to" in gap else "-"
            if word:
                lo, hi = a.values[0], b.values[0]
                if _FROM.search(before) and (_CHANGE.search(before[-80:]) or hi < lo) and word == "to":
                    out.append(Item(a.start, a.end, a.text, a.values, None, a.kind, regime="before"))
                    out.append(Item(b.start, b.end, b.text, b.values, None, b.kind, regime="after"))
                    i += 2
                    continue
                if lo <= hi:
                    out.append(Item(a.start, b.end, f"{a.text}{gap}{b.text}", (), (lo, hi), a.kind,
                                    range_word="" if word == "-" else word))
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out, dates, (level[1] if level else None)


_SAID = re.compile(rf"\b{_ATTRIB_VERBS}\b")


def once_said(sentence: str) -> bool:
    """Whether the sentence has an attribution verb of its own ("said", "told", "estimates")."""
    return bool(_SAID.search(sentence))


def total_before_colon(sentence: str) -> bool:
    """Whether the sentence states a total, then a colon and its parts ("In all, 9,000 men ...: 7,000
    with X and 2,000 with Y"): a colon after a figure and before another, not a list's lead-in."""
    return bool(re.search(r"\d[^:]*:\s[^:]*\d", sentence)) and not sentence.lstrip()[:1] in "-•*"


def read_sentence(text: str, begin: int, end: int, mentions: list[Mention], ctx: Context) -> list[dict]:
    """The candidate rows of one sentence (text[begin:end]) with its mentions, left to right."""
    sentence = text[begin:end]
    bullet = sentence.lstrip()[:1] in "-•*–—"
    if not bullet:  # a list's lead-in ("the figures as of March 3:") dates its items, and no sentence after the list
        ctx.list_period = _period((sentence,), ctx, None) if sentence.rstrip().endswith(":") else None
    items, dates, level = items_of(sentence, begin, mentions)
    who, who_type, read_here = _claimant(sentence, ctx)
    stated = _claim_date(sentence, ctx)
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
        p = _period((sentence,), ctx, None)
        if p and p[0] and p[3] == "flow" and len(p[0]) == 7 and f"{ctx.published.year}-01" < p[0] <= _ym(ctx.published):
            claim = (f"{p[0]}-01/{ctx.published.isoformat()}", "interval", f"({p[2]}, by publication)")
    if who and read_here:
        ctx.estimate = bool(_ESTIMATE_VERB.search(sentence))
    claim_day = date.fromisoformat(claim[0]) if claim[1] == "day" else None
    rows: list[dict] = []
    if _UKRAINIAN.search(sentence) and re.search(r"\b(?:parliament|rada|mobilis|conscript|draft|called up)\b", sentence, re.I):
        ctx.country = "Ukraine"
    parts_of = ctx.last_total if _PARTS.search(sentence) else None
    split = ctx.last_total if _SPLIT.search(sentence) else None
    group = ""
    if split is not None:
        group = split.get("group") or f"group-{ctx.groups + 1}"
        ctx.groups += 0 if split.get("group") else 1
        split["group"] = group
    central = _CENTRAL.search(sentence)
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
        unit, rate = _unit(before_own, after, it.kind)
        if unit == "people" and _THINGS.match(after):
            unit = "things"
        if it.regime == "after" and rows and rows[-1].get("regime") == "before":
            unit = rows[-1]["unit"]
        if (unit == "people" and (it.bounds or it.regime) and it.kind == "number" and max(it.bounds or it.values) < 100
                and once("aged", lambda: re.search(r"\b(?:aged|ages?)\b", sentence, re.I))):
            unit = "age_years"
        total = parts_of or split
        table, why = _table(once("hits", lambda: [t for t, rx in _TABLE_WORDS if rx.search(sentence.lower())]), sentence, near, unit, ctx)
        if total is not None and unit == "people" and total.get("table") in ("foreign", "losses") and table != total["table"]:
            table, why = total["table"], ""  # a part of a total is counted in the total's table
        row: dict = {"mention": it.text, "mention_kind": it.kind, "_start": it.start, "_key": ctx.keys}
        ctx.keys += 1
        review = list(it.review)
        if why:
            review.append(why)
        qualifier = _qualifier(sentence[:s])
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
        rule_like = unit in RULE_UNITS or MONEY.match(unit)  # "a contract of 2 years": the words before say what
        measure = _measure(table, after_own if not rule_like else before_own, before_own if not rule_like else after_own,
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
        row.update(table=table, value=_fmt(value), low=_fmt(low), high=_fmt(high), unit=unit, qualifier=qualifier,
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
            row["country"] = "Ukraine" if ctx.country == "Ukraine" or _UKRAINIAN.search(who) else "Russia"
        if table == "conscription":
            row["regime"] = it.regime or ("before" if re.search(r"\bbefore\b|\bpreviously\b", sentence[e:e + 40], re.I) else "after")
            if row["regime"] == "after":
                if once("voted", lambda: _VOTED.search(sentence)) and claim[1] == "day":
                    row.update(voted=claim[0], voted_precision="day", voted_words=claim[2])
                eff = once("effective", lambda: _EFFECTIVE.search(sentence))
                if eff and ctx.published:
                    row.update(_effective(eff, ctx.published))
        # side: whose people (money, ages and rules have none)
        own = _NATION_AFTER.match(after)  # "45 Russian conscripts": the nationality next to the number says whose
        if unit.startswith("people") and own:
            row["side"] = own[1].lower()
        elif unit.startswith("people"):
            if re.search(r"\bUkrainian\b|\bits own\b", near) or (table == "conscription" and row.get("country") == "Ukraine"):
                row["side"] = "ukrainian"
            elif table == "foreign":
                row["side"] = "other"
            elif _RUSSIAN.search(near) or table in ("losses", "inflows", "conscription"):
                row["side"] = "russian"
        elif table == "conscription":
            row["side"] = "ukrainian" if row.get("country") == "Ukraine" else "russian"
        elif table == "inflows":
            row["side"] = "russian"
        elif table == "foreign" and MONEY.match(unit) and ctx.claimant_type == "foreign_government":
            row["side"] = "other"
        if table == "foreign" and unit == "people" and who_type == "foreign_government":
            row["side"] = "other"
        period = _period((after_own, before_own), ctx, claim_day) or once(
            ("period", k), lambda: _period((clause, sentence), ctx, claim_day))
        if (period and period[3] == "flow" and ctx.period and ctx.period[3] == "cumulative" and _SURPASS.search(clause)
                and period[0] == period[1]):
            period = (ctx.period[0], period[1], period[2], "cumulative")
        if period is None and bullet and ctx.list_period:
            period = ctx.list_period
        if period is None and ctx.period and unit == "people" and table == "losses" and not stated:
            period = ctx.period  # the article's period, carried on ("Of those, 50,000 were killed"): its words are elsewhere
            row["period_words"] = ""
        if period and period[3] == "stock" and not period[0] and row.get(column) in _EVENT_MEASURES \
                and not once("held", lambda: _HELD.search(sentence)):
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
    # an interval's or a central value's point joins its range: one row, not two
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
    event = _event(sentence, dates, claim, ctx, who, who_type, bool(merged))
    if event:
        merged.insert(0, event)
    return merged


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


def _event(sentence: str, dates: list[Mention], claim, ctx: Context, who: str, who_type: str, figures: bool) -> dict | None:
    """The event a dated sentence reports, when it has an event's verb; None otherwise."""
    if not dates:
        return None
    category = next((c for c, rx in _EVENTS if rx.search(sentence) and (c not in _BACKGROUND or not figures)), "")
    if not category:
        return None
    when = None
    m = _ON_DATE.search(sentence)
    if m and ctx.published:
        d = _day_of(ctx.published, int(m[1] or m[4]), _month_of(m[2] or m[3]), int(m[5]) if m[5] else None)
        if d:
            when = (d.isoformat(), "day", m[0])
    if when is None:
        wd = _WEEKDAY.search(sentence)
        if wd and ctx.published:
            when = (_weekday_before(ctx.published, wd[1]).isoformat(), "day", wd[0])
    if not re.search(_ATTRIB_VERBS, sentence) and ctx.outlet:
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


def _effective(m: re.Match, published: date) -> dict[str, str]:
    """The effective date of a rule ("taking effect on January 1, 2025", "from June")."""
    words = m[1] or m[2]
    d = _ON_DATE.search(words)
    if d:
        day = _day_of(published, int(d[1] or d[4]), _month_of(d[2] or d[3]), int(d[5]) if d[5] else None)
        if day:
            return {"effective": day.isoformat(), "effective_precision": "day", "effective_words": m[0].split(" ", 1)[1] if m[1] else m[0]}
    mm = re.match(rf"({_MONTHS})(?:\s+(\d{{4}}))?", words)
    if mm:
        month = _month_of(mm[1])
        year = int(mm[2]) if mm[2] else (published.year if month >= published.month else published.year + 1)
        return {"effective": f"{year:04d}-{month:02d}", "effective_precision": "month", "effective_words": m[0]}
    return {}
