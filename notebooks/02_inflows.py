# ---
# jupyter:
#   kernelspec:
#     display_name: manpower (project .venv)
#     language: python
#     name: manpower
# ---

# %% [markdown]
# # Inflows: mobilisation and contract soldiers

# %% tags=["parameters"]
as_of: "date" = None  # Render the report as known on this date: only figures whose claim date (when the claimant stated it, not when an article repeated it) lies wholly on or before it, from articles published by then. A month- or year-precision date counts from its last day; an interval from its end. Accepts a date YYYY-MM-DD from 1700-01-01 to 2200-12-31 or empty for no cut-off.
sources: "list" = []  # Only figures from these source ids (seeds/sources.csv); empty for all.
claimants: "list" = []  # Only figures stated by these claimants (e.g. 'UK Ministry of Defence'); empty for all.
chart_format: "choice" = "pdf"  # Image format the PDF report embeds: pdf (vector, sharp at any zoom), svg or png. All three are always saved beside the chart's CSV; the HTML report always shows the SVG. Accepts one of pdf, png, svg.
dpi: "int" = 150  # Resolution of PNG charts. Accepts a whole number from 50 to 600.
output_dir: "text" = ""  # Folder for charts and their CSVs; empty means reports/interactive/charts under the project root.

# %%
from manpower.notebook import charts
from manpower.notebook.rangechart import OPEN_NOTE, range_chart
from manpower.notebook import chapter_inflows as I
from manpower.analysis.rows import latest_claim_date
from manpower.notebook.chapter import CHART_LIMIT, Chapter
from manpower.writing import wording as W
from manpower.writing.disputes import DISPUTE_COLUMNS, DISPUTE_WIDTHS, dispute_caption, dispute_heading, dispute_table
from manpower.writing.narrative import fmt_date, md

ch = Chapter.start("inflows", globals())
ds, N = ch.ds, ch.narrator
data_as_of = latest_claim_date(ds)

# %%
ru = I.russian(ds)
if ru.empty:
    ch.nothing("figures on Russian mobilisation or recruitment")
else:
    ch.say("Losses are only half of the balance. The figures on how Russia brings soldiers in count "
           + I.channels(ru) + ".")
    ch.listing(ru, N.listing_item, f"What is claimed {ch.as_of_words}:", "claims")

# %%
for group in ch.disputed(ru):
    table, spread = dispute_table(N, group)
    what = I.channel_words(group)
    ch.say(f"**{dispute_heading(group, what)}** {spread}")
    ch.table(table, DISPUTE_COLUMNS, caption=dispute_caption(f"Russian {what}", group), widths=DISPUTE_WIDTHS)
    for p in I.same_period_pairs(group):
        ch.say(f"For the same period, {N.claimant(p.a['id'], 'the')}'s {N.figure(p.a, reading=False)} and "
               f"{N.claimant(p.b['id'], 'the')}'s {N.figure(p.b, reading=False)} ({p.kinds}) {p.verdict} within the bounds "
               f"their wording implies: the gap is {N.derived(p.gap, words=p.gap_words())}. "
               + ("Two statements from the same kind of claimant agreeing is not verification" if p.same_type else
                  "Figures agreeing within their wording's bounds is not verification")
               + ", and a sign-up figure may include soldiers re-signing or converted from mobilised status.")

# %%
for forecast, count in I.same_tally(ds):
    ch.say(f"{N.claimant(forecast['id'], 'The')}'s {N.figure(forecast, reading=False)} forecast "
           f"{W.period_short(forecast)} (a claim {I.said_against_period(forecast)}) and {N.claimant(count['id'], 'the')}'s "
           f"{N.figure(count, reading=False)} counted {W.period_short(count)} (a claim {I.said_against_period(count)}) are "
           "likely one tally, not two inflows; only the count is used below.")

# %%
c = I.signups_against_losses(ds)
if c is not None and c.like_with_like:
    ch.say(f"For the same period ({c.signup_period}), the claims mean about {N.derived(c.signup)} men signed up a month "
           f"and the loss figures about {N.derived(c.loss)} killed or wounded a month, each from the exact days of the "
           f"period. Taken at face value, claimed sign-ups {c.verb} losses a month; the balance chapter asks what "
           "that depends on.")
elif c is not None:
    ch.say(f"The claimed sign-ups cover {c.signup_period.removeprefix('in ')}; the loss estimates run {c.loss_period}. No "
           f"loss figure in the sources covers the months of the sign-ups alone, so the sources cannot say whether "
           f"sign-ups exceeded losses in those months. Each as an average month of its own period: about "
           f"{N.derived(c.signup)} men signed up a month (claimed) and about {N.derived(c.loss)} killed or wounded a "
           "month since the invasion; losses in any one year may have run above or below that average.")
elif I.has_one_rate(ds):
    ch.say("Only one of a sign-up rate and a loss rate can be computed from these figures, so the two are not compared here.")

# %%
ua, _ = ch.latest(I.other_countries(ds), 3)
for _, r in ua.iterrows():
    ch.say(f"For {md(r['country'])}'s own forces: {N.claim_line(r)}"
           f"{' — a plan, not a count' if I.is_plan(r) and not W.proposal_status(r) else ''}. It is {md(r['country'])}'s figure and is not set "
           "against Russia's here.")

# %%
data, n_loss = I.rate_chart_rows(ds, CHART_LIMIT // 2)
if len(data) and c is not None:
    colors = [charts.PALETTE["russia_claim"] if k == "inflow" else charts.PALETTE["western_estimate"] for k in data["kind"]]
    fig, ax = charts.new_chart(height=1.2 + 0.5 * len(data))
    range_chart(ax, data, label="label", value="value", low="low", high="high", qualifier="qualifier", color=colors)
    charts.finish(fig, ax, title=I.rate_chart_title(c), source=ch.sources_line(list(data["id"])),
                  xlabel="People a month (average month of 30.44 days)",
                  note="Each figure divided by the exact days of the period it covers; bars: the range from the period's "
                       "bounds and the qualifier's reading."
                       + (" " + OPEN_NOTE if I.has_open_bounds(data) else "")
                       + (" The one-off partial mobilisation is not a rate and is not drawn." if I.has_one_off_mobilisation(ru) else "")
                       + (" A forecast and a count of the same period are one tally: only the count is drawn." if I.same_tally(ds) else "")
                       + (" Forecasts and targets, listed above, are not sign-ups and are not drawn." if I.expectations_not_drawn(ds) else "")
                       + (f" The {CHART_LIMIT // 2} most recent of {n_loss} loss estimates; all are in {W.FULL_LIST}."
                          if n_loss > CHART_LIMIT // 2 else "")
                       + (f" Data as of {fmt_date(data_as_of, data_as_of, 'day')}." if data_as_of is not None else ""))
    ch.chart(fig, "intake-vs-losses", data, "Men Russia claims signed up a month and estimated killed and wounded a "
             "month, each from the days of its own period.")

# %%
ch.end()
