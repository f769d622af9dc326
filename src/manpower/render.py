"""From data to report: execute the chapter notebooks (in parallel, cached), convert, typeset, publish.

The report is built in a temporary folder beside its destination and moved into place only when
every stage succeeded, so a failed render leaves the last good report untouched.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Callable

import yaml

from . import __version__
from .params import SPEC, ParameterError, check_names, coerce, for_chapter
from .paths import project_root
from .publish import DestinationError, check_destination, clean_stale, publish

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class RenderError(RuntimeError):
    """A render that cannot finish: the message says which stage, notebook and cell."""


@dataclass
class Chapter:
    path: Path
    name: str  # summary, losses, ... (the part after NN_)


def chapters(root: Path) -> list[Chapter]:
    found = []
    for p in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        found.append(Chapter(p, p.stem.split("_", 1)[1]))
    return found


# -- parameters ------------------------------------------------------------------------------------

def load_yaml(path: Path, what: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise ParameterError(f"{what} {path} not found") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        first = str(exc).splitlines()[0]
        raise ParameterError(f"{what} {path} is not valid YAML: {first}") from None
    if not isinstance(data, dict):
        raise ParameterError(f"{what} {path} must be a mapping of NAME: VALUE")
    return data


def resolve_params(root: Path, preset: str | None, files: list[Path], overrides: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """(report name, typed parameter values): defaults ← preset ← -f files ← -p pairs."""
    values = {p.name: p.default for p in SPEC}
    if preset is None and not files and not overrides:
        preset = "standard"
    name = preset or "custom"
    layers: list[tuple[str, dict]] = []
    if preset:
        if not _NAME.match(preset):
            raise ParameterError(f"preset {preset!r}: use letters, digits, '.', '_' or '-'")
        path = root / "params" / f"{preset}.yaml"
        if not path.is_file():
            known = sorted(p.stem for p in (root / "params").glob("*.yaml"))
            raise ParameterError(f"unknown preset {preset!r}; presets in params/: {', '.join(known) or 'none'}")
        layers.append((str(path), load_yaml(path, "preset")))
    for f in files:
        layers.append((str(f), load_yaml(f, "parameter file")))
    layers.append(("-p", overrides))
    for origin, layer in layers:
        layer = dict(layer)
        if "name" in layer and origin != "-p":
            name = str(layer.pop("name"))
        try:
            check_names(set(layer))
        except ParameterError as exc:
            raise ParameterError(f"{origin}: {exc}") from None
        values.update(layer)
    typed = {}
    by_name = {p.name: p for p in SPEC}
    for k, v in values.items():
        typed[k] = coerce(by_name[k], v)
    return name, typed


def check_report_name(name: str) -> str:
    if not _NAME.match(name) or ".." in name:
        raise ParameterError(f"report name {name!r}: use 1-64 letters, digits, '.', '_' or '-' "
                             f"(no '/', no '..'); it becomes the folder reports/<name>/")
    return name


def _papermill_value(v: Any) -> Any:
    if isinstance(v, date):
        return v.isoformat()
    return v


# -- hashing and caching ---------------------------------------------------------------------------

def _hash_files(paths: list[Path], base: Path) -> dict[str, str]:
    out = {}
    for p in sorted(paths):
        if p.is_file():
            out[str(p.relative_to(base))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def input_hashes(root: Path) -> dict[str, str]:
    files = list((root / "data").glob("*.csv")) + [p for p in (root / "seeds").iterdir() if p.is_file()]
    return _hash_files(files, root)


def package_hash() -> str:
    pkg = Path(__file__).resolve().parent
    files = [p for p in pkg.rglob("*") if p.is_file() and p.suffix in (".py", ".typ", ".css")]
    h = hashlib.sha256()
    for rel, digest in _hash_files(files, pkg).items():
        h.update(f"{rel}:{digest}\n".encode())
    return h.hexdigest()


def cache_key(nb: Path, chapter_params: dict[str, Any], inputs: dict[str, str], pkg: str) -> str:
    h = hashlib.sha256()
    h.update(nb.read_bytes())
    h.update(json.dumps({k: v for k, v in chapter_params.items() if k != "output_dir"},
                        sort_keys=True, default=str).encode())
    h.update(json.dumps(inputs, sort_keys=True).encode())
    h.update(pkg.encode())
    return h.hexdigest()[:24]


# -- execution -------------------------------------------------------------------------------------

@dataclass
class Executed:
    chapter: Chapter
    notebook: Path
    markdown: str
    seconds: float  # executing the notebook
    convert_seconds: float  # nbconvert to Markdown
    cached: bool


def _quiet_kernel_logs() -> None:
    """No wall of kernel warnings between progress lines (e.g. TCP without encryption)."""
    for name in ("papermill", "traitlets", "jupyter_client", "nbclient", "asyncio"):
        logging.getLogger(name).setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", message=".*without encryption.*")
    warnings.filterwarnings("ignore", category=DeprecationWarning)


class WarmKernel:
    """A kernel kept warm for one worker, reused across chapters with its namespace reset in between.

    A kernel start with pandas and matplotlib imported costs about as much as running a small
    chapter; reusing one kernel per worker pays it once per core instead of once per chapter.
    Each chapter still starts from an empty namespace (`%reset -f`), so it cannot see another
    chapter's variables; interactive and plain papermill runs use fresh kernels as usual."""

    def __init__(self, cwd: Path):
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        # async, as nbclient expects: its checks for a dead kernel then work on a kernel it does not own
        self.km = AsyncKernelManager(kernel_name="python3")
        run_sync(self.km.start_kernel)(cwd=str(cwd), stderr=subprocess.DEVNULL)
        self.used = False

    def fresh(self) -> None:
        """Empty the namespace left by the previous chapter (modules stay imported)."""
        if not self.used:
            self.used = True
            return
        from jupyter_client.blocking import BlockingKernelClient

        kc = BlockingKernelClient()
        kc.load_connection_info(self.km.get_connection_info())
        kc.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
        try:
            msg_id = kc.execute("get_ipython().run_line_magic('reset', '-f')", silent=True, store_history=False)
            while True:
                reply = kc.get_shell_msg(timeout=60)
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
            if reply["content"].get("status") != "ok":
                raise RuntimeError("could not reset the kernel between chapters")
        finally:
            kc.stop_channels()

    def close(self) -> None:
        from jupyter_core.utils import run_sync

        try:
            run_sync(self.km.shutdown_kernel)(now=True)
        except Exception:  # a kernel that already died has nothing left to shut down
            pass


