"""Curation in minutes: `manpower add` registers a new article, `manpower draft` proposes rows.

`add` copies an article's text into seeds/ and appends its row to seeds/sources.csv, validated
first and written so that nothing is half-done (both files or neither; nothing overwritten),
one `add` at a time (a lock on seeds/, so parallel adds cannot drop each other's rows).
`draft` writes drafts/SOURCE_ID.csv with one candidate row per claim among the unaccounted
mentions of a seed (a range, an interval with its level, a total's parts: see `reading`) — the
sentence as quote, the figure, and what the words around it say (claimant, dates, period, side,
measure, unit, qualifier, hedge), with what it is unsure of in a `review` column — for the
curator to correct and mark `keep` = yes, then `manpower accept` (accept.py) files them into
data/. Neither command touches data/ (draft refuses any project folder but drafts/).
"""
from __future__ import annotations

import argparse
import bisect
import contextlib
import csv
import io
import os
import re
import sys
import tempfile
import unicodedata
from datetime import date
from pathlib import Path

from ..core import dates as D
from ..vocabulary.csvfile import read_text
from ..errors import ManpowerError, Problem, quoted
from ..core.locks import locked
from ..vocabulary.numbers import Mention
from ..paths import ADD_TEMP_PREFIX, drafts_dir, is_project, project_part, project_root
from ..vocabulary.qualifiers import HEDGES, POINT, QUALIFIERS, RANGE, implied_bounds, written_in
from ..vocabulary.schema import MAX_HEADLINE, SOURCES, TABLES
from .claim import Context

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


class CurateError(ManpowerError):
    """A refused `add` or `draft`: one line saying what and where."""


def slug(text: str, limit: int = 60) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s[:limit].rstrip("-") or "article"


_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_EDITION = re.compile(r"\s+[A-Z]{2,3}$")  # "HuffPost UK": the country edition
_DATED_ID = re.compile(r"^(?P<prefix>[a-z0-9]+(?:-[a-z0-9]+)*?)-[0-9]{4}(?:-[0-9]{2}){0,2}$")


def _outlet_key(outlet: str) -> str:
    """The outlet's name as compared between registry rows: no parentheses, no leading article,
    letters and digits only ("The Kyiv Independent" and "Kyiv Independent" are one outlet)."""
    name = _ARTICLE.sub("", re.sub(r"\([^)]*\)", " ", outlet).strip())
    return re.sub(r"[^a-z0-9]+", "", unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower())


def outlet_prefix(outlet: str, registered: list[tuple[str, str]] = ()) -> str:
    """The start of a new source id, written as the shipped ids are (`kyivindependent-2024-01-04`,
    `huffpost-2024-01-04`): the prefix an earlier article of the same outlet has in the registry
    (`registered`: its (source_id, outlet) pairs), else the outlet's name run together without a
    leading article, parentheses or a country edition ("The Kyiv Independent" → kyivindependent,
    "HuffPost UK" → huffpost)."""
    key = _outlet_key(outlet)
    for sid, name in registered:
        m = _DATED_ID.match(sid or "")
        if m and key and _outlet_key(name or "") == key:
            return m["prefix"]
    name = re.sub(r"\([^)]*\)", " ", outlet).strip()
    name = _EDITION.sub("", name) if len(name.split()) > 1 else name
    return _outlet_key(name)[:30] or "source"


def _precision_of(published: str) -> str:
    if "/" in published:
        return "interval"
    return {10: "day", 7: "month", 4: "year"}.get(len(published.strip()), "day")


