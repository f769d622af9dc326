"""Key judgements: is Russia replacing its losses, and how — each with a likelihood and a confidence.

The anchor is the US intelligence community's analytic standards (ICD 203): one fixed scale of
likelihood words (`SCALE`), and a confidence level (high, moderate, low) set by stated rules about
the evidence (`CONFIDENCE_RULES`): how many independent claimants, whether they agree, whether a
claimant has an interest, how recent the newest figure is. The likelihood follows its own stated
rules (`LIKELIHOOD_RULES`) from how the figures bear on the statement. Rules are data — a key, the
words the methodology appendix prints, and the test — so the appendix lists exactly what is applied,
and every judgement carries the reasons that set its level and confidence.

Statements are built from the rows; no number is typed here. `judgements(ds)` returns the
judgements the data supports (none on an empty selection).
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Callable

import pandas as pd

from ..analysis.comparisons import bounds, compare, quantity_key, rate_verb
from ..analysis.figures import cumulative_losses, losses_for_period, signup_claims
from ..analysis.rates import has_rate, per_month, reference_period
from ..analysis.rows import latest_claim_date, rows_of
from ..curated.derived import Derived
from .evidence import figure_span
from .narrative import INSTITUTION, fmt_figure, fmt_number, md
from ..vocabulary.numbers import VAGUE
from .wording import claim_when, is_expectation, measure, month_year
from ..core.values import text as _s

# -- the scale and the levels, declared once ------------------------------------------------------


@dataclass(frozen=True)
class Likelihood:
    word: str
    low: int  # per cent
    high: int

    @property
    def band(self) -> str:
        return f"{self.low}–{self.high} %"


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
CONFIDENCE = ("low", "moderate", "high")
# officials of a party to the war: interested in any figure about its losses or recruitment
PARTIES = ("russian_official", "ukrainian_official")
STALE_DAYS = 183  # a figure older than about six months before the report's date is not recent


def likelihood(word: str) -> Likelihood:
    for s in SCALE:
        if s.word == word:
            return s
    raise KeyError(word)


# -- what a judgement rests on --------------------------------------------------------------------
@dataclass
class Basis:
    """The rows a judgement rests on, by leg (each leg one kind of evidence, e.g. losses and
    sign-ups for a comparison), and how each comparison bears on the statement: +1 supports it,
    0 neither (ranges overlap), -1 contradicts it."""

    legs: dict[str, list[dict]]
    support: list[int]
    ref: pd.Timestamp | None  # the report's date: as_of, else the latest claim in the data
    documentary: bool = False  # the statement is a term of a law or decree, stated by its authority
    same_period: bool = True  # the figures set against each other cover the same period
    face_value: bool = False  # the support needs an interested party's figure taken at its word

    @property
    def rows(self) -> list[dict]:
        seen, out = set(), []
        for rows in self.legs.values():
            for r in rows:
                if r["id"] not in seen:
                    seen.add(r["id"])
                    out.append(r)
        return out


def interested(row) -> bool:
    """An official of a party to the war, about a figure of the war; a term of its own law or
    decree (kind `rule`, or a term without a number) is the authority's word, not an interest."""
    if _s(row.get("claimant_type")) not in PARTIES:
        return False
    if _s(row.get("kind")) == "rule":
        return False
    has_number = any(pd.notna(row.get(c)) for c in ("value", "low", "high"))
    return has_number


def the(name: str) -> str:
    """An institution as running prose names it ("the Russian government"); people as they are."""
    possessive = re.match(r"^\w+['’]s\b", name)  # "Ukraine's NSDC" takes no article
    return f"the {name}" if INSTITUTION.search(name) and not name.lower().startswith("the ") and not possessive else name


def _claimants(rows: list[dict]) -> list[str]:
    return list(dict.fromkeys(_s(r.get("claimant")) for r in rows if not interested(r)))


