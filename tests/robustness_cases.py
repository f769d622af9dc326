"""The bad inputs the suite tries, as one table: test_robustness.py runs them and
docs/robustness.md is generated from them (`python tests/robustness_cases.py > docs/robustness.md`)."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

KI = "kyivindependent-2024-01-04-putin-citizenship-decree-foreign-fighters.txt"
HP = "huffpost-2024-01-04-putin-new-tactic-recruit-without-conscription.txt"
LOSS = "loss-ukmod-2023-11-killed-wounded"


@dataclass
class Case:
    id: str
    area: str  # data, parameters, faults
    bad_input: str
    sees: str  # a fragment of what the user sees
    exit: int
    test: str  # the test that proves it
    mutate: Callable[[Path, Path], None] | None = None  # data cases: break the copy
    args: list[str] = field(default_factory=list)  # parameter cases: manpower render arguments


def _edit(path: Path, fn) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    fn(rows)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def cell(table: str, row_id: str, column: str, value: str):
    def mutate(data: Path, seeds: Path) -> None:
        def fn(rows):
            c = rows[0].index(column)
            for r in rows[1:]:
                if r[0] == row_id:
                    r[c] = value
        _edit(data / f"{table}.csv", fn)
    return mutate


def text(path_of, change):
    def mutate(data: Path, seeds: Path) -> None:
        p = path_of(data, seeds)
        p.write_bytes(change(p.read_bytes()))
    return mutate


def losses(d, s):
    return d / "losses.csv"


def header(fn):
    return text(losses, lambda b: (lambda t: (fn(t.split("\n")[0]) + "\n" + t.split("\n", 1)[1]).encode())(b.decode()))


DATA = "tests/test_robustness.py::test_bad_data"
PARAM = "tests/test_robustness.py::test_bad_parameters"

CASES = [
    Case("empty-file", "data", "a table file of zero bytes", "losses.csv:1: file is empty", 1, DATA, text(losses, lambda b: b"")),
    Case("header-only", "data", "a table with its header and no rows", "unaccounted number mention '300,000'", 1, DATA,
         text(lambda d, s: d / "inflows.csv", lambda b: b.split(b"\n")[0] + b"\n")),
    Case("missing-column", "data", "a column deleted from the header", "missing column(s) note", 1, DATA, header(lambda h: h.replace(",note", ""))),
    Case("extra-column", "data", "an extra column in the header", "unexpected column(s) extra", 1, DATA, header(lambda h: h + ",extra")),
    Case("renamed-column", "data", "a column renamed", "missing column(s) claimant; unexpected column(s) claimed_by", 1, DATA,
         header(lambda h: h.replace("claimant,", "claimed_by,", 1))),
    Case("wrong-delimiter", "data", "semicolons instead of commas", "seems to use another delimiter", 1, DATA,
         text(losses, lambda b: b.replace(b",", b";"))),
    Case("bad-quoting", "data", "a quoted cell never closed", "losses.csv:6:", 1, DATA,
         text(losses, lambda b: b + b'loss-x,huffpost-2024-01-04,"never closed\n')),
    Case("too-many-cells", "data", "a row with an unquoted comma too many", "row has 3 cells, header has", 1, DATA,
         text(losses, lambda b: b + b"a,b,c\n")),
    Case("bom", "data", "a UTF-8 byte-order mark (Excel)", "accepted: OK", 0, DATA, text(losses, lambda b: b"\xef\xbb\xbf" + b)),
    Case("crlf", "data", "Windows line ends", "accepted: OK", 0, DATA, text(losses, lambda b: b.replace(b"\n", b"\r\n"))),
    Case("trailing-blank-lines", "data", "blank lines at the end", "accepted: OK", 0, DATA, text(losses, lambda b: b + b"\n\n\n")),
    Case("non-utf8-table", "data", "a cp1252 byte in a table", "losses.csv:2: not UTF-8: byte 0x92", 1, DATA,
         text(losses, lambda b: b.replace("’".encode(), b"\x92", 1))),
    Case("non-utf8-seed", "data", "a seed saved as cp1252", "conscription.txt:3: not UTF-8: byte 0x96", 1, DATA,
         text(lambda d, s: s / HP, lambda b: b.decode().encode("cp1252"))),
    Case("duplicate-id", "data", "two rows with one id", "duplicate id (also at", 1, DATA,
         cell("inflows", "inflow-ru-contracts-2023-moscow", "id", LOSS)),
    Case("unknown-source", "data", "a source id not in sources.csv", "unknown source; known:", 1, DATA,
         cell("losses", LOSS, "source_id", "nytimes-2024-01-01")),
    Case("negative-value", "data", "a negative figure", "must be a finite number ≥ 0", 1, DATA, cell("losses", LOSS, "value", "-302000")),
    Case("non-numeric-value", "data", "a figure written '302k'", "not a number", 1, DATA, cell("losses", LOSS, "value", "302k")),
    Case("infinite-value", "data", "a figure written 'inf'", "must be a finite number", 1, DATA, cell("losses", LOSS, "value", "inf")),
    Case("low-above-high", "data", "low greater than high", "is above value", 1, DATA, cell("losses", LOSS, "low", "400000")),
    Case("bounds-break-qualifier", "data", "bounds that ignore the qualifier", "implies low=286900, high=317100", 1, DATA,
         cell("losses", LOSS, "high", "320000")),
    Case("unknown-qualifier", "data", "a qualifier outside the vocabulary", "must be one of", 1, DATA, cell("losses", LOSS, "qualifier", "supposedly")),
    Case("qualifier-not-in-quote", "data", "a qualifier the quote does not use", "qualifier is not written in the quote", 1, DATA,
         cell("losses", LOSS, "qualifier", "about")),
    Case("impossible-date", "data", "30 February", "impossible date '2023-02-30'", 1, DATA,
         cell("events", "ev-putin-no-mobilisation-2023-12-14", "date", "2023-02-30")),
    Case("precision-mismatch", "data", "a day-precision text marked as month", "precision 'month' expects YYYY-MM", 1, DATA,
         cell("events", "ev-putin-no-mobilisation-2023-12-14", "date_precision", "month")),
    Case("claim-after-publication", "data", "a claim dated after its article", "but the source was published by", 1, DATA,
         cell("losses", LOSS, "claim_date", "2024-02")),
    Case("quote-not-in-seed", "data", "a quote altered by one word", "quote not found in seed", 1, DATA,
         cell("losses", LOSS, "quote", "there have been roughly 302,000 Russian military personnel")),
    Case("number-not-in-quote", "data", "a value the quote does not state", "the quote does not state this number", 1, DATA,
         cell("inflows", "inflow-ru-contracts-2023-moscow", "value", "468000")),
    Case("unit-missing", "data", "a figure without its unit", "unit is required", 1, DATA, cell("losses", LOSS, "unit", "")),
    Case("id-not-a-slug", "data", "an id with spaces and capitals", "must be a slug", 1, DATA, cell("losses", LOSS, "id", "UK MoD Nov")),
    Case("empty-quote", "data", "a row without its quote", "column 'quote': value is required", 1, DATA, cell("losses", LOSS, "quote", "")),
    Case("seed-missing", "data", "a seed file deleted", "seed file not found", 1, DATA, lambda d, s: (s / HP).unlink()),
    Case("seed-renamed", "data", "a seed file renamed without updating sources.csv", "seed file not found", 1, DATA,
         lambda d, s: (s / KI).rename(s / "renamed.txt")),
    Case("seed-path-escape", "data", "sources.csv pointing outside seeds/ ('../')", "must be a plain file name", 1, DATA,
         lambda d, s: _edit(s / "sources.csv", lambda rows: rows[1].__setitem__(rows[0].index("file"), "../../etc/passwd"))),
    Case("duplicate-source", "data", "a source id registered twice", "duplicate source_id", 1, DATA,
         lambda d, s: _edit(s / "sources.csv", lambda rows: rows.append(list(rows[1])))),
    Case("table-missing", "data", "a table file deleted", "events.csv: file not found", 1, DATA, lambda d, s: (d / "events.csv").unlink()),
    Case("unaccounted-mention", "data", "a seed sentence with a number nobody curated", "unaccounted number mention '40,000'", 1, DATA,
         text(lambda d, s: s / HP, lambda b: b + b"\nAnother 40,000 men were called up.\n")),
    # parameters: `manpower render` refuses before executing anything
    Case("unknown-parameter", "parameters", "-p bogus 1", "unknown parameter 'bogus'", 2, PARAM, args=["-p", "bogus", "1"]),
    Case("misspelt-parameter", "parameters", "-p as_off 2023-10-31", "did you mean as_of", 2, PARAM, args=["-p", "as_off", "2023-10-31"]),
    Case("wrong-type", "parameters", "-p dpi abc", "parameter 'dpi' must be a whole number from 50 to 600", 2, PARAM, args=["-p", "dpi", "abc"]),
    Case("out-of-range", "parameters", "-p signup_realism 1.5", "parameter 'signup_realism' must be a number from 0 to 1", 2, PARAM,
         args=["-p", "signup_realism", "1.5"]),
    Case("unparseable-date", "parameters", "-p as_of 2023-13-01", "parameter 'as_of' must be a date YYYY-MM-DD", 2, PARAM,
         args=["-p", "as_of", "2023-13-01"]),
    Case("bad-choice", "parameters", "-p chart_format gif", "must be one of png, svg", 2, PARAM, args=["-p", "chart_format", "gif"]),
    Case("unknown-claimant", "parameters", "-p claimants 'UK MoD'", "unknown claimant 'UK MoD'", 1, PARAM, args=["-p", "claimants", "UK MoD"]),
    Case("unknown-source-filter", "parameters", "-p sources nyt", "unknown source id 'nyt'", 1, PARAM, args=["-p", "sources", "nyt"]),
    Case("unknown-preset", "parameters", "--preset nope", "unknown preset 'nope'", 2, PARAM, args=["--preset", "nope"]),
    Case("name-with-slash", "parameters", "--name a/b", "report name 'a/b'", 2, PARAM, args=["--name", "a/b"]),
    Case("name-dotdot", "parameters", "--name ..", "report name '..'", 2, PARAM, args=["--name", ".."]),
    Case("not-writable-output", "parameters", "--out /sys/manpower-report (read-only)", "is not writable", 1, PARAM,
         args=["--out", "/sys/manpower-report"]),
    Case("param-file-not-yaml", "parameters", "-f a file that is not YAML", "is not valid YAML", 2, PARAM, args=["-f", "{bad_yaml}"]),
    Case("param-file-not-mapping", "parameters", "-f a YAML list", "must be a mapping", 2, PARAM, args=["-f", "{list_yaml}"]),
    Case("as-of-before-any-figure", "parameters", "-p as_of 2000-01-01", "No loss estimates as known on 1 January 2000", 0,
         "tests/test_robustness.py::test_as_of_before_any_figure_renders_and_says_so"),
    Case("filter-matches-nothing", "parameters", "-p claimants Reuters (no loss estimate)", "No loss estimates in the sources for the chosen filters", 0,
         "tests/test_robustness.py::test_filter_that_leaves_chapters_empty_renders_and_says_so"),
    Case("notebook-injected-unknown", "parameters", "papermill -p bogus 1 on a notebook", "unknown parameter 'bogus'", 1,
         "tests/test_notebooks.py::test_invalid_parameters_stop_the_run_clearly"),
    # faults during a render: the previous report stays in place, no temporary folder is left
    Case("cell-exception", "faults", "an exception in a notebook cell", "notebook 09_boom.ipynb, cell 4: ValueError", 1,
         "tests/test_render.py::test_failing_notebook_names_notebook_and_cell_and_keeps_report"),
    Case("kernel-dies", "faults", "a kernel that dies (os._exit)", "notebook 09_boom.ipynb: the kernel died", 1,
         "tests/test_render.py::test_failing_notebook_names_notebook_and_cell_and_keeps_report"),
    Case("ctrl-c", "faults", "Ctrl-C (SIGINT) during execution", "manpower: interrupted", 130,
         "tests/test_robustness.py::test_ctrl_c_leaves_the_previous_report"),
    Case("disk-full", "faults", "no space left while writing the PDF", "cannot write the report", 1,
         "tests/test_robustness.py::test_full_disk_leaves_the_previous_report"),
    Case("invalid-data-at-render", "faults", "render with a broken quote in data/", "data is invalid (run `manpower check`", 1,
         "tests/test_robustness.py::test_render_refuses_invalid_data"),
    Case("injected-title", "faults", "a title holding quotes, newlines and Python", "the title printed literally", 0,
         "tests/test_injection.py::test_code_in_parameters_is_inert"),
    Case("markup-in-quotes", "faults", "Typst/Markdown/HTML markup in quotes and headlines", "the markup printed literally", 0,
         "tests/test_injection.py::test_markup_in_data_is_printed_literally"),
]


def markdown() -> str:
    lines = ["# Robustness: bad input, tried and recorded", "",
             "Generated from `tests/robustness_cases.py` (a test fails if this file is out of date). Every row is",
             "exercised by the test named; for data and parameter cases the test also proves that the data and",
             "seeds are byte-identical afterwards and that no traceback is printed; for render cases, that the",
             "previous report is untouched and no temporary folder is left.", "",
             "| # | area | bad input | what the user sees (a fragment) | exit | test |", "|---|---|---|---|---|---|"]
    for i, c in enumerate(CASES, 1):
        sees = c.sees.replace("|", "\\|")
        lines.append(f"| {i} | {c.area} | {c.bad_input.replace('|', '/')} | `{sees}` | {c.exit} | `{c.test}[{c.id}]` |"
                     if c.test in (DATA, PARAM) else
                     f"| {i} | {c.area} | {c.bad_input.replace('|', '/')} | `{sees}` | {c.exit} | `{c.test}` |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
