"""What changed since a previous report (ICD 203: explain changes from the last assessment).

A report folder holds manifest.json (its name, date and parameters), figures.csv (every figure of
its selection), data/<table>.csv (the same rows with every column) and judgements.json (its key
judgements, written by `save_judgements`). `changes(previous, ds, judgements)` compares the
current selection with that folder: figures added, estimates revised (a claimant's figure about
the same quantity with a new value, or a row whose numbers changed) and judgements whose
likelihood or confidence moved.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..analysis.comparisons import QUANTITY_KEYS, quantity_key
from ..analysis.rows import rows_of
from ..errors import ManpowerError
from .gaps import _what
from .judgement_words import claim_words
from .narrative import fmt_date, fmt_figure, md
from ..vocabulary.schema import FIGURE_TABLES
from .wording import claim_when

JUDGEMENTS_FILE = "judgements.json"
ADDED_LISTED = 12  # added figures listed by name (the most recently claimed); figures.csv holds every one
NUMBERS = ("value", "low", "high")


class SinceError(ManpowerError, ValueError):
    """The previous report cannot be read: one line naming the file and what is wrong."""


@dataclass(frozen=True)
class Revision:
    claimant: str
    what: str
    before: str
    after: str
    ids: tuple[str, str]


@dataclass(frozen=True)
class Move:
    topic: str
    before: str  # "likely, low confidence" (or "not made")
    after: str


@dataclass
class Changes:
    previous: str  # the previous report's name
    previous_date: str  # its document date (YYYY-MM-DD)
    added: list[dict] = field(default_factory=list)  # rows of the current selection new since then
    revised: list[Revision] = field(default_factory=list)
    moved: list[Move] = field(default_factory=list)
    judged: bool = True  # the previous report kept its judgements (judgements.json)

    @property
    def empty(self) -> bool:
        return not (self.added or self.revised or self.moved)


def save_judgements(judgements, folder: Path) -> Path:
    """judgements.json in a report folder, for the next report's comparison."""
    out = Path(folder) / JUDGEMENTS_FILE
    out.write_text(json.dumps([j.as_dict() for j in judgements], indent=2, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    return out


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SinceError(f"{path}: not found; --since needs a report folder rendered by manpower") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SinceError(f"{path}: cannot be read as JSON ({str(exc).splitlines()[0]})") from None


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SinceError(f"{path}: not found; --since needs a report folder rendered by manpower") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SinceError(f"{path}: cannot be read ({exc})") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or "id" not in reader.fieldnames:
        raise SinceError(f"{path}: has no 'id' column; is it a report's figures.csv?")
    return list(reader)


def read_previous(folder: Path) -> tuple[dict, list[dict], dict[str, dict], list[dict]]:
    """(manifest, figures.csv rows, {id: full row from data/<table>.csv}, judgements) of a report folder."""
    folder = Path(folder)
    if not folder.is_dir():
        raise SinceError(f"{folder}: not a report folder")
    manifest = _read_json(folder / "manifest.json")
    if not isinstance(manifest, dict):
        raise SinceError(f"{folder / 'manifest.json'}: not a report manifest (expected a JSON object)")
    figures = _read_csv(folder / "figures.csv")
    full: dict[str, dict] = {}
    for table in dict.fromkeys(r.get("table") or "" for r in figures):
        t = folder / "data" / f"{table}.csv"
        if table and t.is_file():
            full.update({row["id"]: row for row in _read_csv(t)})
    for r in figures:  # a folder without data/: what figures.csv gives
        full.setdefault(r["id"], r)
    jpath = folder / JUDGEMENTS_FILE
    judgements = _read_json(jpath) if jpath.exists() else None  # a report from before judgements were kept
    if judgements is not None and not isinstance(judgements, list):
        raise SinceError(f"{jpath}: expected a list of judgements")
    for n, j in enumerate(judgements or [], 1):
        if not isinstance(j, dict) or not all(isinstance(j.get(k), str) for k in ("key", "likelihood", "confidence")):
            raise SinceError(f"{jpath}: judgement {n} has no key, likelihood or confidence")
    return manifest, figures, full, judgements


def _num(v) -> float | None:
    try:
        return None if v is None or v == "" or pd.isna(v) else float(v)
    except (TypeError, ValueError):
        return None


def _numbers(r) -> tuple:
    return tuple(_num(r.get(c)) for c in NUMBERS)


def _key(r) -> tuple:
    return (str(r.get("claimant", "")),) + quantity_key({k: (v if v != "" else None) for k, v in r.items()})


def _shown(r) -> str:
    row = {k: (None if v == "" else v) for k, v in r.items()}
    for c in NUMBERS:
        row[c] = _num(row.get(c))
    return fmt_figure(pd.Series(row))


def _level(d: dict | None) -> str:
    return "not made" if d is None else f"{d.get('likelihood', '?')}, {d.get('confidence', '?')} confidence"


def changes(previous: Path, ds, judgements) -> Changes:
    """The changes between the report folder `previous` and the current selection `ds` with its
    `judgements`."""
    manifest, figures, full, old_j = read_previous(previous)
    old_ids = {r["id"] for r in figures}
    out = Changes(str(manifest.get("name", Path(previous).name)), str(manifest.get("document_date", ""))[:10])
    rows = [r for t in FIGURE_TABLES for r in rows_of(ds.tables[t.name])]  # every column: a quantity's key
    by_key: dict[tuple, list[dict]] = {}
    for i, r in full.items():
        if any(n is not None for n in _numbers(r)):
            by_key.setdefault(_key(r), []).append(r)
    for r in rows:
        if r["id"] in full and r.get("unit") is not None and not pd.isna(r.get("unit")):
            before = full[r["id"]]
            if _numbers(before) != _numbers(r) and any(n is not None for n in _numbers(r)):
                out.revised.append(Revision(str(r["claimant"]), _what(r), _shown(before), fmt_figure(r),
                                            (r["id"], r["id"])))
            continue
        if r["id"] in old_ids:
            continue
        out.added.append(r)
        if any(pd.notna(r.get(c)) for c in NUMBERS):
            olds = by_key.get(_key({k: ("" if v is None or (not isinstance(v, str) and pd.isna(v)) else v)
                                    for k, v in r.items() if k in ("claimant", "scope", *QUANTITY_KEYS)}), [])
            changed = [o for o in olds if _numbers(o) != tuple(None if pd.isna(r.get(c)) else float(r[c]) for c in NUMBERS)]
            if changed:
                o = changed[-1]
                out.revised.append(Revision(str(r["claimant"]), _what(r), _shown(o), fmt_figure(r), (o["id"], r["id"])))
    out.judged = old_j is not None
    old = {d["key"]: d for d in old_j} if old_j is not None else {}
    new = {j.key: j for j in judgements}
    for key in list(dict.fromkeys([*old, *new])) if out.judged else []:
        a, b = old.get(key), new.get(key)
        after = None if b is None else {"likelihood": b.likelihood.word, "confidence": b.confidence}
        if a is None and b is None:
            continue
        if a is not None and after is not None and (a.get("likelihood"), a.get("confidence")) == \
                (after["likelihood"], after["confidence"]):
            continue
        topic = b.topic if b is not None else str(a.get("topic", key))
        out.moved.append(Move(topic, _level(a), _level(after)))
    return out


def added_words(r: dict) -> str:
    """An added figure as a desk writes it ('UK Ministry of Defence, November 2023: approximately
    302,000 killed or wounded'); an event by its label and date."""
    if any(pd.notna(r.get(c)) for c in NUMBERS):
        return claim_words(r, what=_what(r, scope=False))
    label = r.get("label") if pd.notna(r.get("label")) else r.get("subject")
    when = claim_when(r)
    return f"{r.get('claimant')}{', ' + when if when else ''}: {label if label is not None and pd.notna(label) else 'a statement'}"


def _day(iso: str) -> str:
    try:
        return fmt_date(iso, iso, "day")
    except ValueError:
        return iso


def markdown(c: Changes, md=lambda s: s) -> str:
    """The section: figures added, estimates revised, judgements moved (data text through `md`)."""
    head = f"Since the report “{md(c.previous)}”" + (f" of {_day(c.previous_date)}" if c.previous_date else "")
    if c.empty:
        return (f"{head}, no figure was added or revised and no judgement moved."
                if c.judged else f"{head}, no figure was added or revised; that report kept no judgements to compare.")
    parts = []
    if c.added:
        n = len(c.added)
        counts = [r for r in c.added if str(r.get("unit")) == "people" and any(pd.notna(r.get(x)) for x in NUMBERS)]
        shown = sorted(counts, key=lambda r: pd.Timestamp(r["claim_date_end"]) if pd.notna(r.get("claim_date_end"))
                       else pd.Timestamp.min)[-ADDED_LISTED:]
        rest = n - len(shown)
        lines = [f"- {md(added_words(r))}" for r in shown]
        if rest:
            lines.append(f"- …and {rest} more (terms, payments, events{', earlier counts' if len(counts) > len(shown) else ''}), "
                         "all in figures.csv beside this report.")
        intro = "the counts of people among them:" if shown else "none of them a count of people:"
        parts.append(f"{head}, {n} figure{'s were' if n != 1 else ' was'} added; {intro}\n\n" + "\n".join(lines))
    if c.revised:
        parts.append("Estimates revised:\n\n" + "\n".join(
            f"- {md(r.claimant)}, {md(r.what)}: {md(r.before)} then, {md(r.after)} now." for r in c.revised))
    if c.moved:
        parts.append("Judgements that moved:\n\n" + "\n".join(
            f"- {md(m.topic)}: {md(m.before)} then; {md(m.after)} now." for m in c.moved))
    if not c.added:
        parts.insert(0, f"{head}, no figure was added.")
    if not c.judged:
        parts.append("That report kept no judgements, so none can be compared.")
    return "\n\n".join(parts)


def section(c: Changes) -> str:
    """The appendix "What changed since the last report" (the report's back matter, first)."""
    return "# What changed since the last report\n\n" + markdown(c, md)
