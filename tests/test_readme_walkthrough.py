"""The README's curation walk-through, run as written: its commands (on a copy of the project at
the path it names), the draft they write compared with the one it shows, its edits applied, and
each output it shows after `#` found in what the command printed. A change to `add`, `draft`,
`accept`, `check` or `render` that the README does not follow fails here."""
import csv
import io
import os
import re
import shlex
import subprocess
import sys
import textwrap
from html import unescape
from pathlib import Path

from conftest import ROOT

MANPOWER = str(Path(sys.executable).parent / "manpower")
PLACE = "/tmp/try"  # where the README puts its copy of the project


def blocks():
    """(language, text) of each fenced block of the README's section 'Adding a new article'."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Adding a new article"):]
    section = section[:section.index("\n## ", 1)]
    return [(m["lang"], textwrap.dedent(m["body"]))
            for m in re.finditer(r"^ *```(?P<lang>\w+)\n(?P<body>.*?)^ *```", section, re.M | re.S)]


def commands(script):
    """(command line, [outputs shown after it]) of a shell block; continuation lines joined."""
    out = []
    for line in script.replace("\\\n", " ").splitlines():
        if line.startswith("#"):
            out[-1][1].append(line[1:].strip())
        elif line.strip():
            out.append((line.strip(), []))
    return out


def apply_edits(draft, edits):
    """Write the README's cells into the draft: rows found by their mention, each cell shown
    written as shown (an empty one emptied, as `review` must be), columns added."""
    rows = list(csv.DictReader(io.StringIO(draft.read_text(encoding="utf-8"), newline="")))
    header = list(rows[0])
    wanted = list(csv.DictReader(io.StringIO(edits, newline="")))
    header += [c for c in wanted[0] if c not in header]
    for w in wanted:
        [row] = [r for r in rows if r["mention"] == w["mention"]]
        row.update(w)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n", restval="")
    writer.writeheader()
    writer.writerows(rows)
    draft.write_text(buf.getvalue(), encoding="utf-8")


def test_the_readme_curation_walkthrough_runs_as_written(tmp_path):
    place = str(tmp_path / "try")
    env = dict(os.environ, MANPOWER_ROOT=place)
    found = blocks()
    assert [lang for lang, _ in found] == ["sh", "csv", "csv", "sh"], found
    draft = None
    for n, (lang, body) in enumerate(found):
        body = body.replace(PLACE, place)
        if lang == "sh":
            for line, shown in commands(body):
                if line.startswith(".venv/bin/manpower "):
                    args = [MANPOWER, *shlex.split(line)[1:]]
                    r = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
                else:  # the copy of the project
                    r = subprocess.run(["bash", "-c", line], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
                assert r.returncode == 0, (line, r.stdout, r.stderr)
                for output in shown:
                    for part in output.split("..."):
                        assert part.strip() in r.stdout, (line, part, r.stdout)
        elif n == 1:  # the draft as `draft` wrote it
            [draft] = (Path(place) / "drafts").glob("*.csv")
            assert draft.read_text(encoding="utf-8") == body, \
                "the README's draft differs from the one `draft` writes now:\n" + draft.read_text(encoding="utf-8")
        else:  # the curator's edits
            apply_edits(draft, body)
    html = (Path(place) / "reports" / "northbay" / "report.html").read_text(encoding="utf-8")
    assert "Northbay district" in html and "1,200" in html
    # the figure as the README says the chapter lists it: the drafted claimant, claim date and bounds
    text = " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())
    assert "Northbay district, 1 July 2024: about 1,200 (our reading of “about”: 1,140–1,260)" in text
