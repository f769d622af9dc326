"""The benchmark of the curation commands: `check` and `draft` on hostile seeds (the ones that once
took minutes) as a ratio to a normal seed of the same size, and the draft's score on each corpus.
"""
from __future__ import annotations

import io
import shutil
from pathlib import Path

from ..curation.check import run_check
from ..curation.add import add
from ..curation.draft import draft
from .timing import ROOT, cpu_timed, median


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
