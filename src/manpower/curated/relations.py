"""How curated rows relate, checked per table: a part (part_of) names a row of the same table with
no cycle, shares its whole's unit, side, basis and claimant and is not above it; the parts of one
whole outside any group sum to no more than it; the rows of one group share what a group shares.
"""
from __future__ import annotations

import math

from ..errors import Problem, exact
from ..vocabulary.schema import Table


def whole_figure(v: dict) -> float | None:
    """The figure a part is measured against: the whole's stated value, not the margin a
    qualifier's convention adds ('approximately 302,000' is 302,000 here, not 317,100). Only a
    whole without a value (a range or interval the source gives, or a vague quantity read
    literally) is taken at its high. A floor ('at least 2,000') bounds no part from above."""
    if v.get("kind") == "floor":
        return None
    return v.get("value") if v.get("value") is not None else v.get("high")


def part_figure(v: dict) -> float | None:
    """A part's stated value, or, without one, its low (the least it can be)."""
    return v.get("value") if v.get("value") is not None else v.get("low")


# what a part shares with its whole, and the rows of a group with each other
_SHARED = ("side", "basis", "claimant")


def check_relations(table: Table, rows: list[tuple[int, dict]], label: str, problems: list[Problem]) -> None:
    """part_of points to a row of the same table (no cycles) with the same unit, side, basis and
    claimant, and the part's stated figure is not above the whole's; the parts of one whole that
    belong to no group are one breakdown whose sum may not exceed the whole; rows of one group
    (one estimate: a count and its share, a median and its range) share source and claimant, and a stated breakdown (parts of the group's whole) adds up
    to the whole within rounding (2 % or 1 unit)."""
    by_id = {v.get("id"): (line, v) for line, v in rows if v.get("id")}
    loose: dict[str, list[tuple[int, dict]]] = {}  # parts of a whole that belong to no group
    for line, v in rows:
        parent = v.get("part_of")
        if not parent:
            continue
        if parent == v.get("id"):
            problems.append(Problem(label, line, "part_of", "part-of", "a row cannot be part of itself", parent))
            continue
        if parent not in by_id:
            problems.append(Problem(label, line, "part_of", "part-of", f"no row with this id in {table.file}", parent))
            continue
        seen, cur = {v.get("id")}, parent
        while cur and cur in by_id:
            if cur in seen:
                problems.append(Problem(label, line, "part_of", "part-of", "part_of goes round in a circle", parent))
                break
            seen.add(cur)
            cur = by_id[cur][1].get("part_of")
        wline, whole = by_id[parent]
        if v.get("unit") and whole.get("unit") and v["unit"] != whole["unit"]:
            problems.append(Problem(label, line, "unit", "part-of", f"a part must share its whole's unit ({whole['unit']})", v["unit"]))
            continue
        mismatch = [col for col in _SHARED if (v.get(col) or None) != (whole.get(col) or None)]
        for col in mismatch:
            problems.append(Problem(label, line, col, "part-of",
                                    f"a part must share its whole's {col} ({whole.get(col) or 'empty'}; whole {parent} on line {wline})",
                                    v.get(col) or ""))
        if mismatch:
            continue
        top, mine = whole_figure(whole), part_figure(v)
        if top is not None and mine is not None and mine > top * 1.0000001:
            problems.append(Problem(label, line, "value", "part-exceeds-whole",
                                    f"the part ({exact(mine)}) exceeds its whole {parent} ({exact(top)})", exact(mine)))
        elif not v.get("group"):
            loose.setdefault(parent, []).append((line, v))
    for parent, parts in loose.items():
        top, figs = whole_figure(by_id[parent][1]), [part_figure(p) for _, p in parts]
        if len(parts) < 2 or top is None or any(f is None for f in figs):
            continue
        total = sum(figs)
        if total > top and not math.isclose(total, top, rel_tol=0.02, abs_tol=1.0):
            line = parts[-1][0]
            problems.append(Problem(label, line, "group", "parts-exceed-whole",
                                    f"the parts of {parent} without a group (lines {', '.join(str(l) for l, _ in parts)}) add up to "
                                    f"{exact(total)}, more than the whole ({exact(top)}); parts that overlap go in separate groups"))
    groups: dict[str, list[tuple[int, dict]]] = {}
    for line, v in rows:
        if v.get("group"):
            groups.setdefault(v["group"], []).append((line, v))
    for gid, members in groups.items():
        first_line, first = members[0]
        for line, v in members[1:]:
            for col, what in (("source_id", "sources"), ("claimant", "claimants")):
                if (v.get(col) or None) != (first.get(col) or None):
                    problems.append(Problem(label, line, col, "group",
                                            f"rows of group {gid} have different {what} (see line {first_line})", v.get(col) or ""))
                    break
        ids = {v.get("id") for _, v in members}
        wholes = [(line, v) for line, v in members if v.get("part_of") not in ids]
        for wline, whole in wholes:
            parts = [v for _, v in members if v.get("part_of") == whole.get("id")]
            if len(parts) < 2 or any(p.get("value") is None for p in parts) or whole.get("value") is None:
                continue
            total, expect = sum(p["value"] for p in parts), whole["value"]
            if not math.isclose(total, expect, rel_tol=0.02, abs_tol=1.0):
                problems.append(Problem(label, wline, "value", "breakdown-sum",
                                        f"the parts of group {gid} add up to {exact(total)}, not {exact(expect)}", exact(expect)))
