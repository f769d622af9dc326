"""The bad inputs the suite tries, as one table: test_robustness.py runs them and
docs/robustness.md is generated from them (`python tests/robustness_cases.py > docs/robustness.md`)."""
from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

KI = "kyivindependent-2024-01-04-putin-citizenship-decree-foreign-fighters.txt"
HP = "huffpost-2024-01-04-putin-new-tactic-recruit-without-conscription.txt"
LOSS = "loss-ukmod-2023-11-killed-wounded"


@dataclass
class Case:
    id: str
    area: str  # data, parameters, faults, curation
    bad_input: str
    sees: str  # a fragment of what the user sees
    exit: int
    test: str  # the test that proves it
    mutate: Callable[[Path, Path], None] | None = None  # data cases: break the copy
    args: list[str] = field(default_factory=list)  # parameter cases: manpower render arguments
    env: dict[str, str] = field(default_factory=dict)  # parameter cases: environment variables set
    where: Callable[[Path, Path], dict] | None = None  # data cases: values for `sees` found in the broken copy

    def expected(self, data: Path, seeds: Path) -> str:
        """What the user sees, with the line (or other place) the case breaks found in the broken
        copy, never assumed: any valid data may put the row elsewhere."""
        return self.sees.format(**self.where(data, seeds)) if self.where else self.sees


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
    """Change the header line, keeping its line end (LF or CRLF)."""
    def change(b: bytes) -> bytes:
        head, nl, rest = b.decode().partition("\n")
        cr = "\r" if head.endswith("\r") else ""
        return (fn(head.removesuffix("\r")) + cr + nl + rest).encode()
    return text(losses, change)


def line_with(path_of, needle: bytes):
    """`where` for a case: {"line": the first physical line of the file holding `needle`}."""
    def where(data: Path, seeds: Path) -> dict:
        for n, line in enumerate(path_of(data, seeds).read_bytes().split(b"\n"), 1):
            if needle in line:
                return {"line": n}
        raise AssertionError(f"{needle!r} not found: the case did not break what it says")
    return where