def _conflicts(rows: list[dict]) -> list[tuple[dict, dict]]:
    """Pairs of disinterested figures about one quantity whose ranges do not overlap."""
    nums = [r for r in rows if not interested(r) and _s(r.get("kind")) != "rule"
            and (pd.notna(r.get("value")) or pd.notna(r.get("low")))]
    out = []
    for i, a in enumerate(nums):
        for b in nums[i + 1:]:
            if (quantity_key(a), _s(a.get("regime"))) == (quantity_key(b), _s(b.get("regime"))) \
                    and compare(a, b)["verdict"] == "differ":
                out.append((a, b))
    return out


def _n(k: int) -> str:
    return ("no", "one", "two", "three", "four", "five", "six")[k] if k < 7 else f"{k:,}"


def _names(names: list[str]) -> str:
    names = [n for n in names if n]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


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
    counts = {name: _claimants(rows) for name, rows in b.legs.items()}
    name = min(counts, key=lambda k: len(counts[k]))
    return name, counts[name]


def _leg_words(b: Basis, name: str) -> str:
    return "" if len(b.legs) == 1 else f" for the {name}"


def _base(n_min: int, n_max: int | None):
    def test(b: Basis) -> str | None:
        name, names = _weakest_leg(b)
        n = len(names)
        if n < n_min or (n_max is not None and n > n_max):
            return None
        if n == 0:
            who = _names(list(dict.fromkeys(_s(r.get("claimant")) for r in b.legs[name])))
            return f"only an interested party gives figures{_leg_words(b, name)} ({who})"
        rows = b.legs[name]
        authority = {_s(r.get("claimant")) for r in rows if _s(r.get("claimant_type")) in PARTIES}
        plural = "s" if n > 1 else ""
        kind = (f"claimant{plural} not party to the war" if not authority & set(names)
                else f"claimant{plural} without an interest")
        extra = (" (a government is the authority on its own laws and decrees)"
                 if authority & set(names) else "")
        return f"{_n(n)} {kind}{_leg_words(b, name)}: {_names(names)}{extra}"
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
        pairs = _conflicts(rows)
        if pairs:
            a, c = pairs[0]
            return (f"independent figures disagree{_leg_words(b, name)}: {claim_words(a)} against "
                    f"{claim_words(c)}")
    return None


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
    Rule("periods", "No figures over the same period to compare: the sources cannot tell, roughly even chance.",
         "roughly even chance", _cannot_compare),
)


def _mean(b: Basis) -> float | None:
    return sum(b.support) / len(b.support) if b.support else None


def assess(b: Basis) -> tuple[Likelihood, str, list[tuple[str, str]], list[tuple[str, str]]]:
    """(likelihood, confidence, the likelihood's reasons, the confidence's reasons) for one basis,
    by the rules above, in their order; each reason is (what the rule did, why it applies)."""
    reasons: list[tuple[str, str]] = []
    level = None
    for rule in LIKELIHOOD_RULES:
        why = rule.test(b)
        if why is None:
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
    return SCALE[level], CONFIDENCE[conf if conf is not None else 0], why_likelihood, reasons


# -- words ----------------------------------------------------------------------------------------
class Plain:
    """Writes statements as plain text (judgements.json, comparisons between reports)."""

    def text(self, s: object) -> str:
        return _s(s)

    def fig(self, row, shown: str | None = None) -> str:
        return shown if shown is not None else fmt_figure(row)

    def cite(self, row) -> str:
        return ""

    def derived(self, d) -> str:
        return fmt_number(d.value, d.unit)


class Marked(Plain):
    """Writes statements as chapter Markdown: data text escaped, each figure carrying its evidence
    (HTML hover) and a note to its source, a derived figure its formula in a note."""

    def __init__(self, narrator):
        self.n = narrator

    def text(self, s: object) -> str:
        return md(s)

    def fig(self, row, shown: str | None = None) -> str:
        return figure_span(md(shown if shown is not None else fmt_figure(row)), pd.Series(row), self.n.ds.sources)

    def cite(self, row) -> str:
        return self.n.cite(_s(row.get("source_id")))

    def derived(self, d) -> str:
        """The number with its formula and basis in a note; no figure ids in the prose or the note
        (issue 19: ids stay in the appendix and the data; the HTML's hover still names the inputs)."""
        basis = f" Basis: {md(d.basis)}." if d.basis else ""
        return self.n.derived(d, explain=False) + f"^[Derived: {md(d.formula)}.{basis}]"


