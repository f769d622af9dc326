"""Executing chapters: papermill on a leased warm kernel, or a verified cache entry; a failure
becomes one line naming the notebook and the cell (numbered as in the committed notebook).
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable

from .cache import ChapterCache
from ..vocabulary.chapters import Chapter
from .convert import chapter_markdown
from ..errors import RenderError
from .kernels import Lease
from ..vocabulary.params import for_chapter


@dataclass
class Executed:
    chapter: Chapter
    notebook: Path
    markdown: str
    seconds: float  # executing the notebook
    convert_seconds: float  # nbconvert to Markdown
    cached: bool


def _papermill_value(v: Any) -> Any:
    if isinstance(v, date):
        return v.isoformat()
    return v


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


# papermill's notebook metadata that names a time or this machine's paths, not the run's inputs
_RUN_METADATA = ("start_time", "end_time", "duration", "input_path", "output_path", "exception")


CHARTS_FROM_NOTEBOOK = "../charts"  # where a report's charts lie seen from its notebooks/ folder
INJECTED_ID = "injected-parameters"  # papermill gives its parameters cell a random id


def normalise(out_nb: Path, charts_dir: Path) -> None:
    """Rewrite an executed notebook so that two renders of the same inputs write the same bytes,
    whatever the clock, the folder the render worked in or --jobs: papermill's and nbclient's
    timestamps and paths go, the render's temporary charts folder becomes the report's own
    (`../charts`), the injected cell gets a fixed id, and execution counts are renumbered 1, 2,
    ... in cell order (a warm kernel reused for several chapters would go on counting)."""
    import json

    import nbformat

    text = out_nb.read_text(encoding="utf-8")
    for form in {str(charts_dir), json.dumps(str(charts_dir))[1:-1]}:  # as written, and JSON-escaped
        text = text.replace(form, CHARTS_FROM_NOTEBOOK)
    nb = nbformat.reads(text, as_version=4)
    pm_meta = nb.metadata.get("papermill", {})
    for key in _RUN_METADATA:
        pm_meta.pop(key, None)
    count = 0
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if "injected-parameters" in cell.metadata.get("tags", []) and "id" in cell:
            cell["id"] = INJECTED_ID
        if cell.cell_type != "code":
            continue
        if cell.get("execution_count") is not None:
            count += 1
            cell.execution_count = count
        for output in cell.get("outputs", []):
            if output.get("output_type") == "execute_result":
                output["execution_count"] = cell.execution_count
    nbformat.write(nb, str(out_nb))


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
                                # no cwd: the warm kernel already runs in the project root, and papermill's
                                # chdir is process-wide, so two workers restoring it in turn would leave the
                                # process (and any kernel started next) in the wrong folder
                                progress_bar=progress, cwd=None, log_output=False, km=kernel.km,
                                execution_timeout=timeout)
    except Exception as exc:  # papermill, nbclient and zmq raise many types; all become one line
        raise _failure(ch, exc, out_nb, timeout) from None
    normalise(out_nb, charts_dir)
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


def _stop_workers(workers: list[threading.Thread], abort: Callable[[], None] | None, wait_s: float = 15.0) -> None:
    """After a failure or an interrupt: shut the kernels down, then wait (at most `wait_s` in all)
    for the workers to return. A second Ctrl-C while waiting ends the wait at once."""
    if abort is not None:
        abort()
    deadline = time.monotonic() + wait_s
    for t in workers:
        while t.is_alive() and time.monotonic() < deadline:
            t.join(0.25)


def _next(finished: "queue.Queue"):
    """The next result, waiting in short slices: a signal the kernel delivers to another thread
    (a worker, a ZeroMQ channel thread) only sets a flag that the main thread checks when it runs
    Python code, and a main thread blocked in one long lock wait would never see it, so one
    Ctrl-C or SIGTERM could go unanswered while a cell runs. Each slice ends as soon as a result
    arrives; between slices the pending signal raises here."""
    import queue

    while True:
        try:
            return finished.get(timeout=0.25)
        except queue.Empty:
            continue


def execute_all(chs: list[Chapter], run: Callable[[Chapter], Executed], jobs: int,
                 say: Callable[[str], None], abort: Callable[[], None] | None = None) -> list[Executed]:
    """Run `run` on every chapter with `jobs` worker threads; results in chapter order.

    The workers are daemon threads and the main thread only waits on a queue, in short slices
    (`_next`), so a Ctrl-C (or SIGTERM) is answered at once whichever thread the kernel delivered
    it to; the caller then shuts the kernels down and nothing waits for a cell that may never
    end. The first failure stops the others: `abort` (which shuts the kernels down) is called and
    the workers are given a few seconds to return, so that none is still writing into the build
    folder when the caller removes it (a chapter finishing just after another failed did that)."""
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

    workers = [threading.Thread(target=worker, daemon=True, name="manpower-chapter")
               for _ in range(min(jobs, len(chs)))]
    for t in workers:
        t.start()
    out: list[Executed | None] = [None] * len(chs)
    said = 0
    ok = False
    try:
        for _ in chs:
            i, result = _next(finished)
            if isinstance(result, BaseException):
                raise result
            out[i] = result
            while said < len(chs) and out[said] is not None:
                ex = out[said]
                say(f"    {ex.chapter.path.name:<24} {'cached' if ex.cached else f'{ex.seconds:5.1f} s'}")
                said += 1
        ok = True
    finally:
        stop.set()
        if not ok:
            _stop_workers(workers, abort)
    return [e for e in out if e is not None]