def source_row(text_file: Path, outlet: str, headline: str, published: str, byline: str = "", url: str = "",
               accessed: str = "", licence: str = "", source_id: str = "", published_words: str = "",
               note: str = "", registered: list[tuple[str, str]] = ()) -> dict[str, str]:
    """The registry row `add` would write, validated against the schema (CurateError if not);
    without `source_id`, the id is `outlet_prefix(outlet, registered)` and the publication date."""
    from ..curated.data import _parse_cell

    published = published.strip()
    precision = _precision_of(published)
    try:
        rng = D.resolve(published, precision)
    except ValueError as exc:
        raise CurateError(f"--published: {exc}") from None
    if rng[0] > date.today():
        raise CurateError(f"--published: {published} is in the future (today is {date.today()})")
    if len(headline.strip()) > MAX_HEADLINE:
        raise CurateError(f"--headline: {len(headline.strip()):,} characters; a headline has at most {MAX_HEADLINE} "
                          f"(is it the article's text?)")
    sid = source_id or f"{outlet_prefix(outlet, registered)}-{rng[0].isoformat()}"
    if url and not re.match(r"^https?://\S+$", url):
        raise CurateError(f"--url: expected an http(s) address, got {quoted(url)}")
    row = {"source_id": sid, "outlet": outlet.strip(), "headline": headline.strip(), "byline": byline.strip(),
           "published": published, "published_precision": precision, "published_words": published_words,
           "file": f"{sid}-{slug(headline, 50)}.txt", "url": url.strip(), "accessed": accessed.strip(),
           "licence": licence.strip(), "note": note}
    problems: list[Problem] = []
    for col in SOURCES.columns:
        _parse_cell(col, row[col.name], "the new source", 0, problems)
    if problems:
        p = problems[0]
        raise CurateError(f"--{p.column.replace('_', '-')}: {p.message}" + (f" (value: {quoted(p.value)})" if p.value else ""))
    if accessed.strip():
        seen = D.partial_range(accessed.strip())
        if seen[1] < rng[0]:
            raise CurateError(f"--accessed: {accessed.strip()} is before the article was published ({published})")
    return row


