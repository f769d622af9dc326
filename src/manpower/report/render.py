"""From data to report, top to bottom: plan, validate, execute, typeset, publish.

The work is done elsewhere, one job per module: plan.py (what a render will do, and whether it
needs to), chapters.py (which notebooks), params.py (parameters), cache.py (hashes and the
chapter cache), kernels.py (warm kernels), execute.py (running a chapter), convert.py
(nbconvert), document.py, notes.py, pdf.py and htmlpage.py (pandoc and typst), publish.py (where
a report may go, and the atomic swap). The report is built in a temporary folder beside its
destination and moved into place only when every stage succeeded, so a failed or interrupted
render leaves the last good report untouched.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .. import __version__
from ..core import twins
from .cache import ChapterCache
from ..vocabulary.cachefolder import check_folder
from ..vocabulary.chapters import CHAPTERS, pick
from .environment import manifest_entry
from ..errors import ManpowerError, RenderError
from ..vocabulary.fingerprint import sha256_files, tool_versions
from ..vocabulary.params import ParameterError, parse_cli_value
from ..vocabulary.presets import check_report_name, resolve_params
from ..paths import cache_dir as default_cache_dir
from ..paths import data_dir, notebooks_dir, project_root, reports_dir, seeds_dir
from .publish import PARTIAL, DestinationError, check_destination, clean_stale, mark, publish
from .plan import CELL_TIMEOUT, Options, Plan, Result, document_time, is_up_to_date, plan


if TYPE_CHECKING:  # imported by render() itself, once it knows the report is not up to date
    from .execute import Executed

__all__ = ["CELL_TIMEOUT", "Options", "Result", "RenderError", "render", "resolve_params", "check_report_name",
           "document_time"]


def _git_commit(root: Path) -> str | None:
    try:
        r = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=5)
        return r.stdout.strip() or None if r.returncode == 0 else None
    except (OSError, subprocess.SubprocessError):
        return None


def _folder_mode(folder: Path) -> None:
    """mkdtemp makes 0700 folders; a published report follows the umask like any other folder."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(folder, 0o777 & ~umask)


def _build_folder(dest: Path) -> Path:
    """A temporary folder beside the destination, with the report's permissions, holding our MARK
    (PID and HMAC), so a later render can prove it is ours and tell it from a running one's."""
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{dest.name}{PARTIAL}{os.getpid()}-", dir=dest.parent))
    except OSError as exc:
        raise RenderError(f"output folder {dest.parent} is not writable: {exc.strerror or exc}") from None
    try:
        mark(work)
    except OSError as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise RenderError(f"output folder {dest.parent} is not writable: {exc.strerror or exc}") from None
    _folder_mode(work)
    (work / "notebooks").mkdir()
    (work / "charts").mkdir()
    return work


def _typeset(doc, work: Path, when: datetime, stage) -> None:
    from .htmlpage import render_html
    from .pdf import compile_pdf, write_typst

    with stage("pandoc to Typst"):
        source = write_typst(doc, work)
    with stage("typst to PDF"):
        compile_pdf(doc, source, work / "report.pdf", when)
    with stage("pandoc to HTML"):
        render_html(doc, work, work / "report.html")


