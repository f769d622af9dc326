# ---
# jupyter:
#   kernelspec:
#     display_name: manpower (project .venv)
#     language: python
#     name: manpower
# ---

# %% [markdown]
# # Summary: how Russia keeps its army manned

# %% tags=["parameters"]
as_of: "date" = None  # Render the report as known on this date: only figures whose claim date (when the claimant stated it, not when an article repeated it) lies wholly on or before it, from articles published by then. A month- or year-precision date counts from its last day; an interval from its end. Accepts a date YYYY-MM-DD from 1700-01-01 to 2200-12-31 or empty for no cut-off.
sources: "list" = []  # Only figures from these source ids (seeds/sources.csv); empty for all.
claimants: "list" = []  # Only figures stated by these claimants (e.g. 'UK Ministry of Defence'); empty for all.
chart_format: "choice" = "pdf"  # Image format the PDF report embeds: pdf (vector, sharp at any zoom), svg or png. All three are always saved beside the chart's CSV; the HTML report always shows the SVG. Accepts one of pdf, png, svg.
dpi: "int" = 150  # Resolution of PNG charts. Accepts a whole number from 50 to 600.
output_dir: "text" = ""  # Folder for charts and their CSVs; empty means reports/interactive/charts under the project root.

# %%
import pandas as pd

from manpower.analysis import balance
from manpower.notebook import charts
from manpower.notebook.timelinechart import timeline_chart
from manpower.notebook import chapter_inflows as I
from manpower.notebook import chapter_losses as L
from manpower.analysis.figures import age_window, signup_claims
from manpower.analysis.rows import latest_claim_date
from manpower.writing import wording as W
from manpower.notebook.chapter import Chapter
from manpower.writing.narrative import fmt_date

ch = Chapter.start("summary", globals())
ds, N = ch.ds, ch.narrator
data_as_of = latest_claim_date(ds)

# %%
# bottom line up front: the key judgements, each with a likelihood word and a confidence (methodology appendix)
from manpower.writing.alternatives import readings, would_change
from manpower.writing.bottom_line import bottom_line
from manpower.writing.judgements import judgements
from manpower.writing.narrative import md

key = judgements(ds, ch.params.as_of)
if key:
    ch.say("## Key judgements\n\n" + bottom_line(key).markdown() + "\n\nEach judgement below carries a likelihood "
           "word and a confidence level; the methodology appendix gives the scale and the rules.\n\n"
           + "\n\n".join(j.markdown(N) for j in key))
    weighed, change = readings(ds, key), would_change(ds, key, ch.params.as_of)
    if weighed:
        ch.say("**Alternatives weighed.** " + " ".join(md(r) for r in weighed))
    if change:
        ch.say("**What would change them.** " + " ".join(md(c) for c in change))

# %%
# where to read more: one line per chapter, each adding what the judgements above do not say
# (the judgements already state the figures; the list repeated them)
more = []
ru_losses = L.figures(ds)[0]  # the losses chapter's own count (Russian figures, no ratio), worded by one function
if len(ru_losses):
    line = (f"**Losses.** The losses chapter sets the {L.tally(ru_losses)} side by side, by what each counts")
    fc = L.force_comparison(ds)
    if fc is not None:
        line += (f"; {N.claimant(fc.share['id'], 'the')} equates its estimate to {N.fig(fc.share['id'])} of the "
                 f"personnel Russia had when the war began, which puts the force the estimate refers to at about "
                 f"{N.derived(fc.force)}, an inference from two rounded figures in one report")
    more.append(line + ".")
rate_pair = I.signups_against_losses(ds)
if rate_pair is not None and rate_pair.like_with_like:
    more.append("**Inflows.** The inflows chapter sets claimed sign-ups a month against losses a month for the "
                "same period, and says which period that is.")
elif rate_pair is not None:
    more.append("**Inflows.** The inflows chapter shows claimed sign-ups a month and losses a month side by side "
                "as averages of different periods, and says which periods they cover; only the balance chapter's "
                "what-if combines them, as a stated assumption.")
