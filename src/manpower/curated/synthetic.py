"""A synthetic but valid dataset of any size, for scale tests and the benchmark.

Every figure is a sentence of a generated seed article that states it, so the whole dataset
passes `manpower check` (quotes found, numbers stated, bounds per qualifier, nothing
unaccounted) and the report renders from it like from the real data.
"""
from __future__ import annotations

import csv
import random
import shutil
from datetime import date
from pathlib import Path

from ..vocabulary.schema import EXCLUSIONS, FIGURE_TABLES, SOURCES

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
CLAIMANTS = (("UK Ministry of Defence", "western_government"), ("US intelligence", "western_government"),
             ("Russian government", "russian_official"), ("Ukrainian government", "ukrainian_official"),
             ("Reuters", "news_agency"))
EVENT_LABELS = ("Mobilisation announcement", "Recruitment decree", "Official statement", "Intelligence report",
                "Warning of mobilisation", "Election date set")


def _month(rng: random.Random) -> tuple[int, int]:
    k = rng.randrange(0, 26)  # Mar 2022 .. Apr 2024
    return 2022 + (k + 2) // 12, (k + 2) % 12 + 1


def _figure(rng: random.Random, table: str, i: int, sid: str) -> tuple[dict, str]:
    """One curated row and the seed sentence that states it."""
    year, month = _month(rng)
    mname = MONTHS[month - 1]
    claimant, ctype = rng.choice(CLAIMANTS)
    base = {"id": f"{table}-synth-{i:06d}", "source_id": sid, "claimant": claimant, "claimant_type": ctype,
            "claim_date": f"{year}-{month:02d}", "claim_date_precision": "month", "claim_date_words": f"in {mname} {year}"}
    value = rng.randrange(1, 400) * 1000
    q = rng.choice(["", "approximately", "more than", "up to", "tens of thousands"])
    if q == "tens of thousands":
        nums = {"low": 10000, "high": 99999}
        stated = "tens of thousands of"
    else:
        lo, hi = {"": (1, 1), "approximately": (0.95, 1.05), "more than": (1, None), "up to": (None, 1)}[q]
        nums = {"value": value, "low": "" if lo is None else round(value * lo, 6), "high": "" if hi is None else round(value * hi, 6)}
        nums = {k: (int(v) if isinstance(v, float) and v.is_integer() else v) for k, v in nums.items()}
        stated = f"{q + ' ' if q else ''}{value:,}"
    kind = {"": "count", "approximately": "estimate", "more than": "floor", "up to": "ceiling",
            "tens of thousands": "estimate"}[q]
    nums.update(unit="people", qualifier=q, kind=kind, bounds="convention")
    if table == "losses":
        measure = rng.choice(["killed_or_wounded", "deserted", "killed"])
        words = {"killed_or_wounded": "killed or wounded", "deserted": "deserted", "killed": "killed"}[measure]
        text = f"The {claimant} said in {mname} {year} that {stated} Russian soldiers were {words}, by its count ref{i}."
        row = {**base, **nums, "measure": measure, "period_start": "2022-02", "period_end": f"{year}-{month:02d}",
               "period_words": "since the war began", "basis": "cumulative", "side": "russian"}
        if rng.random() < 0.2:  # a figure for a period, not since the start of the war
            text = f"The {claimant} said in {mname} {year} that {stated} Russian soldiers were {words} that month, by its count ref{i}."
            row.update(period_start=f"{year}-{month:02d}", period_words="that month", basis="flow")
    elif table == "inflows":
        channel = rng.choice(["contract_signups", "partial_mobilisation"])
        text = f"The {claimant} claimed in {mname} {year} that {stated} men joined the forces, in tally ref{i}."
        row = {**base, **nums, "country": "Russia", "channel": channel, "period_start": str(year), "period_end": str(year),
               "period_words": "that year", "basis": "flow", "side": "russian"}
    elif table == "foreign":
        text = f"The {claimant} reported in {mname} {year} that {stated} foreign recruits were sought, in note ref{i}."
        row = {**base, **nums, "aspect": "migrant_pool", "subject": f"Recruitment pool {i}", "basis": "stock",
               "period_end": f"{year}-{month:02d}", "side": "other"}
    elif table == "conscription":
        lo_age, hi_age = 18, rng.choice([27, 30])
        text = f"The {claimant} said in {mname} {year} that men aged {lo_age} to {hi_age} are called up, rule ref{i}."
        row = {**base, "low": lo_age, "high": hi_age, "unit": "age_years", "qualifier": "to", "kind": "rule",
               "bounds": "stated", "side": "russian",
               "regime": "after" if hi_age == 30 else "before", "measure": "age_window", "country": "Russia"}
    else:  # events
        label = f"{rng.choice(EVENT_LABELS)} ref{i}"  # one event each: the timeline keeps one mark per label
        text = f"The {claimant} marked an event in {mname} {year}: {label.lower()}, entry ref{i}."
        row = {**base, "category": rng.choice(["statement", "decree", "report", "warning"]), "label": label,
               "date": f"{year}-{month:02d}", "date_precision": "month", "date_words": f"in {mname} {year}"}
    row["quote"] = text
    return row, text


