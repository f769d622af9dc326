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
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Callable

import yaml

from . import __version__
from .errors import ManpowerError
from .cache import ChapterCache, chapter_key, input_hashes, package_hash, prune_cache, sha256_files, tool_versions
from .params import SPEC, ParameterError, check_names, coerce, for_chapter
from .paths import cache_dir as default_cache_dir
from .paths import project_root
from .publish import PARTIAL, DestinationError, check_destination, clean_stale, publish

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class RenderError(ManpowerError, RuntimeError):
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

YAML_MAX_BYTES = 1_000_000  # a parameter file is a few lines


def load_yaml(path: Path, what: str) -> dict[str, Any]:
    """A YAML mapping from a regular file (a folder, a pipe or a device is refused before it is
    opened, so nothing hangs); every failure is a one-line ParameterError naming the file."""
    import stat

    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise ParameterError(f"{what} {path} not found") from None
    except OSError as exc:
        raise ParameterError(f"{what} {path} cannot be read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise ParameterError(f"{what} {path} is a folder; give a YAML file")
    if not stat.S_ISREG(st.st_mode):
        raise ParameterError(f"{what} {path} is not a regular file (a pipe or device?); give a YAML file")
    try:
        with open(path, "rb") as f:
            raw = f.read(YAML_MAX_BYTES + 1)
    except OSError as exc:
        raise ParameterError(f"{what} {path} cannot be read: {exc.strerror or exc}") from None
    if len(raw) > YAML_MAX_BYTES:
        raise ParameterError(f"{what} {path} is over {YAML_MAX_BYTES:,} bytes; a parameter file is a short YAML mapping")
    try:
        data = yaml.safe_load(raw.decode("utf-8")) or {}
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
    """No wall of kernel warnings between progress lines (e.g. TCP without encryption). Call it
    inside `warnings.catch_warnings()`: the filters are the executing stage's, not the caller's."""
    for name in ("papermill", "traitlets", "jupyter_client", "nbclient", "asyncio"):
        logging.getLogger(name).setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", message=".*without encryption.*")
    for module in ("jupyter_client", "nbclient", "papermill", "zmq", "nbformat", "nbconvert"):
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=module)


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

    def __init__(self, cwd: Path, n: int, limit: int | None = None):
        import queue

        self.cwd, self.limit = cwd, max(n, limit or n, 1)
        self._lock = threading.Lock()
        self._closed = False
        self._all: list[WarmKernel] = []
        self._free: "queue.Queue[WarmKernel]" = queue.Queue()
        for _ in range(n):
            self._add()

    def _add(self) -> None:
        k = WarmKernel(self.cwd)
        with self._lock:
            self._all.append(k)
            closed = self._closed
        if closed:  # closed while this one booted (an interrupt): do not leave it running
            k.close()
            raise RuntimeError("the render was stopped")
        self._free.put(k)

    def get(self) -> "Lease":
        return Lease(self)

    def take(self) -> WarmKernel:
        """A free kernel; one more is started when none is free and fewer than `limit` run
        (a chapter whose cache entry turned out damaged needs one that was not planned)."""
        import queue

        try:
            return self._free.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            grow = len(self._all) < self.limit
        if grow:
            self._add()
        return self._free.get()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            kernels, self._all = self._all, []
        for k in kernels:
            k.close()


class Lease:
    """A kernel borrowed for one chapter; given back when the chapter is done."""

    def __init__(self, kernels: Kernels):
        self.kernels = kernels
        self.kernel = kernels.take()

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


def _running_cell(out_nb: Path) -> int | None:
    """Index (among papermill's cells) of the cell that was executing when the run stopped: the
    last one papermill has started."""
    try:
        import nbformat

        cells = [c for c in nbformat.read(str(out_nb), as_version=4).cells
                 if "papermill-error-cell-tag" not in c.metadata.get("tags", [])]
        started = [i for i, c in enumerate(cells) if c.metadata.get("papermill", {}).get("start_time")]
        return started[-1] if started else None
    except Exception:  # no readable notebook: the cell is unknown
        return None


def _failure(ch: Chapter, exc: BaseException, out_nb: Path, timeout: float | None = None) -> RenderError:
    from nbclient.exceptions import CellTimeoutError
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, CellTimeoutError):
        index = _running_cell(out_nb)
        cell = _source_cell(out_nb, index) if index is not None else "?"
        return RenderError(f"notebook {ch.path.name}, cell {cell}: still running after {timeout:g} s "
                           f"(--cell-timeout); stopped")

    if isinstance(exc, PapermillExecutionError):
        cell = _source_cell(out_nb, exc.cell_index) if isinstance(exc.cell_index, int) else "?"
        evalue = str(exc.evalue).strip().splitlines()[0] if str(exc.evalue).strip() else ""
        return RenderError(f"notebook {ch.path.name}, cell {cell}: {exc.ename}: {evalue}")
    text = f"{type(exc).__name__}: {exc}".strip()
    if "DeadKernel" in type(exc).__name__ or "died" in text.lower():
        return RenderError(f"notebook {ch.path.name}: the kernel died while executing ({text.splitlines()[0]})")
    return RenderError(f"notebook {ch.path.name}: {text.splitlines()[0] if text else type(exc).__name__}")