def claim_words(row, w: Plain | None = None, what: str | None = None) -> str:
    """'UK Ministry of Defence, November 2023: about 302,000 killed or wounded'."""
    w = w or Plain()
    what = measure(row) if what is None else what
    when = claim_when(row)
    kind = _s(row.get("kind"))
    lead = f"a {kind} of " if kind in ("target", "forecast") else ""
    vague = " of" if _s(row.get("qualifier")) in VAGUE and what else ""
    return (f"{w.text(row.get('claimant'))}{', ' + when if when else ''}: {lead}{w.fig(row)}{vague}"
            f"{' ' + what if what else ''}{w.cite(row)}")


# -- the judgements -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Judgement:
    key: str  # stable across reports: "losses", "replacement", "mobilisation", "conscription", "foreign"
    topic: str
    statement: str  # plain text, from the data
    likelihood: Likelihood
    confidence: str
    why_likelihood: tuple[str, ...]
    why_confidence: tuple[str, ...]
    ids: tuple[str, ...]
    words: Callable[[Plain], str] = field(compare=False, repr=False, default=None)
    changes: tuple[str, ...] = ()  # what evidence would change it (ICD 203), plain text from the data
    basis: Basis | None = field(compare=False, repr=False, default=None)

    def markdown(self, narrator) -> str:
        """The judgement for the summary: topic, likelihood, the statement with its figures' notes,
        and the confidence with its reasons."""
        return self.words(Marked(narrator))

    def as_dict(self) -> dict:
        return {"key": self.key, "topic": self.topic, "statement": self.statement,
                "likelihood": self.likelihood.word, "band": self.likelihood.band, "confidence": self.confidence,
                "why_likelihood": list(self.why_likelihood), "why_confidence": list(self.why_confidence),
                "ids": list(self.ids), "would_change": list(self.changes)}


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def claimed_by(basis: Basis) -> list[str]:
    """The interested parties a judgement takes at their word (none unless `face_value`): the
    claimants of the legs every figure of which is theirs."""
    if not basis.face_value or not basis.support:  # nothing compared: nothing taken at anyone's word
        return []
    legs = [rows for rows in basis.legs.values() if rows and all(interested(r) for r in rows)]
    return list(dict.fromkeys(the(_s(r.get("claimant"))) for rows in legs for r in rows))


def _possessive(names: list[str]) -> str:
    return _names(names) + ("'" if _names(names).endswith("s") else "'s")


def _as_claimed(proposition: Callable[[Plain], str], basis: Basis) -> Callable[[Plain], str]:
    """A statement resting only on an interested party's figures is worded as that party's
    account ("By the Russian government’s own account, …"), never as the report's finding."""
    who = claimed_by(basis)
    if not who:
        return proposition

    def prop(w: Plain) -> str:
        p = proposition(w)
        return f"By {w.text(_possessive(who))} own account, {p[:1].lower() + p[1:]}"
    return prop


def _changes(basis: Basis, why_conf: list[tuple[str, str]], opposite: list[str]) -> tuple[str, ...]:
    """What would change a judgement: the evidence that would move its likelihood (`opposite`, from
    its builder) and what would lift each rule that held its confidence down."""
    out = list(opposite)
    keys = {why for _, why in why_conf}
    who = claimed_by(basis)
    if any(w.startswith("only an interested party") for w in keys) or who:
        legs = [name for name, rows in basis.legs.items() if rows and all(interested(r) for r in rows)]
        for_leg = f" for the {legs[0]}" if len(basis.legs) > 1 and legs else ""
        out.append(f"a figure{for_leg} from a claimant not party to the war")
    if any("claimant not party" in w and w.startswith("one ") for w in keys):
        out.append("a second claimant not party to the war")
    if any(w.startswith("every figure is relayed by one article") for w in keys):
        out.append("the figures confirmed in reporting other than the one article")
    if any("more than six months before" in w for w in keys):
        out.append("a newer figure")
    return tuple(dict.fromkeys(out))


