"""What a well-kept open project ships besides code: the licence, how to cite it, whose the
articles are, and a CI workflow on action majors that still run."""
import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_the_code_is_mit_licensed_and_pyproject_says_so():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert "Permission is hereby granted, free of charge" in text
    assert PROJECT["license"] == "MIT" and PROJECT["license-files"] == ["LICENSE"]
    assert "seeds/COPYRIGHT.md" in text, "the licence says it does not cover the articles"


def test_citation_file_is_cff_1_2_0_and_agrees_with_pyproject():
    """The full schema check is `cffconvert --validate` (CI runs it; cffconvert pins an old
    jsonschema that Jupyter cannot share, so it is not a test dependency)."""
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    for key in ("message", "title", "authors"):
        assert cff.get(key), f"CITATION.cff: {key} is required"
    assert all(set(a) & {"name", "family-names"} for a in cff["authors"])
    assert str(cff["version"]) == PROJECT["version"]
    assert cff["license"] == PROJECT["license"]
    assert cff["title"].startswith(PROJECT["name"])
    assert cff["type"] in ("software", "dataset")


def test_seeds_carry_a_copyright_note_that_the_readme_links():
    note = (ROOT / "seeds" / "COPYRIGHT.md").read_text(encoding="utf-8")
    assert "not covered by" in note and "verification" in note
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for target in ("seeds/COPYRIGHT.md", "LICENSE", "CITATION.cff"):
        assert f"]({target})" in readme, f"README.md does not link {target}"


# The first major of each action that runs on Node 24 (Node 20 leaves the hosted runners in 2026).
NODE24 = {"actions/checkout": 5, "actions/setup-python": 6, "actions/upload-artifact": 6,
          "actions/download-artifact": 7, "actions/upload-pages-artifact": 5, "actions/deploy-pages": 5}


def test_workflow_actions_run_on_node_24():
    uses = re.findall(r"uses:\s*([\w.-]+/[\w.-]+)@v(\d+)", (ROOT / ".github" / "workflows" / "report.yml").read_text())
    assert {name for name, _ in uses} == set(NODE24)
    for name, major in uses:
        assert int(major) >= NODE24[name], f"{name}@v{major} runs on Node 20; use v{NODE24[name]} or later"


def test_ci_runs_the_ci_script_and_uploads_the_whole_report():
    """GitHub's workflow runs .ci/run (which installs the browser and pdftoppm, so no test is
    skipped there), uploads the whole report folder, and publishes Pages only when switched on."""
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "report.yml").read_text())
    steps = flow["jobs"]["report"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert "bash .ci/run" in runs and "make test" not in runs
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"].strip().rstrip("/") == "reports/standard"
    pages = flow["jobs"]["pages"]
    assert "vars.PUBLISH_PAGES == 'true'" in pages["if"] and "refs/heads/main" in pages["if"]
    assert (ROOT / ".ci" / "run").read_text().rstrip().splitlines()[-1] == "make test"