def _from_cache(ch: Chapter, files: dict[str, bytes], out_nb: Path, charts_dir: Path) -> str | None:
    """Write a verified cache entry's notebook and charts into the report; its Markdown."""
    names = {ch.path.name, "chapter.md"}
    if not names <= set(files) or any(not (r in names or r.startswith("charts/")) for r in files):
        return None
    try:
        markdown = files["chapter.md"].decode("utf-8")
    except UnicodeDecodeError:
        return None
    out_nb.write_bytes(files[ch.path.name])
    for rel, data in files.items():
        if rel.startswith("charts/"):
            (charts_dir / Path(rel).name).write_bytes(data)
    return markdown


def execute(ch: Chapter, params: dict[str, Any], out_dir: Path, charts_dir: Path, root: Path,
            cache: ChapterCache, key: str, progress: bool, lease: Callable[[], Lease],
            timeout: float | None = None) -> Executed:
    """Execute one chapter on a leased warm kernel (or take it from the cache, verified) and
    convert it to Markdown. `timeout`: seconds a cell may run."""
    t0 = time.perf_counter()
    out_nb = out_dir / "notebooks" / ch.path.name
    stem = ch.path.stem
    files = cache.get(stem, key)
    if files is not None:
        markdown = _from_cache(ch, files, out_nb, charts_dir)
        if markdown is not None:
            return Executed(ch, out_nb, markdown, time.perf_counter() - t0, 0.0, True)
        cache.say(f"  cache entry for {stem} damaged (unexpected files): executing again")
        cache.drop(stem, key)
    import papermill as pm

    chapter_params = {p.name: _papermill_value(params[p.name]) for p in for_chapter(ch.name)}
    chapter_params["output_dir"] = str(charts_dir)
    before = {f.name for f in charts_dir.iterdir()}
    try:
        with lease() as kernel:
            kernel.fresh()
            pm.execute_notebook(str(ch.path), str(out_nb), parameters=chapter_params, kernel_name="python3",
                                progress_bar=progress, cwd=str(root), log_output=False, km=kernel.km,
                                execution_timeout=timeout)
    except Exception as exc:  # papermill, nbclient and zmq raise many types; all become one line
        raise _failure(ch, exc, out_nb, timeout) from None
    t1 = time.perf_counter()
    markdown = chapter_markdown(out_nb)
    t2 = time.perf_counter()
    md_file = out_dir / f".{stem}.md"
    md_file.write_text(markdown, encoding="utf-8")
    prefix = f"{ch.name}-"
    files = {ch.path.name: out_nb, "chapter.md": md_file}
    for f in charts_dir.iterdir():
        if f.name not in before and f.name.startswith(prefix):
            files[f"charts/{f.name}"] = f
    cache.put(stem, key, files)
    md_file.unlink()
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

CELL_TIMEOUT = 600.0


@dataclass
class Options:
    name: str
    params: dict[str, Any]
    out: Path | None = None
    jobs: int = 0
    force: bool = False
    progress: bool = False
    say: Callable[[str], None] = print
    cell_timeout: float | None = CELL_TIMEOUT  # seconds a notebook cell may run; None: no limit
    cache_dir: Path | None = None  # default: $MANPOWER_CACHE, else reports/.cache


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


def _git_commit(root: Path) -> str | None:
    try:
        r = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=5)
        return r.stdout.strip() or None if r.returncode == 0 else None
    except (OSError, subprocess.SubprocessError):
        return None


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


def _execute_all(chs: list[Chapter], run: Callable[[Chapter], Executed], jobs: int,
                 say: Callable[[str], None]) -> list[Executed]:
    """Run `run` on every chapter with `jobs` worker threads; results in chapter order.

    The workers are daemon threads and the main thread only waits on a queue, so a Ctrl-C (or
    SIGTERM) reaches the main thread at once; the caller then shuts the kernels down and nothing
    waits for a cell that may never end. The first failure stops the others."""
    import queue

    todo: "queue.Queue[tuple[int, Chapter]]" = queue.Queue()
    for item in enumerate(chs):
        todo.put(item)
    finished: "queue.Queue[tuple[int, Executed | BaseException]]" = queue.Queue()
    stop = threading.Event()

    def worker() -> None:
        while not stop.is_set():
            try:
                i, ch = todo.get_nowait()
            except queue.Empty:
                return
            try:
                finished.put((i, run(ch)))
            except BaseException as exc:  # handed to the main thread, which raises it
                finished.put((i, exc))

    for _ in range(min(jobs, len(chs))):
        threading.Thread(target=worker, daemon=True, name="manpower-chapter").start()
    out: list[Executed | None] = [None] * len(chs)
    said = 0
    try:
        for _ in chs:
            i, result = finished.get()
            if isinstance(result, BaseException):
                raise result
            out[i] = result
            while said < len(chs) and out[said] is not None:
                ex = out[said]
                say(f"    {ex.chapter.path.name:<24} {'cached' if ex.cached else f'{ex.seconds:5.1f} s'}")
                said += 1
    finally:
        stop.set()
    return [e for e in out if e is not None]