def _judgement(key: str, topic: str, basis: Basis, proposition: Callable[[Plain], str],
               evidence: Callable[[Plain], str], opposite: list[str] | None = None) -> Judgement:
    lk, conf, why_lk, why_conf = assess(basis)
    held = [why for effect, why in why_lk if effect.startswith("at most")]
    proposition = _as_claimed(proposition, basis)

    def words(w: Plain) -> str:
        ev = evidence(w)
        lk_words = f" It is held at {lk.word}: {w.text('; '.join(held))}." if held else ""
        return (f"**{topic}.** {_cap(lk.word)} ({lk.band}): {proposition(w)}{(' ' + ev) if ev else ''}{lk_words} "
                f"*{_cap(conf)} confidence:* {w.text('; '.join(why for _, why in why_conf))}.")

    return Judgement(key, topic, f"{_cap(lk.word)}: {proposition(Plain())}", lk, conf,
                     tuple(f"{_cap(e)}: {why}." for e, why in why_lk),
                     tuple(f"{_cap(e)}: {why}." for e, why in why_conf), tuple(r["id"] for r in basis.rows), words,
                     _changes(basis, why_conf, opposite or []), basis)


def report_date(ds, as_of=None) -> pd.Timestamp | None:
    """The date a report speaks from: its as_of, else the latest claim in the data."""
    return pd.Timestamp(as_of) if as_of is not None else latest_claim_date(ds)


def _latest_per_claimant(df: pd.DataFrame) -> list[dict]:
    df = df.sort_values("claim_date_end", kind="stable")
    return rows_of(df.drop_duplicates(subset=["claimant"], keep="last"))


def _round_down(x: float) -> float:
    """Down to two significant figures: 286,900 -> 280,000 (a line the estimates clear)."""
    if x <= 0:
        return 0.0
    step = 10 ** (int(math.floor(math.log10(x))) - 1)
    return float(math.floor(x / step) * step)


def _once_per_dataset(fn):
    """`fn(ds)` computed once for a dataset whose tables are unchanged: the judgements each ask
    for the same rows (the losses and replacement judgements both the cumulative losses,
    replacement and mobilisation both the sign-up counts)."""
    last: list = [None, None, None]  # the dataset (held, so its id is not reused), its tables' ids, fn(ds)

    @functools.wraps(fn)
    def once(ds):
        stamp = tuple((name, id(df), len(df)) for name, df in ds.tables.items())
        if last[0] is not ds or last[1] != stamp:
            last[:] = [ds, stamp, fn(ds)]
        return last[2]
    return once


@_once_per_dataset
def _cumulative_losses(ds) -> pd.DataFrame:
    df = cumulative_losses(ds)
    if "unit" in df.columns:
        df = df[df["unit"].astype(str) == "people"]
    return df[df["value"].notna() | df["low"].notna()]


def losses(ds, as_of=None) -> Judgement | None:
    """How many Russian troops have been killed or wounded: a line every independent estimate's
    lower bound clears (rounded down), set against each claimant's latest estimate."""
    rows = _latest_per_claimant(_cumulative_losses(ds))
    if not rows:
        return None
    independent = [r for r in rows if not interested(r)] or rows
    lows = [(bounds(r)[0], r) for r in independent if math.isfinite(bounds(r)[0])]
    if not lows:
        return None
    low, lowest = min(lows, key=lambda x: x[0])
    line = _round_down(low)
    drawn = Derived(line, "people", f"{fmt_number(low, 'people')}, the low end of {fmt_figure(lowest)} as its "
                    "qualifier reads and the lowest of the estimates, rounded down to two significant figures",
                    (str(lowest["id"]),), basis="a line every estimate clears")
    support = []
    for r in rows:
        lo, hi = bounds(r)
        support.append(1 if lo >= line else -1 if hi < line else 0)
    ends = [pd.Timestamp(r["period_end"]) for r in rows if pd.notna(r.get("period_end"))]
    by = month_year(max(ends)) if ends else ""
    basis = Basis({"losses": rows}, support, report_date(ds, as_of),
                  face_value=all(interested(r) for r in rows))

    def prop(w: Plain) -> str:
        return (f"{'By ' + by + ', ' if by else ''}Russia had lost more than {w.derived(drawn)} troops "
                f"killed or wounded since the invasion.")

    def ev(w: Plain) -> str:
        return "; ".join(claim_words(r, w) for r in rows) + "."

    opposite = ["an estimate below that line from a claimant not party to the war"]
    return _judgement("losses", "Losses", basis, prop, ev, opposite)


