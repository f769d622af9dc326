"""The terms of decrees and offers as the foreign chapter tables them: grouped by the decree, law
or offer they state, each group with its caption, so a second decree's terms never join the first's."""
from __future__ import annotations

import re

import pandas as pd

from ..analysis.formats import fmt_date
from ..analysis.rows import rows_of


def act_name(label: str, what: str) -> str:
    """A decree's or law's name from its event's label: "Citizenship-for-service decree signed"
    reads "citizenship-for-service decree" (not "the decree of … (… decree signed)"); a label
    that does not name the act leaves the bare word."""
    name = re.sub(r"\s+(signed|passed|adopted|announced|issued|enacted)\.?$", "", label.strip(), flags=re.IGNORECASE)
    if what not in name.lower():
        return what
    first = name.split(" ", 1)[0]
    proper = first[:1].isupper() and (first.lower().endswith(("ian", "ish", "ese", "an")) or first.isupper())
    return name if proper else name[:1].lower() + name[1:]


def terms_by_event(terms: pd.DataFrame, events: pd.DataFrame) -> list[tuple[dict | None, str, pd.DataFrame]]:
    """The terms rows grouped by the decree, law or offer they state (`event`), each group with its
    event row (None where the event is not shown) and a caption; rows that name no event are
    grouped by claimant. A second decree's terms never join the first one's table. Groups come
    in the order of their earliest claim."""
    if terms.empty:
        return []
    ev = terms["event"].astype(object).where(terms["event"].notna(), "") if "event" in terms.columns \
        else pd.Series("", index=terms.index)
    key = [f"event:{e}" if e else f"claimant:{c}" for e, c in zip(ev.astype(str), terms["claimant"].astype(str))]
    by_id = {str(r["id"]): r for r in rows_of(events)} if events is not None and "id" in events.columns else {}
    out = []
    for k in dict.fromkeys(k for _, k in sorted(zip(terms["claim_date_end"], key), key=lambda x: (pd.isna(x[0]), x[0]))):
        rows = terms[[x == k for x in key]]
        kind, name = k.split(":", 1)
        event = by_id.get(name) if kind == "event" else None
        if event is not None:
            what = {"law_passed": "law", "recruitment_drive": "offer"}.get(str(event.get("category")), "decree")
            when = fmt_date(event["date_start"], event["date_end"], str(event["date_precision"])) \
                if pd.notna(event.get("date_start")) else "an unstated date"
            caption = f"Terms of the {act_name(str(event['label']), what)} of {when}"
        elif kind == "event":
            caption = f"Terms of the decree or offer `{name}`"
        else:
            caption = f"Terms as {name} reports them"
        out.append((event, caption, rows))
    return out