def to_crlf(b: bytes) -> bytes:
    """Windows line ends, whatever the file had (a CRLF file stays as it is)."""
    return b.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def replace_with(kind: str, path_of):
    """A file replaced by a symbolic link to a copy outside the folder, a folder, a named pipe or
    a link to /proc/self/mem (readable by stat, unreadable by read)."""
    def mutate(data: Path, seeds: Path) -> None:
        p = path_of(data, seeds)
        if kind == "symlink":
            outside = data.parent / "outside.txt"
            outside.write_bytes(p.read_bytes() + b"\nA secret 999,999 from outside.\n")
            p.unlink()
            p.symlink_to(outside)
            return
        p.unlink()
        if kind == "folder":
            p.mkdir()
        elif kind == "fifo":
            os.mkfifo(p)
        elif kind == "proc-mem":
            p.symlink_to("/proc/self/mem")
    return mutate


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
    Case("bad-quoting", "data", "a quoted cell never closed", "losses.csv:{line}:", 1, DATA,
         text(losses, lambda b: b + b'loss-x,huffpost-2024-01-04,"never closed\n'), where=line_with(losses, b"loss-x,")),
    Case("too-many-cells", "data", "a row with an unquoted comma too many", "row has 3 cells, header has", 1, DATA,
         text(losses, lambda b: b + b"a,b,c\n")),
    Case("bom", "data", "a UTF-8 byte-order mark (Excel)", "accepted: OK", 0, DATA, text(losses, lambda b: b"\xef\xbb\xbf" + b)),
    Case("crlf", "data", "Windows line ends", "accepted: OK", 0, DATA, text(losses, to_crlf)),
    Case("trailing-blank-lines", "data", "blank lines at the end", "accepted: OK", 0, DATA, text(losses, lambda b: b + b"\n\n\n")),
    Case("non-utf8-table", "data", "a cp1252 byte in a table", "losses.csv:{line}: not UTF-8: byte 0x92", 1, DATA,
         text(losses, lambda b: b.replace("’".encode(), b"\x92", 1)), where=line_with(losses, b"\x92")),
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
    # issue 8: files that are not regular files, dates out of range
    Case("seed-symlink", "data", "a seed that is a symbolic link to a file outside seeds/",
         "is a symbolic link; a seed must be a regular file inside seeds/", 1, DATA, replace_with("symlink", lambda d, s: s / KI)),
    Case("seed-is-folder", "data", "a seed that is a folder", "is a folder, not a regular file", 1, DATA,
         replace_with("folder", lambda d, s: s / HP)),
    Case("table-named-pipe", "data", "a table that is a named pipe (nothing ever written to it)",
         "losses.csv: is a named pipe, not a regular file", 1, DATA, replace_with("fifo", losses)),
    Case("table-is-folder", "data", "a table that is a folder", "events.csv: is a folder, not a regular file", 1, DATA,
         replace_with("folder", lambda d, s: d / "events.csv")),
    Case("table-proc-mem", "data", "a table linked to /proc/self/mem", "losses.csv: cannot read file: Input/output error", 1, DATA,
         replace_with("proc-mem", losses)),
    Case("year-0000-month", "data", "a claim date in year 0000", "year out of range in '0000-11'", 1, DATA,
         cell("losses", LOSS, "claim_date", "0000-11")),
    Case("year-0000-day", "data", "an event dated 0000-01-01", "year out of range in '0000-01-01'", 1, DATA,
         cell("events", "ev-putin-no-mobilisation-2023-12-14", "date", "0000-01-01")),
    Case("year-9999", "data", "a period ending in year 9999", "year out of range in '9999-12'", 1, DATA,
         cell("losses", LOSS, "period_end", "9999-12")),
    # parameters: `manpower render` refuses before executing anything
    Case("unknown-parameter", "parameters", "-p bogus 1", "unknown parameter 'bogus'", 2, PARAM, args=["-p", "bogus", "1"]),
    Case("misspelt-parameter", "parameters", "-p as_off 2023-10-31", "did you mean as_of", 2, PARAM, args=["-p", "as_off", "2023-10-31"]),
    Case("wrong-type", "parameters", "-p dpi abc", "parameter 'dpi' must be a whole number from 50 to 600", 2, PARAM, args=["-p", "dpi", "abc"]),
    Case("out-of-range", "parameters", "-p signup_realism 1.5", "parameter 'signup_realism' must be a number from 0 to 1", 2, PARAM,
         args=["-p", "signup_realism", "1.5"]),
    Case("unparseable-date", "parameters", "-p as_of 2023-13-01", "parameter 'as_of' must be a date YYYY-MM-DD", 2, PARAM,
         args=["-p", "as_of", "2023-13-01"]),
    Case("bad-choice", "parameters", "-p chart_format gif", "must be one of pdf, png, svg", 2, PARAM, args=["-p", "chart_format", "gif"]),
    Case("unknown-claimant", "parameters", "-p claimants 'UK MoD'", "unknown claimant 'UK MoD'", 1, PARAM, args=["-p", "claimants", "UK MoD"]),
    Case("unknown-source-filter", "parameters", "-p sources nyt", "unknown source id 'nyt'", 1, PARAM, args=["-p", "sources", "nyt"]),
    Case("unknown-preset", "parameters", "--preset nope", "unknown preset 'nope'", 2, PARAM, args=["--preset", "nope"]),
    Case("name-with-slash", "parameters", "--name a/b", "report name 'a/b'", 2, PARAM, args=["--name", "a/b"]),
    Case("name-dotdot", "parameters", "--name ..", "report name '..'", 2, PARAM, args=["--name", ".."]),
    Case("not-writable-output", "parameters", "--out /sys/manpower-report (read-only)", "is not writable", 1, PARAM,
         args=["--out", "/sys/manpower-report"]),
    Case("param-file-not-yaml", "parameters", "-f a file that is not YAML", "is not valid YAML", 2, PARAM, args=["-f", "{bad_yaml}"]),
    Case("param-file-not-mapping", "parameters", "-f a YAML list", "must be a mapping", 2, PARAM, args=["-f", "{list_yaml}"]),
    Case("param-file-folder", "parameters", "-f a folder", "is a folder; give a YAML file", 2, PARAM, args=["-f", "{folder}"]),
    Case("param-file-proc-mem", "parameters", "-f /proc/self/mem", "cannot be read: Input/output error", 2, PARAM,
         args=["-f", "/proc/self/mem"]),
    Case("param-file-pipe", "parameters", "-f a named pipe", "is not a regular file", 2, PARAM, args=["-f", "{fifo}"]),
    Case("horizon-year-9999", "parameters", "-p horizon_end 9999-12-31",
         "parameter 'horizon_end' must be a date YYYY-MM-DD from 1700-01-01 to 2100-12-31", 2, PARAM,
         args=["-p", "horizon_end", "9999-12-31"]),
    Case("as-of-year-0000", "parameters", "-p as_of 0000-01-01", "parameter 'as_of' must be a date YYYY-MM-DD", 2, PARAM,
         args=["-p", "as_of", "0000-01-01"]),
    Case("as-of-datetime", "parameters", "-f a YAML file with `as_of: 2023-10-31 10:00:00` (a date and time)",
         "parameter 'as_of' must be a date YYYY-MM-DD without a time", 2, PARAM, args=["-f", "{datetime_yaml}"]),
    Case("title-200kb", "parameters", "-f a YAML file with a 200 KB title",
         "parameter 'title' must be text of at most 300 characters; got 200,000 characters", 2, PARAM,
         args=["-f", "{long_title_yaml}"]),
    Case("epoch-too-large", "parameters", "SOURCE_DATE_EPOCH=999999999999",
         "environment variable SOURCE_DATE_EPOCH must be a whole number", 2, PARAM, env={"SOURCE_DATE_EPOCH": "999999999999"}),
    Case("epoch-negative", "parameters", "SOURCE_DATE_EPOCH=-1", "environment variable SOURCE_DATE_EPOCH must be a whole number",
         2, PARAM, env={"SOURCE_DATE_EPOCH": "-1"}),
    Case("epoch-text", "parameters", "SOURCE_DATE_EPOCH=abc", "got 'abc'", 2, PARAM, env={"SOURCE_DATE_EPOCH": "abc"}),
    Case("cell-timeout-zero", "parameters", "--cell-timeout 0", "--cell-timeout must be a whole number of seconds", 2, PARAM,
         args=["--cell-timeout", "0"]),
    Case("out-project-root", "parameters", "--out . from the project root", "this folder holds the project", 2, PARAM,
         args=["--out", "."]),
    Case("out-data", "parameters", "--out data", "is inside the project's data/ folder", 2, PARAM, args=["--out", "data"]),
    Case("out-reports", "parameters", "--out reports", "holds every report and the cache", 2, PARAM, args=["--out", "reports"]),
    Case("out-foreign-folder", "parameters", "--out a folder of someone else's files",
         "is not empty and is not a previous report", 2, PARAM, args=["--out", "{foreign}"]),
    Case("out-filesystem-root", "parameters", "--out /", "the filesystem root cannot hold a report", 2, PARAM, args=["--out", "/"]),
    Case("as-of-before-any-figure", "parameters", "-p as_of (the day before the first article)", "No figure in the data had been published by", 0,
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
    Case("failure-while-another-writes", "faults", "one chapter fails while another is still writing charts into the build folder",
         "notebook 09_boom.ipynb, cell 4: ValueError: stop (no build folder left)", 1,
         "tests/test_render.py::test_a_chapter_still_running_when_another_fails_leaves_no_build_folder"),
    Case("ctrl-c", "faults", "Ctrl-C (SIGINT) while a cell runs that never ends", "manpower: interrupted", 130,
         "tests/test_robustness.py::test_ctrl_c_leaves_the_previous_report"),
    Case("sigterm", "faults", "SIGTERM while a cell runs that never ends", "manpower: terminated", 143,
         "tests/test_robustness.py::test_ctrl_c_leaves_the_previous_report"),
    Case("cell-never-ends", "faults", "a cell that never ends", "notebook 02_block.ipynb, cell 4: still running after 3 s", 1,
         "tests/test_robustness.py::test_cell_that_never_ends_is_stopped_by_the_cell_timeout"),
    Case("killed-render-leftovers", "faults", "build folders left by a render killed with kill -9",
         "removed by the next render (they hold our signed MARK and their PID is gone)", 0,
         "tests/test_robustness.py::test_stale_build_folders_of_killed_renders_are_cleaned"),
    Case("typeset-fails", "faults", "typst (or pandoc) failing", "manpower render: failed: typst failed to compile", 1,
         "tests/test_robustness.py::test_render_exceptions_share_one_base_caught_once_by_the_cli"),
    Case("cache-truncated", "faults", "a cached chapter.md truncated, deleted, or a cached notebook replaced by garbage",
         "cache entry for 01_tiny damaged (chapter.md): executing again", 0,
         "tests/test_cache.py::test_damaged_entry_is_executed_again_with_a_notice"),
    Case("cache-chart-damaged", "faults", "a cached chart changed by one byte", "damaged (charts/a.png)", 0,
         "tests/test_cache.py::test_entry_is_read_only_when_every_file_matches"),
    Case("cache-disk-full", "faults", "no space left while writing the cache",
         "chapter cache not used: cannot write …01_tiny.ipynb (No space left on device)", 0,
         "tests/test_cache.py::test_full_cache_disk_is_bypassed_names_the_file_and_leaves_no_temporary_folder"),
    Case("cache-unusable", "faults", "a cache folder that cannot be created or written, with or without --force",
         "chapter cache not used: cannot write", 0,
         "tests/test_cache.py::test_unusable_cache_folder_is_bypassed_even_with_force"),
    Case("tool-upgraded", "faults", "pandas, matplotlib, nbconvert, papermill, ipykernel, pandoc or typst upgraded",
         "the chapters are executed again (new cache key)", 0,
         "tests/test_cache.py::test_key_covers_notebook_parameters_inputs_package_and_tool_versions"),
    Case("notebook-copy", "faults", "a notebook duplicated by JupyterLab (01_tiny-Copy1.ipynb)", "ignored: not in chapters.CHAPTERS", 0,
         "tests/test_cache.py::test_a_notebook_duplicated_by_jupyterlab_is_not_a_chapter"),
    Case("report-folder-mode", "faults", "a umask of 027", "the report folder is 0750, not 0700", 0,
         "tests/test_cache.py::test_report_folder_follows_the_umask"),
    Case("disk-full", "faults", "no space left while writing the PDF", "cannot write the report", 1,
         "tests/test_robustness.py::test_full_disk_leaves_the_previous_report"),
    Case("invalid-data-at-render", "faults", "render with a broken quote in data/", "data is invalid (run `manpower check`", 1,
         "tests/test_robustness.py::test_render_refuses_invalid_data"),
    Case("injected-title", "faults", "a title holding quotes, newlines and Python", "the title printed literally", 0,
         "tests/test_injection.py::test_code_in_parameters_is_inert"),
    Case("markup-in-quotes", "faults", "Typst/Markdown/HTML markup in quotes and headlines", "the markup printed literally", 0,
         "tests/test_injection.py::test_markup_in_data_is_printed_literally"),
    # issue 17, data loss and code execution: folders beside --out, the cache's trust boundary, the cache folder
    Case("out-sibling-user-folders", "faults",
         "--out x/site beside the user's .site.old-backup/ (3 hours old), .site.partial-drafts/, folders named like a "
         "dead render's, one with a forged MARK, one with a MARK copied from a real build folder",
         "every one left byte for byte; only the killed render's own build folder is removed", 0,
         "tests/test_out_safety.py::test_a_render_leaves_the_users_folders_beside_out_and_cleans_only_its_own"),
    Case("cache-planted-pickle", "faults",
         "a pickle planted in the data cache under the right key, with a matching SHA-256 line (and planted JSON with "
         "a changed figure)", "nothing runs (the cache is JSON, HMAC-signed); the data is validated again", 0,
         "tests/test_datacache.py::test_a_planted_entry_with_a_matching_checksum_runs_nothing_and_changes_nothing"),
    Case("cache-planted-chapter", "faults", "a planted chapter.md ('999,999 (planted)') with a matching files.json",
         "cache entry for 01_tiny not verified (not written in this environment, or altered since", 0,
         "tests/test_cache.py::test_a_planted_chapter_entry_with_matching_checksums_is_not_used"),
    Case("cache-in-data", "parameters", "MANPOWER_CACHE=data", "cache folder data (MANPOWER_CACHE): is inside the "
         "project's data/ folder", 2, PARAM, env={"MANPOWER_CACHE": "data"}),
    Case("cache-at-root", "parameters", "MANPOWER_CACHE=/", "the filesystem root cannot hold the cache", 2, PARAM,
         env={"MANPOWER_CACHE": "/"}),
    Case("cache-foreign-folder", "parameters", "MANPOWER_CACHE= a folder of someone else's files",
         "is not empty and is not a manpower cache", 2,
         "tests/test_out_safety.py::test_a_cache_folder_that_is_not_ours_is_refused_and_nothing_is_written"),
    Case("force-read-only-cache", "faults", "--force with a read-only cache",
         "every chapter executed; the manifest says \"cached\": false", 0,
         "tests/test_cache.py::test_force_executes_every_chapter_even_when_the_cache_is_read_only"),
    Case("numpy-upgraded", "faults", "numpy (or any installed package) upgraded, added or removed",
         "the chapters are executed and the data validated again (new cache key)", 0,
         "tests/test_cache.py::test_key_covers_every_installed_distribution"),
    Case("cell-timeout-fraction", "parameters", "--cell-timeout 1.5",
         "--cell-timeout must be a whole number of seconds from 1 to 86400; got '1.5'", 2, PARAM,
         args=["--cell-timeout", "1.5"]),
    # -- issue 17: wrong answers that passed (relations, data package), parameters, --chapters,
    #    reproducibility, silent make
    Case("part-above-stated-whole", "data", "a part of 315,000 of a whole of 'approximately 302,000' (convention high 317,100)",
         "the part (315000) exceeds its whole loss-test-kw (302000)", 1,
         "tests/test_figure_model.py::test_a_part_is_measured_against_the_wholes_stated_figure_not_its_convention_bound"),
    Case("ungrouped-parts-above-whole", "data", "300,000 and 486,000 as parts of 500,000 with no group",
         "add up to 786000, more than the whole (500000); parts that overlap go in separate groups", 1,
         "tests/test_figure_model.py::test_parts_without_a_group_may_not_add_up_to_more_than_their_whole"),
    Case("part-other-side", "data", "a Ukrainian-side part of a Russian-side whole", "a part must share its whole's side (russian", 1,
         "tests/test_figure_model.py::test_a_part_shares_its_wholes_side_basis_and_claimant"),
    Case("part-other-basis", "data", "a stock part of a cumulative whole", "a part must share its whole's basis (cumulative", 1,
         "tests/test_figure_model.py::test_a_part_shares_its_wholes_side_basis_and_claimant"),
    Case("group-of-claimants", "data", "one group holding two claimants' figures", "rows of group g have different claimants", 1,
         "tests/test_figure_model.py::test_a_group_may_not_mix_claimants"),
    Case("dangling-part-of", "data", "-p as_of before the whole: the package kept a part_of to a row it does not ship",
         "part_of left empty; frictionless checks part_of as a foreign key", 0,
         "tests/test_datapackage.py::test_a_part_whose_whole_is_not_yet_known_keeps_no_reference_to_it"),
    Case("part-of-names-no-row", "data", "a data package whose part_of names no row", "violates the foreign key", 0,
         "tests/test_datapackage.py::test_frictionless_refuses_a_part_of_that_names_no_row"),
    Case("full-width-date", "parameters", "-p as_of ２０２３-１０-３１", "parameter 'as_of' must be written in ASCII digits 0-9", 2, PARAM,
         args=["-p", "as_of", "２０２３-１０-３１"]),
    Case("arabic-indic-number", "parameters", "-p dpi ١٥٠", "parameter 'dpi' must be written in ASCII digits 0-9", 2, PARAM,
         args=["-p", "dpi", "١٥٠"]),
    Case("numeric-title", "parameters", "-p title 2024 (or title: 2024 in YAML)", "the title '2024'", 0,
         "tests/test_params.py::test_a_text_parameter_keeps_what_was_typed_on_the_command_line"),
    Case("chapter-outside-project", "parameters", "--chapters /elsewhere/evil (a notebook with a side effect)",
         "is not a chapter of the report; give one or more of 00_summary", 2, PARAM,
         args=["--chapters", "/nonexistent/elsewhere/evil"]),
    Case("chapter-copy", "parameters", "--chapters 01_losses-Copy1 (the copy exists)",
         "'01_losses-Copy1' is not a chapter of the report", 2, PARAM, args=["--chapters", "01_losses-Copy1"]),
    Case("chapter-twice", "parameters", "--chapters 01_losses,01_losses", "the chapter rendered once", 0,
         "tests/test_chapter_option.py::test_a_chapter_named_twice_is_rendered_once"),
    Case("copy-beside-chapters", "faults", "notebooks/01_losses-Copy1.ipynb present during make test",
         "the tests go over the declared chapters only", 0,
         "tests/test_cache.py::test_the_checks_over_every_chapter_notebook_skip_a_jupyterlab_copy"),
    Case("notebooks-differ", "faults", "two renders with --jobs 1 and --jobs 2", "only manifest.json differs", 0,
         "tests/test_render.py::test_two_renders_with_different_jobs_differ_only_in_the_manifest"),
    Case("silent-make", "faults", "make -s test (MAKEFLAGS=s): no echoed command line", "make lab test passes", 0,
         "tests/test_environment.py::test_make_lab_starts_with_options_passed_through_and_offers_the_project_kernel"),
    # --- curation hygiene (issue 17): add, draft and check on hostile curation input ---
    Case("formula-cell", "data", "a claimant beginning =cmd|' /C calc'!A0 (a spreadsheet formula)",
         "a spreadsheet would run it as a formula", 1, DATA, cell("losses", LOSS, "claimant", "=cmd|' /C calc'!A0")),
    Case("bidi-mark-in-claimant", "data", "a claimant ending in a right-to-left mark (a second claimant that looks the same)",
         "U+200F RIGHT-TO-LEFT MARK", 1, DATA, cell("losses", LOSS, "claimant", "UK Ministry of Defence\u200f")),
    Case("zero-width-space-in-seed", "data", "a zero-width space inside quoted words, in the seed only",
         "the seed has the invisible character U+200B ZERO WIDTH SPACE on line", 1, DATA,
         text(lambda d, s: s / KI, lambda b: b.replace("Ministry".encode(), "Min\u200bistry".encode()))),
    Case("empty-seed", "data", "a seed of zero bytes", "seed is empty; its", 1, DATA, text(lambda d, s: s / HP, lambda b: b"")),
    Case("control-byte-seed", "data", "a seed of control bytes", "seed has no letter or digit", 1, DATA,
         text(lambda d, s: s / HP, lambda b: bytes(range(1, 9)) * 100)),
    Case("registry-as-seed", "data", "a registry row whose file is sources.csv", "names the registry itself", 1, DATA,
         lambda d, s: _edit(s / "sources.csv", lambda rows: rows[1].__setitem__(rows[0].index("file"), "sources.csv"))),
    Case("unregistered-seed", "data", "a seed file no registry row names (an add whose row was lost)",
         "registers this seed", 1, DATA,
         lambda d, s: (s / "orphan-article.txt").write_text("INVENTED: an article never registered.\n")),
    Case("add-leftover", "data", "a temporary file of an add killed with kill -9 (seeds/.add-*.txt)",
         "a temporary file left by an interrupted", 1, DATA,
         lambda d, s: (s / ".add-x1y2z3.txt").write_text("INVENTED: half of an add.\n")),
    Case("draft-in-data", "data", "a draft CSV left in data/", "is not one of the tables", 1, DATA,
         lambda d, s: (d / "lakeside-gazette-2024-04-11.csv").write_text("table,id\ninflows,x\n")),
    Case("megabyte-line-of-digits", "data", "a seed line of 1,000,000 digits", "(1,000,000 characters)", 1, DATA,
         text(lambda d, s: s / HP, lambda b: b + b"\n" + b"7" * 1_000_000 + b"\n")),
    Case("parallel-add", "faults", "ten `manpower add` at once", "added … (every row and seed registered)", 0,
         "tests/test_curate.py::test_parallel_adds_keep_every_row"),
    Case("add-interrupted", "faults", "Ctrl-C or SIGTERM while `add` writes", "neither file is left, nor a temporary file", 130,
         "tests/test_curate.py::test_an_interrupted_add_leaves_neither_file"),
    Case("add-umask", "faults", "`add` under umask 022", "the seed and sources.csv are 0644, not 0600", 0,
         "tests/test_curate.py::test_add_writes_files_with_the_users_umask"),
    Case("add-accessed-before-published", "parameters", "add --accessed before --published",
         "is before the article was published", 1, "tests/test_curate.py::test_add_refuses_impossible_dates_a_huge_headline_formulas_and_invisible_characters"),
    Case("add-published-future", "parameters", "add --published in the future", "is in the future", 1,
         "tests/test_curate.py::test_add_refuses_impossible_dates_a_huge_headline_formulas_and_invisible_characters"),
    Case("add-huge-headline", "parameters", "add --headline of 1,700 characters", "a headline has at most 500", 1,
         "tests/test_curate.py::test_add_refuses_impossible_dates_a_huge_headline_formulas_and_invisible_characters"),
    Case("add-formula-byline", "parameters", "add --byline =cmd|' /C calc'!A0", "a spreadsheet would run it as a formula", 1,
         "tests/test_curate.py::test_add_refuses_impossible_dates_a_huge_headline_formulas_and_invisible_characters"),
    Case("add-bidi-outlet", "parameters", "add --outlet ending in a right-to-left mark", "U+200F RIGHT-TO-LEFT MARK", 1,
         "tests/test_curate.py::test_add_refuses_impossible_dates_a_huge_headline_formulas_and_invisible_characters"),
    Case("formula-byline-export", "faults", "a registry byline =cmd|' /C calc'!A0 on its way to the data package",
         "column 'byline': starts with '='", 1, "tests/test_injection.py::test_a_spreadsheet_formula_never_reaches_the_data_package"),
    Case("draft-out-data", "parameters", "draft --out data (or seeds/, notebooks/, the project folder)",
         "drafts/ (the default)", 1, "tests/test_curate.py::test_draft_refuses_a_folder_of_the_project_other_than_drafts"),
    # -- JupyterLab and papermill (issue 21) ------------------------------------------------------
    Case("twin-changed-alone", "faults", "a chapter's .py twin edited alone (newer than its .ipynb, cells differ)",
         "notebooks/01_tiny.py is newer than notebooks/01_tiny.ipynb and differs from it", 1,
         "tests/test_twins.py::test_the_command_line_says_it_in_one_line_before_any_work"),
    Case("twin-unreadable", "faults", "a newer .py twin that is not text", "cannot be read as its twin", 1,
         "tests/test_twins.py::test_a_newer_twin_that_cannot_be_read_is_refused_in_one_line"),
    Case("papermill-bad-parameter", "parameters", "a bad -p through plain papermill (no manpower command)",
         "ChapterError: [conscription] parameter 'dpi' must be a whole number from 50 to 600; got 'abc'", 1,
         "tests/test_environment.py::test_plain_papermill_says_a_bad_parameter_in_one_line"),
    Case("spec-text-breaks-papermill", "parameters", "a parameter's help or default holding '=', '#' or quotes",
         "papermill --help-notebook still reads its type and help", 0,
         "tests/test_params.py::test_parameters_cell_survives_an_equals_sign_and_any_text_in_the_spec"),
    Case("footnote-marker-colon", "faults", "a footnote marker followed by a colon in a chapter's prose",
         "a numbered note in JupyterLab, not a raw marker", 0,
         "tests/test_footnotes.py::test_markers_followed_by_a_colon_are_markers"),
    Case("evidence-markup-in-jupyterlab", "faults", "a quote holding |, quotes, HTML, * and [^x], shown in JupyterLab",
         "the quote printed literally in the figure's hover title", 0,
         "tests/test_footnotes.py::test_figures_read_as_the_report_prints_them_with_their_evidence_on_hover"),
    Case("inline-note-in-jupyterlab", "faults", "a derived figure's formula note ^[…] (nested brackets, escapes) in JupyterLab",
         "a numbered note under the cell, not raw ^[…]", 0,
         "tests/test_footnotes.py::test_inline_notes_are_numbered_with_the_markers_and_listed_under_the_cell"),
    # -- what changed since a previous report (render --since, issue 19) --
    Case("since-not-a-report", "parameters", "render --since a folder that is not a report (no manifest.json)",
         "manifest.json: not found; --since needs a report folder rendered by manpower", 1,
         "tests/test_since.py::test_since_a_folder_that_is_not_a_report_is_one_line_before_any_work"),
    Case("since-damaged-report", "parameters",
         "render --since a report whose manifest.json, figures.csv or judgements.json is damaged",
         "cannot be read as JSON", 1, "tests/test_since.py::test_a_broken_previous_report_is_one_line_naming_the_file"),
    # Hostile text (issue 17): scanners and draft in linear time; speed against a normal seed of the
    # same size is in `manpower bench --adversarial-only` (reports/bench.json), not in the tests.
    Case("hostile-article-run", "data", 'a seed of "a " x 20,000, "half a " x 20,000 or "a-" x 40,000 (check took 115 s to past 300 s)',
         "no mention (a number after the run is read alone: 'two thousand', not 3,000)", 0,
         "tests/test_numbers.py::test_a_run_of_articles_states_nothing_and_the_number_after_it_is_read_alone"),
    Case("hostile-dense-paragraph", "data", "a paragraph of numbers with no full stop (draft of 20 KB took 77 s, wrote 56 MB)",
         "one draft row per number, each quoting at most 300 characters around it", 0,
         "tests/test_curate.py::test_draft_of_a_dense_paragraph_quotes_each_number_with_a_bounded_sentence"),
    Case("hostile-long-number", "data", "a seed of 10 MB of digits (draft proposed the value inf)",
         "REVIEW: a mention of 10,000,000 characters is too long to be one figure: no value proposed", 0,
         "tests/test_curate.py::test_draft_of_a_number_too_long_for_a_float_proposes_no_value"),
    Case("number-beyond-float", "data", "a number of 400 digits in a seed", "a mention with no value (never inf)", 0,
         "tests/test_numbers.py::test_a_number_too_long_for_a_float_is_a_mention_without_a_value"),
    # issue 18: valid articles the chapters used to print as something else (seeds + invented fixtures)
    Case("data-crlf-every-table", "data", "every table of data/ saved with Windows line ends (test_bad_data also runs "
         "every data case above on such a copy: the same message, at the line the case breaks)", "accepted: OK", 0, DATA,
         lambda d, s: [t.write_bytes(to_crlf(t.read_bytes())) for t in sorted(d.glob("*.csv"))]),
    Case("floor-without-word", "data", "a floor by method (a count of named dead, no qualifier word) in a spread and a rate",
         "at least 1,900 a month; Spread: … to no stated upper bound", 0,
         "tests/test_chapter_figures.py::test_a_floor_without_a_qualifier_word_stays_a_floor_in_spreads_and_rates"),
    Case("range-without-word", "data", "a range with no qualifier word ('120,000-140,000'), a hedged range ('around 5,000 to 6,000')",
         "120,000 to 140,000; around 5,000 to 6,000 (never 'n/a')", 0,
         "tests/test_chapter_figures.py::test_a_range_without_a_qualifier_word_and_a_hedged_range_read_as_ranges"),
    Case("interval-with-value", "data", "a central value with its 95% interval", "roughly 47,000 (95% interval 40,000–55,000)", 0,
         "tests/test_chapter_figures.py::test_an_interval_keeps_its_level_and_is_the_sources_everywhere"),
    Case("other-side-figures", "data", "Ukrainian losses from a claimant that also estimates Russian ones",
         "listed under “figures for other sides”, in no Russian table, chart or share", 0,
         "tests/test_chapter_figures.py::test_other_sides_never_stand_in_a_russian_chart_table_or_derived_figure"),
    Case("other-country-window", "data", "a Ukrainian conscription age window", "Ukraine's own window, never paired with Russia's", 0,
         "tests/test_chapter_figures.py::test_age_windows_are_paired_within_one_country"),
    Case("median-half-persons", "data", "'about 332,810' drafted, then checked", "bounds 316169 and 349451; check accepts the draft", 0,
         "tests/test_curate.py::test_drafted_bounds_of_a_median_are_whole_people_that_check_accepts"),
    Case("horizon-passed-by-data", "parameters", "loss estimates whose period passes a fixed horizon_end",
         "The what-if runs to … the end of the month a year after the latest period end", 0,
         "tests/test_balance.py::test_the_horizon_follows_the_data_unless_a_date_is_given"),
    # -- the figure model: scope classes, rate and share units, decree terms, periods (issue 18) --
    Case("scope-without-class", "data", "a scope ('men in the border provinces') with an empty scope_class",
         "column 'scope_class': a scope needs its class from the closed list", 1,
         "tests/test_units.py::test_a_scope_without_its_class_is_refused"),
    Case("scopes-worded-differently", "data", "three claimants' totals scoped 'troops', 'military personnel', 'soldiers'",
         "one comparison of the three (scope_class all)", 0,
         "tests/test_units.py::test_totals_worded_differently_meet_in_one_comparison"),
    Case("share-above-whole", "data", "a fraction of 1.5 or a percent of 150", "column 'value': a share in fraction is at most 1", 1,
         "tests/test_units.py::test_a_share_above_the_whole_is_refused"),
    Case("rate-and-fraction", "data", "'at least one a day', 'about 40 men a week', 'about half of them'",
         "at least 1 a day; about 40 a week; about half (50%)", 0,
         "tests/test_units.py::test_rates_and_shares_print_as_what_they_are"),
    Case("second-decree", "data", "a second decree's terms beside the first's", "a table of its own: Terms of the … decree of …", 0,
         "tests/test_units.py::test_each_decree_keeps_its_own_terms"),
    Case("event-link-unknown", "data", "a foreign row whose event names no row of events.csv",
         "column 'event': no row with this id in events.csv", 1, "tests/test_units.py::test_an_event_link_names_a_decree"),
    Case("period-after-publication", "data", "a period ending after the article's publication (names added 'since late March' as deaths to December)",
         "column 'period_end': the period ends … but the source was published by …", 1,
         "tests/test_units.py::test_a_period_ending_after_publication_is_refused"),
    # --- draft reads claims, not numbers (issue 20): wording that made wrong candidates ---
    Case("draft-date-as-count", "data", "'Nov. 20', '20 November 2024', 'May 2024', '10:30', 'a 19-year-old', 'Su-34', "
         "'Decree No. 757' beside a figure (each was drafted as a count)", "one row: the figure; the date in its date words", 0,
         "tests/test_draft_reading.py::test_dates_years_times_ages_and_names_are_never_counts"),
    Case("draft-range-split", "data", "'35,500–43,000', 'between 40,000 and 55,000' (drafted as two exact counts)",
         "one row with low and high, bounds stated", 0,
         "tests/test_draft_reading.py::test_a_range_is_one_candidate_with_its_stated_bounds"),
    Case("draft-level-as-count", "data", "'with 95% confidence … between 66,000 and 88,000' (95 drafted as a third figure)",
         "one interval row with level 95", 0,
         "tests/test_draft_reading.py::test_an_interval_with_its_level_is_one_row_and_the_level_is_no_count"),
    Case("draft-may-month", "data", "'In May 2023, officials said …' (the month read as the hedge 'may')", "hedge empty", 0,
         "tests/test_draft_reading.py::test_may_the_month_is_no_hedge_and_may_the_verb_is"),
    Case("draft-a-day-year", "data", "'At least 30 men a day' ('a day' drafted as 1 year)", "one row, unit people_per_day", 0,
         "tests/test_draft_reading.py::test_a_day_after_a_number_makes_a_rate_not_a_year"),
    Case("draft-score-not-corpus", "parameters", "manpower draft --score FOLDER without seeds/sources.csv and data/",
         "FOLDER: not a corpus (needs seeds/sources.csv and data/)", 1,
         "tests/test_draft_reading.py::test_draft_score_command_prints_a_line_per_corpus_and_refuses_a_folder_that_is_none"),
    # -- manpower accept: kept draft rows into data/, all or nothing (issue 20) --------------------
    Case("accept-duplicate-id", "curation", "a kept draft row whose id is already in data/",
         "drafts/….csv:N: column 'id': duplicate id (also at data/inflows.csv:N)", 2, "tests/test_accept.py::test_a_bad_kept_row_names_the_draft_line_and_nothing_is_written"),
    Case("accept-invalid-cell", "curation", "a kept draft row with side 'rusian'", "column 'side': must be one of", 2, "tests/test_accept.py::test_a_bad_kept_row_names_the_draft_line_and_nothing_is_written"),
    Case("accept-unknown-source", "curation", "a kept draft row naming a source not in sources.csv",
         "column 'source_id': unknown source", 2, "tests/test_accept.py::test_a_bad_kept_row_names_the_draft_line_and_nothing_is_written"),
    Case("accept-quote-not-in-seed", "curation", "a kept draft row whose quote was edited away from the seed",
         "column 'quote': quote not found in seed", 2, "tests/test_accept.py::test_a_bad_kept_row_names_the_draft_line_and_nothing_is_written"),
    Case("accept-keep-not-yes", "curation", "keep = 'maybe'", "column 'keep': write yes to accept the row, or leave it empty", 2, "tests/test_accept.py::test_a_bad_kept_row_names_the_draft_line_and_nothing_is_written"),
    Case("accept-unknown-table", "curation", "a kept row whose table is 'recruits'", "column 'table': must be one of", 2, "tests/test_accept.py::test_a_bad_kept_row_names_the_draft_line_and_nothing_is_written"),
    Case("accept-review-mark", "curation", "a kept row the draft marked REVIEW:", "the draft marked this row for review", 2, "tests/test_accept.py::test_a_bad_kept_row_names_the_draft_line_and_nothing_is_written"),
    Case("accept-column-of-another-table", "curation", "a drafted inflows row moved to losses with its country still filled",
         "column 'country': is not a column of losses.csv", 2, "tests/test_accept.py::test_a_bad_kept_row_names_the_draft_line_and_nothing_is_written"),
    Case("accept-column-missing", "curation", "a kept inflows row in a draft with no claimant_type column",
         "column 'claimant_type': value is required (the draft has no column 'claimant_type': add it)", 2,
         "tests/test_accept.py::test_a_column_the_draft_lacks_is_named_as_one_to_add"),
    Case("accept-draft-in-data", "curation", "accept data/inflows.csv (or a draft inside seeds/)", "is inside data/", 2,
         "tests/test_accept.py::test_a_draft_inside_data_or_seeds_is_refused"),
    Case("accept-no-keep-column", "curation", "a draft without its keep column", "no column 'keep'", 2,
         "tests/test_accept.py::test_a_draft_without_a_keep_column_says_how_to_mark_rows"),
    Case("accept-nothing-kept", "curation", "a draft with no row kept (or accepted twice)", "no row has keep = yes", 2,
         "tests/test_accept.py::test_kept_rows_land_in_their_tables_and_the_rest_stay_in_the_draft"),
    Case("accept-interrupted", "faults", "Ctrl-C or SIGTERM between two renames of `accept`",
         "data/ and the draft byte for byte as before, no temporary file", 130,
         "tests/test_accept.py::test_an_interruption_after_the_first_rename_puts_every_file_back"),
    Case("accept-killed", "faults", "`accept` killed with kill -9 between two renames",
         "run the accept again; it first puts data/ and the draft back as they were", 1,
         "tests/test_accept.py::test_a_kill_between_two_renames_is_named_by_check_and_undone_by_the_next_accept"),
    Case("accept-disk-full", "faults", "no space left while `accept` writes or flushes a table",
         "could not write (No space left on device); nothing was changed", 1,
         "tests/test_accept.py::test_a_full_disk_changes_nothing"),
    Case("accept-concurrent", "faults", "a second `accept` while data/ is locked by another accept or add",
         "it waits on the lock, then files its rows", 0, "tests/test_accept.py::test_an_accept_waits_for_another_one_holding_data"),
    Case("accept-crlf-table", "curation", "tables with CRLF line ends, every cell quoted, no final newline",
         "the rows appended in the table's own form", 0,
         "tests/test_accept.py::test_crlf_quoting_and_a_missing_final_newline_are_kept"),
    Case("check-half-person", "data", "a row with low 316169.5 where 'about 332,810' implies 316169",
         "row has low=316169.5, high=349450.5", 1,
         "tests/test_check_rules.py::test_a_bound_a_half_person_off_is_printed_as_compared"),
    # a briefing an analyst would sign (issue 19, branch brief)
    Case("quote-own-marks", "data", "a quote that ends in its own quotation mark, or holds straight quotes",
         "nested as printed: “He asked: ‘Why … mobilisation?’”, never “…?””", 0,
         "tests/test_narrative.py::test_appendix_and_evidence_print_quotes_nested"),
    # -- integrate: the claim-level draft accepted as a curator edits it (issue 20) ---------------
    Case("accept-review-left", "curation", "a kept row whose review cell (what the draft is unsure of) is left as drafted",
         "column 'review': the draft marked this row for review: resolve it and delete the mark", 2,
         "tests/test_accept.py::test_a_bad_kept_row_names_the_draft_line_and_nothing_is_written"),
    Case("accept-figure-row-other-column", "curation", "a kept inflows row with measure (a column of losses) filled in",
         "column 'measure': is not a column of inflows.csv: empty it or choose another table", 2,
         "tests/test_accept.py::test_a_bad_kept_row_names_the_draft_line_and_nothing_is_written"),
    Case("accept-drafted-mention", "curation", "a figure row kept as drafted, its mention cell (a column of exclusions only) filled",
         "accepted; the mention is not copied into the figure's table", 0,
         "tests/test_accept.py::test_a_drafted_row_fills_only_its_tables_columns_or_the_drafts_own"),
    Case("accept-figure-row-to-exclusions", "curation", "a drafted figure row (a pier's number read as a count) kept with table = exclusions",
         "accepted as an exclusion; the figure cells the draft read are dropped", 0,
         "tests/test_accept.py::test_a_figure_row_moved_to_exclusions_drops_the_figure_cells_the_draft_read"),
    # --- blind-corpus misses (curate2): reading rules and mention accounting ---
    Case("check-money-period", "data", "'$2,300 a month' curated with unit usd_per_month ('a month' left unaccounted)",
         "no unaccounted mention", 0,
         "tests/test_coverage.py::test_a_money_unit_that_states_its_period_records_the_period_words"),
    Case("check-day-with-month", "data", "'Feb. 14' (read as two mentions 'Feb.' and '14'; an exclusion naming 'Feb. 14' missed)",
         "one date mention 'Feb. 14'; 'Feb.; 14' still excludes it", 0,
         "tests/test_coverage.py::test_a_day_with_its_month_is_one_mention_named_whole_or_by_its_parts"),
    Case("draft-apposed-age", "data", "'Major Ilya Brand, 47, said …' / 'in the past 24 hours' / '60-page report' / 'hotline at 1520'",
         "no candidate for the age, period, papers or phone number", 0,
         "tests/test_draft_reading.py::test_an_age_a_period_a_time_reference_a_document_and_a_phone_number_are_no_figures"),
    Case("draft-vote-tally", "data", "'190 deputies backed it and 226 were needed' (two junk counts)", "no candidate", 0,
         "tests/test_draft_reading.py::test_a_vote_tally_is_no_manpower_figure"),
    Case("draft-headline-duplicate", "data", "a headline whose figure the body states again (two candidates for one claim)",
         "the headline's figure proposed as a 'duplicate' exclusion", 0,
         "tests/test_draft_reading.py::test_a_headline_that_the_body_restates_is_a_duplicate_not_a_candidate"),
    Case("draft-name-after-figure", "data", "'Drawing on 320 depots, the institute's analysts estimate …' (no claimant read)",
         "claimant: the name just before the verb", 0,
         "tests/test_draft_reading.py::test_the_claimant_is_the_name_just_before_the_verb_even_after_a_figure"),
    Case("draft-score-blind-sets", "parameters", "manpower draft --score with tests/fixtures/blind and blind2 present",
         "one line per corpus: tests/fixtures, then each blind* set apart, sorted", 0,
         "tests/test_draft_reading.py::test_the_score_with_no_corpus_named_scores_the_fixtures_then_every_blind_set_apart_sorted"),
    # issue 18 audit (branch anyarticle): valid data the chapters used to print out of place
    Case("parts-above-their-whole", "data", "a breakdown's part rows above their total in losses.csv, or a list cap falling between them",
         "the total listed, each part right under it ('part of …')", 0,
         "tests/test_any_article.py::test_the_losses_chapter_lists_parts_under_their_whole_whatever_the_csv_order"),
    Case("chapters-from-crlf-data", "data", "every table of data/ and seeds/sources.csv saved with Windows line ends, then rendered",
         "the chapters' text and chart data exactly as from LF tables", 0,
         "tests/test_any_article.py::test_the_chapters_read_the_same_from_data_saved_with_crlf_line_ends"),
    Case("dates-over-thirteen-months", "data", "claims spread over 13 to 23 months (a phone chart) or over 3½ years (a page)",
         "date ticks a year apart; no matplotlib warning in the notebook, two renders the same bytes", 0,
         "tests/test_any_article.py::test_a_phone_chart_of_any_span_of_dates_draws_without_a_warning"),
    # review 1 of the fixture-corpus report (branch fxread): valid articles read right
    Case("period-from-the-article", "data", "a row whose period words are the curator's ('(since the invasion, as above)') while another sentence of the article states that period",
         "killed since the invasion (the article's period, not this sentence's)", 0,
         "tests/test_review_reading.py::test_a_period_another_sentence_of_the_article_states_is_printed_as_the_articles"),
    Case("cap-hides-sibling-part", "data", "a breakdown whose whole and one part fall inside a list's cap and another part outside it",
         "every part of a listed whole is listed", 0,
         "tests/test_review_reading.py::test_a_cap_never_hides_a_part_whose_whole_or_sibling_is_listed"),
    Case("later-figures-left-out", "data", "a list's cap leaves out figures claimed later than some it shows",
         "…and 3 more figures, claimed between March 2024 and August 2024, listed in figures.csv", 0,
         "tests/test_review_reading.py::test_a_list_calls_the_figures_it_leaves_out_earlier_only_when_they_are"),
    Case("hedged-floor", "data", "a hedged floor ('likely surpasses 20,000', kind hedged, hedge likely)",
         "likely more than 20,000 (“likely surpasses”)", 0,
         "tests/test_review_reading.py::test_a_hedged_figure_keeps_its_hedge_in_the_chapters"),
    Case("peak-rate", "data", "a rate stated for its worst days ('On the worst days of November, at least 40 a day')",
         "at least 40 a day deserted (a peak: “On the worst days of November”, November 2024; not an average over the period)", 0,
         "tests/test_review_reading.py::test_a_peak_rate_is_printed_as_a_peak_and_never_made_a_months_rate"),
    Case("conflicting-totals", "data", "a later running total below an earlier one's lowest bound, from another claimant",
         "The claims conflict: … is below …, a total claimed for an earlier or the same date", 0,
         "tests/test_review_reading.py::test_a_conflict_between_claimants_is_stated_with_each_side"),
    Case("forecast-and-target-of-two-years", "data", "a 2023 forecast and a 2024 target of one channel; a count whose scope class is the channel's own",
         "two quantities; the 2023 count and forecast in one comparison", 0,
         "tests/test_review_reading.py::test_one_quantity_keys_a_flows_period_and_reads_a_channels_own_scope_as_its_whole"),
    Case("share-of-foreign-recruits", "data", "a share of surveyed foreign recruits ('40% … had no military experience')",
         "(… : a share, not a count)", 0,
         "tests/test_review_reading.py::test_a_share_of_foreign_recruits_is_never_listed_as_a_count_by_nationality"),
]


def markdown() -> str:
    lines = ["# Robustness: bad input, tried and recorded", "",
             "Generated from `tests/robustness_cases.py` (a test fails if this file is out of date). Every row is",
             "exercised by the test named; for data and parameter cases the test also proves that the whole project",
             "tree hashes the same afterwards and that no traceback is printed, and",
             "`tests/test_robustness.py::test_no_command_prints_a_traceback` runs every command (`check`, `params`,",
             "`codebook`, `render`) on each of them; for render cases, that the previous report is untouched and no",
             "temporary folder is left. The whole suite ends by checking that the checkout hashes as it did",
             "before the first test.", "",
             "| # | area | bad input | what the user sees (a fragment) | exit | test |", "|---|---|---|---|---|---|"]
    for i, c in enumerate(CASES, 1):
        sees = c.sees.replace("{line}", "N").replace("|", "\\|")  # N: the line the test finds
        lines.append(f"| {i} | {c.area} | {c.bad_input.replace('|', '/')} | `{sees}` | {c.exit} | `{c.test}[{c.id}]` |"
                     if c.test in (DATA, PARAM) else
                     f"| {i} | {c.area} | {c.bad_input.replace('|', '/')} | `{sees}` | {c.exit} | `{c.test}` |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