def _preimport() -> None:
    import nbconvert  # noqa: F401
    import papermill  # noqa: F401


class Kernels:
    """The warm kernels of one render, handed to workers one at a time (started at once, in the
    background: a kernel boots while the main process validates data and imports papermill)."""

    def __init__(self, cwd: Path, n: int):
        import queue

        self._all = [WarmKernel(cwd) for _ in range(n)]
        self._free: "queue.Queue[WarmKernel]" = queue.Queue()
        for k in self._all:
            self._free.put(k)

    def get(self) -> "Lease":
        return Lease(self)

    def close(self) -> None:
        for k in self._all:
            k.close()
        self._all = []


class Lease:
    """A kernel borrowed for one chapter; given back when the chapter is done."""

    def __init__(self, kernels: Kernels):
        self.kernels = kernels
        self.kernel = kernels._free.get()

    def __enter__(self) -> WarmKernel:
        return self.kernel

    def __exit__(self, *exc) -> None:
        self.kernels._free.put(self.kernel)


def quiet_kernel_manager():
    """A kernel manager whose kernels write nothing to our terminal: ipykernel's start-up warnings
    ("Kernel is running over TCP without encryption") and shutdown noise go to /dev/null; a kernel
    that dies is still reported by nbclient as DeadKernelError."""
    from jupyter_client.manager import AsyncKernelManager

    class QuietKernelManager(AsyncKernelManager):
        async def _async_start_kernel(self, **kw):
            kw.setdefault("stderr", subprocess.DEVNULL)
            return await super()._async_start_kernel(**kw)

        start_kernel = _async_start_kernel

    return QuietKernelManager


def _source_cell(out_nb: Path, index: int) -> int:
    """1-based number of the failing cell in the notebook as committed (papermill's injected
    parameters cell is not counted)."""
    try:
        import nbformat

        # papermill adds its own error cells (a banner on top, an anchor above the failing cell)
        # to the notebook it writes; exc.cell_index counts the cells without them
        cells = [c for c in nbformat.read(str(out_nb), as_version=4).cells
                 if "papermill-error-cell-tag" not in c.metadata.get("tags", [])]
        injected = [i for i, c in enumerate(cells) if "injected-parameters" in c.metadata.get("tags", [])]
        return index + 1 - sum(1 for i in injected if i < index)
    except Exception:  # the executed notebook may be unreadable after a crash: count as executed
        return index + 1