@_once_per_dataset
def _signup_counts(ds) -> list[dict]:
    """Claimed counts of Russian contract sign-ups over a stated period (no forecast or target,
    no payment or count of centres), each claimant's latest first in line for the judgements."""
    df = signup_claims(ds)
    if "kind" in df.columns:  # forecasts and targets out, column-wise (a corpus holds thousands of rows)
        df = df[df["kind"].isna() | ~df["kind"].astype(str).isin(["forecast", "target"])]
    df = df[df["period_start"].notna() & df["period_end"].notna() & df["value"].notna()]
    if "unit" in df.columns:
        df = df[df["unit"].astype(str) == "people"]
    if "scope" in df.columns:  # a count of centres or a payment is not a count of recruits
        df = df[df["scope"].isna() | ~df["scope"].astype(str).str.contains("centre|payment|salary", case=False)]
    rows = [r for r in rows_of(df) if has_rate(r)]
    counts = [r for r in rows if not is_expectation(r)]
    return counts


def replacement(ds, as_of=None) -> Judgement | None:
    """Whether claimed recruitment keeps pace with losses over the same period: each claimant's
    latest sign-up count a month against the loss figures covering exactly its period
    (`figures.losses_for_period`, the rule the inflows chapter uses), both a month over the same
    days. A loss average since the invasion is never set against one year of sign-ups: where no
    loss figure covers a count's period, nothing is compared and the judgement says the sources
    cannot tell (roughly even chance, low confidence, and why)."""
    counts = _signup_counts(ds)
    signups = _latest_per_claimant(pd.DataFrame(counts)) if counts else []
    if not signups:
        return None
    matched = {}
    for s in signups:
        found = [r for r in losses_for_period(ds, reference_period(s)) if has_rate(r)]
        if found:
            matched[s["id"]] = _latest_per_claimant(pd.DataFrame(found))
    if matched:
        compared = [s for s in signups if s["id"] in matched]
        loss_rows = list({r["id"]: r for s in compared for r in matched[s["id"]]}.values())
    else:
        compared = signups
        loss_rows = [r for r in _latest_per_claimant(_cumulative_losses(ds)) if has_rate(r)]
        if not loss_rows:
            return None  # no loss figure at all: nothing to judge, the gaps say so
    s_rates = {r["id"]: per_month(r, "claimed sign-ups") for r in compared}
    l_rates = {r["id"]: per_month(r, "killed or wounded") for r in loss_rows}
    support = []
    for s in compared:
        for l in matched.get(s["id"], []):
            verb = rate_verb(s_rates[s["id"]], l_rates[l["id"]])
            support.append(1 if verb == "exceed" else -1 if verb == "fall short of" else 0)
    basis = Basis({"sign-ups": compared, "losses": loss_rows}, support, report_date(ds, as_of),
                  same_period=bool(matched),
                  face_value=all(interested(r) for r in compared) or all(interested(r) for r in loss_rows))

    when = _period_words(compared[-1])

    def prop(w: Plain) -> str:
        return (f"{_cap(when) + ', ' if when else ''}Russia recruited at least as many men a month as it lost "
                "killed or wounded over the same period.")

    def ev(w: Plain) -> str:
        parts = [f"{claim_words(r, w)} {_period_words(r)}, about {w.derived(s_rates[r['id']])} a month"
                 for r in compared]
        if matched:
            parts += [f"{claim_words(r, w)} {_period_words(r)}, about {w.derived(l_rates[r['id']])} a month"
                      for r in loss_rows]
            return "Both a month over the same days: " + "; ".join(parts) + "."
        missing = (when[3:] if when.startswith("in ") else f"the months {when}" if when
                   else "the period of the sign-ups")
        return (f"The sources cannot tell: no loss figure covers {w.text(missing)}, and an average of losses since "
                f"the invasion is not set against it. Sign-ups: {'; '.join(parts)}. Losses, each since the invasion: "
                + "; ".join(claim_words(r, w) for r in loss_rows) + ".")

    missing = when[3:] if when.startswith("in ") else f"the months {when}" if when else "the period of the sign-ups"
    opposite = ([f"a count of Russian killed and wounded covering {missing} alone, set against the sign-ups"]
                if not matched else [])
    opposite.append("a count of how many claimed sign-ups are new soldiers rather than re-signed contracts")
    return _judgement("replacement", "Replacing losses", basis, prop, ev, opposite)


