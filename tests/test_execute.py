"""Running chapters on worker threads: results in order, the first failure raised, and a signal
answered by the main thread whichever thread received it."""
from __future__ import annotations

import signal
import threading
from pathlib import Path

import pytest

from manpower.vocabulary.chapters import Chapter
from manpower.report.execute import Executed, execute_all


def _chapters(n: int) -> list[Chapter]:
    return [Chapter(Path(f"{i:02d}_c{i}.ipynb"), f"c{i}") for i in range(1, n + 1)]


def _done(ch: Chapter) -> Executed:
    return Executed(ch, ch.path, f"# {ch.name}", 0.0, 0.0, False)


def test_results_come_back_in_chapter_order_whatever_order_they_finish_in():
    chs = _chapters(4)
    first_may_finish = threading.Event()
    finished_order = []

    def run(ch):
        if ch is chs[0]:
            first_may_finish.wait(30)  # the first chapter finishes last
        finished_order.append(ch.name)
        if len(finished_order) == len(chs) - 1:
            first_may_finish.set()
        return _done(ch)

    said = []
    out = execute_all(chs, run, jobs=2, say=said.append)
    assert [e.chapter for e in out] == chs
    assert finished_order[-1] == chs[0].name
    assert [line.split()[0] for line in said] == [c.path.name for c in chs]


def test_the_first_failure_is_raised():
    chs = _chapters(3)

    def run(ch):
        if ch is chs[1]:
            raise RuntimeError("cell 2 failed")
        return _done(ch)

    with pytest.raises(RuntimeError, match="cell 2 failed"):
        execute_all(chs, run, jobs=1, say=lambda s: None)


@pytest.mark.skipif(not hasattr(signal, "pthread_kill"), reason="needs pthread_kill (POSIX)")
def test_a_ctrl_c_delivered_to_a_worker_thread_stops_the_wait_at_once():
    """The kernel may hand a process's SIGINT to any thread that does not block it (under load
    it went to another thread, and the render hung). Here the SIGINT is sent to a worker thread
    once the main thread is waiting for the second result (it has just printed the first): the
    main thread must raise at once, not only when a result happens to arrive. The worker gives up
    after 30 s and returns a result, so a regression fails instead of hanging."""
    chs = _chapters(2)
    first_said, answered = threading.Event(), threading.Event()
    late = []

    def run(ch):
        if ch is chs[1]:
            first_said.wait(30)  # the event: the main thread printed chapter 1 and waits again
            signal.pthread_kill(threading.get_ident(), signal.SIGINT)  # to this worker, not the main thread
            if not answered.wait(30):
                late.append(ch.name)
        return _done(ch)

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started with SIGINT ignored
    try:
        with pytest.raises(KeyboardInterrupt):
            try:
                execute_all(chs, run, jobs=2, say=lambda line: first_said.set())
            finally:
                answered.set()
    finally:
        signal.signal(signal.SIGINT, previous)
    assert not late, "the main thread only saw the Ctrl-C when a result arrived"


def test_parallel_chapters_never_change_the_working_directory(mini_project, tmp_path, monkeypatch):
    """papermill's `cwd` is an os.chdir for the whole execution: two workers restoring it in turn
    left the process in the project folder, or in another render's, and a kernel started next
    there read that project's data. The render runs its chapters without it (its kernels start
    in the project root) and leaves the caller's working directory as it was."""
    import papermill

    from conftest import tiny_notebook
    from manpower.report.render import Options, render, resolve_params

    tiny_notebook(mini_project / "notebooks" / "02_tiny.ipynb")
    real = papermill.execute_notebook
    seen = []

    def recording(*a, **kw):
        seen.append(kw.get("cwd"))
        return real(*a, **kw)

    monkeypatch.setattr(papermill, "execute_notebook", recording)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    name, params = resolve_params(mini_project, "standard", [], {})
    render(Options(name, params, out=tmp_path / "out", force=True, jobs=2, say=lambda s: None,
                   chapters=("01_tiny", "02_tiny"), cache_dir=tmp_path / "cache"), mini_project)
    assert seen == [None, None]
    assert Path.cwd() == elsewhere
    assert (tmp_path / "out" / "report.pdf").is_file()
