# ---
# jupyter:
#   kernelspec:
#     display_name: manpower (project .venv)
#     language: python
#     name: manpower
# ---

# %% [markdown]
# # Conscription: the age window

# %% tags=["parameters"]
as_of: "date" = None  # Render the report as known on this date: only figures whose claim date (when the claimant stated it, not when an article repeated it) lies wholly on or before it, from articles published by then. A month- or year-precision date counts from its last day; an interval from its end. Accepts a date YYYY-MM-DD from 1700-01-01 to 2200-12-31 or empty for no cut-off.
sources: "list" = []  # Only figures from these source ids (seeds/sources.csv); empty for all.
claimants: "list" = []  # Only figures stated by these claimants (e.g. 'UK Ministry of Defence'); empty for all.
chart_format: "choice" = "pdf"  # Image format the PDF report embeds: pdf (vector, sharp at any zoom), svg or png. All three are always saved beside the chart's CSV; the HTML report always shows the SVG. Accepts one of pdf, png, svg.
dpi: "int" = 150  # Resolution of PNG charts. Accepts a whole number from 50 to 600.
output_dir: "text" = ""  # Folder for charts and their CSVs; empty means reports/interactive/charts under the project root.

# %%
from matplotlib.ticker import MaxNLocator

from manpower.notebook import chapter_conscription as C
from manpower.notebook import charts
from manpower.analysis.rows import latest_claim_date
from manpower.writing import wording as W
from manpower.notebook.chapter import Chapter
from manpower.writing.narrative import fmt_date, md

ch = Chapter.start("conscription", globals())
ds, N = ch.ds, ch.narrator
data_as_of = latest_claim_date(ds)
cut = C.cut_date(ch.params.as_of, ds)

# %%
w = C.window(ds)
if w is None:
    ch.nothing("figures on the conscription age window before and after a change")
else:
    b, a = w["before"], w["after"]
    future = C.is_future(a, cut)
    eff = (f"; it {'is to take' if future else 'takes'} effect {C.dated(N.when(a['id'], 'effective'))}" if C.has_effective(a) else "")
    text = (f"{N.claimant(a['id'], 'The')} announced {N.when_dated(a['id'])} that men aged {N.fig(a['id'])} "
            f"{'would be' if future else 'are'} liable for conscription, where before it was those aged {N.fig(b['id'])}{eff}.")
    if w["added"] is not None:
        text += (f" The window spans {N.derived(w['added'], explain=False)} more single-year age cohorts — "
                 f"{N.derived(w['widening'])} more — counting both end ages as included (“aged {a['low']:g} to "
                 f"{a['high']:g}” taken to mean that men of {a['low']:g} and of {a['high']:g} are both liable). That is cohorts, not men: "
                 "cohort sizes and exemptions are not in these figures.")
    elif w.get("added_top") is not None:
        text += f" The upper age rises by {N.derived(w['added_top'])}; the lower age is not stated, so no cohort count is given."
    ch.say(text)
    svc, more = ch.latest(C.service_lengths(ds), 3)
    for _, r in svc.iterrows():
        q = N.quote(r)
        when = W.claim_when(r)
        ch.say(f"{N.claimant(r['id'], 'The')}{', ' + when + ',' if when else ''} gives the term of service as "
               f"{N.fig(r['id'])}{N.dating_note(r)}{' (' + q + ')' if q else ''}.")
    if more:
        ch.say(f"{more:,} earlier figures for the term of service are in {W.FULL_LIST}.")

# %%
# other countries' windows, each set against its own country's earlier window only
for country, o in C.other_windows(ds):
    ob, oa = o["before"], o["after"]
    when = W.claim_when(oa)
    text = (f"For comparison, {md(country)}'s own window: {N.claimant(oa['id'], 'the')}{', ' + when + ',' if when else ''} "
            f"gives men aged {N.fig(oa['id'])}{N.dating_note(oa)}, where before it was {N.fig(ob['id'])}")
    if o["added"] is not None:
        text += f": {N.derived(o['added'], explain=False)} more single-year age cohorts, counted the same way"
    ch.say(text + f". It is {md(country)}'s, not Russia's, and is not compared with Russia's here.")

# %%
if w is not None and w["added"] is not None:
    has_eff = C.has_effective(a)
    data, bars, xlim = C.window_chart(w, C.window_labels(a))
    fig, ax = charts.new_chart(height=2.4)
    colors = [charts.PALETTE["neutral"], charts.PALETTE["russia_claim"]]
    for y, (_, r) in enumerate(data.iterrows()):
        ax.barh(y, bars["width"].iloc[y], left=bars["left"].iloc[y], color=colors[y], height=0.55)
        ax.text(bars["text_at"].iloc[y], y, f"ages {r['age_min']:.0f}–{r['age_max']:.0f}: {r['cohorts']} cohorts",
                va="center", fontsize=9)
    ax.set_yticks(range(len(data)), data["label"])
    ax.invert_yaxis()
    ax.set_xlim(*xlim)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # ages are whole years: no "17.5" tick
    start = f" from {N.when(a['id'], 'effective')}" if has_eff else ""
    charts.finish(fig, ax, title=f"Conscription reaches men up to {a['high']:.0f}{start}: "
                  f"{w['added'].value:.0f} more age cohorts (+{w['widening'].value:.0f}%)",
                  source=ch.sources_line([b["id"], a["id"]]), xlabel="Age (years)",
                  note="Both end ages counted as included." + (f" Data as of {fmt_date(data_as_of, data_as_of, 'day')}." if data_as_of is not None else ""))
    ch.chart(fig, "age-window", data, "Russia's conscription age window before and after the change.")

# %%
ch.end()
