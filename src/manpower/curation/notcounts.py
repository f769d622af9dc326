"""The numbers of a sentence that count no one, for `draft`: dates, years, times of day, periods
and time references, a person's age, names and numbers of decrees, counts of papers, a vote's
tally, a phone number, a confidence level. `draft` used to propose each of them as a figure.
"""
from __future__ import annotations

import re

from ..vocabulary.numbers import MONTHS
from .datewords import PAST_DAY, PAST_N, SINCE_DATE, SINCE_INVASION, THIS_YEAR, WITHIN


# --- numbers that are not counts -------------------------------------------------------------
# a day with its month ("July 12", "12 November 2024", "Nov. 20", "January 1, 2025"), a month
# with its year ("May 2024"), a year after a date word or standing alone (1900-2099, no comma)
_DATE_SPAN = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})(?:,?\s+\d{{4}})?"
    rf"|(?<!\w)(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\d|,\d)(?:,?\s+\d{{4}})?"
    rf"|(?<!\w)(?:{MONTHS})\s+(?:of\s+)?\d{{4}}"
    r"|(?<![\d,.])(?:19|20)\d{2}(?!\d|,\d)(?!\s+(?:soldiers|men|people|troops|recruits|servicemen|fighters|"
    r"volunteers|prisoners|conscripts|officers|dead|killed|wounded|casualties)\b)")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?!\w)|\b\d{1,2}\s*(?:[ap]\.m\.|[ap]m\b)|\b\d{1,2} o'clock", re.I)
_AGE = re.compile(r"\b(?:aged|age of|ages of|ages)\s+$|\bbetween the ages of\s+$", re.I)
AGE_AFTER = re.compile(r"^(?:-|\s)years?(?:-|\s)old\b|^-year-old\b", re.I)
_NAMED = re.compile(r"\b[A-Z][A-Za-z]*-\d+\w*|\b(?:No\.|Nos\.|[Nn]umber|[Dd]ecree|[Rr]esolution|[Oo]rder|[Aa]rticle|"
                    r"[Ll]aw|[Bb]rigade|[Rr]egiment|[Dd]ivision|[Bb]attalion|[Uu]nit)\s+(?:No\.\s*)?\d[\d/-]*")
# a percentage that is a confidence level ("95% confidence", "with 95% probability", "a 95% interval")
# "serve for 12 months": a term of service, a rule, not the period of a count
_MONTH_START = re.compile(rf"(?:{MONTHS})\s")  # "March 21," is a date, not a name
_SERVE = re.compile(r"\bserv\w*\s+$", re.I)
# a person's age set off by commas after the name ("Colonel Ilya Brand, 47, said")
_APPOSED_AGE = re.compile(r"\b[A-Z][a-z'’]+,\s+(\d{1,2}),\s")
# an age after "the youngest/oldest ... was" ("The youngest known to have died was 20")
_SUPERLATIVE_AGE = re.compile(r"\b(?:youngest|oldest)\b[^.;\d]{0,80}?\b(?:was|is|were|are)\s+(\d{1,2})(?![\d%]|[,.]\d|\s+[a-z])")
# a name ending in a number ("the group Volna 17,", "Cuba Libre 21;"): two capitalised words, then digits and a stop
NAME_NUMBER = re.compile(r"\b[A-Z][a-z]+\s+(?:[A-Z][a-z]+\s+)*(\d{1,3})(?=[,;.)]|\s*$)")
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
LEVEL = re.compile(r"(\d{2}(?:\.\d+)?)\s?(?:%|percent|per cent)\s+(?:confidence|probability|credible|certainty|"
                    r"chance|interval|prediction interval|uncertainty interval)", re.I)
_RATE = re.compile(r"^\s*(?:a|per|each|every)\s+(day|week|month|year)\b|^\s*(daily|weekly|monthly|yearly|annually)\b", re.I)


def not_counts(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, why) of the spans of a sentence whose digits are no count: dates, years,
    times of day, periods and time references, a person's age, names and numbers of decrees,
    units or weapons, counts of papers (pages, courts, records), a vote's tally, a phone number."""
    spans = [(m.start(), m.end(), "a date") for m in _DATE_SPAN.finditer(sentence)]
    spans += [(m.start(), m.end(), "a time of day") for m in _TIME.finditer(sentence)]
    spans += [(m.start(), m.end(), "a name or number with digits") for m in _NAMED.finditer(sentence)]
    low = sentence.lower()
    spans += [(m.start(), m.end(), "a period") for rx in (PAST_N, PAST_DAY, SINCE_INVASION, THIS_YEAR, SINCE_DATE,
                                                          WITHIN, _TIME_REFERENCE) for m in rx.finditer(sentence)
              if not (rx is WITHIN and _SERVE.search(sentence, max(0, m.start() - 12), m.start()))]
    spans += [(m.start(1), m.end(1), "an age") for rx in (_APPOSED_AGE, _SUPERLATIVE_AGE)
              if rx is _APPOSED_AGE or "youngest" in low or "oldest" in low for m in rx.finditer(sentence)]
    spans += [(m.start(1), m.end(1), "a name with digits") for m in NAME_NUMBER.finditer(sentence)
              if not _MONTH_START.match(m[0])]
    spans += [(m.start(), m.end(), why) for rx, why, words in _NOT_COUNT_WORDS if words.search(low)
              for m in rx.finditer(sentence)]
    return spans
