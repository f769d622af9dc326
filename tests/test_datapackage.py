"""The data package: generated from the one schema, in sync with data/datapackage.json, and valid
by the `frictionless` library, for the curated data and for any valid (synthetic) data."""
import csv
import json
from pathlib import Path

import pytest
from frictionless import Package, system

from manpower.curated.data import load
from manpower.curation.datapackage import committed, write_data_package
from manpower.vocabulary.schema import FIGURE_TABLES, SOURCES, TABLES
from manpower.curated.selection import select
from manpower.curated.synthetic import generate

ROOT = Path(__file__).resolve().parents[1]


def validate(path: Path):
    with system.use_context(trusted=True):  # data/datapackage.json names ../seeds/sources.csv
        return Package(str(path)).validate()


def errors(report) -> list[str]:
    return [f"{t.name}: {e.message}" for t in report.tasks for e in t.errors]


def test_committed_package_is_up_to_date():
    assert (ROOT / "data" / "datapackage.json").read_text() == committed(), "run `python -m manpower.curation.datapackage`"


def test_committed_package_is_valid_for_the_curated_data():
    report = validate(ROOT / "data" / "datapackage.json")
    assert report.valid, errors(report)[:5]


def test_every_schema_column_is_a_typed_field_with_its_constraints():
    pkg = json.loads(committed())
    by_name = {r["name"]: r for r in pkg["resources"]}
    for t in (SOURCES, *TABLES):
        fields = by_name[t.name]["schema"]["fields"]
        assert [f["name"] for f in fields] == t.names
        for f, c in zip(fields, t.columns):
            assert f["type"] == ("number" if c.kind == "number" else "string")
            assert f.get("constraints", {}).get("enum", []) == list(c.allowed)
            assert f.get("constraints", {}).get("required", False) == c.required
    for t in FIGURE_TABLES:
        schema = by_name[t.name]["schema"]
        assert schema["primaryKey"] == ["id"]
        assert schema["foreignKeys"][0]["reference"] == {"resource": "sources", "fields": ["source_id"]}
    assert pkg["licenses"] and pkg["sources"]


@pytest.fixture(scope="module")
def synthetic_package(tmp_path_factory):
    root = tmp_path_factory.mktemp("synthetic")
    generate(root, 12, 300, seed=3)
    ds = load(root / "data", root / "seeds")
    folder = root / "report"
    write_data_package(ds, folder)
    return ds, folder


