"""The data package: generated from the one schema, in sync with data/datapackage.json, and valid
by the `frictionless` library, for the curated data and for any valid (synthetic) data."""
import csv
import json
from pathlib import Path

import pytest
from frictionless import Package, system

from manpower.data import load
from manpower.datapackage import committed, write_data_package
from manpower.schema import FIGURE_TABLES, SOURCES, TABLES
from manpower.selection import select
from manpower.synthetic import generate

ROOT = Path(__file__).resolve().parents[1]


def validate(path: Path):
    with system.use_context(trusted=True):  # data/datapackage.json names ../seeds/sources.csv
        return Package(str(path)).validate()


def errors(report) -> list[str]:
    return [f"{t.name}: {e.message}" for t in report.tasks for e in t.errors]


def test_committed_package_is_up_to_date():
    assert (ROOT / "data" / "datapackage.json").read_text() == committed(), "run `python -m manpower.datapackage`"


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
