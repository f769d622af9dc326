"""The `add` and `draft` commands of the command line (add.py, draft.py): their arguments, and
each refusal printed as one line.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import CurateError
from ..paths import drafts_dir, project_root
from .add import add
from .draft import draft


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