def _failure(ch: Chapter, exc: BaseException, out_nb: Path) -> RenderError:
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        cell = _source_cell(out_nb, exc.cell_index) if isinstance(exc.cell_index, int) else "?"
        evalue = str(exc.evalue).strip().splitlines()[0] if str(exc.evalue).strip() else ""
        return RenderError(f"notebook {ch.path.name}, cell {cell}: {exc.ename}: {evalue}")
    text = f"{type(exc).__name__}: {exc}".strip()
    if "DeadKernel" in type(exc).__name__ or "died" in text.lower():
        return RenderError(f"notebook {ch.path.name}: the kernel died while executing ({text.splitlines()[0]})")
    return RenderError(f"notebook {ch.path.name}: {text.splitlines()[0] if text else type(exc).__name__}")


def cache_entry(cache_dir: Path, ch: Chapter, key: str) -> Path:
    """Where one execution of a chapter is cached (prune_cache relies on the `stem-key` name)."""
    return cache_dir / f"{ch.path.stem}-{key}"


def execute(ch: Chapter, params: dict[str, Any], out_dir: Path, charts_dir: Path, root: Path,
            cache_dir: Path | None, key: str | None, progress: bool, lease: Callable[[], Lease]) -> Executed:
    """Execute one chapter on a leased warm kernel (or copy it from the cache) and convert it to Markdown."""
    t0 = time.perf_counter()
    out_nb = out_dir / "notebooks" / ch.path.name
    cached = cache_entry(cache_dir, ch, key) if cache_dir and key else None
    if cached and (cached / "ok").is_file():
        (cached / "ok").touch()  # most recently used: kept by prune_cache
        shutil.copy2(cached / ch.path.name, out_nb)
        for f in (cached / "charts").iterdir():
            shutil.copy2(f, charts_dir / f.name)
        markdown = (cached / "chapter.md").read_text(encoding="utf-8")
        return Executed(ch, out_nb, markdown, time.perf_counter() - t0, 0.0, True)
    import papermill as pm

    chapter_params = {p.name: _papermill_value(params[p.name]) for p in for_chapter(ch.name)}
    chapter_params["output_dir"] = str(charts_dir)
    before = {f.name for f in charts_dir.iterdir()}
    try:
        with lease() as kernel:
            kernel.fresh()
            pm.execute_notebook(str(ch.path), str(out_nb), parameters=chapter_params, kernel_name="python3",
                                progress_bar=progress, cwd=str(root), log_output=False, km=kernel.km)
    except Exception as exc:  # papermill, nbclient and zmq raise many types; all become one line
        raise _failure(ch, exc, out_nb) from None
    t1 = time.perf_counter()
    markdown = chapter_markdown(out_nb)
    t2 = time.perf_counter()
    if cached:
        tmp = cached.with_name(cached.name + f".tmp{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        (tmp / "charts").mkdir(parents=True)
        shutil.copy2(out_nb, tmp / ch.path.name)
        (tmp / "chapter.md").write_text(markdown, encoding="utf-8")
        prefix = f"{ch.name}-"
        for f in charts_dir.iterdir():
            if f.name not in before and f.name.startswith(prefix):
                shutil.copy2(f, tmp / "charts" / f.name)
        (tmp / "ok").write_text("ok\n")
        shutil.rmtree(cached, ignore_errors=True)
        tmp.rename(cached)
    return Executed(ch, out_nb, markdown, t1 - t0, t2 - t1, False)


# -- conversion ------------------------------------------------------------------------------------

def chapter_markdown(nb_path: Path) -> str:
    """An executed notebook as Markdown through nbconvert, code excluded, charts as captioned figures."""
    import nbformat
    from nbconvert import MarkdownExporter

    from .chapter import CHART_KEY

    nb = nbformat.read(str(nb_path), as_version=4)
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            if "parameters" in cell.metadata.get("tags", []) or "injected-parameters" in cell.metadata.get("tags", []):
                continue
            outputs = []
            for out in cell.get("outputs", []):
                meta = out.get("metadata", {}).get(CHART_KEY)
                if meta:
                    rel = f"charts/{Path(meta['file']).name}"
                    caption = meta["caption"].replace("[", "(").replace("]", ")")
                    outputs.append(nbformat.v4.new_output(
                        "display_data", data={"text/markdown": f"![{caption}]({rel})"}))
                elif out.get("output_type") in ("display_data", "execute_result") and "text/markdown" in out.get("data", {}):
                    outputs.append(nbformat.v4.new_output("display_data", data={"text/markdown": out["data"]["text/markdown"]}))
                # streams, errors and plain-text reprs are not part of the report
            cell.outputs = outputs
        cells.append(cell)
    nb.cells = cells
    exporter = MarkdownExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb)
    return body.strip() + "\n"


# -- the whole pipeline ----------------------------------------------------------------------------

