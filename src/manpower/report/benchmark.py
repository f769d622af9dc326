"""`make bench` / `manpower bench`: how long the report takes, cold and cached, stage by stage, and as data grows.

Medians of several runs are printed as a table and written to reports/bench.json, beside the
baseline of papermill alone executing the same notebooks one after another. Nothing here is
asserted: speed is measured, not tested.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

from ..curated.data import examine
from ..vocabulary.chapters import chapters
from .kernels import quiet_kernel_manager
from ..vocabulary.presets import resolve_params
from ..paths import notebooks_dir
from .render import Options, render
from ..curated.synthetic import generate
from .benchcuration import ADVERSARIAL_SIZE, adversarial, draft_score, print_draft_score
from .benchprojects import LARGE_ROWS, real_copy, render_process, rows_root, scaled_root
from .timing import ROOT, cpu_timed, median, quiet, timed


def render_once(root: Path, out: Path, force: bool) -> tuple[float, dict]:
    name, params = resolve_params(root, "standard", [], {})
    seconds, result = timed(lambda: render(Options(name, params, out=out, force=force, say=quiet), root))
    return seconds, result.timings


def papermill_baseline(root: Path, work: Path) -> float:
    import papermill as pm

    def run():
        for ch in chapters(notebooks_dir(root)):
            pm.execute_notebook(str(ch.path), str(work / ch.path.name), parameters={"output_dir": str(work / "charts")},
                                kernel_name="python3", progress_bar=False, cwd=str(root),
                                kernel_manager_class=quiet_kernel_manager())
    return timed(run)[0]


STARTUP_TARGETS_S = {"help_s": 0.2, "unchanged_render_s": 0.3}  # issue 22: a command with nothing to do answers at once


def startup(runs: int, report: Path) -> dict:
    """Wall-clock medians of the commands that should answer at once: `manpower --help`,
    `manpower params` and `manpower render` of the up-to-date report in `report` (each a new
    process, as a user runs it; the first run of each writes the bytecode and is not counted)."""
    commands = {"help_s": ["--help"], "params_s": ["params"],
                "unchanged_render_s": ["render", "--out", str(report), "-q"]}
    # with bytecode caches, as a user's Python runs (a PYTHONDONTWRITEBYTECODE=1 shell compiles
    # every module of the package from source at each start, a tenth of a second of its own)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out: dict = {}
    for key, args in commands.items():
        run = lambda: subprocess.run([sys.executable, "-m", "manpower", *args], cwd=ROOT, check=True,
                                     stdout=subprocess.DEVNULL, env=env)
        run()  # bytecode written, file cache warm: what every later start finds
        out[key] = median([timed(run)[0] for _ in range(max(runs, 5))])
        print(f"  start-up {' '.join(args[:1])}: {out[key]:.2f} s", flush=True)
    out["targets_s"] = STARTUP_TARGETS_S
    return out


def print_startup(s: dict) -> None:
    print("\nstart-up (a new process, median)       seconds   target")
    for key, label in (("help_s", "manpower --help"), ("params_s", "manpower params"),
                       ("unchanged_render_s", "manpower render (up to date)")):
        target = s["targets_s"].get(key)
        print(f"{label:<38} {s[key]:7.2f}   {'' if target is None else f'<= {target:.1f}'}")


def write_results(update: dict) -> Path:
    """reports/bench.json with `update`'s sections replaced (a partial run keeps the others)."""
    out = ROOT / "reports" / "bench.json"
    out.parent.mkdir(exist_ok=True)
    try:
        results = json.loads(out.read_text())
    except (OSError, ValueError):
        results = {}
    results.update(update)
    out.write_text(json.dumps(results, indent=2) + "\n")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="manpower bench", description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="runs per measurement (median reported)")
    ap.add_argument("--no-scale", action="store_true", help="skip the 10x/100x data-size renders")
    ap.add_argument("--with-100k", action="store_true", help="also render 100,000 synthetic rows (slow: minutes)")
    ap.add_argument("--adversarial-only", action="store_true",
                    help="only time `check` and `draft` on hostile seeds against a normal one (under a minute)")
    ap.add_argument("--startup-only", action="store_true",
                    help="only time `manpower --help`, `manpower params` and an unchanged `manpower render` "
                         "(renders the standard report into a temporary folder first)")
    ap.add_argument("--adversarial-size", type=int, default=ADVERSARIAL_SIZE, metavar="CHARS",
                    help=f"characters of each hostile seed (default {ADVERSARIAL_SIZE:,})")
    ap.add_argument("--draft-score-only", action="store_true",
                    help="only score `draft` against the curated fixture articles (seconds)")
    args = ap.parse_args(argv)
    if args.draft_score_only:
        print("benchmark: draft score (precision, recall, junk, cells pre-filled)", flush=True)
        section = draft_score()
        print_draft_score(section)
        print(f"\nwritten to {write_results({'draft_score': section})}")
        return 0
    if args.adversarial_size < 1000:
        ap.error("--adversarial-size: give at least 1000 characters")
    if args.adversarial_only:
        with tempfile.TemporaryDirectory(prefix="manpower-bench-") as tmp:
            print(f"benchmark: hostile seeds of {args.adversarial_size:,} characters, {args.runs} run(s) each, "
                  "processor seconds (ratio to the normal seed)", flush=True)
            section = adversarial(Path(tmp), args.runs, args.adversarial_size)
        print(f"\nwritten to {write_results({'adversarial': section})}")
        return 0
    if args.startup_only:
        with tempfile.TemporaryDirectory(prefix="manpower-bench-") as tmp:
            print(f"benchmark: start-up, {max(args.runs, 5)} run(s) each after one warm-up", flush=True)
            render_once(ROOT, Path(tmp) / "report", force=False)
            section = startup(args.runs, Path(tmp) / "report")
        print_startup(section)
        print(f"\nwritten to {write_results({'startup': section})}")
        return 0
    results: dict = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
                     "runs": args.runs}
    with tempfile.TemporaryDirectory(prefix="manpower-bench-") as tmp:
        tmp = Path(tmp)
        print(f"benchmark: {args.runs} run(s) each, {os.cpu_count()} cores", flush=True)
        cold, stages = [], []
        for i in range(args.runs):
            s, t = render_once(ROOT, tmp / f"cold{i}", force=True)
            cold.append(s)
            stages.append(t)
            print(f"  cold render {i + 1}: {s:.2f} s", flush=True)
        cached = [render_once(ROOT, tmp / f"cached{i}", force=False)[0] for i in range(args.runs)]
        rerun = [render_once(ROOT, tmp / "cached0", force=False)[0] for _ in range(args.runs)]
        command = [sys.executable, "-m", "manpower", "render", "--out", str(tmp / "cached0"), "-q"]
        rerun_cmd = [timed(lambda: subprocess.run(command, cwd=ROOT, check=True))[0] for _ in range(args.runs)]
        base = []
        for i in range(args.runs):
            (tmp / f"pm{i}").mkdir()
            base.append(papermill_baseline(ROOT, tmp / f"pm{i}"))
            print(f"  papermill alone {i + 1}: {base[-1]:.2f} s", flush=True)

        def stage(key_start: str) -> float:
            return median([next((v for k, v in t.items() if k.startswith(key_start)), 0.0) for t in stages])

        results["render"] = {
            "cold_s": median(cold), "cached_chapters_s": median(cached), "unchanged_rerun_s": median(rerun),
            "unchanged_rerun_command_s": median(rerun_cmd),
            "papermill_sequential_baseline_s": median(base),
            "cold_over_baseline": round(median(cold) / median(base), 2),
            "stages_s": {"execute": stage("execute"), "nbconvert": stage("nbconvert"),
                         "pandoc_to_typst": stage("pandoc to Typst"), "typst_to_pdf": stage("typst to PDF"),
                         "pandoc_to_html": stage("pandoc to HTML")},
        }
        scale = []
        factors = [1] if args.no_scale else [1, 10, 100]
        cases = [(f"{f}x", real_copy(tmp) if f == 1 else scaled_root(tmp, f)) for f in factors]
        if args.with_100k:
            cases.append(("100k rows", rows_root(tmp, LARGE_ROWS)))
        for label, root in cases:
            check_s = median([cpu_timed(lambda: examine(root / "data", root / "seeds"))[0] for _ in range(args.runs)])
            rows = sum(v for k, v in examine(root / "data", root / "seeds").row_counts.items() if k != "exclusions")
            render_s, t, peak = render_process(root, tmp / f"scale-{label.replace(' ', '-')}")
            pdf = round(t.get("pandoc to Typst", 0) + t.get("typst to PDF", 0) + t.get("pandoc to HTML", 0), 3)
            scale.append({"case": label, "figures": rows, "check_s": check_s, "render_s": round(render_s, 3),
                          "pdf_s": pdf, "peak_rss_mb": peak})
            print(f"  scale {label}: {rows} figures, check {check_s:.2f} s, render {render_s:.2f} s "
                  f"(PDF + HTML {pdf:.2f} s), peak memory {peak:,.0f} MB", flush=True)
        base1 = next((s for s in scale if s["case"] == "1x"), None)
        ratios = {}
        for s in scale:
            if base1 and s is not base1:
                ratios[s["case"]] = {"render_over_1x": round(s["render_s"] / base1["render_s"], 2),
                                     "pdf_html_over_1x": round(s["pdf_s"] / max(base1["pdf_s"], 1e-9), 2)}
        results["scale_ratios"] = ratios
        big = tmp / "large"
        generate(big, 1000, 20000)
        results["large_check"] = {"sources": 1000, "figures": 20000,
                                  "check_s": median([timed(lambda: examine(big / "data", big / "seeds"))[0] for _ in range(args.runs)])}
        results["scale"] = scale
        results["adversarial"] = adversarial(tmp, args.runs, args.adversarial_size)
        results["draft_score"] = draft_score()
        results["startup"] = startup(args.runs, tmp / "cached0")

    r = results["render"]
    print("\nwhat                                   median")
    print(f"cold render (cache cleared)          {r['cold_s']:7.2f} s")
    print(f"render with cached chapters          {r['cached_chapters_s']:7.2f} s")
    print(f"unchanged rerun (in process)         {r['unchanged_rerun_s']:7.2f} s")
    print(f"unchanged rerun (`manpower render`)  {r['unchanged_rerun_command_s']:7.2f} s")
    print(f"papermill alone, one after another   {r['papermill_sequential_baseline_s']:7.2f} s")
    print(f"cold / baseline                      {r['cold_over_baseline']:7.2f}")
    for k, v in r["stages_s"].items():
        print(f"  stage {k:<30} {v:7.2f} s")
    print("\nscale        figures   check    render   (of which PDF + HTML)   peak memory")
    for s in results["scale"]:
        print(f"{s['case']:>10}  {s['figures']:>8}  {s['check_s']:6.2f} s  {s['render_s']:6.2f} s  ({s['pdf_s']:.2f} s)"
              f"   {s['peak_rss_mb']:,.0f} MB")
    for case, r in results["scale_ratios"].items():
        print(f"{case:>10} / 1x: render {r['render_over_1x']:.2f}, PDF + HTML {r['pdf_html_over_1x']:.2f}")
    lc = results["large_check"]
    print(f"check of {lc['sources']} sources / {lc['figures']} figures: {lc['check_s']:.2f} s")
    worst = max(max(c["check_over_normal"], c["draft_over_normal"]) for c in results["adversarial"]["cases"])
    print(f"hostile seeds of {results['adversarial']['size_chars']:,} characters: at most {worst:.2f} x a normal seed's "
          f"check or draft (target 3 x)")
    print_draft_score(results["draft_score"])
    print_startup(results["startup"])
    print(f"\nwritten to {write_results(results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
