"""Generated corpora: hypothesis writes a valid invented article (added to a copy of the shipped
project, as a user adds one) whose figures mix sides, kinds (counts, floors with and without a
qualifier word, ranges with and without one, intervals) and bases; the chapters' text and
chart data keep the invariants of issue 18 whatever it holds."""
import csv
import io
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chapter_text import chapter_texts
from manpower.analysis.comparisons import conflicts, disputes
from manpower.curated.data import examine
from manpower.writing import wording as W
from project import build_project

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
KINDS = ("count", "floor-word", "floor-no-word", "estimate", "range-no-word", "hedged-range", "interval")
MEASURES = {"killed": "killed", "killed_or_wounded": "killed or wounded", "deserted": "reported as deserters"}
SID = "generated-gazette-2024-06-01"

figure_spec = st.fixed_dictionaries({
    "kind": st.sampled_from(KINDS),
    "side": st.sampled_from(["russian", "russian", "ukrainian"]),
    "measure": st.sampled_from(sorted(MEASURES)),
    "flow": st.booleans(),
    "thousands": st.integers(2, 400),
    "month": st.integers(0, 25),  # Mar 2022 .. Apr 2024
    "claimant": st.sampled_from(["Delta Institute", "Epsilon Ministry"]),
})


breakdown_spec = st.none() | st.fixed_dictionaries({
    "thousands": st.integers(20, 400),
    "tenths": st.integers(1, 9),  # the regular army's share of the total, in tenths
    "parts_first": st.booleans(),  # the CSV may hold the parts above their whole
    "month": st.integers(0, 25),
    "claimant": st.sampled_from(["Delta Institute", "Epsilon Ministry"]),
})
extras_spec = st.fixed_dictionaries({"per_day": st.none() | st.integers(1, 90), "half": st.booleans()})


def _breakdown(b, i: int) -> tuple[list[str], list[dict]]:
    """A total with its stated breakdown by force (two parts that add up to it)."""
    k = b["month"] + 2
    year, month = 2022 + k // 12, k % 12 + 1
    when = f"{MONTHS[month - 1]} {year}"
    total = b["thousands"] * 1000
    army = total * b["tenths"] // 10
    rest = total - army
    sentence = (f"The {b['claimant']} said in {when} that {total:,} Russian soldiers were killed or wounded since "
                f"the war began; of them, {army:,} served in the regular army and {rest:,} in volunteer "
                f"battalions, ref{i}.")
    common = {"source_id": SID, "claimant": b["claimant"], "claimant_type": "independent_researchers",
              "measure": "killed_or_wounded", "period_start": "2022-02", "period_end": f"{year}-{month:02d}",
              "period_words": "since the war began", "unit": "people", "kind": "count", "basis": "cumulative",
              "side": "russian", "group": f"gen-{i:03d}-by-force", "claim_date": f"{year}-{month:02d}",
              "claim_date_precision": "month", "claim_date_words": f"in {when}", "quote": sentence}
    whole = {**common, "id": f"gen-{i:03d}-total", "value": total}
    parts = [{**common, "id": f"gen-{i:03d}-army", "value": army, "scope": "regular army",
              "scope_class": "regular_forces", "part_of": whole["id"]},
             {**common, "id": f"gen-{i:03d}-volunteers", "value": rest, "scope": "volunteer battalions",
              "scope_class": "other", "part_of": whole["id"]}]
    return [sentence, ""], (parts + [whole] if b["parts_first"] else [whole] + parts)


def _extras(x, i: int) -> tuple[list[str], list[dict]]:
    """A rate of people a day (a floor) and a share written as a fraction ('about half')."""
    lines, rows = [], []
    common = {"source_id": SID, "claimant": "Delta Institute", "claimant_type": "independent_researchers",
              "side": "russian", "claim_date": "2024-05", "claim_date_precision": "month",
              "claim_date_words": "in May 2024"}
    if x["per_day"] is not None:
        n = x["per_day"]
        sentence = f"The Delta Institute said in May 2024 that at least {n} Russian soldiers a day deserted that month, ref{i}."
        lines += [sentence, ""]
        rows.append({**common, "id": f"gen-{i:03d}-per-day", "measure": "deserted", "period_start": "2024-05",
                     "period_end": "2024-05", "period_words": "that month", "value": n, "low": n,
                     "unit": "people_per_day", "qualifier": "at least", "kind": "floor", "bounds": "convention",
                     "basis": "flow", "quote": sentence})
    if x["half"]:
        sentence = f"The Delta Institute said in May 2024 that about half of the Russian dead were volunteers, ref{i + 1}."
        lines += [sentence, ""]
        rows.append({**common, "id": f"gen-{i:03d}-half", "measure": "killed", "period_start": "2022-02",
                     "period_end": "2024-05", "period_words": "(of the dead)", "value": 0.5, "low": 0.475,
                     "high": 0.525, "unit": "fraction", "qualifier": "about", "kind": "estimate",
                     "bounds": "convention", "basis": "cumulative", "scope": "volunteers among the dead",
                     "scope_class": "other", "quote": sentence})
    return lines, rows