@dataclass
class Options:
    name: str
    params: dict[str, Any]
    out: Path | None = None
    jobs: int = 0
    force: bool = False
    progress: bool = False
    say: Callable[[str], None] = print


@dataclass
class Result:
    folder: Path
    timings: dict[str, float] = field(default_factory=dict)
    cached: list[str] = field(default_factory=list)
    up_to_date: bool = False


def _up_to_date(dest: Path, report_key: str) -> bool:
    try:
        manifest = json.loads((dest / "manifest.json").read_text())
    except (OSError, ValueError):
        return False
    return (manifest.get("report_key") == report_key and (dest / "report.pdf").is_file()
            and (dest / "report.html").is_file())


def _tool_versions() -> dict[str, str]:
    import importlib.metadata as md

    out = {"python": platform.python_version()}
    for pkg in ("pandas", "matplotlib", "papermill", "nbconvert", "nbclient", "ipykernel", "jupyter-client",
                "pypandoc-binary", "typst"):
        try:
            out[pkg] = md.version(pkg)
        except md.PackageNotFoundError:
            pass
    try:
        import pypandoc

        out["pandoc"] = pypandoc.get_pandoc_version()
    except Exception:  # pandoc missing is reported by the typesetting stage itself
        pass
    return out


def _git_commit(root: Path) -> str | None:
    try:
        r = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=5)
        return r.stdout.strip() or None if r.returncode == 0 else None
    except (OSError, subprocess.SubprocessError):
        return None


