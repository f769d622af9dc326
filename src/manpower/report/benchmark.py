"""`make bench` / `manpower bench`: how long the report takes, cold and cached, stage by stage, and as data grows.

Medians of several runs are printed as a table and written to reports/bench.json, beside the
baseline of papermill alone executing the same notebooks one after another. Nothing here is
asserted: speed is measured, not tested.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from manpower.curation.check import run_check
from ..curation.add import add
from ..curation.draft import draft
from manpower.curated.data import examine
from manpower.paths import project_root
from manpower.vocabulary.chapters import chapters
from manpower.report.kernels import quiet_kernel_manager
from manpower.vocabulary.params import resolve_params
from manpower.paths import notebooks_dir
from manpower.report.render import Options, render
from manpower.curated.synthetic import generate

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


ADVERSARIAL_SIZE = 100_000  # characters of each hostile seed, and of the normal seed they are compared with


def adversarial_texts(size: int = ADVERSARIAL_SIZE) -> dict[str, str]:
    """Seeds that made `check` or `draft` take minutes (issue 17), and a normal seed of the same
    size: the real seeds' text repeated. Each is one paragraph or one run of words."""
    real = "\n\n".join((ROOT / "seeds" / p.name).read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))

    def fill(unit: str) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    dense = " ".join(f"Officials said {n:,} recruits signed up in {2000 + n % 25}, about {n % 97} more than the "
                     f"{n % 12 + 1} months before, and {n % 7 + 2} of {n % 50 + 10} regions met 90% of their quota."
                     for n in range(1000, 1000 + size // 60))
    return {"normal (real seeds repeated)": fill(real + "\n\n"), '"a "': fill("a "), '"half a "': fill("half a "),
            '"a-"': fill("a-"), "dense paragraph of numbers": dense[:size].rsplit(" ", 1)[0] + ".",
            "numbers without a full stop": fill(" ".join(str(n) for n in range(1, 999)) + " "),
            "digits": fill("7")}


def adversarial_root(base: Path, n: int, name: str, text: str) -> tuple[Path, str]:
    """The real project with one more seed, registered by `manpower add` (no rows curate it)."""
    root = base / f"adversarial-{n}"
    for d in ("data", "seeds"):
        shutil.copytree(ROOT / d, root / d)
    article = base / f"adversarial-{n}.txt"
    article.write_text(text, encoding="utf-8")
    row = add(article, root / "seeds", outlet="Bench Gazette", headline=f"Adversarial seed {n}: {name}",
              published="2024-01-01", source_id=f"bench-adversarial-{n}")
    return root, row["source_id"]


def adversarial(base: Path, runs: int, size: int = ADVERSARIAL_SIZE) -> dict:
    """`check` and `draft` on each hostile seed, as a ratio to the normal seed of the same size
    (target: at most 3). Processor seconds: both run in this process, on one core."""
    cases = []
    for n, (name, text) in enumerate(adversarial_texts(size).items()):
        root, sid = adversarial_root(base, n, name, text)
        check_s = median([cpu_timed(lambda: run_check(root / "data", root / "seeds", io.StringIO(), io.StringIO()))[0]
                          for _ in range(runs)])
        draft_s, rows = [], 0
        for _ in range(runs):
            s, (path, rows) = cpu_timed(lambda: draft(sid, root / "data", root / "seeds", root / "drafts", force=True))
            draft_s.append(s)
        draft_mb = round((root / "drafts" / f"{sid}.csv").stat().st_size / 1e6, 2)
        cases.append({"seed": name, "chars": len(text), "check_s": check_s, "draft_s": median(draft_s),
                      "draft_rows": rows, "draft_mb": draft_mb,
                      "draft_us_per_row": round(1e6 * median(draft_s) / rows) if rows else None})
        shutil.rmtree(root)
    normal = cases[0]
    for c in cases:
        c["check_over_normal"] = round(c["check_s"] / max(normal["check_s"], 1e-9), 2)
        c["draft_over_normal"] = round(c["draft_s"] / max(normal["draft_s"], 1e-9), 2)
        print(f"  {c['seed']:<30} check {c['check_s']:6.2f} s ({c['check_over_normal']:4.2f} x)  "
              f"draft {c['draft_s']:6.2f} s ({c['draft_over_normal']:4.2f} x, {c['draft_rows']} rows, "
              f"{c['draft_mb']} MB)", flush=True)
    return {"size_chars": size, "target_ratio": 3, "cases": cases}


def draft_score(corpora: list[Path] | None = None) -> dict:
    """The draft's score (precision, recall, junk, cells pre-filled) on each corpus: tests/fixtures,
    then each tests/fixtures/blind* set apart (articles written without looking at the draft's rules)."""
    from manpower.curation.draftscore import default_corpora, score_corpus

    section = {}
    for folder, name in default_corpora(ROOT) if corpora is None else [(c, str(c)) for c in corpora]:
        s = score_corpus(folder, name)
        section[name] = {**s.figures, "candidates": s.candidates, "curated": s.curated}
        print("  draft score " + s.line(), flush=True)
    return section


def print_draft_score(section: dict) -> None:
    """The draft score section as a table, one line per corpus."""
    pct = lambda x: "n/a" if x is None else f"{100 * x:.0f}%"
    print("\ndraft score          precision  recall  junk  cells pre-filled")
    for name, f in section.items():
        print(f"{name:<20} {pct(f['precision']):>9}  {pct(f['recall']):>6}  {pct(f['junk']):>4}  {pct(f['cells']):>16}")


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
