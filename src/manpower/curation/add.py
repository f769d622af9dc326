"""`manpower add`: copy an article's text into seeds/ and append its row to seeds/sources.csv,
validated first and written so that nothing is half-done (both files or neither; nothing
overwritten), one `add` at a time (a lock on seeds/, so parallel adds cannot drop each other's rows).
"""
from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import tempfile
import unicodedata
from datetime import date
from pathlib import Path

from ..core import dates as D
from ..vocabulary.csvfile import read_text
from ..errors import CurateError, Problem, quoted
from ..core.locks import locked
from ..paths import ADD_TEMP_PREFIX
from ..vocabulary.schema import MAX_HEADLINE, SOURCES


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
    from ..curated.tables import parse_cell

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
        parse_cell(col, row[col.name], "the new source", 0, problems)
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
