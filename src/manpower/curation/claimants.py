"""Who makes a claim, for `draft`: the claimant named around a figure (before the verb, after a
quote, "according to", a source note in brackets, an anonymous official), what kind of claimant
it is and which side it speaks for.
"""
from __future__ import annotations

import re

from .claim import Context
from .datewords import DATELINE_START
from .notcounts import NAME_NUMBER


# --- the words around a claim ---------------------------------------------------------------
ATTRIB_VERBS = (r"(?:said|says|say|estimated|estimates|estimate|told|reported|reports|put|puts|counts|count|claimed|claims|"
                 r"announced|stated|plans|aims|hopes|expects|voted|denied|split|found|finds|concluded|wrote|added|"
                 r"issued|published|warned)")
_ATTRIBUTION = re.compile(rf"^(?P<who>.{{3,140}}?)\s+(?:(?:on|last|this)\s+\w+\s+)?{ATTRIB_VERBS}\b")
_TRAILING = re.compile(rf",\s*(?P<who>[^,]{{3,100}}?)\s+{ATTRIB_VERBS}(?:\s+(?:on|last)\s+\w+)?\s*[.!?\"”]*$")
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
RUSSIAN = re.compile(r"\b(?:Russia|Russian|Russia's|Kremlin|Moscow|Duma|State Assembly)\b")
UKRAINIAN = re.compile(r"\b(?:Ukraine|Ukrainian|Ukraine's|Kyiv|Zelensky\w*)\b")
_ANY_NATION = re.compile(r"\b(?:Nepali|Nepalese|Indian|Cuban|North Korean|Korean|Syrian|Chinese|African|Kenyan|Indians|"
                         r"foreign(?:ers)?|citizens|nationals|mercenar\w+)\b", re.I)


def claimant_of(sentence: str, ctx: Context) -> tuple[str, str, bool]:
    """(claimant, claimant_type, read here) from the sentence's attribution, else the article's last."""
    who = role = ""
    sentence = DATELINE_START.sub("", sentence)  # "MOSCOW, Jan. 10 (Agency) - " names no claimant
    for rx in (_ACCORDING, _STATEMENT_BY, _SOURCE_NOTE, _TRAILING, _AFTER_QUOTE, _ATTRIBUTION):
        m = rx.search(sentence)
        if not m or _DISPUTED.match(m["who"]):  # "a claim Moscow denied": Moscow made no claim
            continue
        name = _ANONYMOUS.sub("", m["who"])
        if rx is _ATTRIBUTION:  # the name is the words just before the verb: "From 300 files, the institute estimates"
            parts = re.split(r"[,;:]\s+", name)
            name, role = parts[-1], (parts[-2] if len(parts) > 1 else "")
        if not re.search(r"[\d:;]", NAME_NUMBER.sub("", name)):  # a name has no figures (but "Volna 17"): else no attribution
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
        if UKRAINIAN.search(who):
            kind = "ukrainian_official"
        elif RUSSIAN.search(who) or re.search(r"\b(?:duma|kremlin|state assembly)\b", who, re.I):
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
