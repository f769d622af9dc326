"""The projects the benchmark renders: the real one copied cold, the real data scaled up 10 and 100
times, 100,000 synthetic rows, each rendered cold in its own process.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from ..curated.data import examine
from ..curated.synthetic import generate
from .timing import ROOT


def scaled_root(base: Path, factor: int) -> Path:
    """A project whose data is `factor` times the real data's size (synthetic, valid)."""
    real = examine(ROOT / "data", ROOT / "seeds")
    n_rows = sum(v for k, v in real.row_counts.items() if k != "exclusions")
    root = base / f"x{factor}"
    for d in ("notebooks", "params"):
        shutil.copytree(ROOT / d, root / d)
    generate(root, max(1, len(real.coverage) * factor), n_rows * factor)
    return root


def real_copy(base: Path) -> Path:
    """The real project copied, so that its render starts as cold as the scaled ones (no
    validated data or chapters cached from earlier renders)."""
    root = base / "x1"
    for d in ("data", "seeds", "notebooks", "params"):
        shutil.copytree(ROOT / d, root / d)
    return root


LARGE_ROWS = 100_000


def rows_root(base: Path, rows: int) -> Path:
    """A project with `rows` synthetic curated rows (the 100,000-row case of the issue)."""
    root = base / f"rows{rows}"
    for d in ("notebooks", "params"):
        shutil.copytree(ROOT / d, root / d)
    generate(root, max(1, rows // 100), rows)
    return root


def render_process(root: Path, out: Path) -> tuple[float, dict, float]:
    """A cold `manpower render` of `root` in its own process: wall time, stage timings from its
    manifest, and peak memory in MB (the largest resident set of the render process or of any
    process it waited for: kernels, pandoc)."""
    env = dict(os.environ, MANPOWER_ROOT=str(root), MANPOWER_CACHE=str(root / "reports" / ".cache"))  # its own, cold
    cmd = [sys.executable, "-m", "manpower", "render", "--out", str(out), "--force", "-q"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=root, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"render of {root} failed with exit code {proc.returncode}")
    timings = json.loads((out / "manifest.json").read_text()).get("timings_s", {})
    scale = 1024 if sys.platform != "darwin" else 1024 * 1024  # ru_maxrss: KiB on Linux, bytes on macOS
    return seconds, timings, round(usage.ru_maxrss / scale, 1)
