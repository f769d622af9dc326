"""What a judgement rests on: its rows by leg and how each comparison bears on the statement, who
among the claimants is an interested party, and which independent figures disagree."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..analysis.comparisons import compare, quantity_key
from ..core.values import text as _s
from .judgement_words import the

# officials of a party to the war: interested in any figure about its losses or recruitment
PARTIES = ("russian_official", "ukrainian_official")


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


def independent_claimants(rows: list[dict]) -> list[str]:
    return list(dict.fromkeys(_s(r.get("claimant")) for r in rows if not interested(r)))


def conflicts(rows: list[dict]) -> list[tuple[dict, dict]]:
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


def claimed_by(basis: Basis) -> list[str]:
    """The interested parties a judgement takes at their word (none unless `face_value`): the
    claimants of the legs every figure of which is theirs."""
    if not basis.face_value or not basis.support:  # nothing compared: nothing taken at anyone's word
        return []
    legs = [rows for rows in basis.legs.values() if rows and all(interested(r) for r in rows)]
    return list(dict.fromkeys(the(_s(r.get("claimant"))) for rows in legs for r in rows))
