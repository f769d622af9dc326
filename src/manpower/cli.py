"""The `manpower` command: check the data, list parameters, render the report, benchmark."""
from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from pathlib import Path

from . import __version__
from .errors import ManpowerError
from .paths import data_dir


def _check(args: argparse.Namespace) -> int:
    from .curation.check import run_check

    return run_check(args.data, args.seeds)


def _codebook(args: argparse.Namespace) -> int:
    from .curation.codebook import codebook

    target = args.out or data_dir() / "README.md"
    target.write_text(codebook(), encoding="utf-8")
    print(f"wrote {target}")
    return 0


def _params(args: argparse.Namespace) -> int:
    from .vocabulary.params import SPEC

    width = max(len(p.name) for p in SPEC)
    print(f"{'name':<{width}}  {'type':<6} {'scope':<8} {'default':<16} accepts / meaning")
    for p in SPEC:
        default = "(none)" if p.default is None else ("(all)" if p.default == [] else repr(p.default) if p.type == "text" else str(p.default))
        if len(default) > 16:
            default = default[:13] + "..."
        print(f"{p.name:<{width}}  {p.type:<6} {p.scope:<8} {default:<16} {p.accepts()}")
        print(f"{'':<{width}}  {p.help}")
    return 0


def _render(args: argparse.Namespace) -> int:
    from .report.render import command

    return command(args)


def build_parser(curation: bool = True) -> argparse.ArgumentParser:
    """The whole command line; without `curation`, no `add`, `draft` and `accept` (curate.py, which
    loads draft's vocabulary that takes a while to compile, is imported only for them and for the full help)."""
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

    p = sub.add_parser("codebook", help="write data/README.md (the codebook) from the schema",
                       description="Regenerate the codebook data/README.md from src/manpower/vocabulary/schema.py.")
    p.add_argument("--out", type=Path, default=None, metavar="FILE", help="write here instead of data/README.md")
    p.set_defaults(func=_codebook)

    p = sub.add_parser("params", help="list every report parameter with type, default and help",
                       description="List the typed parameter specification that notebooks, papermill "
                                   "runs and `manpower render` are validated against.")
    p.set_defaults(func=_params)

    p = sub.add_parser(
        "render", help="execute the notebooks and render reports/<name>/report.pdf and report.html",
        description="Execute every chapter notebook with the given parameters (in parallel, cached), "
                    "convert them without code, and typeset report.pdf (pandoc + typst) and a "
                    "self-contained report.html into reports/<name>/, with the executed notebooks, "
                    "charts (PNG, SVG, CSV) and manifest.json. The folder is replaced only when "
                    "everything succeeded.",
        epilog="Examples:\n  manpower render\n  manpower render -p as_of 2023-10-31 --name october\n"
               "  manpower render --preset as-of-2023-10-31\n  manpower render -f my-params.yaml -p signup_realism 0.5",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("-p", "--param", nargs=2, action="append", metavar=("NAME", "VALUE"),
                   help="set a parameter (repeatable); see `manpower params`")
    p.add_argument("-f", "--file", type=Path, action="append", metavar="YAML",
                   help="read parameters from a YAML mapping (repeatable; -p wins)")
    p.add_argument("--preset", default=None, metavar="NAME",
                   help="a preset from params/NAME.yaml (default: standard when no -p or -f is given)")
    p.add_argument("--name", default=None, help="report name, the folder under reports/ (default: the preset name, or 'custom' with -p/-f)")
    p.add_argument("--out", type=Path, default=None, metavar="DIR", help="write the report here instead of reports/<name>/")
    p.add_argument("-j", "--jobs", type=int, default=0, help="notebooks executed at once (default: number of cores)")
    p.add_argument("--force", action="store_true", help="execute every notebook even if its inputs are unchanged")
    p.add_argument("--since", type=Path, default=None, metavar="DIR",
                   help="a previous report folder (reports/<name>): add what changed since it (figures added, "
                        "estimates revised, judgements moved)")
    p.add_argument("--chapters", default=None, metavar="NN_a,NN_b",
                   help="render only these chapter notebooks, in this order (default: every chapter of the report)")
    p.add_argument("--cell-timeout", default="600", metavar="SECONDS",
                   help="stop the render when one notebook cell runs longer than this many whole seconds "
                        "(1 to 86400; default: 600)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    p.set_defaults(func=_render)

    if curation:
        from .curation.curate import add_parsers

        add_parsers(sub)  # add, draft
        from .curation.accept import add_parser as add_accept_parser

        add_accept_parser(sub)

    p = sub.add_parser("bench", help="time cold, cached and unchanged renders, each stage, and scale (reports/bench.json)",
                       description="Benchmark: medians of several runs of a cold render, a render with cached chapters, "
                                   "an unchanged rerun and each stage, against papermill alone executing the notebooks "
                                   "one after another; then validation and render time at 1x, 10x and 100x the data. "
                                   "Pass --runs N or --no-scale after `bench`.")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["bench"]:  # its options belong to the benchmark's own parser
        from .report.benchmark import main as bench_main

        return bench_main(argv[1:])
    parser = build_parser(curation=argv[:1] not in (["check"], ["codebook"], ["params"], ["render"]))
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    command = args.command
    previous = _stop_on_sigterm()
    try:
        if command == "draft" and args.score is not None:  # the draft measured, not written
            from .curation.draftscore import score_command

            return score_command(args.score, args.verbose, sys.stdout)
        return int(args.func(args) or 0)
    except Terminated:
        print("manpower: terminated", file=sys.stderr)
        return 143
    except KeyboardInterrupt:
        print("manpower: interrupted", file=sys.stderr)
        return 130
    except ManpowerError as exc:  # every error the package raises on purpose: one line
        print(f"manpower {command}: {exc}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:  # a file the command had to read or write
        where = f" {exc.filename}" if exc.filename else ""
        print(f"manpower {command}: cannot use{where}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: still one line; MANPOWER_DEBUG=1 shows the traceback
        if os.environ.get("MANPOWER_DEBUG"):
            raise
        first = (str(exc).strip().splitlines() or [""])[0]
        print(f"manpower {command}: internal error: {type(exc).__name__}: {first} "
              f"(rerun with MANPOWER_DEBUG=1 for details, and please report it)", file=sys.stderr)
        return 1
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main thread so a render stops and cleans up as on Ctrl-C."""


def _stop_on_sigterm():
    """Turn SIGTERM into `Terminated` while a command runs (only possible in the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def handler(signum, frame):
        raise Terminated()

    return signal.signal(signal.SIGTERM, handler)


if __name__ == "__main__":
    sys.exit(main())