def document_time() -> datetime:
    """The date printed on the report: SOURCE_DATE_EPOCH if set, else today at 00:00 UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    today = datetime.now(timezone.utc).date()
    return datetime(today.year, today.month, today.day, tzinfo=timezone.utc)


def render(opts: Options, root: Path | None = None) -> Result:
    """Run the pipeline; publish reports/<name>/ atomically; RenderError on any failure."""
    from .appendix import figures_used, methodology, parameters, sources
    from .data import DataError, load
    from .selection import select
    from .typeset import Document, compile_pdf, render_html, write_typst

    root = root or project_root()
    check_report_name(opts.name)
    try:
        dest = check_destination(opts.out or root / "reports" / opts.name, root)
    except DestinationError as exc:
        raise RenderError(str(exc)) from None
    clean_stale(dest.parent, dest.name)
    timings: dict[str, float] = {}
    t_all = time.perf_counter()

    def stage(label: str, t0: float) -> None:
        timings[label] = round(time.perf_counter() - t0, 3)
        opts.say(f"  {label:<28} {timings[label]:6.2f} s")

    # Nothing changed since the last render of this report? Then there is nothing to do.
    chs = chapters(root)
    if not chs:
        raise RenderError(f"no chapter notebooks (NN_name.ipynb) in {root / 'notebooks'}")
    inputs, pkg = input_hashes(root), package_hash()
    keys = {c.name: cache_key(c.path, {p.name: opts.params[p.name] for p in for_chapter(c.name)}, inputs, pkg) for c in chs}
    when = document_time()
    report_key = hashlib.sha256(json.dumps(
        {"keys": keys, "params": {k: str(v) for k, v in opts.params.items()}, "date": when.isoformat(), "name": opts.name},
        sort_keys=True).encode()).hexdigest()
    if not opts.force and _up_to_date(dest, report_key):
        opts.say(f"  up to date (inputs, parameters and code unchanged): {dest}")
        return Result(dest, {"total": round(time.perf_counter() - t_all, 3)}, [c.name for c in chs], True)

    # Boot the kernels now, so they start while data is validated and papermill is imported.
    cache_dir = root / "reports" / ".cache"
    todo = [c for c in chs if opts.force or not (cache_entry(cache_dir, c, keys[c.name]) / "ok").is_file()]
    jobs = max(1, opts.jobs or os.cpu_count() or 1)
    kernels = Kernels(root, min(jobs, len(todo)))
    if todo:  # import the executor and converter while the kernels boot
        threading.Thread(target=_preimport, daemon=True).start()
    t0 = time.perf_counter()
    try:
        full = load(root / "data", root / "seeds")
        shown = select(full, opts.params["as_of"], opts.params["sources"], opts.params["claimants"])
    except DataError as exc:
        kernels.close()
        raise RenderError("data is invalid (run `manpower check` for every problem): " + str(exc.problems[0])) from None
    except BaseException:
        kernels.close()
        raise
    stage("validate data and parameters", t0)

    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{dest.name}.partial-", dir=dest.parent))
    except OSError as exc:
        kernels.close()
        raise RenderError(f"output folder {dest.parent} is not writable: {exc.strerror or exc}") from None
    try:
        (work / "notebooks").mkdir()
        (work / "charts").mkdir()
        _quiet_kernel_logs()
        cache_dir.mkdir(parents=True, exist_ok=True)
        if opts.force:  # execute everything, but refresh the cache with the results
            for c in chs:
                shutil.rmtree(cache_entry(cache_dir, c, keys[c.name]), ignore_errors=True)

        t0 = time.perf_counter()
        done: list[Executed] = []
        try:
            with ThreadPoolExecutor(max_workers=jobs) as pool:
                futures = [pool.submit(execute, c, opts.params, work, work / "charts", root, cache_dir, keys[c.name],
                                       opts.progress and jobs == 1, kernels.get) for c in chs]
                try:
                    for f in futures:
                        ex = f.result()
                        done.append(ex)
                        opts.say(f"    {ex.chapter.path.name:<24} {'cached' if ex.cached else f'{ex.seconds:5.1f} s'}")
                except BaseException:
                    for f in futures:
                        f.cancel()
                    raise
        finally:
            kernels.close()
        stage(f"execute {len(chs)} notebooks (jobs={jobs})", t0)
        timings["nbconvert to Markdown (in workers)"] = round(sum(e.convert_seconds for e in done), 3)
        chapter_md = [e.markdown for e in done]

        as_of = opts.params["as_of"]
        doc = Document(
            title=opts.params["title"], subtitle=opts.params["subtitle"], date=when.date().isoformat(),
            as_of=("Figures as known on " + as_of.isoformat()) if as_of else "All figures in the sources",
            chapters=chapter_md,
            appendices=[methodology(full, shown, as_of), sources(full), figures_used(shown, chapter_md, work / "charts"), parameters(opts.params)],
        )
        t0 = time.perf_counter()
        source = write_typst(doc, work)
        stage("pandoc to Typst", t0)
        t0 = time.perf_counter()
        compile_pdf(doc, source, work / "report.pdf", when)
        stage("typst to PDF", t0)
        t0 = time.perf_counter()
        render_html(doc, work, work / "report.html")
        stage("pandoc to HTML", t0)

        timings["total"] = round(time.perf_counter() - t_all, 3)
        manifest = {
            "name": opts.name,
            "report_key": report_key,
            "parameters": {k: (v.isoformat() if isinstance(v, date) else v) for k, v in opts.params.items()},
            "document_date": when.isoformat(),
            "inputs_sha256": {**inputs, **_hash_files([c.path for c in chs], root)},
            "package": {"name": "manpower", "version": __version__, "source_sha256": pkg},
            "git_commit": _git_commit(root),
            "tools": _tool_versions(),
            "timings_s": timings,
            "chapters": [{"notebook": e.chapter.path.name, "cached": e.cached, "seconds": round(e.seconds, 3)} for e in done],
            "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]),
        }
        (work / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        __import__("manpower.datapackage").datapackage.write_data_package(shown, work)  # datapackage.json + CSVs
        (work / "params.yaml").write_text(
            "# The parameters of this report: `SOURCE_DATE_EPOCH=%d manpower render -f params.yaml --name %s`\n"
            % (int(when.timestamp()), opts.name)
            + yaml.safe_dump(manifest["parameters"], sort_keys=True, allow_unicode=True), encoding="utf-8")
        publish(work, dest)
    except DestinationError as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise RenderError(str(exc)) from None
    except OSError as exc:  # disk full, read-only or vanished folder: say which file, keep the old report
        shutil.rmtree(work, ignore_errors=True)
        where = f" {exc.filename}" if getattr(exc, "filename", None) else ""
        raise RenderError(f"cannot write the report{where}: {exc.strerror or exc}; the previous report is untouched") from None
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    prune_cache(cache_dir, {c.path.stem for c in chs})
    return Result(dest, timings, [e.chapter.name for e in done if e.cached])


CACHE_KEEP = 8


def prune_cache(cache_dir: Path, stems: set[str], keep: int = CACHE_KEEP) -> None:
    """Keep the `keep` most recently used cached executions of each chapter, so that many
    parameter variations do not fill the disk; a pruned chapter is simply executed again."""
    if not cache_dir.is_dir():
        return
    for stem in stems:
        entries = [d for d in cache_dir.glob(f"{stem}-*") if (d / "ok").is_file() and d.name[len(stem) + 1:].isalnum()]
        entries.sort(key=lambda d: (d / "ok").stat().st_mtime, reverse=True)
        for d in entries[keep:]:
            shutil.rmtree(d, ignore_errors=True)