def _folder_mode(folder: Path) -> None:
    """mkdtemp makes 0700 folders; a published report follows the umask like any other folder."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(folder, 0o777 & ~umask)


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
    when = document_time()
    inputs, pkg = input_hashes(root), package_hash()
    keys = {c.name: chapter_key(c.path, {p.name: opts.params[p.name] for p in for_chapter(c.name)}, inputs, pkg)
            for c in chs}
    report_key = hashlib.sha256(json.dumps(
        {"keys": keys, "params": {k: str(v) for k, v in opts.params.items()}, "date": when.isoformat(), "name": opts.name},
        sort_keys=True).encode()).hexdigest()
    if not opts.force and _up_to_date(dest, report_key):
        opts.say(f"  up to date (inputs, parameters and code unchanged): {dest}")
        return Result(dest, {"total": round(time.perf_counter() - t_all, 3)}, [c.name for c in chs], True)

    # Boot the kernels now, so they start while data is validated and papermill is imported.
    cache = ChapterCache(opts.cache_dir or default_cache_dir(root), opts.say)
    if opts.force:  # execute everything, but refresh the cache with the results
        for c in chs:
            cache.drop(c.path.stem, keys[c.name])
    todo = [c for c in chs if not cache.has(c.path.stem, keys[c.name])]
    jobs = max(1, opts.jobs or os.cpu_count() or 1)
    work: Path | None = None
    kernels: Kernels | None = None
    try:
        kernels = Kernels(root, min(jobs, len(todo)), limit=min(jobs, len(chs)))
        if todo:  # import the executor and converter while the kernels boot
            threading.Thread(target=_preimport, daemon=True).start()
        t0 = time.perf_counter()
        try:
            full = load(root / "data", root / "seeds")
            shown = select(full, opts.params["as_of"], opts.params["sources"], opts.params["claimants"])
        except DataError as exc:
            raise RenderError("data is invalid (run `manpower check` for every problem): " + str(exc.problems[0])) from None
        stage("validate data and parameters", t0)

        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            work = Path(tempfile.mkdtemp(prefix=f".{dest.name}{PARTIAL}{os.getpid()}-", dir=dest.parent))
        except OSError as exc:
            raise RenderError(f"output folder {dest.parent} is not writable: {exc.strerror or exc}") from None
        _folder_mode(work)
        (work / "notebooks").mkdir()
        (work / "charts").mkdir()

        t0 = time.perf_counter()
        with warnings.catch_warnings():
            _quiet_kernel_logs()
            done = _execute_all(
                chs, lambda c: execute(c, opts.params, work, work / "charts", root, cache, keys[c.name],
                                       opts.progress and jobs == 1, kernels.get, opts.cell_timeout),
                jobs, opts.say)
        kernels.close()
        stage(f"execute {len(chs)} notebooks (jobs={jobs})", t0)
        timings["nbconvert to Markdown (in workers)"] = round(sum(e.convert_seconds for e in done), 3)
        chapter_md = [e.markdown for e in done]

        as_of = opts.params["as_of"]
        doc = Document(
            title=opts.params["title"], subtitle=opts.params["subtitle"], date=when.date().isoformat(),
            as_of=("Figures as known on " + as_of.isoformat()) if as_of else "All figures in the sources",
            chapters=chapter_md,
            appendices=[methodology(full, shown, as_of), sources(full), figures_used(shown), parameters(opts.params)],
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
            "inputs_sha256": {**inputs, **sha256_files([c.path for c in chs], root)},
            "package": {"name": "manpower", "version": __version__, "source_sha256": pkg},
            "git_commit": _git_commit(root),
            "tools": tool_versions(),
            "timings_s": timings,
            "chapters": [{"notebook": e.chapter.path.name, "cached": e.cached, "seconds": round(e.seconds, 3)} for e in done],
            "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]),
        }
        (work / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        (work / "params.yaml").write_text(
            "# The parameters of this report: `SOURCE_DATE_EPOCH=%d manpower render -f params.yaml --name %s`\n"
            % (int(when.timestamp()), opts.name)
            + yaml.safe_dump(manifest["parameters"], sort_keys=True, allow_unicode=True), encoding="utf-8")
        publish(work, dest)
        work = None
    except DestinationError as exc:
        raise RenderError(str(exc)) from None
    except OSError as exc:  # disk full, read-only or vanished folder: say which file, keep the old report
        where = f" {exc.filename}" if getattr(exc, "filename", None) else ""
        raise RenderError(f"cannot write the report{where}: {exc.strerror or exc}; the previous report is untouched") from None
    finally:  # on any failure or interrupt: no kernel left running, no half-built folder left
        if kernels is not None:
            kernels.close()
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    cache.prune({c.path.stem for c in chs})
    return Result(dest, timings, [e.chapter.name for e in done if e.cached])