def _period_words(row) -> str:
    ref = reference_period(row)
    if ref is None:
        return ""
    s, _, e = ref
    if s.month == 1 and s.day == 1 and e.month == 12 and e.day == 31 and s.year == e.year:
        return f"in {s.year}"
    return f"from {month_year(s)} to {month_year(e)}"


def mobilisation(ds, as_of=None) -> Judgement | None:
    """Whether Russia has filled its ranks with volunteers since its last mobilisation rather than
    a new one: sign-up counts after the last mobilisation support it, a later mobilisation does not."""
    inf = ds.inflows
    mob = inf[(inf["country"].astype(str) == "Russia") & (inf["channel"].astype(str) == "partial_mobilisation")
              & inf["period_end"].notna()].sort_values("period_end", kind="stable")
    if mob.empty:
        return None
    first = rows_of(mob)[0]
    cut = pd.Timestamp(first["period_end"])
    later_mob = _latest_per_claimant(mob[mob["period_start"] > cut])  # each claimant's latest, not every row
    counts = pd.DataFrame(_signup_counts(ds))
    after = _latest_per_claimant(counts[counts["period_start"] > cut]) if len(counts) else []
    if not after and not later_mob:
        return None
    support = [1] * len(after) + [-1] * len(later_mob)
    basis = Basis({"sign-ups": after or later_mob}, support, report_date(ds, as_of),
                  face_value=bool(after) and all(interested(r) for r in after))

    def prop(w: Plain) -> str:  # the seeds' words: men "signed up", "no further mobilisation is needed"
        return (f"Since the mobilisation of {month_year(first['period_start'])}, Russia has relied on men "
                f"signing up rather than a second mobilisation.")

    def ev(w: Plain) -> str:
        parts = [claim_words(first, w)]
        parts += [f"{claim_words(r, w)} {_period_words(r)}" for r in after]
        parts += [claim_words(r, w) for r in later_mob]
        return "; ".join(parts) + "."

    opposite = ["a second mobilisation announced"] if not later_mob else ["no further mobilisation"]
    return _judgement("mobilisation", "Mobilisation", basis, prop, ev, opposite)


def _upper(row) -> float | None:
    v = row.get("high") if pd.notna(row.get("high")) else row.get("value")
    return None if v is None or pd.isna(v) else float(v)


