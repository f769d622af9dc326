"""One key judgement: its record (statement, likelihood, confidence and their reasons, what would
change it), assembled from its basis by the standards, and worded as the party's own account when
it rests only on an interested party's figures."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from ..analysis.rows import latest_claim_date
from .basis import Basis, claimed_by, interested
from .judgement_words import Marked, Plain, capitalised, possessive
from .standards import Likelihood, assess

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


def _as_claimed(proposition: Callable[[Plain], str], basis: Basis) -> Callable[[Plain], str]:
    """A statement resting only on an interested party's figures is worded as that party's
    account ("By the Russian government’s own account, …"), never as the report's finding."""
    who = claimed_by(basis)
    if not who:
        return proposition

    def prop(w: Plain) -> str:
        p = proposition(w)
        return f"By {w.text(possessive(who))} own account, {p[:1].lower() + p[1:]}"
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


def build_judgement(key: str, topic: str, basis: Basis, proposition: Callable[[Plain], str],
               evidence: Callable[[Plain], str], opposite: list[str] | None = None) -> Judgement:
    lk, conf, why_lk, why_conf = assess(basis)
    held = [why for effect, why in why_lk if effect.startswith("at most")]
    proposition = _as_claimed(proposition, basis)

    def words(w: Plain) -> str:
        ev = evidence(w)
        lk_words = f" It is held at {lk.word}: {w.text('; '.join(held))}." if held else ""
        return (f"**{topic}.** {capitalised(lk.phrase)}: {proposition(w)}{(' ' + ev) if ev else ''}{lk_words} "
                f"*{capitalised(conf)} confidence:* {w.text('; '.join(why for _, why in why_conf))}.")

    return Judgement(key, topic, f"{capitalised(lk.word)}: {proposition(Plain())}", lk, conf,
                     tuple(f"{capitalised(e)}: {why}." for e, why in why_lk),
                     tuple(f"{capitalised(e)}: {why}." for e, why in why_conf), tuple(r["id"] for r in basis.rows), words,
                     _changes(basis, why_conf, opposite or []), basis)


def report_date(ds, as_of=None) -> pd.Timestamp | None:
    """The date a report speaks from: its as_of, else the latest claim in the data."""
    return pd.Timestamp(as_of) if as_of is not None else latest_claim_date(ds)