def _breakdown(whole: dict, i: int) -> list[tuple[dict, str]]:
    """An interval with its level beside a stated breakdown by force (two parts adding up)."""
    keep = {k: whole[k] for k in ("source_id", "claimant", "claimant_type", "claim_date", "claim_date_precision",
                                  "claim_date_words", "period_start", "period_end", "period_words", "basis", "side")}
    low, high = 40_000 + 1_000 * (i % 50), 60_000 + 1_000 * (i % 50)
    army, pmc = low // 2, low - low // 2
    t1 = f"With 95% probability between {low:,} and {high:,} Russian soldiers were killed, estimate ref{i}."
    t2 = f"By force, ref{i} counts {low:,} killed in all: {army:,} in the army and {pmc:,} in a private company."
    base = {**keep, "measure": "killed", "unit": "people"}
    total_id = f"losses-synth-{i:06d}-total"
    return [
        ({**base, "id": f"losses-synth-{i:06d}-interval", "low": low, "high": high, "qualifier": "between", "kind": "interval",
          "level": 95, "bounds": "stated", "quote": t1}, t1),
        ({**base, "id": total_id, "value": low, "low": low, "high": low, "kind": "count", "bounds": "convention",
          "group": f"synth-{i:06d}", "quote": t2}, t2),
        ({**base, "id": f"losses-synth-{i:06d}-army", "value": army, "low": army, "high": army, "kind": "count",
          "bounds": "convention", "group": f"synth-{i:06d}", "part_of": total_id, "scope": "army", "scope_class": "regular_forces", "quote": t2}, ""),
        ({**base, "id": f"losses-synth-{i:06d}-pmc", "value": pmc, "low": pmc, "high": pmc, "kind": "count",
          "bounds": "convention", "group": f"synth-{i:06d}", "part_of": total_id, "scope": "private company", "scope_class": "private_military_company", "quote": t2}, ""),
    ]


def _part(rng: random.Random, whole: dict, i: int) -> tuple[dict, str] | None:
    """A subset of a losses row (officers among them), stated in its own sentence; or None."""
    if whole.get("value") in (None, "") or whole.get("qualifier") not in ("", "approximately"):
        return None
    part = max(1, int(whole["value"]) // rng.choice([5, 10, 20]))
    text = f"Of the {whole['claimant']} figure ref{i}, {part:,} were officers."
    row = {k: whole[k] for k in ("source_id", "claimant", "claimant_type", "claim_date", "claim_date_precision",
                                 "claim_date_words", "measure", "period_start", "period_end", "period_words",
                                 "basis", "side")}
    row.update(id=f"{whole['id']}-officers", value=part, low=part, high=part, unit="people", qualifier="",
               kind="count", bounds="convention", scope="officers", scope_class="officers", part_of=whole["id"], quote=text)
    return row, text


def generate(root: str | Path, n_sources: int, n_figures: int, seed: int = 0) -> Path:
    """Write seeds/ and data/ under `root` (replacing them) and return `root`."""
    rng = random.Random(seed)
    root = Path(root)
    for d in ("seeds", "data"):
        shutil.rmtree(root / d, ignore_errors=True)
        (root / d).mkdir(parents=True)
    weights = (("losses", 0.3), ("inflows", 0.25), ("conscription", 0.05), ("foreign", 0.2), ("events", 0.2))
    sentences: dict[str, list[str]] = {f"synth-{s:04d}": [] for s in range(n_sources)}
    rows: dict[str, list[dict]] = {t.name: [] for t in FIGURE_TABLES}
    names = [t for t, _ in weights]
    cum = [w for _, w in weights]
    count = i = 0
    while count < n_figures:
        table = rng.choices(names, cum)[0]
        sid = f"synth-{i % n_sources:04d}"
        row, text = _figure(rng, table, i, sid)
        rows[table].append(row)
        sentences[sid].append(text)
        count += 1
        if table == "losses" and count < n_figures and rng.random() < 0.1 and (part := _part(rng, row, i)):
            rows[table].append(part[0])
            sentences[sid].append(part[1])
            count += 1
        if table == "losses" and count + 4 <= n_figures and rng.random() < 0.05:
            for extra, text in _breakdown(row, i):
                rows[table].append(extra)
                if text:
                    sentences[sid].append(text)
                count += 1
        i += 1
    published = date(2024, 6, 30)
    src_rows = []
    for sid, sents in sentences.items():
        fname = f"{sid}.txt"
        (root / "seeds" / fname).write_text("A synthetic article\n\n" + "\n\n".join(sents) + "\n", encoding="utf-8")
        src_rows.append({"source_id": sid, "outlet": f"Synthetic Outlet {sid[-4:]}", "headline": f"Synthetic article {sid}",
                         "byline": "", "published": published.isoformat(), "published_precision": "day",
                         "published_words": "", "file": fname, "note": ""})
    _write(root / "seeds" / "sources.csv", SOURCES.names, src_rows)
    for t in FIGURE_TABLES:
        _write(root / "data" / t.file, t.names, rows[t.name])
    _write(root / "data" / EXCLUSIONS.file, EXCLUSIONS.names, [])
    return root


def _write(path: Path, columns: list[str], rows: list[dict]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=columns, lineterminator="\n", extrasaction="raise")
        w.writeheader()
        for r in rows:
            w.writerow({c: r.get(c, "") for c in columns})
