"""`manpower draft`: drafts/SOURCE_ID.csv with one candidate row per claim among the unaccounted
mentions of a seed (a range, an interval with its level, a total's parts: see `reading`), the
sentence as quote, the figure and what the words around it say, with what the draft is unsure of
in a `review` column, for the curator to correct and mark `keep` = yes, then `manpower accept`
(accept.py) files them into data/. It never touches data/ (it refuses any project folder but drafts/).
"""
from __future__ import annotations

import bisect
import csv
import io
import os
import re
import tempfile
from datetime import date
from pathlib import Path

from ..core import dates as D
from ..vocabulary.csvfile import read_text
from ..errors import CurateError
from ..paths import drafts_dir, is_project, project_part, project_root
from ..vocabulary.schema import TABLES
from .claim import Context
from .add import slug
from .mentions import BULLETS, MENTION_LIMIT, QUOTE_LIMIT, Sentences, read_mention


DRAFT_COLUMNS = ("keep", "table", "id", "source_id", "seed_line", "mention", "mention_kind", "review", "claimant", "claimant_type",
                 "country", "regime", "voted", "voted_precision", "voted_words", "effective",
                 "effective_precision", "effective_words", "measure", "channel", "aspect", "category", "date", "date_precision", "date_words",
                 "period_start", "period_end", "period_words", "value", "low", "high", "unit", "qualifier", "hedge",
                 "kind", "level", "bounds", "basis", "side", "scope", "scope_class", "part_of", "group", "claim_date",
                 "claim_date_precision", "claim_date_words", "reason", "quote", "note")
# the draft's own columns: the curator's choice (keep, table), where the number is (seed_line,
# mention, mention_kind) and what the draft doubts (review). `accept` never refuses them on a row
# and copies them only into a table that has such a column (exclusions' mention).
DRAFT_OWN = ("keep", "table", "seed_line", "mention", "mention_kind", "review")


def published_of(row: dict[str, str]) -> date | None:
    """The first day of a registry row's publication (None when it does not parse)."""
    try:
        return D.resolve(row.get("published", "").strip(), row.get("published_precision", "").strip() or "day")[0]
    except ValueError:
        return None


def _registry_row(seeds: Path, source_id: str) -> dict[str, str]:
    """The source's row of the registry ({} when unreadable)."""
    text, _ = read_text(seeds / "sources.csv", "sources.csv")
    return next((r for r in csv.DictReader(io.StringIO(text or "")) if r.get("source_id") == source_id), {})


def check_draft_folder(drafts: Path, data: Path, seeds: Path) -> None:
    """Refuse a draft folder inside data/, seeds/ or any other folder of the project but drafts/:
    a draft in data/ would be a stray table (and `draft` promises data/ is not touched)."""
    out = drafts.resolve()
    inside = lambda folder: out == folder or folder in out.parents
    for folder in (data.resolve(), seeds.resolve()):
        if inside(folder):
            raise CurateError(f"--out {drafts}: is inside {folder.name}/, which a draft never touches; "
                              f"use drafts/ (the default) or a folder outside the project")
    for root in {project_root().resolve(), data.resolve().parent}:
        part = project_part(out, root)
        if is_project(root) and part not in (None, drafts_dir(root).name):
            where = "the project folder itself" if part == "" else f"the project's {part}/"
            raise CurateError(f"--out {drafts}: is {where}; a draft goes to drafts/ (the default) "
                              f"or a folder outside the project")


LIST_RUN = 10  # this many numbers in a row with nothing but separators between them are a list
_SEPARATORS = re.compile(r"[\s,;:/()\[\]|+–—-]*")


def bare_runs(text: str, found: list) -> list:
    """The mentions to draft, as (line, mention, sentence, run): a run of LIST_RUN or more numbers
    with only separators between them (a table flattened to text, a list of ids) is one item, its
    first mention standing for the run; every other mention is an item of run 1."""
    out, i = [], 0
    while i < len(found):
        j = i
        while (j + 1 < len(found) and found[j + 1][1].kind != "date" and found[i][1].kind != "date"
               and _SEPARATORS.fullmatch(text, found[j][1].end, found[j + 1][1].start)):
            j += 1
        run = j - i + 1
        if run >= LIST_RUN:
            out.append((*found[i], run))
        else:
            out.extend((*found[k], 1) for k in range(i, j + 1))
        i = j + 1
    return out


