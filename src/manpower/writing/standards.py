"""The standard a judgement is held to (ICD 203): one scale of likelihood words, three confidence
levels, and the stated rules that set both from a judgement's basis. Rules are data — a key, the
words the methodology appendix prints (`rules_markdown`), and the test — so the appendix lists
exactly what is applied, and `assess` returns the reasons that set each level."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pandas as pd

from ..core.values import text as _s
from .basis import PARTIES, Basis, conflicts, independent_claimants, interested
from .judgement_words import claim_words, joined
from .narrative import md
from .wording import month_year

# -- the scale and the levels, declared once ------------------------------------------------------


@dataclass(frozen=True)
class Likelihood:
    word: str
    low: int  # per cent
    high: int

    @property
    def band(self) -> str:
        return f"{self.low}–{self.high} %" if self in SCALE else ""  # unassessed: no band

    @property
    def phrase(self) -> str:
        """The word with its band, as printed: "likely (55–80 %)"; unassessed has no band."""
        return f"{self.word} ({self.band})" if self in SCALE else self.word


# ICD 203's expressions of likelihood, lowest first, with their probability bands
SCALE = (
    Likelihood("almost no chance", 1, 5),
    Likelihood("very unlikely", 5, 20),
    Likelihood("unlikely", 20, 45),
    Likelihood("roughly even chance", 45, 55),
    Likelihood("likely", 55, 80),
    Likelihood("very likely", 80, 95),
    Likelihood("almost certain", 95, 99),
)


EVEN = 3  # SCALE[EVEN] is "roughly even chance"
# ICD 203 keeps "we cannot assess" apart from a probability: where the sources cannot answer the
# question, no word of the scale is given (roughly even chance would claim a 45–55 % judgement)
UNASSESSED = Likelihood("cannot be assessed", 0, 100)


CONFIDENCE = ("low", "moderate", "high")


STALE_DAYS = 183  # a figure older than about six months before the report's date is not recent


def likelihood(word: str) -> Likelihood:
    for s in (*SCALE, UNASSESSED):
        if s.word == word:
            return s
    raise KeyError(word)


# -- the rules ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Rule:
    """One stated rule: `text` is what the methodology appendix prints; `test(basis)` returns the
    reason it applies to one judgement (plain words) or None; `effect` is what it does."""

    key: str
    text: str
    effect: str  # confidence: "base:high", "base:moderate", "base:low", "cap:moderate", "set:low", "down"
    test: Callable[[Basis], str | None]


def _weakest_leg(b: Basis) -> tuple[str, list[str]]:
    counts = {name: independent_claimants(rows) for name, rows in b.legs.items()}
    name = min(counts, key=lambda k: len(counts[k]))
    return name, counts[name]


def _leg_words(b: Basis, name: str) -> str:
    return "" if len(b.legs) == 1 else f" for the {name}"


def _n(k: int) -> str:
    return ("no", "one", "two", "three", "four", "five", "six")[k] if k < 7 else f"{k:,}"


def _base(n_min: int, n_max: int | None):
    def test(b: Basis) -> str | None:
        name, names = _weakest_leg(b)
        n = len(names)
        if n < n_min or (n_max is not None and n > n_max):
            return None
        if n == 0:
            who = joined(list(dict.fromkeys(_s(r.get("claimant")) for r in b.legs[name])))
            return f"only an interested party gives figures{_leg_words(b, name)} ({who})"
        rows = b.legs[name]
        authority = {_s(r.get("claimant")) for r in rows if _s(r.get("claimant_type")) in PARTIES}
        plural = "s" if n > 1 else ""
        kind = (f"claimant{plural} not party to the war" if not authority & set(names)
                else f"claimant{plural} without an interest")
        gov = [n for n in names if n in authority]  # the gloss names whom it is about, not the list
        extra = ("" if not gov else " (a government is the authority on its own laws and decrees)" if gov == names
                 else f" ({joined(gov)}: a government is the authority on its own laws and decrees)")
        return f"{_n(n)} {kind}{_leg_words(b, name)}: {joined(names)}{extra}"
    return test


def _one_article(b: Basis) -> str | None:
    sources = {_s(r.get("source_id")) for r in b.rows}
    if len(sources) != 1:
        return None
    n = len({_s(r.get("claimant")) for r in b.rows})
    return ("every figure is relayed by one article, so the claimants are not independently confirmed" if n > 1
            else "every figure is relayed by one article")


def _disagree(b: Basis) -> str | None:
    for name, rows in b.legs.items():
        pairs = conflicts(rows)
        if pairs:
            a, c = pairs[0]
            return (f"independent figures disagree{_leg_words(b, name)}: {claim_words(a)} against "
                    f"{claim_words(c)}")
    return None


def _one_state(b: Basis) -> str | None:
    """Two organs of one state stating its own law are one voice, not two confirmations."""
    voices = [r for r in b.rows if not interested(r)]
    names = list(dict.fromkeys(_s(r.get("claimant")) for r in voices))
    types = {_s(r.get("claimant_type")) for r in voices}
    if len(names) < 2 or len(types) != 1 or not types <= set(PARTIES):
        return None
    return f"{joined(names)} speak for one state, so they are one voice"


def effective_text(r: dict) -> str:
    """When a change takes effect, at the precision stated: '2024', 'January 2025', '1 January 2025'."""
    eff = pd.Timestamp(r.get("effective_start"))
    p = _s(r.get("effective_precision"))
    return str(eff.year) if p == "year" else month_year(eff) if p == "month" else f"{eff.day} {month_year(eff)}"


def _when_differs(b: Basis) -> str | None:
    """Claimants who state one change with different dates for when it takes effect."""
    rows = [r for r in b.rows if _s(r.get("regime")) == "after" and pd.notna(r.get("effective_start"))]
    when: dict[str, list[str]] = {}
    for r in rows:
        when.setdefault(effective_text(r), []).append(_s(r.get("claimant")))
    if len(when) < 2 or len({c for cs in when.values() for c in cs}) < 2:
        return None
    said = "; ".join(f"from {w} ({joined(list(dict.fromkeys(cs)))})" for w, cs in when.items())
    return f"the claimants differ on when it takes effect: {said}"


def _stale(b: Basis) -> str | None:
    ends = [r.get("claim_date_end") for r in b.rows if pd.notna(r.get("claim_date_end"))]
    if b.ref is None or not ends:
        return None
    newest = max(pd.Timestamp(e) for e in ends)
    days = (pd.Timestamp(b.ref) - newest).days
    return (f"the newest figure was claimed in {month_year(newest)}, more than six months before the report's date"
            if days > STALE_DAYS else None)


def _periods(b: Basis) -> str | None:
    return (None if b.same_period else
            "no figure on one side covers the period of the other, so nothing is compared like with like")


CONFIDENCE_RULES = (
    Rule("independent-two", "Two or more claimants not party to the war (not officials of Russia or Ukraine; a "
         "government that backs one side counts, though it is not neutral) for every kind of evidence a judgement "
         "rests on: high confidence to start from.", "base:high", _base(2, None)),
    Rule("independent-one", "One claimant not party to the war for the weakest kind of evidence: moderate "
         "confidence to start from.", "base:moderate", _base(1, 1)),
    Rule("interested-only", "Only an interested party — a Russian or Ukrainian official, about the war's losses or "
         "recruitment — gives the figures for some kind of evidence: low confidence, whatever else holds. A term "
         "of a law or decree, stated by the government that made it, is that authority's word, not an interest.",
         "base:low", _base(0, 0)),
    Rule("one-article", "Every figure is relayed by one article: at most moderate confidence. Claimants relayed "
         "by one article are not independently confirmed, however close their figures: the reporting, its "
         "selection and its rounding are one.", "cap:moderate", _one_article),
    Rule("disagree", "Independent figures about the same quantity disagree (their ranges, as stated or as "
         "the qualifier implies, do not overlap): one level lower.", "down", _disagree),
    Rule("one-state", "Claimants without an interest who are all organs of one state (its government, its "
         "parliament) stating its own law are one voice: at most moderate confidence.", "cap:moderate",
         _one_state),
    Rule("when-differs", "Claimants state one change with different dates for when it takes effect: one level "
         "lower.", "down", _when_differs),
    Rule("stale", "The newest figure was claimed more than six months before the report's date: one level "
         "lower.", "down", _stale),
    Rule("periods", "The figures that would have to be set against each other cover different periods (no "
         "like-for-like figure exists, and an average over a longer period is not set against a shorter one): "
         "the sources cannot tell, low confidence.", "set:low", _periods),
)


def _all_support(b: Basis) -> str | None:
    return "every figure bearing on it supports it" if b.support and all(s > 0 for s in b.support) else None


def _mostly(b: Basis) -> str | None:
    m = _mean(b)
    return ("most figures bearing on it support it" if m is not None and 1 / 3 <= m < 1 else None)


def _split(b: Basis) -> str | None:
    m = _mean(b)
    return ("the figures bearing on it point both ways or overlap it" if m is not None and -1 / 3 < m < 1 / 3
            else None)


def _against(b: Basis) -> str | None:
    m = _mean(b)
    return ("most figures bearing on it contradict it" if m is not None and -1 < m <= -1 / 3 else None)


def _all_against(b: Basis) -> str | None:
    return "every figure bearing on it contradicts it" if b.support and all(s < 0 for s in b.support) else None


def _documentary(b: Basis) -> str | None:
    return ("it is a term of a law or decree, stated by the government that made it"
            if b.documentary and b.support and all(s > 0 for s in b.support) else None)


def _face_value(b: Basis) -> str | None:
    return "it takes an interested party's figure at its word" if b.face_value else None


def _cannot_compare(b: Basis) -> str | None:
    return None if b.same_period or b.support else _periods(b)


LIKELIHOOD_RULES = (
    Rule("all-support", "Every figure bearing on the statement supports it: very likely.", "very likely", _all_support),
    Rule("most-support", "Most figures support it (on balance at least a third more for than against): likely.",
         "likely", _mostly),
    Rule("split", "The figures point both ways, or their ranges overlap the line the statement draws: roughly "
         "even chance.", "roughly even chance", _split),
    Rule("most-against", "Most figures contradict it: unlikely.", "unlikely", _against),
    Rule("all-against", "Every figure contradicts it: very unlikely.", "very unlikely", _all_against),
    Rule("documentary", "A term of a law or decree, stated by the government that made it, and nothing "
         "against it: almost certain (almost no chance for its opposite).", "almost certain", _documentary),
    Rule("face-value", "A statement that needs an interested party's figure taken at its word is at most "
         "likely (at least unlikely): the word is held nearer to even chance.", "nearer-even", _face_value),
    Rule("periods", "No figures over the same period to compare: the sources cannot tell, so the statement "
         "cannot be assessed and takes no word of the scale.", "cannot be assessed", _cannot_compare),
)


def _mean(b: Basis) -> float | None:
    return sum(b.support) / len(b.support) if b.support else None


def assess(b: Basis) -> tuple[Likelihood, str, list[tuple[str, str]], list[tuple[str, str]]]:
    """(likelihood, confidence, the likelihood's reasons, the confidence's reasons) for one basis,
    by the rules above, in their order; each reason is (what the rule did, why it applies)."""
    reasons: list[tuple[str, str]] = []
    level = None
    unassessed = False
    for rule in LIKELIHOOD_RULES:
        why = rule.test(b)
        if why is None:
            continue
        if rule.effect == UNASSESSED.word:
            unassessed = True
            reasons.append((UNASSESSED.word, why))
            continue
        if rule.effect == "nearer-even":
            held = None if level is None else min(max(level, EVEN - 1), EVEN + 1)
            if held is not None and held != level:
                level = held
                reasons.append((f"at most {SCALE[level].word}", why))
        else:
            level = SCALE.index(likelihood(rule.effect))
            reasons.append((SCALE[level].word, why))
    level = EVEN if level is None else level
    why_likelihood, reasons = reasons, []
    if unassessed:  # the sources cannot answer: no scale word, whatever the other rules said
        why_likelihood = [r for r in why_likelihood if r[0] == UNASSESSED.word]
    conf = None
    for rule in CONFIDENCE_RULES:
        why = rule.test(b)
        if why is None:
            continue
        kind, _, arg = rule.effect.partition(":")
        if kind == "base":
            conf = CONFIDENCE.index(arg)
            reasons.append((f"{arg} to start from", why))
        elif conf is None:
            continue
        elif kind == "cap" and conf > CONFIDENCE.index(arg):
            conf = CONFIDENCE.index(arg)
            reasons.append((f"at most {arg}", why))
        elif kind == "set":
            conf = CONFIDENCE.index(arg)
            reasons.append((arg, why))
        elif kind == "down" and conf > 0:
            conf -= 1
            reasons.append(("one level lower", why))
        elif kind == "down":
            reasons.append(("low already", why))
    return (UNASSESSED if unassessed else SCALE[level]), CONFIDENCE[conf if conf is not None else 0], \
        why_likelihood, reasons


def rules_markdown() -> str:
    """The likelihood scale and the rules, for the methodology appendix."""
    scale = "; ".join(f"{s.word} ({s.band})" for s in SCALE)
    lines = [f"**Likelihood.** One scale, the US intelligence community's (ICD 203): {scale}. Its word is "
             "set by these rules, in this order:", ""]
    lines += [f"- {md(r.text)}" for r in LIKELIHOOD_RULES]
    lines += ["", "**Confidence.** High, moderate or low: how far the evidence can be trusted, apart from how "
              "likely the statement is. Set by these rules, in this order:", ""]
    lines += [f"- {md(r.text)}" for r in CONFIDENCE_RULES]
    return "\n".join(lines)
