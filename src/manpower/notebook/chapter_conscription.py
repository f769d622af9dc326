"""What the conscription chapter (03_conscription) selects, so the notebook only words and draws it.

Russia's age window before and after a change, from one source chain (figures.age_window);
whether the change is still to take effect on the report's date; the term of service; other
countries' windows, each against its own earlier window only; the chart's rows.
"""
from __future__ import annotations

import re

import pandas as pd

from ..analysis.figures import age_window
from ..analysis.rows import latest_claim_date
from ..curated.data import Dataset
from ..analysis.formats import fmt_date
from ..writing.wording import claim_when

COUNTRY = "Russia"  # the country the chapter is about; others are shown for comparison only


def cut_date(as_of, ds: Dataset) -> pd.Timestamp | None:
    """The date the report reads the data as of: `as_of`, else the latest claim."""
    return pd.Timestamp(as_of) if as_of else latest_claim_date(ds)


def window(ds: Dataset) -> dict | None:
    return age_window(ds, COUNTRY)


def has_effective(after) -> bool:
    return pd.notna(after.get("effective_start"))


def is_future(after, cut) -> bool:
    """Whether the new window takes effect after the report's date."""
    return has_effective(after) and cut is not None and pd.Timestamp(after["effective_start"]) > cut


def service_lengths(ds: Dataset) -> pd.DataFrame:
    c = ds.conscription
    return c[(c["measure"] == "service_length") & (c["country"].astype(str) == COUNTRY)]


def other_windows(ds: Dataset) -> list[tuple[str, dict]]:
    """(country, window) for every other country with a before/after pair of its own."""
    out = []
    for country in sorted(set(ds.conscription["country"].dropna().astype(str)) - {COUNTRY}):
        o = age_window(ds, country)
        if o is not None:
            out.append((country, o))
    return out


def window_labels(after) -> list[str]:
    """The chart's two labels: the old window is "before the change" (it was not announced when
    the change was); the new one carries the change's dates, announced and in force."""
    said = claim_when(after)
    dates = ([f"announced {said}"] if said else []) + (
        [f"from {fmt_date(after['effective_start'], after['effective_end'], str(after['effective_precision']))}"]
        if has_effective(after) else [])
    return ["Before the change", f"After ({', '.join(dates)})" if dates else "After the change"]


def window_chart(w: dict, labels: list[str]) -> tuple[pd.DataFrame, pd.DataFrame, tuple[float, float]]:
    """The chart's rows (the CSV beside it), the bars' geometry (each whole year a bar from
    age − 0.5, both end ages included) and the x-limits."""
    b, a = w["before"], w["after"]
    data = pd.DataFrame({
        "regime": ["before", "after"], "label": labels,
        "age_min": [float(b["low"]), float(a["low"])],
        "age_max": [float(b["high"]), float(a["high"])],
        "cohorts": [w["cohorts_before"], w["cohorts_after"]],
    })
    bars = pd.DataFrame({"left": data["age_min"] - 0.5, "width": data["age_max"] - data["age_min"] + 1,
                         "text_at": data["age_max"] + 0.7})
    return data, bars, (min(data["age_min"]) - 2, max(data["age_max"]) + 6)


def dated(when: str) -> str:
    """A date as the object of "takes effect": "on 1 January 2025", "in 2024", "in January 2024";
    words that carry their own preposition ("from …", "between …") as they are."""
    if re.match(r"\d{1,2} [A-Z]", when):
        return f"on {when}"
    if re.fullmatch(r"(?:[A-Z][a-z]+ )?\d{4}", when):
        return f"in {when}"
    return when
