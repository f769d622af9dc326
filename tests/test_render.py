"""The rendered report, read back: PDF text and images with pypdf, the HTML, the manifest,
atomic replacement on failure, and the cache."""
import hashlib
import json
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import nbformat
import pagefill
from tooling import require
from conftest import pdf_charts
import pypdf
import pytest

from manpower.vocabulary.params import defaults
from manpower.report.render import Options, RenderError, render, resolve_params

ROOT = Path(__file__).resolve().parents[1]
MANPOWER = str(Path(sys.executable).parent / "manpower")
CHAPTERS = ["Summary: how Russia keeps its army manned", "Losses: what the estimates count",
            "Inflows: mobilisation and contract soldiers", "Conscription: the age window",
            "Foreign recruitment: citizenship for service", "Balance: a what-if of net manpower"]
# shipped rows: while they are in data/, wherever the report prints one (Appendix C names its id),
# it reads as curated; other articles may push them out of the capped lists, never change them
KEY_ROWS = ["loss-ukmod-2023-11-killed-wounded", "loss-usintel-killed-wounded", "inflow-ru-contracts-2023-moscow",
            "inflow-ru-partial-mobilisation-2022-09", "consc-ru-age-window-after"]


def quiet(_):
    pass


def pdf_pages(path):
    reader = pypdf.PdfReader(str(path))
    return reader, [re.sub(r"\s+", " ", p.extract_text() or "") for p in reader.pages]


def sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def standard(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports") / "standard"
    name, params = resolve_params(ROOT, "standard", [], {})
    result = render(Options(name, params, out=out, say=quiet), ROOT)
    return result.folder


def test_pdf_has_every_chapter_with_an_image(standard):
    reader, pages = pdf_pages(standard / "report.pdf")
    assert len(pages) >= 12
    starts = []
    for title in CHAPTERS:
        hits = [i for i, t in enumerate(pages) if re.search(rf"\d+ {re.escape(title)}", t)]
        assert hits, f"chapter heading missing: {title}"
        starts.append(hits[-1])  # the last hit is the chapter itself, not the table of contents
    assert starts == sorted(starts), "chapters out of order"
    bounds = starts + [len(pages)]
    # a chapter draws a chart only where it has a point (issue 19): each chart the chapter saved in
    # charts/ (named after the chapter: "losses-estimates.png") is printed within its pages
    prefixes = ["summary", "losses", "inflows", "conscription", "foreign", "balance"]
    drawn = {p: len(list((standard / "charts").glob(f"{p}-*.png"))) - len(list((standard / "charts").glob(f"{p}-*-phone.png")))
             for p in prefixes}
    assert sum(drawn.values()) >= 1, "the standard report draws no chart at all"
    for (title, a, b), p in zip(zip(CHAPTERS, bounds, bounds[1:]), prefixes):
        images = sum(pdf_charts(reader.pages[i]) for i in range(a, b + 1 if b < len(pages) else b))
        if drawn[p]:
            assert images >= 1, f"no image in chapter {title}, which drew {drawn[p]} chart(s)"


def test_pdf_text_has_key_figures_citations_and_no_code(standard):
    _, pages = pdf_pages(standard / "report.pdf")
    text = " ".join(pages)
    from manpower.curated.data import load
    from manpower.writing.narrative import fmt_figure

    ds = load()
    for i in KEY_ROWS:
        if ds.has(i) and i in text:
            assert fmt_figure(ds.row(i)) in text, i
    assert re.search(r"[\d,]+ of the [\d,]+ curated rows in this selection are printed, quoted or charted", text)
    assert "HuffPost UK, “Putin Has Just Announced" in text
    assert "The Kyiv Independent, “Putin signs decree" in text
    assert "Figure 1: Timeline of events" in text.replace("  ", " ")
    for section in ("Appendix A: Methodology and caveats", "Appendix B: Sources", "Appendix C: Figures used", "Appendix D: Parameters"):
        assert section in text
    assert not re.search(r"\bimport\b|\bpd\.|ch\.say|Chapter\.start|def ", text)
    # typography: no doubled full stop after a quotation, no space between a footnote mark and a stop
    assert not re.search(r"[.?!][”’]\d*\.", text), re.search(r".{40}[.?!][”’]\d*\..{10}", text)
    assert not re.search(r"[a-z]\d \.", text), re.search(r".{40}[a-z]\d \..{10}", text)


def test_no_page_is_left_half_empty(standard):
    """Every page, rasterised: none but the cover, the contents and the last page holds a blank
    band over 35% of the body -- under its last line, where a chapter's end would leave it if
    every chapter started a new page, or where a chart pushed on to the next page leaves it."""
    require(pagefill.have_rasteriser(), "pdftoppm, which rasterises pages to measure blank space,",
            "apt-get install poppler-utils")
    pdf = standard / "report.pdf"
    pages = pagefill.measure(pdf)
    assert len(pages) == len(pypdf.PdfReader(str(pdf)).pages)
    assert pagefill.chapter_count(pdf) >= len(CHAPTERS) + 4  # chapters, notes, appendices A-D
    assert all(p.largest_gap < 1 for p in pages), "a page with nothing on it"
    checked = [p for p in pages if p.number not in pagefill.exempt(pages)]
    assert len(checked) >= 3, "too few pages are measured for the check to mean anything"
    bad = pagefill.half_empty(pages)
    assert not bad, [f"page {p.number}: {p.largest_gap:.0%} blank" for p in bad]


def test_pdf_fonts_are_embedded(standard):
    reader = pypdf.PdfReader(str(standard / "report.pdf"))
    fonts = {}
    for page in reader.pages[:4]:
        for f in (page.get("/Resources", {}).get("/Font", {}) or {}).values():
            f = f.get_object()
            desc = f.get("/FontDescriptor") or (f.get("/DescendantFonts", [{}])[0].get_object().get("/FontDescriptor"))
            if desc is not None:
                desc = desc.get_object()
                fonts[str(f.get("/BaseFont"))] = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values()), fonts


