"""The package's floors, declared once: a module imports only from its own floor or below.

tests/test_layers.py walks the import graph and holds the package to this: no circle, no import
from a lower floor to a higher one, and no import inside a function unless it is one of LAZY
(heavy or optional modules a command imports only when it needs them, so `manpower --help`
starts at once). Every module of the package is assigned a floor here; a new one must be too.
The floors are the sub-packages-to-be, bottom to top.
"""
from __future__ import annotations

FLOORS = (
    # errors, paths and small helpers every other floor uses
    ("base", ("__init__", "errors", "paths", "trust", "suggest", "markup", "cells", "values", "twins", "phonelayout",
              "dates", "layers", "locks")),
    # the curated data's vocabulary: numbers and qualifiers as articles write them, the schema,
    # the chapters and the parameters a report is made with
    ("vocabulary", ("numbers", "qualifiers", "schema", "chapters", "csvfile", "params", "fingerprint",
                    "cachefolder")),
    # reading, validating and selecting the curated data; curation commands on it
    ("data", ("provenance", "rules", "dataset", "datacache", "data", "selection", "derived", "synthetic", "check",
              "codebook", "reading", "curate", "draftscore", "accept")),
    # the analysis: what kind a figure is, the figures in words, derived figures and comparisons
    ("analysis", ("formats", "kinds", "findings", "balance")),
    # the writing: words for each kind of figure, evidence, prose, judgements and what they lack
    ("writing", ("wording", "evidence", "narrative", "footnotes", "judgements", "gaps", "watch", "alternatives", "since",
                 "datapackage", "citation", "empty")),
    # the chapter side: what a notebook does first and last, charts
    ("chapter", ("charts", "phonechart", "chapter", "chapter_losses", "chapter_inflows", "chapter_conscription",
                 "chapter_foreign", "chapter_balance")),
    # the report: cache, kernels, execution, conversion, the back matter, typesetting, publishing
    ("report", ("appendix", "cache", "environment", "kernels", "papermill_engine", "execute", "convert", "typeset",
                "publish", "render", "benchmark", "_build")),
    # the command line
    ("command", ("cli", "__main__")),
)

FLOOR = {module: level for level, (_, modules) in enumerate(FLOORS) for module in modules}

# Modules that may be imported inside a function, and why: they pull in pandas, matplotlib,
# papermill, nbformat, jupyter_client, pypandoc or jupytext, which take a second or more to
# import, and a command that does not need them (`--help`, `params`, an unchanged render) must
# not pay for them. Any other function-level import of the package is a circle being dodged.
LAZY = {
    "data": "pandas", "selection": "pandas", "findings": "pandas", "judgements": "pandas", "since": "pandas",
    "datapackage": "pandas", "appendix": "pandas", "check": "pandas (data)",
    "execute": "papermill", "kernels": "jupyter_client", "typeset": "pypandoc", "citation": "yaml, the report only",
    "curate": "its vocabulary (numbers, qualifiers) compiles slowly: add and draft only",
    "codebook": "its own command only", "benchmark": "its own command only",
    "reading": "draft's sentence reading compiles many patterns: draft only",
    "draftscore": "`draft --score` and the benchmark only", "accept": "its own command only",
    "empty": "pandas (the render's pipeline, after the up-to-date check)",
    "params": "the `params` and `render` commands only (--help loads no parameter vocabulary)",
    "render": "the `render` command only; its pipeline imports pandas and papermill itself, after the up-to-date check",
}