def conscription(ds, as_of=None) -> Judgement | None:
    """Whether Russia is widening conscription: the upper age before and after the change."""
    c = ds.conscription
    c = c[c["measure"].astype(str).isin(["age_window", "max_age"]) & (c["country"].astype(str) == "Russia")]  # Russia's law only
    pairs, seen = [], set()
    for m in ("age_window", "max_age"):
        rows = c[c["measure"].astype(str) == m].sort_values("claim_date_end", kind="stable")
        for who, mine in rows.groupby("claimant", sort=False):
            before = rows_of(mine[mine["regime"].astype(str) == "before"])
            after = rows_of(mine[mine["regime"].astype(str) == "after"])
            if not before or not after or _upper(before[-1]) is None or _upper(after[-1]) is None:
                continue
            key = (str(who), _upper(before[-1]), _upper(after[-1]))
            if key not in seen:  # one law stated as a window and as a maximum age is one change
                seen.add(key)
                pairs.append((before[-1], after[-1]))
    if not pairs:
        return None
    support = [1 if _upper(a) > _upper(b) else -1 if _upper(a) < _upper(b) else 0 for b, a in pairs]
    rows = [r for p in pairs for r in p]
    basis = Basis({"rules": rows}, support, report_date(ds, as_of),
                  documentary=all(_s(r.get("kind")) == "rule" for r in rows))

    def prop(w: Plain) -> str:
        return "Russia is widening the pool of men it can conscript."

    def ev(w: Plain) -> str:
        parts = []
        for b, a in pairs:
            eff = a.get("effective_start")
            when = ""
            if pd.notna(eff):
                p = _s(a.get("effective_precision"))
                when = (f" from {pd.Timestamp(eff).year}" if p == "year" else
                        f" from {month_year(eff)}" if p == "month" else
                        f" from {pd.Timestamp(eff).day} {month_year(eff)}")
            parts.append(f"{w.text(a.get('claimant'))}, {claim_when(a)}: the upper age rises to "
                         f"{w.fig(a, fmt_number(_upper(a), 'age_years'))}{when}, from "
                         f"{w.fig(b, fmt_number(_upper(b), 'age_years'))}{w.cite(a)}")
        return "; ".join(parts) + "."

    opposite = ["the change withdrawn or postponed"]
    if "conscripts_called" not in set(ds.conscription["measure"].astype(str)):
        opposite.append("a count of conscripts called up, which would turn the wider window into men")
    return _judgement("conscription", "Conscription", basis, prop, ev, opposite)


FOREIGN_TERMS = ("eligibility", "minimum_contract", "incentive", "family")


def foreign(ds, as_of=None) -> Judgement | None:
    """Whether Russia is recruiting abroad: the terms offered to foreigners (a decree's own words)
    support it; counts of foreigners recruited are added as the evidence of uptake."""
    f = ds.foreign
    terms = f[f["aspect"].astype(str).isin(FOREIGN_TERMS)]
    recruited = f[(f["aspect"].astype(str) == "recruited") & (f["value"].notna() | f["low"].notna())]
    if "part_of" in recruited.columns:
        recruited = recruited[recruited["part_of"].isna()]
    if "scope" in recruited.columns:
        recruited = recruited[recruited["scope"].isna()]
    if terms.empty and recruited.empty:
        return None
    term_rows = _latest_per_claimant(terms) if len(terms) else []
    rec_rows = _latest_per_claimant(recruited) if len(recruited) else []
    rows = term_rows + rec_rows
    support = [1] * len(rows)
    basis = Basis({"terms and counts": rows}, support, report_date(ds, as_of),
                  documentary=bool(term_rows) and not rec_rows and all(not interested(r) for r in term_rows))
    decree = next((r for r in rows_of(terms) if _s(r.get("aspect")) == "eligibility"), None)
    offers = [r for r in term_rows if _s(r.get("aspect")) != "eligibility" and pd.notna(r.get("value"))
              and _s(r.get("scope")) and _s(r.get("claimant")) != _s(decree.get("claimant") if decree else None)]

    def prop(w: Plain) -> str:
        return "Russia is recruiting foreigners to fill its ranks."

    def ev(w: Plain) -> str:
        parts = []
        if decree is not None:
            parts.append(f"{w.text(decree.get('claimant'))}, {claim_when(decree)}: citizenship for foreigners who "
                         f"join its forces{w.cite(decree)}")
        parts += [claim_words(r, w, f"for {w.text(r.get('scope'))}") for r in offers]
        parts += [claim_words(r, w, "foreigners recruited") for r in rec_rows]
        return "; ".join(parts) + "." if parts else ""

    opposite = (["counts of foreigners recruited falling off, or the offers withdrawn"] if rec_rows
                else ["a count of foreigners recruited, which would show whether the offers bring men in"])
    return _judgement("foreign", "Foreign recruits", basis, prop, ev, opposite)


