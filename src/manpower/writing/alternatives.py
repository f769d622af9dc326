"""Alternatives weighed (ICD 203: consider alternatives; say what would change the judgement):
the competing readings the data itself holds, and for each key judgement the evidence that would
change it.

Computed from the rows, never typed for one data set: a warning of a new mobilisation set against
a denial (and whether the same article says the denier made that claim before an earlier
mobilisation); a claimed intake that rests on an interested party's count, against a lower real
intake no source measures. Items are plain text (a chapter escapes them with narrative.md).
"""
from __future__ import annotations

import re

import pandas as pd

from .judgement import Judgement
from .judgement_words import joined, the
from ..core.values import text as _s
from .watch import TELLS_EVENT, TELLS_WINDOW, indicators
from .wording import claim_when, month_year

MOBILISATION = re.compile(r"mobili[sz]", re.I)
# a denial whose own quote says it was made before an earlier mobilisation
SAID_BEFORE = re.compile(r"\bbefore\b[^.]*\bmobili[sz]ation\b", re.I)
DENIALS = ("statement", "denial")


def _gist(label: str) -> str:
    """An event's label without its "Who: " lead ("Danilov: full mobilisation may follow …")."""
    label = _s(label)
    return label.split(": ", 1)[1] if ": " in label else label


def _mobilisation_rows(ds, category: tuple[str, ...]) -> list[dict]:
    ev = ds.events
    hit = ev[ev["category"].astype(str).isin(category)]
    text = hit["label"].astype(str) + " " + hit["quote"].astype(str)
    rows = hit[text.str.contains(MOBILISATION)].sort_values("date_start", kind="stable")
    if "low" in rows.columns:  # a horizon ("three to four months") is the indicators' business
        rows = rows[rows["low"].isna()]
    return rows.drop_duplicates(subset=["label"], keep="last").to_dict("records")


def readings(ds, js: list[Judgement]) -> list[str]:
    """The competing readings the data holds, one sentence each."""
    by = {j.key: j for j in js}
    out = []
    warnings = _mobilisation_rows(ds, ("warning",))
    denials = _mobilisation_rows(ds, DENIALS)
    if warnings or denials:
        mob = ds.inflows[ds.inflows["channel"].astype(str) == "partial_mobilisation"].dropna(subset=["period_start"])
        warned = [f"{_s(w['claimant'])}, {claim_when(w)}, warned: {_gist(w['label'])}" for w in warnings[-2:]]
        denied = []
        for d in denials[-2:]:
            said = f"{_s(d['claimant'])}, {claim_when(d)}: {_gist(d['label'])}"
            if SAID_BEFORE.search(_s(d.get("quote"))) and len(mob):
                said += (f", a claim the same article says was also made before the mobilisation of "
                         f"{month_year(mob['period_start'].min())}")
            denied.append(said)
        text = "; ".join(warned)
        if denied:
            text += ("; against that, " if warned else "") + "; ".join(denied)
        out.append(f"On a second mobilisation: {text}.")
    rep = by.get("replacement")
    signups = rep.basis.legs.get("sign-ups", []) if rep is not None and rep.basis is not None else []
    who = list(dict.fromkeys(the(_s(r.get("claimant"))) for r in signups if _s(r.get("claimant_type")) in
                             ("russian_official",)))
    if who:
        out.append(f"Sign-ups as claimed against a lower real intake: the counts are {joined(who)}'s, and no "
                   "source says how many are new soldiers rather than re-signed contracts or mobilised men moved "
                   "onto contracts; the balance chapter's what-if shows how far the net turns on that share.")
    return out


def _article(label: str) -> str:
    """An event's label in running prose: "the Russian presidential election", not "and Russian
    presidential election"."""
    return label if label.lower().startswith(("the ", "a ", "an ")) else f"the {label}"


def would_change(ds, js: list[Judgement], as_of=None) -> list[str]:
    """For each judgement: its topic and what would change it, with the dated indicators that
    would show a new mobilisation added to the mobilisation judgement."""
    watch = [i for i in indicators(ds, as_of) if i.tells in (TELLS_EVENT["election"], TELLS_WINDOW) and not i.due]
    out = []
    for j in js:
        changes = list(j.changes)
        if j.key == "mobilisation" and watch:
            seen = joined([f"the end of the warned window ({i.when})" if i.tells == TELLS_WINDOW
                           else f"{_article(i.what)} ({i.when})" for i in watch[:2]])
            out.append(f"{j.topic}: {'; or '.join(changes)}. To watch: {seen}.")
            continue
        if changes:
            out.append(f"{j.topic}: {'; or '.join(changes)}.")
    return out


__all__ = ["readings", "would_change"]
