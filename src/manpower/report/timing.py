"""How the benchmark measures, and what: the project it times (ROOT), wall and processor time of
a call, the median of runs, a say() that says nothing. Nothing is asserted anywhere: speed is
measured, not tested.
"""
from __future__ import annotations

import statistics
import time

from ..paths import project_root


ROOT = project_root()


def quiet(_: str) -> None:
    pass


def timed(fn) -> tuple[float, object]:
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def cpu_timed(fn) -> tuple[float, object]:
    """Processor time of a call in this process: steadier than the wall clock on a shared machine."""
    t0 = time.process_time()
    result = fn()
    return time.process_time() - t0, result


def median(xs: list[float]) -> float:
    return round(statistics.median(xs), 3)
