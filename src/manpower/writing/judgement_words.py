"""How a judgement's words are written: as plain text (judgements.json, comparisons between
reports) or as chapter Markdown (data text escaped, each figure with its evidence and note), and
the small words every statement shares (a claim in a line, institutions, lists joined with "and")."""
from __future__ import annotations

import re

import pandas as pd

from ..core.values import text as _s
from ..vocabulary.numbers import VAGUE
from .evidence import figure_span
from .narrative import INSTITUTION, fmt_figure, fmt_number, md
from .wording import claim_when, measure

def the(name: str) -> str:
    """An institution as running prose names it ("the Russian government"); people as they are."""
    possessive = re.match(r"^\w+['’]s\b", name)  # "Ukraine's NSDC" takes no article
    return f"the {name}" if INSTITUTION.search(name) and not name.lower().startswith("the ") and not possessive else name


def joined(names: list[str]) -> str:
    names = [n for n in names if n]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def capitalised(s: str) -> str:
    return s[:1].upper() + s[1:]


def possessive(names: list[str]) -> str:
    return joined(names) + ("'" if joined(names).endswith("s") else "'s")


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