def _pieces(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """A sentence, or a longer one cut at spaces into pieces of about QUOTE_LIMIT characters: what
    is read together (a paragraph with no full stop must not be read whole once per number)."""
    if end - begin <= 2 * QUOTE_LIMIT:
        return [(begin, end)]
    out, at = [], begin
    while at < end:
        cut = end if end - at <= QUOTE_LIMIT else text.rfind(" ", at + 1, at + QUOTE_LIMIT)
        cut = cut if cut > at else min(end, at + QUOTE_LIMIT)
        out.append((at, cut))
        at = cut
    return out


_REQUIRED = {t.name: tuple(c.name for c in t.columns if c.required and c.name not in ("id", "source_id", "quote"))
             for t in TABLES}


def _unfilled(row: dict) -> list[str]:
    """Review notes for the cells check requires that the draft left empty (a label, a subject, a
    basis for a count): a row with an empty `review` passes check as it is."""
    missing = [c for c in _REQUIRED.get(row.get("table", ""), ()) if not row.get(c)]
    if row.get("unit") in ("people", "things") and (row.get("value") or row.get("low") or row.get("high")) \
            and not row.get("basis") and row.get("table") != "conscription":
        missing.append("basis")
    return [f"to fill: {', '.join(missing)} (required, not read from the words)"] if missing else []


HEADLINE_ZONE = 1000  # characters at the top of an article where a line standing alone is its headline
_LINE_END = re.compile(r"[.!?:;\"”’)]\s*$")


def _at_break(breaks: list[int], i: int) -> bool:
    k = bisect.bisect_left(breaks, i)
    return k < len(breaks) and breaks[k] == i


def _as_duplicate(row: dict, sentences: "Sentences") -> dict:
    """A headline's figure that the body states again is proposed as an exclusion (reason
    'duplicate'), not as a second candidate: the headline, at the top, is a line of its own with no
    full stop, followed by a blank line; the body's sentence is the claim to curate."""
    lo, hi = row.get("_span", (0, 0))
    if row.get("table") in ("exclusions", "events") or lo > HEADLINE_ZONE or not row.get("mention"):
        return row
    text, line_of = sentences.text, sentences.seed.line_of
    line = text[lo:hi]
    if (_LINE_END.search(line) or line.lstrip()[:1] in BULLETS or hi >= len(text) or not _at_break(sentences.breaks, hi)
            or line_of(hi) - line_of(hi - 1) < 2 or line_of(max(lo, 0)) != line_of(hi - 1)):
        return row  # not a line standing alone before a blank line
    said = row["mention"].split(" … ")[0]
    if not re.search(r"(?<![\w,.])" + re.escape(said) + r"(?![\w]|[,.]\d)", text[hi:]):
        return row
    return {"table": "exclusions", "reason": "duplicate", "mention": said, "mention_kind": row.get("mention_kind", ""),
            "_start": row["_start"], "_key": row["_key"], "_span": row["_span"],
            "review": ["the headline's figure, which the article states again below: an exclusion (reason 'duplicate') "
                       "once the body's row is curated"]}


def propose(source_id: str, seed, mentions: list, published: date | None = None, outlet: str = "") -> list[dict[str, str]]:
    """The candidate rows for `mentions` ((seed line, mention) pairs, left to right) of `seed`:
    what `draft` writes, and what `manpower draft --score` compares with curated rows.
    The mentions of one sentence are read together (`reading`): one row per claim, not per
    number. `published` (the article's first day, when known) resolves relative date words; `outlet`
    is the claimant of what the article states in its own voice."""
    from .datewords import dateline
    from .reading import read_sentence

    published = dateline(seed.raw, published) or published
    sentences = Sentences(seed)
    found = [(line, m, sentences.around(m)) for line, m in mentions]
    ctx = Context(published, outlet=outlet)
    rows: list[dict] = []
    line_at = {m.start: line for line, m in mentions}
    mention_at = {m.start: m for _, m in mentions}
    pending: list = []  # mentions of the sentence being gathered

    def flush():
        if not pending:
            return
        span = pending[0][2]
        brk = sentences.breaks
        para = brk[bisect.bisect_right(brk, span[0]) - 1]
        ctx.quoted = seed.text[para:para + 3].lstrip()[:1] in "\"“"
        for lo, hi in _pieces(seed.text, *span):
            ms = [m for _, m, _ in pending if lo <= m.start < hi]
            if not ms:
                continue
            got = read_sentence(seed.text, lo, hi, ms, ctx)
            if not got:  # only dates or non-counts, and no event: proposed as an exclusion, so no mention goes unseen
                m = ms[0]
                got = [{"table": "exclusions", "reason": "context", "mention": "; ".join(dict.fromkeys(x.text for x in ms)),
                        "mention_kind": m.kind, "_start": m.start, "_key": ctx.keys,
                        "review": ["no figure here (a date, a year, a time, an age or a name with digits): an "
                                   "exclusion (the reason 'context' is a guess), or the date words of a figure or an event"]}]
                ctx.keys += 1
            for r in got:
                r["_span"] = span
            rows.extend(got)
        pending.clear()

    for line, m, span, run in bare_runs(seed.text, found):
        if pending and pending[0][2] != span:
            flush()
        too_long = len(m.text) > MENTION_LIMIT or (m.kind in ("number", "percent", "ordinal") and not m.values)
        if run > 1 or too_long:
            flush()
            row = read_mention("", m, "", "")
            if run > 1:  # a bare list of numbers: one row for the list, not one candidate per number
                row.update(mention=f"{m.text} … ({run:,} numbers)", value="", low="", high="", kind="", qualifier="",
                           hedge="", unit="", note=f"REVIEW: a run of {run:,} numbers with no words between them is a "
                           "list, not a figure each: curate any the article states as a figure, exclude the rest in "
                           "data/exclusions.csv")
            row.update(_start=m.start, _key=ctx.keys, _span=span, review=[row.pop("note").removeprefix("REVIEW: ")])
            ctx.keys += 1
            rows.append(row)
            continue
        pending.append((line, m, span))
    flush()
    rows = [_as_duplicate(row, sentences) for row in rows]
    ids = {}
    for n, row in enumerate(rows, 1):
        ids[row["_key"]] = f"{row['table'][:4]}-{slug(source_id, 40)}-{n:02d}"
    order = list(ids.values())
    out = []
    for n, row in enumerate(rows, 1):
        start, span = row.pop("_start"), row.pop("_span")
        row.pop("_key")
        m = mention_at.get(start)
        quote, shortened = sentences.quote(m) if m else (seed.text[span[0]:span[1]].strip(), False)
        notes = []
        if shortened:
            notes.append(f"the quote is the {len(quote)} characters around the number of a sentence of "
                         f"{span[1] - span[0]:,}: widen or narrow it to what the figure needs")
        for col in ("part_of",):
            if isinstance(row.get(col), int):
                row[col] = ids[row[col]]
        review = row.pop("review", []) + _unfilled(row)
        no_figure = "" if row["table"] == "exclusions" else " (a number that is no figure: table exclusions and a reason)"
        row.update(id=order[n - 1], source_id=source_id, seed_line=str(line_at.get(start, "")), quote=quote,
                   review="; ".join(review),
                   note="".join(x + "; " for x in notes) + "DRAFT: check every cell against the codebook (table "
                   f"{row['table']}), empty review, write yes in keep{no_figure}, then run `manpower accept` on this file; "
                   "this note is not copied")
        out.append({c: ("" if row.get(c) is None else str(row[c])) for c in DRAFT_COLUMNS})
    return out


def draft(source_id: str, data: Path, seeds: Path, drafts: Path, force: bool = False) -> tuple[Path, int]:
    """Write drafts/SOURCE_ID.csv; return its path and how many candidate rows it holds."""
    from ..curated.data import examine

    check_draft_folder(drafts, data, seeds)
    result = examine(data, seeds)
    if source_id not in result.seeds:
        known = ", ".join(sorted(result.seeds)) or "none"
        raise CurateError(f"unknown source {source_id!r} (or its seed could not be read); known: {known}")
    target = drafts / f"{source_id}.csv"
    if target.exists() and not force:
        raise CurateError(f"{target}: a draft is already there (your edits?); move it away or pass --force")
    seed = result.seeds[source_id]
    cov = next(c for c in result.coverage if c.source_id == source_id)
    src = _registry_row(seeds, source_id)
    rows = propose(source_id, seed, list(cov.unaccounted), published_of(src), src.get("outlet", ""))
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