def _write_manifest(opts: Options, p: Plan, root: Path, work: Path, done: list[Executed], timings: dict) -> None:
    manifest = {
        "name": opts.name,
        "report_key": p.report_key,
        "parameters": {k: (v.isoformat() if isinstance(v, date) else v) for k, v in opts.params.items()},
        "document_date": p.when.isoformat(),
        "inputs_sha256": {**p.inputs, **sha256_files([c.path for c in p.chapters], root)},
        "package": {"name": "manpower", "version": __version__, "source_sha256": p.package},
        "git_commit": _git_commit(root),
        "tools": tool_versions(),
        "environment": manifest_entry(root),
        "timings_s": timings,
        "chapters": [{"notebook": e.chapter.path.name, "cached": e.cached, "seconds": round(e.seconds, 3)} for e in done],
        "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]),
    }
    (work / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    import yaml

    (work / "params.yaml").write_text(
        "# The parameters of this report: `SOURCE_DATE_EPOCH=%d manpower render -f params.yaml --name %s`\n"
        % (int(p.when.timestamp()), opts.name)
        + yaml.safe_dump(manifest["parameters"], sort_keys=True, allow_unicode=True), encoding="utf-8")


class _Stages:
    """Times each stage and prints one line per stage."""

    def __init__(self, say: Callable[[str], None]):
        self.say, self.timings, self.t0 = say, {}, time.perf_counter()

    def __call__(self, label: str):
        from contextlib import contextmanager

        @contextmanager
        def timed():
            t0 = time.perf_counter()
            yield
            self.timings[label] = round(time.perf_counter() - t0, 3)
            self.say(f"  {label:<28} {self.timings[label]:6.2f} s")
        return timed()


def cover_as_of(shown, as_of) -> str:
    """The cover's and page header's line: the cut-off if any, and 'data as of' the latest claim
    date shown, both in words ("5 January 2024")."""
    from ..analysis.rows import latest_claim_date

    day = lambda d: f"{d.day} {d:%B %Y}"  # "5 January 2024": the page header is read, not parsed
    head = ("Figures as known on " + day(as_of)) if as_of else "All figures in the sources"
    latest = latest_claim_date(shown)
    return head + (f"; data as of {day(latest)}" if latest is not None else "; no figures")


def render(opts: Options, root: Path | None = None) -> Result:
    """Run the pipeline; publish reports/<name>/ atomically; RenderError on any failure."""
    root = root or project_root()
    stage = _Stages(opts.say)
    p = plan(opts, root)
    cache_folder = opts.cache_dir or default_cache_dir(root)
    check_folder(cache_folder, root)  # before anything is written
    clean_stale(p.dest.parent, p.dest.name)
    if not opts.force and not opts.since and is_up_to_date(p.dest, p.report_key):  # nothing changed: nothing to do
        opts.say(f"  up to date (inputs, parameters and code unchanged): {p.dest}")
        return Result(p.dest, {"total": round(time.perf_counter() - stage.t0, 3)}, [c.name for c in p.chapters], True)

    # only now the pipeline: pandas, papermill, the kernels and the typesetter (an unchanged report
    # is answered above from hashes of files, without them)
    from .appendix import cited_sources, figures_used, methodology, parameters, sources
    from ..writing.citation import citation
    from ..curated.data import DataError, load
    from ..curation.datapackage import write_data_package
    from ..writing.empty import section as empty_section
    from .execute import execute, execute_all
    from ..writing.judgements import judgements
    from .kernels import Kernels, preimport, quiet_kernel_logs
    from ..curated.selection import select
    from ..writing.since import changes, save_judgements, section as since_section
    from .document import Document

    # --force executes everything (nothing is read from the cache) and refreshes the cache
    cache = ChapterCache(cache_folder, opts.say, reuse=not opts.force)
    todo = [c for c in p.chapters if not cache.has(c.path.stem, p.keys[c.name])]
    jobs = max(1, opts.jobs or os.cpu_count() or 1)
    work: Path | None = None
    kernels: Kernels | None = None
    try:
        # the kernels boot (and papermill is imported) while the data is validated
        # the chapters read the data this process validates from the same cache (datacache.py)
        kernels = Kernels(root, min(jobs, len(todo)), limit=min(jobs, len(p.chapters)),
                          env={"MANPOWER_CACHE": str(cache_folder)})
        if todo:
            threading.Thread(target=preimport, daemon=True).start()
        with stage("validate data and parameters"):
            try:
                full = load(data_dir(root), seeds_dir(root), cache_dir=cache_folder, fresh=opts.force)
                shown = select(full, opts.params["as_of"], opts.params["sources"], opts.params["claimants"])
            except DataError as exc:
                raise RenderError("data is invalid (run `manpower check` for every problem): " + str(exc.problems[0])) from None
            key = judgements(shown, opts.params["as_of"])  # kept in the folder for the next report's comparison
            changed = [since_section(changes(opts.since, shown, key))] if opts.since else []
            nothing = empty_section(full, shown, opts.params["as_of"], opts.params["sources"], opts.params["claimants"])
        work = _build_folder(p.dest)
        done: list[Executed] = []
        if nothing is None:  # no figure selected: no chapter has anything to say (empty.py)
            with stage(f"execute {len(p.chapters)} notebooks (jobs={jobs})"), warnings.catch_warnings():
                quiet_kernel_logs()
                done = execute_all(
                    p.chapters, lambda c: execute(c, opts.params, work, work / "charts", root, cache, p.keys[c.name],
                                                  opts.progress and jobs == 1, kernels.get, opts.cell_timeout),
                    jobs, opts.say, abort=kernels.close)
        kernels.close()
        stage.timings["nbconvert to Markdown (in workers)"] = round(sum(e.convert_seconds for e in done), 3)
        as_of = opts.params["as_of"]
        cite = citation(root, cover_as_of(shown, as_of), p.when.date().isoformat(), _git_commit(root))
        doc = Document(
            title=opts.params["title"], subtitle=opts.params["subtitle"], date=p.when.date().isoformat(),
            as_of=cover_as_of(shown, as_of),
            chapters=[e.markdown for e in done] if nothing is None else [nothing],
            appendices=[methodology(full, shown, as_of),
                        sources(full, as_of, cited_sources(full, [e.markdown for e in done], work / "charts")),
                        figures_used(shown, [e.markdown for e in done], work / "charts"), parameters(opts.params),
                        *changed] if nothing is None else [parameters(opts.params), *changed],
            cite=cite.text(), bibtex=cite.bibtex(), contents=nothing is None,
        )
        _typeset(doc, work, p.when, stage)
        stage.timings["total"] = round(time.perf_counter() - stage.t0, 3)
        _write_manifest(opts, p, root, work, done, stage.timings)
        write_data_package(shown, work)  # datapackage.json and the CSVs it names, beside the PDF
        save_judgements(key, work)
        publish(work, p.dest)
        work = None
    except DestinationError as exc:
        raise RenderError(str(exc)) from None
    except OSError as exc:  # disk full, read-only or vanished folder: say which file, keep the old report
        where = f" {exc.filename}" if getattr(exc, "filename", None) else ""
        raise RenderError(f"cannot write the report{where}: {exc.strerror or exc}; the previous report is untouched") from None
    finally:  # on any failure or interrupt: no half-built folder left (first: it is quick), no kernel left running
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
        if kernels is not None:
            kernels.close()
    cache.prune({c.path.stem for c in p.chapters})
    return Result(p.dest, stage.timings, [e.chapter.name for e in done if e.cached])


def command(args) -> int:
    """`manpower render` (cli.py's parsed arguments): everything the user typed is checked before
    any work, then the report is rendered; a failure is two lines and exit 1."""
    t0 = time.perf_counter()
    root = project_root()
    # a mistake costs no kernel start
    overrides = {}
    for name, value in args.param or []:
        overrides[name] = parse_cli_value(value, name)
    name, values = resolve_params(root, args.preset, args.file or [], overrides)
    name = check_report_name(args.name or name)
    check_destination(args.out or reports_dir(root) / name, root)
    check_folder(default_cache_dir(root), root)
    try:
        stems = pick(args.chapters) if args.chapters else CHAPTERS
    except ManpowerError as exc:
        raise ParameterError(str(exc)) from None
    for stem in stems:
        if not (notebooks_dir(root) / f"{stem}.ipynb").is_file():
            raise ParameterError(f"--chapters: no notebook {notebooks_dir(root) / stem}.ipynb; "
                                 f"the report's chapters are {', '.join(CHAPTERS)}")
    if args.since is not None:  # a previous report folder that cannot be read stops here, in one line
        from ..writing.since import read_previous

        read_previous(args.since)
    document_time()
    given = str(args.cell_timeout).strip()
    if not (given.isascii() and given.isdigit() and 1 <= int(given) <= 86400):
        raise ParameterError(f"--cell-timeout must be a whole number of seconds from 1 to 86400; got {given[:40]!r}")
    cell_timeout = int(given)
    twins.check([notebooks_dir(root) / f"{stem}.ipynb" for stem in stems], root)  # before any work, one line
    if args.jobs < 0 or args.jobs > 64:
        raise ParameterError(f"--jobs must be a whole number from 0 (one per core) to 64; got {args.jobs}")
    progress = sys.stderr.isatty() and not args.quiet
    say = (lambda s: None) if args.quiet else (lambda s: print(s, flush=True))
    say(f"rendering report '{name}' -> {args.out or reports_dir(root) / name}")
    try:
        result = render(Options(name, values, args.out, args.jobs, args.force, progress, say,
                                cell_timeout=cell_timeout, chapters=stems, since=args.since), root)
    except ManpowerError as exc:
        print(f"manpower render: failed: {exc}", file=sys.stderr)
        print("manpower render: the previous report (if any) was left untouched", file=sys.stderr)
        return 1
    say(f"done in {time.perf_counter() - t0:.1f} s: {result.folder / 'report.pdf'}, {result.folder / 'report.html'}")
    return 0
