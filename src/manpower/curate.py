"""Curation in minutes: `manpower add` registers a new article, `manpower draft` proposes rows.

`add` copies an article's text into seeds/ and appends its row to seeds/sources.csv, validated
first and written so that nothing is half-done (both files or neither; nothing overwritten).
`draft` writes drafts/SOURCE_ID.csv with one candidate row per unaccounted mention of a seed —
the sentence as quote, the number, the qualifier, hedge and unit it reads, the table it guesses —
for the curator to correct and move into data/. Neither command touches data/.
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import re
import sys
import tempfile
from pathlib import Path

from . import dates as D
from .csvfile import read_text
from .errors import Problem
from .numbers import Mention
from .paths import project_root
from .qualifiers import HEDGES, POINT, QUALIFIERS, RANGE, implied_bounds, written_in
from .schema import SOURCES

DRAFT_COLUMNS = ("table", "id", "source_id", "seed_line", "mention", "mention_kind", "value", "low", "high", "unit",
                 "qualifier", "hedge", "kind", "bounds", "quote", "note")


class CurateError(Exception):
    """A refused `add` or `draft`: one line saying what and where."""


def slug(text: str, limit: int = 60) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s[:limit].rstrip("-") or "article"


def _precision_of(published: str) -> str:
    if "/" in published:
        return "interval"
    return {10: "day", 7: "month", 4: "year"}.get(len(published.strip()), "day")


def source_row(text_file: Path, outlet: str, headline: str, published: str, byline: str = "", url: str = "",
               accessed: str = "", licence: str = "", source_id: str = "", published_words: str = "",
               note: str = "") -> dict[str, str]:
    """The registry row `add` would write, validated against the schema (CurateError if not)."""
    from .data import _parse_cell

    published = published.strip()
    precision = _precision_of(published)
    try:
        rng = D.resolve(published, precision)
    except ValueError as exc:
        raise CurateError(f"--published: {exc}") from None
    sid = source_id or f"{slug(outlet, 30)}-{rng[0].isoformat()}"
    if url and not re.match(r"^https?://\S+$", url):
        raise CurateError(f"--url: expected an http(s) address, got {url!r}")
    row = {"source_id": sid, "outlet": outlet.strip(), "headline": headline.strip(), "byline": byline.strip(),
           "published": published, "published_precision": precision, "published_words": published_words,
           "file": f"{sid}-{slug(headline, 50)}.txt", "url": url.strip(), "accessed": accessed.strip(),
           "licence": licence.strip(), "note": note}
    problems: list[Problem] = []
    for col in SOURCES.columns:
        _parse_cell(col, row[col.name], "the new source", 0, problems)
    if problems:
        p = problems[0]
        raise CurateError(f"--{p.column.replace('_', '-')}: {p.message}" + (f" (value: {p.value!r})" if p.value else ""))
    return row


def add(text_file: Path, seeds: Path, **fields: str) -> dict[str, str]:
    """Copy `text_file` into `seeds` and append its registry row; both or neither."""
    text, problems = read_text(Path(text_file), str(text_file))
    if text is None:
        raise CurateError(f"{text_file}: {problems[0].message}")
    if not text.strip():
        raise CurateError(f"{text_file}: the article is empty")
    row = source_row(Path(text_file), **fields)
    registry = seeds / "sources.csv"
    old, problems = read_text(registry, str(registry))
    if old is None:
        raise CurateError(f"{registry}: {problems[0].message}")
    existing = list(csv.DictReader(io.StringIO(old)))
    if any(r.get("source_id") == row["source_id"] for r in existing):
        raise CurateError(f"{registry}: source_id {row['source_id']!r} is already registered (pass --source-id to choose another)")
    target = seeds / row["file"]
    if target.exists() or any(r.get("file") == row["file"] for r in existing):
        raise CurateError(f"{target}: already exists; refusing to overwrite")
    header = next(csv.reader(io.StringIO(old)))
    if set(header) != set(SOURCES.names):
        raise CurateError(f"{registry}: its header is not the registry's ({','.join(SOURCES.names)}); run `manpower check`")
    buf = io.StringIO()
    csv.DictWriter(buf, fieldnames=header, lineterminator="\n").writerow(row)
    new = old + ("" if old.endswith("\n") else "\n") + buf.getvalue()
    seed_tmp = reg_tmp = None
    try:
        fd, seed_tmp = tempfile.mkstemp(dir=seeds, prefix=".add-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        fd, reg_tmp = tempfile.mkstemp(dir=seeds, prefix=".add-", suffix=".csv")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(new)
        os.link(seed_tmp, target)  # fails if the target appeared meanwhile: never overwrite
        try:
            os.replace(reg_tmp, registry)
        except OSError:
            target.unlink()
            raise
        reg_tmp = None
    except OSError as exc:
        raise CurateError(f"{seeds}: could not write ({exc.strerror or exc}); nothing was changed") from None
    finally:
        for tmp in (seed_tmp, reg_tmp):
            if tmp and os.path.exists(tmp):
                os.unlink(tmp)
    return row


_SENTENCE_END = re.compile(r"(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z][a-z])(?<!\b[A-Z])[.!?][\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
_TABLE_WORDS = (
    ("foreign", r"foreign|citizens? of|nationals|migrants?|mercenar|recruited abroad|repatriat"),
    ("conscription", r"conscript|call-?ups?|draft age|aged|age limit"),
    ("losses", r"killed|dead|died|wounded|casualt|losses|deserted|captured|missing|prisoners of war"),
    ("inflows", r"mobilis|mobiliz|signed up|sign-ups|contracts?|volunteers?|recruits?|enlisted"),
)


def paragraph(seed, offset: int) -> tuple[str, int, int]:
    """(normalised text, start, end) of the paragraph holding `offset`: a blank line (or more) in
    the original seed separates paragraphs, so a headline is not glued to the first sentence."""
    text, line_of = seed.text, seed.line_of
    start = offset
    while start > 0 and line_of(start) - line_of(start - 1) < 2:
        start -= 1
    end = offset
    while end < len(text) - 1 and line_of(end + 1) - line_of(end) < 2:
        end += 1
    return text, start, end + 1


def sentence_at(text: str, para_start: int, para_end: int, m: Mention) -> str:
    """The sentence of the paragraph text[para_start:para_end] that holds the mention."""
    begin, chunk = para_start, text[para_start:para_end]
    for hit in _SENTENCE_END.finditer(chunk):
        end = para_start + hit.start() + 1
        if end <= m.start:
            begin = para_start + hit.end()
        elif end >= m.end:
            return text[begin:end].strip()
    return text[begin:para_end].strip()


def read_mention(sentence: str, m: Mention, before: str, after: str) -> dict[str, str]:
    """What a draft row says about one mention: value/low/high, unit, qualifier, hedge, kind, table."""
    row = {"mention": m.text, "mention_kind": m.kind}
    qualifier = ""
    for q in sorted((q for q in QUALIFIERS if q and q not in RANGE), key=len, reverse=True):
        if re.search(r"(?<!\w)" + r"\s+".join(map(re.escape, q.split())) + r"\s*(?:of\s+)?$", before, re.IGNORECASE):
            qualifier = q.lower()
            break
    hedge = next((h for h in sorted(HEDGES, key=len, reverse=True) if written_in(h, sentence)), "")
    after_l, before_l = after.lower(), before.lower()
    if m.kind == "date":
        row.update(table="events", kind="", unit="", qualifier="", hedge="")
        return row
    if m.kind == "percent":
        unit = "percent"
    elif before_l.rstrip().endswith("$"):
        unit = "usd_per_month" if re.match(r"\s*(a|per) month", after_l) else "usd_one_off"
    elif re.match(r"\s*(roubles|rubles)", after_l):
        unit = "rub_per_month" if re.search(r"(a|per) month", after_l[:30]) else "rub_one_off"
    elif re.search(r"aged\s*$|age of\s*$", before_l) or re.match(r"\s*years? old", after_l):
        unit = "age_years"
    elif re.match(r"\s*years?\b", after_l) or m.kind == "duration":
        unit = "years"
    elif re.match(r"\s*months?\b", after_l):
        unit = "months"
    else:
        unit = "people"
    table = next((t for t, rx in _TABLE_WORDS if re.search(rx, sentence, re.IGNORECASE)), "losses")
    value = m.values[0] if m.values else None
    low = high = None
    if m.bounds:
        low, high = m.bounds
        qualifier = m.text.lower()
    elif value is not None:
        b = implied_bounds(qualifier, value, None, None, unit)  # whole people, as check wants
        if isinstance(b, tuple):
            low, high = b
    kind = "count"
    if hedge:
        kind = HEDGES[hedge][1][0]
    elif m.bounds or (qualifier and POINT.get(qualifier, (1, 1)) != (1.0, 1.0) and POINT.get(qualifier, (0, 0))[1] is not None
                      and POINT.get(qualifier, (0, 0))[0] is not None):
        kind = "estimate"
    elif qualifier and POINT.get(qualifier, (1, 1))[1] is None:
        kind = "floor"
    elif qualifier and POINT.get(qualifier, (1, 1))[0] is None:
        kind = "ceiling"
    fmt = lambda x: "" if x is None else (f"{x:.0f}" if float(x).is_integer() else f"{x:g}")
    row.update(table=table, value="" if m.bounds else fmt(value), low=fmt(low), high=fmt(high), unit=unit,
               qualifier=qualifier, hedge=hedge, kind=kind, bounds="convention" if (low is not None or high is not None) else "")
    return row


def draft(source_id: str, data: Path, seeds: Path, drafts: Path, force: bool = False) -> tuple[Path, int]:
    """Write drafts/SOURCE_ID.csv; return its path and how many candidate rows it holds."""
    from .data import examine

    result = examine(data, seeds)
    if source_id not in result.seeds:
        known = ", ".join(sorted(result.seeds)) or "none"
        raise CurateError(f"unknown source {source_id!r} (or its seed could not be read); known: {known}")
    target = drafts / f"{source_id}.csv"
    if target.exists() and not force:
        raise CurateError(f"{target}: a draft is already there (your edits?); move it away or pass --force")
    seed = result.seeds[source_id]
    cov = next(c for c in result.coverage if c.source_id == source_id)
    found = [(line, m, sentence_at(*paragraph(seed, m.start), m)) for line, m in cov.unaccounted]
    with_numbers = {sent for _, m, sent in found if m.kind != "date"}
    rows = []
    for n, (line, m, sentence) in enumerate(found, 1):
        row = read_mention(sentence, m, seed.text[max(0, m.start - 40):m.start], seed.text[m.end:m.end + 40])
        if m.kind == "date" and sentence in with_numbers:
            row["note"] = ("probably the date words of a figure in this sentence: put them in that row's "
                           "claim_date_words or period_words, or make an event of them")
        row.update(id=f"{row['table'][:4]}-{slug(source_id, 40)}-{n:02d}", source_id=source_id, seed_line=str(line),
                   quote=sentence, note=(row.get("note", "") + "; " if row.get("note") else "")
                   + "DRAFT: check every cell against the codebook, then move the row into "
                   f"data/{row['table']}.csv (or name the mention in data/exclusions.csv)")
        rows.append(row)
    drafts.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=DRAFT_COLUMNS, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({c: r.get(c, "") for c in DRAFT_COLUMNS})
    fd, tmp = tempfile.mkstemp(dir=drafts, prefix=".draft-", suffix=".csv")
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())
    os.replace(tmp, target)
    return target, len(rows)


def _add_cmd(args: argparse.Namespace) -> int:
    root = project_root()
    seeds = args.seeds or root / "seeds"
    try:
        row = add(args.file, seeds, outlet=args.outlet, headline=args.headline, published=args.published,
                  byline=args.byline, url=args.url, accessed=args.accessed, licence=args.licence,
                  source_id=args.source_id, published_words=args.published_words)
    except CurateError as exc:
        print(f"manpower add: {exc}", file=sys.stderr)
        return 1
    print(f"added {row['source_id']}: {seeds / row['file']} and its row in {seeds / 'sources.csv'}")
    print(f"next: manpower draft {row['source_id']}")
    return 0


def _draft_cmd(args: argparse.Namespace) -> int:
    root = project_root()
    try:
        path, n = draft(args.source_id, args.data or root / "data", args.seeds or root / "seeds",
                        args.out or root / "drafts", args.force)
    except CurateError as exc:
        print(f"manpower draft: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {path}: {n} candidate row(s), one per unaccounted mention; data/ is unchanged")
    return 0


def add_parsers(sub) -> None:
    """Register `add` and `draft` on the `manpower` command's subparsers."""
    p = sub.add_parser("add", help="copy an article into seeds/ and register it in seeds/sources.csv",
                       description="Copy FILE (plain UTF-8 text) into seeds/ and append its row to seeds/sources.csv, "
                                   "validated first; nothing is overwritten and nothing is half-written.")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--outlet", required=True)
    p.add_argument("--headline", required=True)
    p.add_argument("--published", required=True, help="YYYY-MM-DD, YYYY-MM, YYYY or START/END")
    p.add_argument("--published-words", default="", help="the dateline as printed")
    p.add_argument("--byline", default="")
    p.add_argument("--url", default="")
    p.add_argument("--accessed", default="", help="YYYY-MM-DD the page was read")
    p.add_argument("--licence", default="", help="rights note: licence or basis for keeping the text")
    p.add_argument("--source-id", default="", help="default: OUTLET-PUBLISHED as a slug")
    p.add_argument("--seeds", type=Path, default=None, metavar="DIR", help="default: seeds/")
    p.set_defaults(func=_add_cmd)
    p = sub.add_parser("draft", help="write drafts/SOURCE_ID.csv: a candidate row per unaccounted mention",
                       description="Write drafts/SOURCE_ID.csv with one candidate row per unaccounted mention of the "
                                   "seed: the sentence as quote, the number, the qualifier and unit it reads, the "
                                   "table it guesses. Correct the rows and move them into data/; data/ is not touched.")
    p.add_argument("source_id", metavar="SOURCE_ID")
    p.add_argument("--data", type=Path, default=None, metavar="DIR")
    p.add_argument("--seeds", type=Path, default=None, metavar="DIR")
    p.add_argument("--out", type=Path, default=None, metavar="DIR", help="default: drafts/")
    p.add_argument("--force", action="store_true", help="replace an existing draft")
    p.set_defaults(func=_draft_cmd)