def test_html_is_self_contained_with_the_same_content(standard):
    html = (standard / "report.html").read_text()
    n = len(list((standard / "charts").glob("*.csv")))  # a chart is drawn only when it has a point to make
    assert n and html.count('src="data:image/svg+xml;base64,') >= n  # charts as SVG: sharp at any width
    assert html.count('href="data:text/csv;charset=utf-8;base64,') >= n  # each chart's data
    assert not re.search(r"<script[^>]*\bsrc=", html, re.IGNORECASE)  # one tiny inline script, no external ones
    assert not re.search(r'(src|href)="https?://', html)
    flat = re.sub(r"<[^>]+>", " ", html)
    flat = re.sub(r"\s+", " ", flat)
    from manpower.curated.data import load
    from manpower.writing.narrative import fmt_figure

    ds = load()
    shown = set(re.findall(r'data-id="([^"]+)"', html))
    assert shown  # figures carry their evidence
    for i in KEY_ROWS:
        if ds.has(i) and i in shown:
            assert fmt_figure(ds.row(i)) in flat, i
    for title in CHAPTERS:
        assert title.split(":")[0] in flat
    # one note per source, with an anchor the markers link to, instead of a footnote per citation; the only footnotes
    # left are the formulas of derived figures and the full dating of a claim its sentence dates in one word
    notes = [re.sub(r"<[^>]+>", "", n).strip() for n in re.findall(r'<li id="fn\d+"[^>]*>(.*?)</li>', html, re.S)]
    assert notes and all(n.startswith(("Derived", "Said ")) for n in notes), notes[:3]
    assert len(re.findall(r'id="note-huffpost-2024-01-04"', html)) == 1
    assert 'href="#note-huffpost-2024-01-04"' in html


def test_folder_holds_notebooks_charts_and_manifest(standard):
    manifest = json.loads((standard / "manifest.json").read_text())
    assert manifest["parameters"]["as_of"] is None
    assert set(manifest["inputs_sha256"]) >= {"data/losses.csv", "seeds/sources.csv"}
    assert manifest["tools"]["typst"] and manifest["package"]["version"]
    assert len(list((standard / "notebooks").glob("*.ipynb"))) == 6
    for nb in (standard / "notebooks").glob("*.ipynb"):
        assert nbformat.read(str(nb), as_version=4).cells[0].cell_type == "markdown"
    csvs = list((standard / "charts").glob("*.csv"))
    assert csvs and all(c.with_suffix(".svg").is_file() for c in csvs)


def test_unchanged_rerun_does_nothing(standard):
    name, params = resolve_params(ROOT, "standard", [], {})
    before = sha(standard / "report.pdf")
    result = render(Options(name, params, out=standard, say=quiet), ROOT)
    assert result.up_to_date and sha(standard / "report.pdf") == before


