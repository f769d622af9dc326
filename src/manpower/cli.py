"""The `manpower` command: check the data, list parameters, render the report, benchmark."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__


def _check(args: argparse.Namespace) -> int:
    from .check import run_check

    return run_check(args.data, args.seeds)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="manpower",
        description="How Russia keeps its army manned: curated, quote-checked figures rendered "
                    "into a report. Run from the project root (or set MANPOWER_ROOT).",
    )
    parser.add_argument("--version", action="version", version=f"manpower {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("check", help="validate data/ against seeds/ and print coverage",
                       description="Validate every curated table (schema, ids, bounds, quotes found in "
                                   "the seeds, numbers stated by the quotes, dates) and measure coverage "
                                   "of numeric mentions per seed. Exit 0 only when everything holds and "
                                   "no mention is unaccounted.")
    p.add_argument("--data", type=Path, default=None, metavar="DIR", help="curated tables (default: data/)")
    p.add_argument("--seeds", type=Path, default=None, metavar="DIR", help="seed articles and sources.csv (default: seeds/)")
    p.set_defaults(func=_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("manpower: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
