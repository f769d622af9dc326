"""The report's answer in one sentence, computed from the key judgements, never typed: is Russia
replacing its losses, and how, at the confidence of the weakest judgement it rests on."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .basis import claimed_by
from .judgement import Judgement
from .judgement_words import Plain, capitalised, joined, possessive
from .narrative import md
from .standards import CONFIDENCE, EVEN, SCALE, UNASSESSED, Likelihood

# how Russia fills its ranks, by judgement: the words the bottom line gives each means
MEANS = {"mobilisation": "men signing up rather than a second mobilisation", "conscription": "a wider conscription age",
         "foreign": "foreign recruits"}
# a judgement that rests on a decree's terms alone states the offer, not its uptake (standards: the
# decree rule): the bottom line names it as that
OFFERED = {"foreign": "offers to foreign recruits"}


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
        lead = f"{capitalised(self.confidence)} confidence:"
        return ("**Bottom line.** Is Russia replacing its losses, and how? "
                + self.words(_Escaped()).replace(lead, f"*{lead}*", 1))


def bottom_line(js: list[Judgement]) -> BottomLine | None:
    """One sentence from the key judgements (none without any): never typed for one data set."""
    if not js:
        return None
    by = {j.key: j for j in js}
    head = by.get("replacement")
    means = [by[k] for k in MEANS if k in by and by[k].likelihood in SCALE and SCALE.index(by[k].likelihood) > EVEN]
    used = [j for j in (head, by.get("losses"), *means) if j is not None] or js
    weakest = min(used, key=lambda j: CONFIDENCE.index(j.confidence))
    if head is not None:
        lk = head.likelihood
        who = claimed_by(head.basis) if head.basis is not None else []
        cannot = head.basis is not None and not head.basis.same_period and lk is UNASSESSED
        why = "no loss figure covers the period of its claimed recruitment" if cannot else ""
    else:
        lk, who = UNASSESSED, []
        why = ("the sources give no count of recruits to set against its losses" if "losses" in by
               else "the sources give no figure of its losses")

    def words(w: Plain) -> str:
        claim = f" (by {w.text(possessive(who))} own account)" if who else ""
        items = []
        for j in means:
            own = claimed_by(j.basis) if j.basis is not None else []
            means_words = OFFERED.get(j.key, MEANS[j.key]) if j.basis is not None and j.basis.documentary \
                else MEANS[j.key]
            items.append(means_words + f" ({j.likelihood.word}"
                         + (f", by {w.text(possessive(own))} own account)" if own else ")"))
        scale = lk.phrase
        if why:  # the answer is that the sources cannot answer: say so first, then how it tries
            out = f"Whether Russia is replacing its losses{claim} {UNASSESSED.word}: {why}."
            if items:
                out += f" How it tries is clearer: {joined(items)}."
        else:
            out = f"{capitalised(scale)}: Russia is replacing its losses{claim}."
            if items:
                out += f" It does so through {joined(items)}."
        return out + (f" {capitalised(weakest.confidence)} confidence, that of the weakest judgement it rests on "
                      f"({w.text(weakest.topic)}).")

    return BottomLine(lk, weakest.confidence, weakest.topic, words)