def test_two_renders_give_byte_identical_pdf_and_html(standard, tmp_path):
    """The standard report (possibly from cached chapters) and a forced fresh render agree to the byte."""
    name, params = resolve_params(ROOT, "standard", [], {})
    render(Options(name, params, out=tmp_path / "again", force=True, say=quiet), ROOT)
    assert sha(tmp_path / "again" / "report.pdf") == sha(standard / "report.pdf")
    assert sha(tmp_path / "again" / "report.html") == sha(standard / "report.html")


def test_as_of_report_drops_the_november_estimate(tmp_path):
    out = tmp_path / "october"
    name, params = resolve_params(ROOT, None, [], {"as_of": "2023-10-31"})
    render(Options(name, params, out=out, say=quiet), ROOT)
    _, pages = pdf_pages(out / "report.pdf")
    text = " ".join(pages)
    assert "302,000" not in text and "315,000" not in text
    # both seed articles appeared in January 2024: as known on 31 October 2023 none of their
    # figures, not even the September 2022 mobilisation they report, was published yet
    assert "300,000" not in text and "31 October 2023" in text
    from manpower.curated.data import load
    from manpower.writing.empty import figure_count
    from manpower.curated.selection import select

    if not figure_count(select(load(), date(2023, 10, 31))):  # nothing published yet: the short report
        assert len(pages) <= 2, f"{len(pages)} pages for a report with no figure"
        assert "No figure in the data had been published by 31 October 2023" in text


def test_invalid_parameter_fails_clearly_and_keeps_the_previous_report(standard):
    before = {p.name: sha(p) for p in standard.iterdir() if p.is_file()}
    for args, message in [(["-p", "dpi", "abc"], "parameter 'dpi' must be a whole number"),
                          (["-p", "bogus", "1"], "unknown parameter 'bogus'"),
                          (["-p", "as_of", "2023-02-30"], "parameter 'as_of' must be a date")]:
        r = subprocess.run([MANPOWER, "render", "--out", str(standard), *args], cwd=ROOT,
                           capture_output=True, text=True, timeout=120)
        assert r.returncode == 2, r.stderr
        assert message in r.stderr and "Traceback" not in r.stderr
        assert len(r.stderr.strip().splitlines()) <= 2
    assert {p.name: sha(p) for p in standard.iterdir() if p.is_file()} == before


def _mini_project(tmp_path, bad_cell: str) -> Path:
    root = tmp_path / "proj"
    for d in ("data", "seeds", "params"):
        shutil.copytree(ROOT / d, root / d)
    (root / "notebooks").mkdir()
    shutil.copy2(ROOT / "notebooks" / "03_conscription.ipynb", root / "notebooks")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Boom"),
                nbformat.v4.new_code_cell("as_of = None", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell(bad_cell)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(root / "notebooks" / "09_boom.ipynb"))
    return root


@pytest.mark.parametrize("cell, message", [
    ("raise ValueError('the numbers do not add up')", "notebook 09_boom.ipynb, cell 4: ValueError: the numbers do not add up"),
    ("import os; os._exit(1)", "notebook 09_boom.ipynb: the kernel died"),
])
def test_failing_notebook_names_notebook_and_cell_and_keeps_report(tmp_path, cell, message):
    root = _mini_project(tmp_path, cell)
    out = root / "reports" / "standard"
    out.mkdir(parents=True)
    (out / "report.pdf").write_bytes(b"%PDF-previous")
    (out / "manifest.json").write_text('{"name": "standard", "report_key": "previous"}')
    name, params = resolve_params(root, "standard", [], {})
    with pytest.raises(RenderError) as err:
        render(Options(name, params, say=quiet, force=True, chapters=("03_conscription", "09_boom")), root)
    assert message in str(err.value)
    assert (out / "report.pdf").read_bytes() == b"%PDF-previous"
    assert not [p for p in (root / "reports").iterdir() if p.name.startswith(".standard")], "temporary folder left behind"