def _umask() -> int:
    """The process's umask (read by setting it and putting it back: there is no other call)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def _locked(folder: Path):
    """locks.locked on the seeds folder while the registry is read, checked and replaced:
    parallel `add`s then queue instead of each replacing the registry with its own copy (which
    lost rows)."""
    held = contextlib.ExitStack()
    try:  # only opening the folder is this error; an OSError inside is the caller's
        held.enter_context(locked(folder))
    except OSError as exc:
        raise CurateError(f"{folder}: cannot open the seeds folder ({exc.strerror or exc})") from None
    with held:
        yield


def add(text_file: Path, seeds: Path, **fields: str) -> dict[str, str]:
    """Copy `text_file` into `seeds` and append its registry row; both or neither."""
    text, problems = read_text(Path(text_file), str(text_file))
    if text is None:
        raise CurateError(f"{text_file}: {problems[0].message}")
    if not text.strip():
        raise CurateError(f"{text_file}: the article is empty")
    row = source_row(Path(text_file), registered=_registered(seeds), **fields)
    with _locked(seeds):
        _write_locked(text, row, seeds)
    return row


def _registered(seeds: Path) -> list[tuple[str, str]]:
    """(source_id, outlet) of each registry row, for a new id's prefix (none if unreadable:
    the write below names the problem)."""
    registry = seeds / "sources.csv"
    old, _ = read_text(registry, str(registry))
    try:
        return [(r.get("source_id") or "", r.get("outlet") or "") for r in csv.DictReader(io.StringIO(old or ""))]
    except csv.Error:
        return []


def _write_locked(text: str, row: dict[str, str], seeds: Path) -> None:
    """Under the registry lock: refuse a duplicate, then write the seed and the new registry."""
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
    linked = False
    try:
        mode = 0o666 & ~_umask()  # as any new file of the user's (mkstemp's 0600 would hide it from the group)
        fd, seed_tmp = tempfile.mkstemp(dir=seeds, prefix=ADD_TEMP_PREFIX, suffix=".txt")
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        fd, reg_tmp = tempfile.mkstemp(dir=seeds, prefix=ADD_TEMP_PREFIX, suffix=".csv")
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(new)
        os.link(seed_tmp, target)  # fails if the target appeared meanwhile: never overwrite
        linked = True
        os.replace(reg_tmp, registry)
        reg_tmp = None
    except OSError as exc:
        raise CurateError(f"{seeds}: could not write ({exc.strerror or exc}); nothing was changed") from None
    finally:  # also on Ctrl-C or SIGTERM (the command line turns it into an exception): both or neither
        if linked and reg_tmp is not None:
            target.unlink()
        for tmp in (seed_tmp, reg_tmp):
            if tmp and os.path.exists(tmp):
                os.unlink(tmp)


_SENTENCE_END = re.compile(r"(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z][a-z])(?<!\b[A-Z])[.!?][\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
_TABLE_WORDS = (
    ("foreign", r"foreign|citizens? of|nationals|migrants?|mercenar|recruited abroad|repatriat"),
    ("conscription", r"conscript|call-?ups?|draft age|aged|age limit"),
    ("losses", r"killed|dead|died|wounded|casualt|losses|deserted|captured|missing|prisoners of war"),
    ("inflows", r"mobilis|mobiliz|signed up|sign-ups|contracts?|volunteers?|recruits?|enlisted"),
)
# compiled once, matched against lowercased text (a case-blind search is several times slower):
# a draft reads thousands of mentions, each against every table's words, qualifier and hedge
_TABLE_WORDS = tuple((t, re.compile(rx)) for t, rx in _TABLE_WORDS)


def _words(q: str) -> str:
    return r"\s+".join(map(re.escape, q.split()))


# (qualifier, pattern of it ending the text before a mention), the longest qualifier first
_QUALIFIER_BEFORE = tuple((q.lower(), re.compile(r"(?<!\w)" + _words(q.lower()) + r"\s*(?:of\s+)?$"))
                          for q in sorted((q for q in QUALIFIERS if q and q not in RANGE), key=len, reverse=True))
_ANY_QUALIFIER_BEFORE = re.compile(r"(?<!\w)(?:" + "|".join(_words(q) for q, _ in _QUALIFIER_BEFORE) + r")\s*(?:of\s+)?$")
_HEDGES_LONGEST_FIRST = tuple(sorted(HEDGES, key=len, reverse=True))
_ANY_HEDGE = re.compile(r"(?<!\w)(?:" + "|".join(_words(h.lower()) for h in _HEDGES_LONGEST_FIRST) + r")(?!\w)")


_SPACE = re.compile(" ")
_BULLETS = frozenset("-•*–—")  # a line starting with one of these is an item of a list: a paragraph of its own
QUOTE_LIMIT = 300  # characters a draft row quotes at most: the sentence, or this much of it around the number
MENTION_LIMIT = 60  # a mention longer than this is no one figure (10 MB of digits, a run of number words)


class Sentences:
    """The paragraphs and sentences of a seed, found once, each mention's sentence then found by
    bisection: walking the paragraph and splitting it again for each of its numbers made a dense
    paragraph cost the square of its length. A blank line (or more) in the original seed separates
    paragraphs, so a headline is not glued to the first sentence."""

    def __init__(self, seed):
        self.seed, self.text = seed, seed.text
        self._breaks: list[int] | None = None
        self._ends: dict[int, tuple[list[int], list[int]]] = {}

    @property
    def breaks(self) -> list[int]:
        """Where each paragraph starts (the space of the normalised text standing for a blank
        line of the original, or for the line break before a list's bullet), then the text's end;
        found on first use, one look per space."""
        if self._breaks is None:
            line_of = self.seed.line_of
            text = self.text
            self._breaks = [0] + [i for i in (m.start() for m in _SPACE.finditer(text))
                                  if (step := line_of(i) - line_of(i - 1)) >= 2
                                  or (step == 1 and text[i + 1:i + 2] in _BULLETS)] + [len(text)]
        return self._breaks

    def _paragraph(self, k: int) -> tuple[list[int], list[int]]:
        """Where the sentences of paragraph k end, and where the next one begins after each."""
        if k not in self._ends:
            start, end = self.breaks[k], self.breaks[k + 1]
            hits = list(_SENTENCE_END.finditer(self.text[start:end]))
            self._ends[k] = ([start + h.start() + 1 for h in hits], [start + h.end() for h in hits])
        return self._ends[k]

    def around(self, m: Mention) -> tuple[int, int]:
        """(begin, end) of the sentence holding the mention, in the seed's normalised text."""
        k = bisect.bisect_right(self.breaks, m.start, 0, len(self.breaks) - 1) - 1
        ends, nexts = self._paragraph(k)
        i = bisect.bisect_right(ends, m.start)  # sentences ending before the mention
        begin = nexts[i - 1] if i else self.breaks[k]
        j = bisect.bisect_left(ends, m.end, i)  # the first sentence end after it (none inside it)
        return begin, (ends[j] if j < len(ends) else self.breaks[k + 1])

    def quote(self, m: Mention) -> tuple[str, bool]:
        """The sentence holding the mention, or, when it is longer than QUOTE_LIMIT, the words
        around the mention up to that length (verbatim: still found in the seed); and whether it
        was shortened."""
        begin, end = self.around(m)
        if end - begin <= QUOTE_LIMIT + 2:  # (a sentence may begin or end with a space)
            sentence = self.text[begin:end].strip()
            if len(sentence) <= QUOTE_LIMIT:
                return sentence, False
        if m.end - m.start >= QUOTE_LIMIT:
            return self.text[m.start:m.start + QUOTE_LIMIT].strip(), True
        room = (QUOTE_LIMIT - (m.end - m.start)) // 2
        lo = max(begin, min(m.start - room, end - QUOTE_LIMIT))
        hi = min(end, lo + QUOTE_LIMIT)
        if lo > begin:  # start after a space, not inside a word
            cut = self.text.find(" ", lo, m.start)
            lo = cut + 1 if cut >= 0 else lo
        if hi < end:
            cut = self.text.rfind(" ", m.end, hi)
            hi = cut if cut >= 0 else hi
        return self.text[lo:hi].strip(), True


def read_mention(sentence: str, m: Mention, before: str, after: str) -> dict[str, str]:
    """What a draft row says about one mention: value/low/high, unit, qualifier, hedge, kind, table."""
    row = {"mention": m.text, "mention_kind": m.kind}
    if len(m.text) > MENTION_LIMIT or (m.kind in ("number", "percent", "ordinal") and not m.values):
        # 10 MB of digits reads as `inf`; a run of number words as a sum: no figure to propose
        row.update(mention=f"{m.text[:MENTION_LIMIT]}… ({len(m.text):,} characters)" if len(m.text) > MENTION_LIMIT
                   else m.text, table="losses", kind="", unit="", qualifier="", hedge="",
                   note=f"REVIEW: a mention of {len(m.text):,} characters is too long to be one figure: "
                        "no value proposed; exclude the passage in data/exclusions.csv or fix the seed")
        return row
    if m.kind == "date":
        row.update(table="events", kind="", unit="", qualifier="", hedge="")
        return row
    after_l, before_l, sentence_l = after.lower(), before.lower(), sentence.lower()
    qualifier = ""
    if _ANY_QUALIFIER_BEFORE.search(before_l):  # one pass for the mentions (most) with no qualifier
        qualifier = next((q for q, rx in _QUALIFIER_BEFORE if rx.search(before_l)), "")
    hedge = ""
    if _ANY_HEDGE.search(sentence_l):  # one pass over the quote for the rows (most) with no hedge
        hedge = next((h for h in _HEDGES_LONGEST_FIRST if written_in(h, sentence)), "")
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
    table = next((t for t, rx in _TABLE_WORDS if rx.search(sentence_l)), "losses")
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
    if (_LINE_END.search(line) or line.lstrip()[:1] in _BULLETS or hi >= len(text) or not _at_break(sentences.breaks, hi)
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
    # `draft --score` is answered by cli.py (draftscore sits above this module: it calls propose)
    if not args.source_id:
        print("manpower draft: give SOURCE_ID (or --score to measure the draft)", file=sys.stderr)
        return 2
    root = project_root()
    try:
        path, n = draft(args.source_id, args.data or root / "data", args.seeds or root / "seeds",
                        args.out or drafts_dir(root), args.force)
    except CurateError as exc:
        print(f"manpower draft: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {path}: {n} candidate row(s), one per claim among the unaccounted mentions; data/ is unchanged")
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
    p.add_argument("--source-id", default="", help="default: the id prefix of the outlet's earlier articles in sources.csv, else the outlet's name "
                        "run together (no leading 'The', no edition such as 'UK'), then -PUBLISHED: kyivindependent-2024-01-04")
    p.add_argument("--seeds", type=Path, default=None, metavar="DIR", help="default: seeds/")
    p.set_defaults(func=_add_cmd)
    p = sub.add_parser("draft", help="write drafts/SOURCE_ID.csv: a candidate row per claim (or --score the draft)",
                       description="Write drafts/SOURCE_ID.csv with one candidate row per claim among the unaccounted "
                                   "mentions of the seed: the sentence as quote, the figure, and what the words around "
                                   "it say; what the draft is unsure of is in the `review` column. Correct the rows, empty "
                                   "their review cell, write yes in their 'keep' column and run `manpower accept` on the "
                                   "draft; data/ is not touched. With --score, write nothing and "
                                   "measure the draft against curated articles instead.")
    p.add_argument("source_id", metavar="SOURCE_ID", nargs="?")
    p.add_argument("--score", type=Path, nargs="*", default=None, metavar="CORPUS",
                   help="write nothing: score the draft of every article of each CORPUS (a folder with seeds/ and "
                        "data/; default tests/fixtures, then each tests/fixtures/blind* set apart) against its curated rows: "
                        "precision, recall, junk, cells")
    p.add_argument("--verbose", "-v", action="store_true", help="with --score: a line per article too")
    p.add_argument("--data", type=Path, default=None, metavar="DIR")
    p.add_argument("--seeds", type=Path, default=None, metavar="DIR")
    p.add_argument("--out", type=Path, default=None, metavar="DIR", help="default: drafts/")
    p.add_argument("--force", action="store_true", help="replace an existing draft")
    p.set_defaults(func=_draft_cmd)
