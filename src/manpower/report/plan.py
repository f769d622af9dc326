"""What a render will do, known before any work: its options, the chapters and their cache keys,
the date printed on the report, one key for the whole report, and whether the report already
in place is up to date (then nothing else runs: `manpower render` answers from hashes of files).
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from ..core import twins
from .cache import chapter_key
from ..vocabulary.chapters import CHAPTERS, Chapter, chapters
from ..errors import RenderError
from ..vocabulary.fingerprint import input_hashes, package_hash
from ..vocabulary.params import ParameterError, for_chapter
from ..vocabulary.presets import check_report_name
from ..paths import notebooks_dir, reports_dir
from .publish import DestinationError, check_destination


CELL_TIMEOUT = 600


@dataclass
class Options:
    name: str
    params: dict[str, Any]
    out: Path | None = None
    jobs: int = 0
    force: bool = False
    progress: bool = False
    say: Callable[[str], None] = print
    cell_timeout: int | None = CELL_TIMEOUT  # whole seconds a notebook cell may run; None: no limit
    chapters: tuple[str, ...] = CHAPTERS  # notebook stems to render, in order
    cache_dir: Path | None = None  # default: $MANPOWER_CACHE, else reports/.cache
    since: Path | None = None  # a previous report folder: add "What changed since" (since.py)


@dataclass
class Result:
    folder: Path
    timings: dict[str, float] = field(default_factory=dict)
    cached: list[str] = field(default_factory=list)
    up_to_date: bool = False


def is_up_to_date(dest: Path, report_key: str) -> bool:
    try:
        manifest = json.loads((dest / "manifest.json").read_text())
    except (OSError, ValueError):
        return False
    return (manifest.get("report_key") == report_key and (dest / "report.pdf").is_file()
            and (dest / "report.html").is_file())


EPOCH_MAX = 253402300799  # 9999-12-31 23:59:59 UTC


def document_time() -> datetime:
    """The date printed on the report: SOURCE_DATE_EPOCH if set, else today at 00:00 UTC.
    A value that is not a whole number of seconds from 0 to 9999-12-31 is a ParameterError."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not (epoch.isascii() and epoch.isdigit()) or int(epoch) > EPOCH_MAX:
            raise ParameterError(f"environment variable SOURCE_DATE_EPOCH must be a whole number of seconds "
                                 f"since 1970-01-01 UTC, from 0 to {EPOCH_MAX}; got {epoch[:40]!r}")
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    today = datetime.now(timezone.utc).date()
    return datetime(today.year, today.month, today.day, tzinfo=timezone.utc)


@dataclass
class Plan:
    """What a render will do, known before any work: chapters, their cache keys, the date."""

    dest: Path
    chapters: list[Chapter]
    keys: dict[str, str]
    inputs: dict[str, str]
    package: str
    when: datetime
    report_key: str


def plan(opts: Options, root: Path) -> Plan:
    check_report_name(opts.name)
    try:
        dest = check_destination(opts.out or reports_dir(root) / opts.name, root)
    except DestinationError as exc:
        raise RenderError(str(exc)) from None
    chs = chapters(notebooks_dir(root), opts.chapters)
    twins.check([c.path for c in chs], root)  # a change made only in a .py twin is not left out silently
    when = document_time()
    inputs, pkg = input_hashes(root), package_hash()
    keys = {c.name: chapter_key(c.path, {p.name: opts.params[p.name] for p in for_chapter(c.name)}, inputs, pkg, root)
            for c in chs}
    report_key = hashlib.sha256(json.dumps(
        {"keys": keys, "params": {k: str(v) for k, v in opts.params.items()}, "date": when.isoformat(), "name": opts.name},
        sort_keys=True).encode()).hexdigest()
    return Plan(dest, chs, keys, inputs, pkg, when, report_key)