def test_a_chapter_still_running_when_another_fails_leaves_no_build_folder(tmp_path):
    """One chapter fails while another is still writing charts (as a chapter that makes its
    folder before each chart does): the render stops the other kernel before it removes its
    build folder, so nothing is written back into it afterwards. The two kernels meet at a named
    pipe: the failing chapter's read returns only once the writer has opened it and started (an
    event, not a time); the writer then writes until its kernel is shut down."""
    meet = ("import os\nfrom pathlib import Path\nfifo = Path(output_dir) / 'started'\n"
            "try:\n    os.mkfifo(fifo)\nexcept FileExistsError:\n    pass\n")
    root = _mini_project(tmp_path, meet + "open(fifo).read()\nraise ValueError('stop')")
    writer = nbformat.v4.new_notebook()
    writer.cells = [nbformat.v4.new_markdown_cell("# Writer"),
                    nbformat.v4.new_code_cell("output_dir = 'charts'", metadata={"tags": ["parameters"]}),
                    nbformat.v4.new_code_cell(
                        meet + "d = Path(output_dir)\nwith open(fifo, 'w') as f:\n    f.write('started')\n"
                        "i = 0\nwhile True:\n    d.mkdir(parents=True, exist_ok=True)\n"
                        "    (d / f'late-{i % 10}.txt').write_text('x')\n    i += 1")]
    writer.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(writer, str(root / "notebooks" / "08_writer.ipynb"))
    name, params = resolve_params(root, "standard", [], {})
    with pytest.raises(RenderError) as err:  # the cell timeout only bounds a broken meeting
        render(Options(name, params, say=quiet, force=True, jobs=2, cell_timeout=120,
                       chapters=("08_writer", "09_boom")), root)
    assert "ValueError: stop" in str(err.value)
    assert not [p for p in (root / "reports").iterdir() if p.name.startswith(".standard")], \
        "the build folder was written into after it was removed"


def test_chapters_sharing_a_warm_kernel_do_not_see_each_other(tmp_path):
    """The render reuses one kernel per worker; each chapter still starts from an empty namespace."""
    root = tmp_path / "proj"
    for d in ("data", "seeds", "params"):
        shutil.copytree(ROOT / d, root / d)
    (root / "notebooks").mkdir()
    for name, code in (("01_first", "leak = 'from the first chapter'"), ("02_second", "print(leak)")):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_markdown_cell(f"# {name}"),
                    nbformat.v4.new_code_cell("as_of = None", metadata={"tags": ["parameters"]}),
                    nbformat.v4.new_code_cell(code)]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, str(root / "notebooks" / f"{name}.ipynb"))
    name, params = resolve_params(root, "standard", [], {})
    with pytest.raises(RenderError, match="notebook 02_second.ipynb, cell 3: NameError: name 'leak' is not defined"):
        render(Options(name, params, jobs=1, force=True, say=quiet, chapters=("01_first", "02_second")), root)


def test_folder_ships_a_valid_data_package_with_every_figure(standard):
    from frictionless import Package

    report = Package(str(standard / "datapackage.json")).validate()
    assert report.valid, [e.message for t in report.tasks for e in t.errors][:5]
    names = {r["name"] for r in json.loads((standard / "datapackage.json").read_text())["resources"]}
    assert {"sources", "losses", "inflows", "events", "figures"} <= names
    assert (standard / "figures.csv").read_text().count("\n") > 30


def test_the_report_says_how_to_cite_it(standard):
    _, pages = pdf_pages(standard / "report.pdf")
    cover = " ".join(pages[0].split())
    assert "How to cite this report." in cover and "version" in cover and "Rendered" in cover, cover
    html = (standard / "report.html").read_text(encoding="utf-8")
    assert '<section id="cite"' in html and 'name="description"' in html and 'property="og:title"' in html


def _tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): sha(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_renders_with_different_jobs_differ_only_in_the_manifest(tmp_path):
    """Issue 17: the executed notebooks too are the same bytes, whatever --jobs (a warm kernel
    reused for two chapters counts on), the clock (papermill's timestamps) or the temporary
    folder the render worked in; two chapters keep it cheap."""
    name, params = resolve_params(ROOT, "standard", [], {})
    for jobs in (1, 2):
        render(Options(name, params, out=tmp_path / f"jobs{jobs}", jobs=jobs, force=True, say=quiet,
                       chapters=("01_losses", "02_inflows"), cache_dir=tmp_path / f"cache{jobs}"), ROOT)
    one, two = _tree(tmp_path / "jobs1"), _tree(tmp_path / "jobs2")
    assert "notebooks/01_losses.ipynb" in one and "report.pdf" in one
    assert sorted(k for k in one.keys() | two.keys() if one.get(k) != two.get(k)) == ["manifest.json"]
    nb = nbformat.read(str(tmp_path / "jobs1" / "notebooks" / "02_inflows.ipynb"), as_version=4)
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code" and c.execution_count is not None]
    assert counts == list(range(1, len(counts) + 1))
    text = (tmp_path / "jobs1" / "notebooks" / "01_losses.ipynb").read_text(encoding="utf-8")
    assert str(tmp_path) not in text and "start_time" not in text