elif len(signup_claims(ds).dropna(subset=["value"])):
    more.append("**Inflows.** The inflows chapter sets out the claimed sign-ups and says which periods they cover.")
w = age_window(ds, "Russia")
if w is not None and w["added"] is not None:
    more.append(f"**Conscription.** The change to the age window adds {N.derived(w['added'], explain=False)} "
                "single-year age cohorts, counting both end ages; the conscription chapter shows the window before and after.")
if len(ds.foreign):
    more.append("**Foreigners.** The foreign recruitment chapter sets out each decree's and offer's terms, and the "
                "countries named in reporting on recruitment abroad.")
if balance.rates(ds) is not None:
    more.append("**Balance.** The balance chapter asks what that comparison depends on: a what-if over stated "
                "assumptions, each marked as sourced or assumed, not a forecast.")
if more:
    ch.say("## Where to read more\n\n" + "\n".join(f"- {m}" for m in more))
elif not key:
    ch.nothing("figures")

# %%
# one mark per event: where two articles date the same event, keep the more precise date
rank = {"day": 0, "month": 1, "interval": 2, "year": 3}
ev = (ds.events.dropna(subset=["date_start"])
      .assign(_rank=lambda d: d["date_precision"].astype(str).map(rank))
      .sort_values(["_rank", "date_start"]).drop_duplicates(subset=["label"]).sort_values("date_start"))
TIMELINE_LIMIT = 14
shown_ev = ev.tail(TIMELINE_LIMIT)
if len(shown_ev):
    start, end = shown_ev["date_start"].min(), shown_ev["date_end"].max()
    pad = pd.Timedelta(days=30)
    data = pd.DataFrame({"id": shown_ev["id"], "label": shown_ev["label"], "category": shown_ev["category"].astype(str),
                         "date_start": shown_ev["date_start"], "date_end": shown_ev["date_end"],
                         "precision": shown_ev["date_precision"].astype(str)})
    span = f"{start:%B %Y} to {end:%B %Y}" if (start.year, start.month) != (end.year, end.month) else f"{start:%B %Y}"
    fig, ax = charts.new_chart(height=4.2)
    timeline_chart(ax, data, date_start="date_start", date_end="date_end", label="label", category="category",
                   start=start - pad, end=end + pad)
    n_months = (end.year - start.year) * 12 + end.month - start.month
    if n_months > 15:  # quarterly ticks would overlap on a long window
        import matplotlib.dates as mdates
        ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 7) if n_months <= 30 else (1,)))
    left = len(ev) - len(shown_ev)
    charts.finish(fig, ax, title=f"{len(shown_ev)} events, {span}",
                  source=ch.sources_line(list(shown_ev["id"])),
                  note=((f"The {len(shown_ev)} most recent of {len(ev)} events; all are in {W.FULL_LIST}." if left else "")
                        + (f" Data as of {fmt_date(data_as_of, data_as_of, 'day')}." if data_as_of is not None else "")).strip())
    ch.chart(fig, "timeline", data, f"Timeline of events, {span}.")

# %%
# where the evidence stops, and what would change the judgements
from manpower.writing.gaps import cannot_tell
from manpower.writing.narrative import md
from manpower.writing.watch import indicators

gaps = cannot_tell(ds, ch.params.as_of)
if gaps:
    ch.say("## What the sources cannot tell us\n\n" + "\n".join(f"- {md(g.text)}" for g in gaps))
watch = indicators(ds, ch.params.as_of)
ahead, due = [i for i in watch if not i.due], [i for i in watch if i.due]
if watch:
    ch.say("## Indicators to watch\n\n"
           + ("Dated in the sources, after the report's date:\n\n" + "\n".join(f"- {md(i.text)}" for i in ahead)
              if ahead else "")
           + ("\n\n" if ahead and due else "")
           + ("Due by the report's date; no source says whether it happened:\n\n"
              + "\n".join(f"- {md(i.text)}" for i in due) if due else ""))

# %%
ch.end()
