"""The package's floors, declared once: a module imports only from its own floor or below.

A module's floor is its folder: each floor but the two at the ends is a sub-package of manpower/
(FOLDERS, bottom to top). At the top of the package sit the modules below every floor (BOTTOM:
errors, paths, this map) and the command line above them all (COMMAND).

tests/test_layers.py walks the import graph and holds the package to this: every module sits in
a declared folder, no circle, no import from a lower floor to a higher one, and no import inside a
function unless it is one of LAZY (heavy or optional modules a command imports only when it needs
them, so `manpower --help` starts at once).
"""
from __future__ import annotations

# modules at the top of the package, below every folder: what every floor may import
BOTTOM = ("__init__", "errors", "paths", "layers", "_build")

# the sub-packages, bottom to top, and their job (each __init__.py says it at more length)
FOLDERS = (
    ("core", "small helpers every floor uses: dates, cells, markup, locks, the secret key"),
    ("vocabulary", "numbers and qualifiers as articles write them, the schema, the chapters, the parameters"),
    ("curated", "reading, validating and selecting the curated data"),
    ("analysis", "what kind a figure is, figures in words, derived figures and comparisons"),
    ("curation", "the commands that change or describe data/ and seeds/: check, add, draft, accept, codebook"),
    ("writing", "words for each kind of figure, evidence, prose, judgements and what they lack"),
    ("notebook", "what a chapter notebook does first and last, each chapter's logic, charts"),
    ("report", "cache, kernels, execution, conversion, the back matter, typesetting, publishing"),
)

# modules at the top of the package, above every folder
COMMAND = ("cli", "__main__")

FLOORS = ("base", *(name for name, _ in FOLDERS), "command")


def floor(module: str) -> int:
    """The floor of `module`, a dotted name inside the package ("report.render", "errors"):
    its folder's place in FOLDERS, 0 for BOTTOM, the last for COMMAND; KeyError for any other."""
    folder, _, name = module.rpartition(".")
    if folder:
        return FLOORS.index(folder)
    if name in BOTTOM:
        return 0
    if name in COMMAND:
        return len(FLOORS) - 1
    raise KeyError(module)


# Modules that may be imported inside a function, and why: they pull in pandas, matplotlib,
# papermill, nbformat, jupyter_client, pypandoc or jupytext, which take a second or more to
# import, and a command that does not need them (`--help`, `params`, an unchanged render) must
# not pay for them. Any other function-level import of the package is a circle being dodged.
LAZY = {
    "curated.data": "pandas", "curated.tables": "pandas", "curated.selection": "pandas", "analysis.rows": "pandas",
    "writing.judgements": "pandas", "writing.since": "pandas", "curation.datapackage": "pandas",
    "report.appendix": "pandas", "curation.check": "pandas (data)",
    "report.execute": "papermill", "report.kernels": "jupyter_client", "report.document": "the render's pipeline only (pandoc)",
    "report.pdf": "the render's pipeline only (typst)", "report.htmlpage": "the render's pipeline only (pandoc)",
    "writing.citation": "yaml, the report only",
    "curation.curate": "its vocabulary (numbers, qualifiers) compiles slowly: add and draft only",
    "curation.draft": "the same vocabulary: `draft --score` and accept only",
    "curation.codebook": "its own command only", "report.benchmark": "its own command only",
    "curation.reading": "draft's sentence reading compiles many patterns: draft only",
    "curation.datewords": "draft's date reading compiles many patterns: draft only",
    "curation.draftscore": "`draft --score` and the benchmark only", "curation.accept": "its own command only",
    "writing.empty": "pandas (the render's pipeline, after the up-to-date check)",
    "vocabulary.params": "the `params` and `render` commands only (--help loads no parameter vocabulary)",
    "report.render": "the `render` command only; its pipeline imports pandas and papermill itself, after the up-to-date check",
}