def test_a_report_folder_package_of_synthetic_data_is_valid_and_ships_every_figure(synthetic_package):
    ds, folder = synthetic_package
    report = validate(folder / "datapackage.json")
    assert report.valid, errors(report)[:5]
    with open(folder / "figures.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {r["id"] for r in rows} == set(ds.figures()["id"])
    assert all(r["figure"] for r in rows if r["unit"])


def test_a_selection_ships_only_its_rows(tmp_path):
    full = load(ROOT / "data", ROOT / "seeds")
    from datetime import date

    shown = select(full, date(2023, 10, 31), [], [])
    write_data_package(shown, tmp_path)
    with open(tmp_path / "data" / "losses.csv", newline="", encoding="utf-8") as f:
        ids = {r["id"] for r in csv.DictReader(f)}
    assert ids == set(shown.losses["id"]) and len(ids) < len(full.losses)
    assert validate(tmp_path / "datapackage.json").valid


def test_frictionless_catches_a_value_outside_the_enum(synthetic_package, tmp_path):
    _, folder = synthetic_package
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    path = copy / "data" / "losses.csv"
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[1].split(",")
    header = text.splitlines()[0].split(",")
    first[header.index("claimant_type")] = "astrologer"
    lines = text.splitlines()
    lines[1] = ",".join(first)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = validate(copy / "datapackage.json")
    assert not report.valid and any("astrologer" in e or "constraint" in e for e in errors(report))


# issue 17: a part_of must name a row of the package, and a selection never leaves one dangling
WESTLAND = "Westland Defence Ministry (invented)"
EARLY = "The invented ministry said 1,200 Russian soldiers had been killed near the invented river."
LATER = "The invented ministry later counted 5,000 Russian soldiers killed in the whole invented region."


def _fixture_with_a_later_whole(root: Path) -> tuple[Path, Path]:
    """The fixture project plus a part (published in April) of a whole published in September."""
    import shutil

    data, seeds = root / "data", root / "seeds"
    shutil.copytree(ROOT / "tests" / "fixtures" / "data", data)
    shutil.copytree(ROOT / "tests" / "fixtures" / "seeds", seeds)
    for stem, sentence in (("fixture-westland-post-2024-04-10", EARLY), ("fixture-harbor-times-2024-09-06", LATER)):
        seed = seeds / f"{stem}.txt"
        seed.write_text(seed.read_text(encoding="utf-8") + "\n" + sentence + "\n", encoding="utf-8")
    path = data / "losses.csv"
    with open(path, newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    common = {"claimant": WESTLAND, "claimant_type": "foreign_government", "measure": "killed", "period_start": "2022-02",
              "unit": "people", "kind": "count", "bounds": "convention", "basis": "cumulative", "side": "russian",
              "claim_date_precision": "day"}
    rows = [dict(common, id="fx-test-river", source_id="fixture-westland-post-2024-04-10", value="1200", low="1200",
                 high="1200", period_end="2024-04-09", claim_date="2024-04-09", quote=EARLY, part_of="fx-test-region"),
            dict(common, id="fx-test-region", source_id="fixture-harbor-times-2024-09-06", value="5000", low="5000",
                 high="5000", period_end="2024-09-05", claim_date="2024-09-05", quote=LATER)]
    with open(path, "a", newline="", encoding="utf-8") as f:
        csv.DictWriter(f, header, lineterminator="\n").writerows({c: r.get(c, "") for c in header} for r in rows)
    return data, seeds


def _rows(path: Path) -> dict[str, dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return {r["id"]: r for r in csv.DictReader(f)}


def test_a_part_whose_whole_is_not_yet_known_keeps_no_reference_to_it(tmp_path):
    from datetime import date

    full = load(*_fixture_with_a_later_whole(tmp_path))
    assert _rows_of(full.losses)["fx-test-river"] == "fx-test-region"
    shown = select(full, date(2024, 6, 30), [], [])
    assert "fx-test-region" not in set(shown.losses["id"]) and "fx-test-river" in set(shown.losses["id"])
    folder = tmp_path / "report"
    write_data_package(shown, folder)
    assert _rows(folder / "data" / "losses.csv")["fx-test-river"]["part_of"] == ""
    assert _rows(folder / "figures.csv")["fx-test-river"]["part_of"] == ""
    # the parts whose wholes are shown keep them
    assert _rows(folder / "data" / "losses.csv")["fx-westland-officers"]["part_of"] == "fx-westland-killed"
    report = validate(folder / "datapackage.json")
    assert report.valid, errors(report)[:5]


def _rows_of(df) -> dict[str, str]:
    return dict(zip(df["id"], df["part_of"]))


def test_frictionless_refuses_a_part_of_that_names_no_row(tmp_path):
    full = load(*_fixture_with_a_later_whole(tmp_path))
    folder = tmp_path / "report"
    write_data_package(full, folder)
    assert validate(folder / "datapackage.json").valid
    for name in ("data/losses.csv", "figures.csv"):
        path = folder / name
        rows = list(_rows(path).values())
        for r in rows:
            if r["id"] == "fx-test-river":
                r["part_of"] = "fx-test-nowhere"
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, list(rows[0]), lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
    report = validate(folder / "datapackage.json")
    assert not report.valid
    found = errors(report)
    assert any(e.startswith("losses:") and "fx-test-nowhere" in e for e in found), found
    assert any(e.startswith("figures:") and "fx-test-nowhere" in e for e in found), found
    pkg = json.loads(committed())
    for r in pkg["resources"]:
        names = [f["name"] for f in r["schema"]["fields"]]
        if "part_of" in names:
            assert {"fields": ["part_of"], "reference": {"resource": "", "fields": ["id"]}} in r["schema"]["foreignKeys"], r["name"]


def test_figures_csv_carries_iso_days_that_pandas_reads_as_dates(tmp_path):
    """figures.csv's dates are text of mixed precision ('2023-11', '2023-11-01/2024-01-04'); beside
    them each row has the first and last day its claim date and its period can be, typed date."""
    import pandas as pd

    from manpower.curation.datapackage import day_columns

    assert day_columns({"claim_date": "2023-11", "claim_date_precision": "month", "period_start": "2022-02",
                        "period_end": "2023-11"}) == {
        "claim_date_from": "2023-11-01", "claim_date_to": "2023-11-30", "period_from": "2022-02-01", "period_to": "2023-11-30"}
    assert day_columns({"claim_date": "2023-11-01/2024-01-04", "claim_date_precision": "interval"})["claim_date_to"] == "2024-01-04"
    ds = load(ROOT / "data", ROOT / "seeds", cache_dir=tmp_path / "cache")
    write_data_package(ds, tmp_path / "pkg")
    df = pd.read_csv(tmp_path / "pkg" / "figures.csv", parse_dates=["claim_date_from", "claim_date_to", "period_from", "period_to"])
    assert str(df["claim_date_to"].dtype).startswith("datetime64") and df["claim_date_to"].notna().all()
    assert (df["claim_date_from"] <= df["claim_date_to"]).all()
    pkg = json.loads((tmp_path / "pkg" / "datapackage.json").read_text())
    fields = {f["name"]: f for r in pkg["resources"] if r["name"] == "figures" for f in r["schema"]["fields"]}
    assert fields["claim_date_from"]["type"] == "date" and fields["period_to"]["type"] == "date"
