"""`manpower check`: every rule over data/ and seeds/, a short summary, one line per problem."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from ..curated.data import examine
from ..errors import quoted


def run_check(data_dir: Path | None = None, seeds_dir: Path | None = None,
              out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Print the summary and problems; 0 when every rule holds and nothing is unaccounted."""
    out, err = out or sys.stdout, err or sys.stderr
    result = examine(data_dir, seeds_dir)
    lines = []
    for p in result.problems:
        lines.append(str(p))
    unaccounted = sum(len(c.unaccounted) for c in result.coverage)
    if not result.problems:  # a broken quote also uncovers its mentions: report the cause only
        for cov in result.coverage:
            seed = result.seeds[cov.source_id].path
            for line, m in cov.unaccounted:
                lines.append(f"{seed}:{line}: unaccounted {m.kind} mention {quoted(m.text)}: curate a row that records it, "
                             f"or name it in data/exclusions.csv (mention) with a reason; "
                             f"`manpower draft {cov.source_id}` writes candidate rows [coverage]")
    rows = sum(result.row_counts.values())
    counts = ", ".join(f"{k} {v}" for k, v in result.row_counts.items())
    print(f"tables:   {counts} ({rows} rows)", file=out)
    print(f"sources:  {len(result.coverage)} seed(s) read", file=out)
    if result.coverage:
        print("coverage: numeric and dated mentions per seed", file=out)
        width = max(len(c.source_id) for c in result.coverage)
        print(f"  {'source':<{width}}  mentions  curated  excluded  unaccounted", file=out)
        shown = result.coverage if len(result.coverage) <= 20 else [c for c in result.coverage if c.unaccounted][:20]
        for c in shown:
            print(f"  {c.source_id:<{width}}  {c.mentions:>8}  {c.curated:>7}  {c.excluded:>8}  "
                  f"{len(c.unaccounted):>11}", file=out)
        if len(result.coverage) > len(shown):
            tot = [sum(getattr(c, k) for c in result.coverage) for k in ("mentions", "curated", "excluded")]
            print(f"  {'all ' + str(len(result.coverage)) + ' seeds':<{width}}  {tot[0]:>8}  {tot[1]:>7}  {tot[2]:>8}  "
                  f"{unaccounted:>11}", file=out)
    for line in lines:
        print(line, file=err)
    if result.problems and unaccounted:
        print(f"coverage: {unaccounted} unaccounted mention(s), listed once the problems are fixed", file=out)
    if lines:
        print(f"FAILED: {len(result.problems)} problem(s), {unaccounted} unaccounted mention(s)", file=out)
        return 1
    print("OK: every rule holds and every mention is accounted for", file=out)
    return 0
