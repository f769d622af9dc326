"""Warm kernels: one per worker, started once per render and reused across chapters.

A kernel start with pandas and matplotlib imported costs about as much as running a small
chapter; reusing one kernel per worker pays it once per core instead of once per chapter.
"""
from __future__ import annotations

import logging
import os
import signal
import subprocess
import threading
import warnings
from pathlib import Path


def quiet_kernel_logs() -> None:
    """No wall of kernel warnings between progress lines (e.g. TCP without encryption). Call it
    inside `warnings.catch_warnings()`: the filters are the executing stage's, not the caller's."""
    # CRITICAL: a failure is reported once, as our one line ("cell 5: still running after 600 s"),
    # not also as nbclient's "Timeout waiting for execute reply" or asyncio's "Task was destroyed"
    for name in ("papermill", "traitlets", "jupyter_client", "nbclient", "asyncio"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    warnings.filterwarnings("ignore", message=".*without encryption.*")
    for module in ("jupyter_client", "nbclient", "papermill", "zmq", "nbformat", "nbconvert"):
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=module)


def preimport() -> None:
    """Import the executor and the converter (run in a thread while the kernels boot)."""
    import nbconvert  # noqa: F401
    import papermill  # noqa: F401


class WarmKernel:
    """A kernel kept warm for one worker, reused across chapters with its namespace reset in between.

    A kernel start with pandas and matplotlib imported costs about as much as running a small
    chapter; reusing one kernel per worker pays it once per core instead of once per chapter.
    Each chapter still starts from an empty namespace (`%reset -f`), so it cannot see another
    chapter's variables; interactive and plain papermill runs use fresh kernels as usual."""

    def __init__(self, cwd: Path, env: dict[str, str] | None = None):
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        # async, as nbclient expects: its checks for a dead kernel then work on a kernel it does not own
        self.km = AsyncKernelManager(kernel_name="python3")
        run_sync(self.km.start_kernel)(cwd=str(cwd), stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})})
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

    def close(self, timeout: float = 10.0) -> None:
        """Shut the kernel down; if that does not finish within `timeout` (a busy machine, or a
        worker thread still talking to the kernel when the render is interrupted), kill it."""
        from jupyter_core.utils import run_sync

        provisioner = getattr(self.km, "provisioner", None)
        pid = getattr(provisioner, "pid", None) or getattr(getattr(provisioner, "process", None), "pid", None)

        def shutdown() -> None:
            try:
                run_sync(self.km.shutdown_kernel)(now=True)
            except Exception:  # a kernel that already died has nothing left to shut down
                pass

        t = threading.Thread(target=shutdown, daemon=True, name="manpower-kernel-shutdown")
        t.start()
        t.join(timeout)
        if t.is_alive() and pid:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:  # already gone
                pass


class Kernels:
    """The warm kernels of one render, handed to workers one at a time (started at once, in the
    background: a kernel boots while the main process validates data and imports papermill)."""

    def __init__(self, cwd: Path, n: int, limit: int | None = None, env: dict[str, str] | None = None):
        import queue

        self.cwd, self.limit, self.env = cwd, max(n, limit or n, 1), env
        self._lock = threading.Lock()
        self._closed = False
        self._all: list[WarmKernel] = []
        self._free: "queue.Queue[WarmKernel]" = queue.Queue()
        for _ in range(n):
            self._add()

    def _add(self) -> None:
        k = WarmKernel(self.cwd, self.env)
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
        locked = self._lock.acquire(timeout=10)  # a worker may be starting a kernel under the lock
        try:
            self._closed = True
            kernels, self._all = list(self._all), []
        finally:
            if locked:
                self._lock.release()
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