def _article(specs, breakdowns=(), extras=None) -> tuple[str, list[dict]]:
    """The seed text and the curated rows that state it."""
    lines = ["INVENTED FOR TESTS - not a real article; every name, figure and quote in it is made up.", "",
             "Generated losses", ""]
    rows = []
    for i, f in enumerate(specs):
        k = f["month"] + 2
        year, month = 2022 + k // 12, k % 12 + 1
        when = f"{MONTHS[month - 1]} {year}"
        v = f["thousands"] * 1000
        hi = v + 1000 * (1 + f["thousands"] // 10)
        side = {"russian": "Russian", "ukrainian": "Ukrainian"}[f["side"]]
        nums = {"value": "", "low": "", "high": "", "qualifier": "", "level": "", "bounds": ""}
        stated = {
            "count": f"{v:,}", "floor-word": f"more than {v:,}", "floor-no-word": f"{v:,} named",
            "estimate": f"approximately {v:,}", "range-no-word": f"{v:,}-{hi:,}",
            "hedged-range": f"around {v:,} to {hi:,}", "interval": f"between {v:,} and {hi:,} (a 90% interval)",
        }[f["kind"]]
        if f["kind"] in ("count", "floor-no-word"):
            nums.update(value=v)
        elif f["kind"] == "floor-word":
            nums.update(value=v, low=v, qualifier="more than", bounds="convention")
        elif f["kind"] == "estimate":
            nums.update(value=v, low=round(v * 0.95), high=round(v * 1.05), qualifier="approximately", bounds="convention")
        elif f["kind"] == "range-no-word":
            nums.update(low=v, high=hi, bounds="stated")
        elif f["kind"] == "hedged-range":
            nums.update(low=v, high=hi, qualifier="around", bounds="stated")
        else:
            nums.update(low=v, high=hi, qualifier="between", level=90, bounds="stated")
        kind = {"count": "count", "floor-word": "floor", "floor-no-word": "floor", "estimate": "estimate",
                "range-no-word": "estimate", "hedged-range": "estimate", "interval": "interval"}[f["kind"]]
        period = " that month" if f["flow"] else " since the war began"
        sentence = (f"The {f['claimant']} said in {when} that {stated} {side} soldiers were "
                    f"{MEASURES[f['measure']]}{period}, by its count ref{i}.")
        lines += [sentence, ""]
        rows.append({"id": f"gen-{i:03d}", "source_id": SID, "claimant": f["claimant"], "claimant_type": "independent_researchers",
                     "measure": f["measure"], "period_start": f"{year}-{month:02d}" if f["flow"] else "2022-02",
                     "period_end": f"{year}-{month:02d}", "period_words": period.strip(), "unit": "people", "kind": kind,
                     "basis": "flow" if f["flow"] else "cumulative", "side": f["side"],
                     "claim_date": f"{year}-{month:02d}", "claim_date_precision": "month", "claim_date_words": f"in {when}",
                     "quote": sentence, **nums})
    for j, b in enumerate(b for b in breakdowns if b is not None):
        more_lines, more_rows = _breakdown(b, 500 + j)
        lines += more_lines
        rows += more_rows
    if extras is not None:
        more_lines, more_rows = _extras(extras, 900)
        lines += more_lines
        rows += more_rows
    return "\n".join(lines), rows


def _append(path, rows):
    header = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
    for r in rows:
        w.writerow({c: r.get(c, "") for c in header})
    text = path.read_text(encoding="utf-8")
    path.write_text(text + ("" if text.endswith("\n") else "\n") + buf.getvalue(), encoding="utf-8")


def generated_project(tmp, specs, breakdowns=(), extras=None):
    """The shipped project plus one generated article (its seed, its registry row, its loss
    rows; with `breakdowns`, totals with their parts; with `extras`, a rate and a fraction),
    validated: (root, examine's result), with no problem."""
    root = build_project(tmp / "proj", fixtures=False)
    text, rows = _article(specs, breakdowns, extras)
    (root / "seeds" / f"{SID}.txt").write_text(text + "\n", encoding="utf-8")
    _append(root / "seeds" / "sources.csv", [{
        "source_id": SID, "outlet": "Generated Gazette (invented)", "headline": "Generated losses",
        "published": "2024-06-01", "published_precision": "day", "file": f"{SID}.txt",
        "licence": "Invented for the test suite; CC0", "note": "Generated by a test; not a real publication."}])
    _append(root / "data" / "losses.csv", rows)
    result = examine(root / "data", root / "seeds", coverage_of_seeds=False)
    assert result.problems == [], [str(p) for p in result.problems[:3]]
    return root, result


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=st.lists(figure_spec, min_size=3, max_size=9), breakdowns=st.lists(breakdown_spec, max_size=2),
       extras=extras_spec)