BUILDERS = (losses, replacement, mobilisation, conscription, foreign)


def judgements(ds, as_of: date | None = None) -> list[Judgement]:
    """The key judgements the (selected) data supports, in the order of the report's question."""
    out = []
    for build in BUILDERS:
        j = build(ds, as_of)
        if j is not None:
            out.append(j)
    return out


# -- the bottom line ------------------------------------------------------------------------------
# how Russia fills its ranks, by judgement: the words the bottom line gives each means
MEANS = {"mobilisation": "men signing up rather than a second mobilisation", "conscription": "a wider conscription age",
         "foreign": "foreign recruits"}


class _Escaped(Plain):
    """Plain words with data text escaped for chapter Markdown (the bottom line carries no figure)."""

    def text(self, s: object) -> str:
        return md(s)


@dataclass(frozen=True)
class BottomLine:
    """The report's answer in one sentence: is Russia replacing its losses (the replacement
    judgement's likelihood), and how (each means judged at least likely, with its word); the
    confidence is the lowest of the judgements it rests on."""

    likelihood: Likelihood
    confidence: str
    weakest: str  # the topic of the judgement that sets the confidence
    words: Callable[[Plain], str] = field(compare=False, repr=False)

    @property
    def text(self) -> str:
        return self.words(Plain())

    def markdown(self) -> str:
        lead = f"{_cap(self.confidence)} confidence:"
        return ("**Bottom line.** Is Russia replacing its losses, and how? "
                + self.words(_Escaped()).replace(lead, f"*{lead}*", 1))


def bottom_line(js: list[Judgement]) -> BottomLine | None:
    """One sentence from the key judgements (none without any): never typed for one data set."""
    if not js:
        return None
    by = {j.key: j for j in js}
    head = by.get("replacement")
    means = [by[k] for k in MEANS if k in by and SCALE.index(by[k].likelihood) > EVEN]
    used = [j for j in (head, by.get("losses"), *means) if j is not None] or js
    weakest = min(used, key=lambda j: CONFIDENCE.index(j.confidence))
    if head is not None:
        lk = head.likelihood
        who = claimed_by(head.basis) if head.basis is not None else []
        cannot = head.basis is not None and not head.basis.same_period and lk is SCALE[EVEN]
        why = ("the sources cannot tell, since no loss figure covers the period of its claimed recruitment"
               if cannot else "")
    else:
        lk, who = SCALE[EVEN], []
        why = ("the sources cannot tell, since they give no count of recruits to set against its losses"
               if "losses" in by else "the sources cannot tell, since they give no figure of its losses")

    def words(w: Plain) -> str:
        claim = f" (by {w.text(_possessive(who))} own account)" if who else ""
        items = []
        for j in means:
            own = claimed_by(j.basis) if j.basis is not None else []
            items.append(MEANS[j.key] + f" ({j.likelihood.word}"
                         + (f", by {w.text(_possessive(own))} own account)" if own else ")"))
        scale = f"{lk.word} ({lk.band})"
        if why:  # the answer is that the sources cannot answer: say so first, then how it tries
            reason = why.split(", since", 1)[1]
            out = f"The sources cannot tell whether Russia is replacing its losses{claim}: {scale}, since{reason}."
            if items:
                out += f" How it tries is clearer: {_names(items)}."
        else:
            out = f"{_cap(scale)}: Russia is replacing its losses{claim}."
            if items:
                out += f" It does so through {_names(items)}."
        return out + (f" {_cap(weakest.confidence)} confidence, that of the weakest judgement it rests on "
                      f"({w.text(weakest.topic)}).")

    return BottomLine(lk, weakest.confidence, weakest.topic, words)


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
