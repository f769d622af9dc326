"""The report's back matter, computed from the data: method, sources, figures used, parameters."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..analysis import balance
from ..analysis.formats import INVASION
from ..curated.data import Dataset
from ..writing.evidence import quoted_ids, used_ids
from ..writing.footnotes import REF
from ..writing.standards import rules_markdown
from ..writing.narrative import fmt_date, fmt_figure, md, md_table, quote_plain
from ..vocabulary.params import SPEC
from ..vocabulary.schema import CLAIMANT_TYPE_WORDS
from ..vocabulary.qualifiers import describe_convention
from ..curated.selection import known_sources
from .document import FIGURES_USED, HtmlOnly, RawList, Section


CODEBOOK = "data/README.md"  # where the qualifier convention is documented beside the data


def methodology(full: Dataset, shown: Dataset, as_of) -> Section:
    n_all = sum(len(df) for name, df in full.tables.items() if name != "exclusions")
    n_shown = sum(len(df) for name, df in shown.tables.items() if name != "exclusions")
    conv = describe_convention()
    table = HtmlOnly(f"The qualifier convention: {len(conv)} qualifiers and the bounds each gives",
                     ["Qualifier", "Bounds"], [[q, b] for q, b in conv],
                     f"The table of the {len(conv)} qualifiers and the bounds each gives is reference matter: it "
                     f"is in the HTML report under this heading, and in the project's codebook ({CODEBOOK}).")
    cut = ("all figures in the sources" if as_of is None
           else f"figures whose claim date lies wholly on or before {fmt_date(as_of, as_of, 'day')}, "
                "from articles published by then")
    return Section("\n\n".join([
        "# Methodology and caveats",
        f"**Data.** This selection holds {n_shown:,} of the {n_all:,} curated rows ({md(cut)}); "
        f"“{FIGURES_USED}” lists those of them the chapters print, quote or chart. Each row of the "
        "curated tables holds one claim from one article: the claimant, the date of the claim, the "
        "number as written with its qualifier, and the verbatim quote that states it. An automated "
        "check proves every quote is in its article and every number is stated by its quote, and a "
        "scanner accounts for every numeric or dated mention of every article.",
        "**Dates.** A claim dated only to a month or a year counts from the last day of that period; "
        "where an article implies only a bound (\"a more recent report\"), the claim carries an "
        "interval and counts from its end. A report as known on a date shows only claims made by then, "
        "from articles published by then; events count from when they were claimed, not when they happened.",
        "**Bounds.** The value is what the text says. Where the source states a range, it is shown as "
        "stated; otherwise the low and high bounds are our reading of its qualifier, by this "
        "convention, and are worded as our reading (\"our reading of ‘just under’\").",
        table.marker,
        rules_markdown(),  # the key judgements' likelihood scale and confidence rules (standards.py)
        f"**Caveats.** {_who(shown)}\"Killed or "
        "wounded\", \"deserted\" and shares of the pre-war force measure different things and are "
        "shown side by side"
        + (", and added only in the balance chapter's what-if, under its stated assumptions. "
           if balance.rates(shown) is not None else ", not added. ")
        + "Derived figures name their basis, formula and inputs in a note; "
        "rates are per average calendar month (30.44 days) from the exact days of each figure's period. "
        f"The sources date the invasion only to {INVASION:%B %Y}, and the report says \"since the invasion "
        f"({INVASION:%B %Y})\"; only the arithmetic of rates needs a day, and it assumes "
        f"{INVASION.day} {INVASION:%B %Y}, the day the full-scale invasion began, which the sources do not "
        "state. Forecasts and targets are shown as expectations, "
        "never as achieved figures. The balance chapter is a what-if over a grid of stated assumptions, "
        "not a forecast.",
    ]), [table])


def _who(shown: Dataset) -> str:
    """Who the loss and recruitment figures come from, in the selection shown (computed)."""
    out = []
    for name, what in (("losses", "Loss figures"), ("inflows", "Recruitment figures")):
        df = shown.tables.get(name)
        if df is None or df.empty:
            continue
        kinds = sorted({CLAIMANT_TYPE_WORDS.get(str(k), str(k).replace("_", " ")) for k in df["claimant_type"].dropna()})
        out.append(f"{what} here come from claimants of these kinds: {', '.join(kinds)}; each is reported as "
                   "its claimant's figure, not as verified. ")
    return "".join(out)


def sources(full: Dataset, as_of=None, used: set[str] | None = None) -> str:
    """Appendix B: the articles, only those published by `as_of` when one is given; with `used`
    (the source ids the report cites or takes a figure from), only those, and how many more the
    data package's sources.csv lists (a corpus of a thousand articles is not a report's appendix).
    The list is written straight to Typst and HTML (a RawList): it grows with the corpus."""
    known = known_sources(full.sources, as_of)
    if known.empty:
        return Section("# Sources\n\nNo article in the sources was published by this date.")
    listed = known if used is None else known[known["source_id"].isin(used)]
    items = []
    for r in listed.to_dict("records"):
        when = fmt_date(r["published_start"], r["published_end"], str(r["published_precision"]))
        by = f" By {_plain(r['byline'])}." if _plain(r["byline"]) else ""
        note = f" {_plain(r['note'])}" if _plain(r["note"]) else ""
        items.append([("", f"{_plain(r['outlet'])}, {quote_plain(r['headline'])}, {when}.{by} Source id "),
                      ("code", str(r["source_id"])), ("", ", seed file "), ("code", str(r["file"])), ("", f".{note}")])
    rest = len(known) - len(listed)
    where = "`data/sources.csv` of the data package beside this report"
    if not rest:
        tail = ""
    elif items:
        these = "This is the one article" if len(listed) == 1 else f"These are the {len(listed):,} articles"
        tail = (f"\n\n{these} this report cites; the other {rest:,} of the {len(known):,} in the selection "
                f"are listed in {where}.")
    else:
        tail = f"This report cites none of the {len(known):,} articles in the selection; all are listed in {where}."
    block = RawList(items) if items else None
    return Section("# Sources\n\n" + (block.marker if block else "") + tail, [block] if block else [])


def cited_sources(full: Dataset, chapters: list[str], charts_dir: Path | None = None) -> set[str]:
    """The source ids a report uses: cited with a note marker in the text (`[^id]`), or the source
    of a figure it prints or draws. The sources of a derived figure's inputs are not listed one by
    one (a rate may rest on hundreds of articles); its note names its inputs, which figures.csv holds."""
    ids = {m for text in chapters for m in REF.findall(text)}
    for i in report_ids(chapters, charts_dir):
        if full.has(i):
            ids.add(str(full.cell(i, "source_id")))
    return ids


def report_ids(chapters: list[str] | None, charts_dir: Path | None = None) -> list[str]:
    """Ids of the curated figures the report uses: printed in a chapter (each carries its id,
    see evidence.py) or drawn in a chart (a chart's CSV has an `id` column), in order of first use."""
    seen: dict[str, None] = {}
    for text in chapters or []:
        for i in used_ids(text):
            seen.setdefault(i, None)
    for f in sorted(Path(charts_dir).glob("*.csv")) if charts_dir else []:
        try:
            ids = pd.read_csv(f, usecols=["id"], dtype=str)["id"].dropna()
        except (ValueError, pd.errors.EmptyDataError):
            continue  # a chart without figure ids (a projection) uses none directly
        for i in ids:
            seen.setdefault(i, None)
    return list(seen)


def figures_used(shown: Dataset, chapters: list[str] | None = None, charts_dir: Path | None = None) -> str:
    """Every figure the report prints or draws, with the words that state it, one entry each
    (a list written straight to Typst and HTML: it grows with the report, and a five-column table
    costs Typst several times a list's layout and a phone reader a sideways scroll); and the count
    of the rest, which figures.csv and the data package beside the report hold in full. Without
    `chapters`, every row of the selection is listed."""
    used = None
    if chapters is not None:  # printed, drawn, or quoted without a figure (a decree's term, a country)
        rows = [r for name, df in shown.tables.items() if name != "exclusions" and "quote" in df.columns
                for r in df[["id", "quote"]].to_dict("records")]
        used = set(report_ids(chapters, charts_dir)) | set(quoted_ids(chapters, rows))
    total = sum(len(df) for name, df in shown.tables.items() if name != "exclusions")
    parts = [f"# {FIGURES_USED}"]
    lists, listed = [], 0
    for name, df in shown.tables.items():
        if name == "exclusions" or df.empty:
            continue
        if used is not None:
            df = df[df["id"].isin(used)]
        if df.empty:
            continue
        listed += len(df)
        items = []
        for r in df.to_dict("records"):
            figure = f" — {fmt_figure(r, bounds=True)}" if pd.notna(r.get("unit")) else ""
            when = fmt_date(r["claim_date_start"], r["claim_date_end"], str(r["claim_date_precision"]))
            items.append([("code", str(r["id"])), ("", f"{figure} — {_plain(r['claimant'])}, {when}: {quote_plain(_plain(r['quote']))}")])
        block = RawList(items, small=True)
        lists.append(block)
        parts.append(f"## {name.capitalize()}")
        parts.append(block.marker)
    rest = total - listed
    intro = ("Every curated figure this report prints, quotes or charts, with the words that state it: its id, the "
             "figure, who claimed it and when, and the verbatim quote. "
             f"{listed:,} of the {total:,} curated rows in this selection are printed, quoted or charted")
    intro += (f"; the other {rest:,} are in the selection but neither printed nor quoted, so not listed here. "
              if rest else ". ")
    intro += ("Every figure of the selection, used or not, is in `figures.csv` beside this report, and every "
              "curated table in the data package `datapackage.json` (with its CSV files in `data/`).")
    parts.insert(1, intro)
    return Section("\n\n".join(parts), lists)


def _plain(v: Any) -> str:
    return "" if v is None or (not isinstance(v, str) and pd.isna(v)) else " ".join(str(v).split())


# settings of the tools, not of the analysis: how charts are saved, the title page's words
TOOL_SETTINGS = ("chart_format", "dpi", "output_dir")


def is_tool_setting(p) -> bool:
    return p.name in TOOL_SETTINGS or p.scope == "report"


def parameters(values: dict[str, Any]) -> str:
    """The parameters the analysis was rendered with, as a table; the tool settings (chart format,
    resolution, folder, title) are reference matter, in the HTML only (collapsed) and in
    params.yaml beside the report."""
    analysis = [p for p in SPEC if not is_tool_setting(p)]
    tools = [p for p in SPEC if is_tool_setting(p)]
    rows = pd.DataFrame({
        "name": [f"`{p.name}`" for p in analysis],
        "value": [md(_show(values.get(p.name, p.default))) for p in analysis],
        "scope": [p.scope for p in analysis],
        "help": [md(p.help) for p in analysis],
    })
    block = HtmlOnly(f"Tool settings: {len(tools)} settings that change how the report is produced, not what it says",
                     ["Parameter", "Value", "Meaning"],
                     [[p.name, _show(values.get(p.name, p.default)), p.help] for p in tools],
                     f"The {len(tools)} tool settings (chart format, resolution, folders, title) change how the report "
                     "is produced, not what it says: they are in the HTML report and in params.yaml beside this report.",
                     code_first=True)
    return Section("# Parameters\n\nThe parameters this report's analysis was rendered with.\n\n" + md_table(
        rows, {"name": "Parameter", "value": "Value", "scope": "Scope", "help": "Meaning"}, [20, 22, 9, 49])
        + "\n\n" + block.marker, [block])


def _show(v: Any) -> str:
    if v is None:
        return "(none)"
    if isinstance(v, list):
        return ", ".join(map(str, v)) or "(all)"
    return str(v)