def test_chapters_keep_every_figure_as_what_it_is_on_generated_articles(specs, breakdowns, extras, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gen")
    root, result = generated_project(tmp, specs, breakdowns, extras)

    charts: dict = {}
    texts = chapter_texts(root, {}, tmp / "charts", charts)
    ds = result.dataset
    losses = ds.losses.set_index("id")
    others = set(losses.index[losses["side"].astype(str) != "russian"])
    not_totals = set(losses.index[(losses["basis"].astype(str) != "cumulative") | losses["part_of"].notna()])
    floors = losses[losses["kind"] == "floor"]
    for name, body in texts.items():
        assert not re.search(r"\bn/a\b|<NA>|\bnan\b|\binf\b", body, re.IGNORECASE), (name, body[:300])
        assert not re.search(r"\d,\d{3}\.\d", body), name  # never half a person
        assert "read as" not in body, name
    for name, data in charts.items():
        if "id" not in data.columns or not name.startswith(("losses-", "inflows-", "balance-")):
            continue
        ids = set(data["id"].astype(str))
        assert not ids & others, (name, ids & others)  # other sides never in a Russian chart
        if name == "losses-estimates" or name.startswith("losses-over-time"):
            assert not ids & not_totals, (name, ids & not_totals)  # flows and parts never drawn as totals
        if name.startswith("losses-over-time"):
            assert losses.loc[list(ids), "measure"].nunique() == 1
        if name.startswith("losses-") and "kind" in data.columns:  # a floor is drawn and labelled as a floor
            drawn = data[data["id"].isin(floors.index)]
            assert (drawn["kind"] == "floor").all()
            if "text" in drawn.columns:
                assert drawn["text"].str.match(r"^(at least|more than) ").all(), drawn["text"].tolist()
    # a floor's monthly rate is a floor: never "(range a–b)" on a figure derived from one
    for m in re.finditer(r"\[([^\]]*)\]\^\[Derived: ([^\]]*?)Inputs: `([^`]+)`\.\]", texts["losses"]):
        if m.group(3) in floors.index and " ÷ (" in m.group(2):
            assert m.group(1).startswith("at least"), m.group(0)[:200]

    # a part is listed under its whole (or a sibling part), and its whole is listed: never a rival total
    items = [l.replace("\\", "") for l in texts["losses"].splitlines() if l.startswith("- ")]
    for _, p in losses[losses["part_of"].notna()].iterrows():
        whole = losses.loc[p["part_of"]]
        mine = [n for n, l in enumerate(items) if f": [{p['value']:,.0f}]" in l
                and f"({p['scope']}; part of {whole['value']:,.0f} " in l]
        for n in mine:
            assert n > 0 and (f"[{whole['value']:,.0f}]" in items[n - 1] or "part of " in items[n - 1]), items[n - 1:n + 1]
            assert any(f"[{whole['value']:,.0f}]" in l and "part of " not in l for l in items[:n]), items[:n + 1]
    # rates and shares are never on a people axis, and a share never prints as a bare fraction of one
    people_units = set(losses.index[losses["unit"].astype(str) == "people"])
    for name, data in charts.items():
        if name.startswith("losses-") and "id" in data.columns:
            assert set(data["id"].astype(str)) <= people_units, name
    assert not re.search(r"(?<![\d.,])0\.\d", texts["losses"])
    if extras["per_day"] is not None:
        assert f"[at least {extras['per_day']} a day]" in texts["losses"] or "…and" in texts["losses"]
    # a dispute table leads with the latest claim
    from manpower.analysis.comparisons import disputes
    from manpower.writing.disputes import dispute_table

    class Names:
        def claimant(self, i, *_):
            return str(i)

        def figure(self, row, **_):
            return ""

        def cite(self, _sid):
            return ""

    for group in disputes(ds.losses):
        table, _ = dispute_table(Names(), group)
        ends = [losses.loc[i, "claim_date_end"] for i in table["claimant"]]
        assert ends == sorted(ends, reverse=True), list(table["claimant"])
    # a dispute whose figures cannot all be right says so, naming each side (review 1, item 6)
    from manpower.notebook import chapter_losses as L

    counts, _ = L.figures(ds)
    body = texts["losses"].replace("\\", "")
    for group in disputes(counts):
        for high, low in conflicts(group)[:1]:
            assert "The claims conflict" in body, group["id"].tolist()
            assert f"{low['claimant']}'s {W.figure(low, reading=False)}" in body, group["id"].tolist()
