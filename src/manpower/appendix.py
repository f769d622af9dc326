"""The report's back matter, computed from the data: method, sources, figures used, parameters."""
from __future__ import annotations

from typing import Any

import pandas as pd

from .data import Dataset
from .narrative import fmt_date, fmt_figure, md, md_table, quote
from .params import SPEC
from .qualifiers import describe_convention


def methodology(full: Dataset, shown: Dataset, as_of) -> str:
    n_all = sum(len(df) for name, df in full.tables.items() if name != "exclusions")
    n_shown = sum(len(df) for name, df in shown.tables.items() if name != "exclusions")
    conv = pd.DataFrame(describe_convention(), columns=["qualifier", "bounds"])
    conv["qualifier"] = conv["qualifier"].map(md)
    conv["bounds"] = conv["bounds"].map(md)
    cut = ("all figures in the sources" if as_of is None
           else f"figures whose claim date lies wholly on or before {fmt_date(as_of, as_of, 'day')}, "
                "from articles published by then")
    return "\n\n".join([
        "# Methodology and caveats",
        f"**Data.** {n_shown} of {n_all} curated rows are used here ({md(cut)}). Each row of the "
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
        "convention, and are worded as our reading (\"our reading of ‘just under’\"):",
        md_table(conv, {"qualifier": "Qualifier", "bounds": "Bounds"}, [20, 60]),
        f"**Caveats.** {_who(shown)}\"Killed or "
        "wounded\", \"deserted\" and shares of the pre-war force measure different things and are "
        "shown side by side, not added. Derived figures name their basis, formula and inputs in a note; "
        "rates are per average calendar month (30.44 days) from the exact days of each figure's period, "
        "the invasion counting from 24 February 2022. Forecasts and targets are shown as expectations, "
        "never as achieved figures. The balance chapter is a what-if over a grid of stated assumptions, "
        "not a forecast.",
    ])


def _who(shown: Dataset) -> str:
    """Who the loss and recruitment figures come from, in the selection shown (computed)."""
    out = []
    for name, what in (("losses", "Loss figures"), ("inflows", "Recruitment figures")):
        df = shown.tables.get(name)
        if df is None or df.empty:
            continue
        kinds = sorted({str(k).replace("_", " ") for k in df["claimant_type"].dropna()})
        out.append(f"{what} here come from claimants of these kinds: {', '.join(kinds)}; each is reported as "
                   "its claimant's figure, not as verified. ")
    return "".join(out)


def sources(full: Dataset, as_of=None) -> str:
    """Appendix B: the articles, only those published by `as_of` when one is given."""
    from .selection import known_sources

    rows = []
    for _, r in known_sources(full.sources, as_of).iterrows():
        when = fmt_date(r["published_start"], r["published_end"], str(r["published_precision"]))
        by = f" By {md(r['byline'])}." if pd.notna(r["byline"]) and r["byline"] else ""
        note = f" {md(r['note'])}" if pd.notna(r["note"]) and r["note"] else ""
        rows.append(f"- {md(r['outlet'])}, {quote(r['headline'])}, {when}.{by} "
                    f"Source id `{r['source_id']}`, seed file `{r['file']}`.{note}")
    if not rows:
        return "# Sources\n\nNo article in the sources was published by this date."
    return "# Sources\n\n" + "\n".join(rows)


def figures_used(shown: Dataset) -> str:
    parts = ["# Figures used", "Every curated row shown in this report, with the words that state it."]
    if all(df.empty for name, df in shown.tables.items() if name != "exclusions"):
        parts.append("No curated row is shown in this report.")
    for name, df in shown.tables.items():
        if name == "exclusions" or df.empty:
            continue
        t = pd.DataFrame({
            "id": [f"`{i}`" for i in df["id"]],
            "figure": [md(fmt_figure(r, bounds=True)) if pd.notna(r.get("unit")) else "—" for _, r in df.iterrows()],
            "claimant": df["claimant"].map(md),
            "claimed": [fmt_date(a, b, str(p)) for a, b, p in zip(df["claim_date_start"], df["claim_date_end"], df["claim_date_precision"])],
            "quote": [quote(q) for q in df["quote"]],
        })
        parts.append(f"## {name.capitalize()}")
        parts.append(md_table(t, {"id": "Id", "figure": "Figure", "claimant": "Claimant", "claimed": "Claimed", "quote": "Quote"},
                              [22, 16, 14, 13, 45]))
    return "\n\n".join(parts)


def parameters(values: dict[str, Any]) -> str:
    rows = pd.DataFrame({
        "name": [f"`{p.name}`" for p in SPEC],
        "value": [md(_show(values.get(p.name, p.default))) for p in SPEC],
        "scope": [p.scope for p in SPEC],
        "help": [md(p.help) for p in SPEC],
    })
    return "# Parameters\n\nThe parameters this report was rendered with.\n\n" + md_table(
        rows, {"name": "Parameter", "value": "Value", "scope": "Scope", "help": "Meaning"}, [20, 22, 9, 49])


def _show(v: Any) -> str:
    if v is None:
        return "(none)"
    if isinstance(v, list):
        return ", ".join(map(str, v)) or "(all)"
    return str(v)
