# ---
# jupyter:
#   kernelspec:
#     display_name: manpower (project .venv)
#     language: python
#     name: manpower
# ---

# %% [markdown]
# # Losses: what the estimates count

# %% tags=["parameters"]
as_of: "date" = None  # Render the report as known on this date: only figures whose claim date (when the claimant stated it, not when an article repeated it) lies wholly on or before it, from articles published by then. A month- or year-precision date counts from its last day; an interval from its end. Accepts a date YYYY-MM-DD from 1700-01-01 to 2200-12-31 or empty for no cut-off.
sources: "list" = []  # Only figures from these source ids (seeds/sources.csv); empty for all.
claimants: "list" = []  # Only figures stated by these claimants (e.g. 'UK Ministry of Defence'); empty for all.
chart_format: "choice" = "pdf"  # Image format the PDF report embeds: pdf (vector, sharp at any zoom), svg or png. All three are always saved beside the chart's CSV; the HTML report always shows the SVG. Accepts one of pdf, png, svg.
dpi: "int" = 150  # Resolution of PNG charts. Accepts a whole number from 50 to 600.
output_dir: "text" = ""  # Folder for charts and their CSVs; empty means reports/interactive/charts under the project root.

# %%
from manpower.notebook import chapter_losses as L
from manpower.notebook import charts
from manpower.notebook.overtimechart import estimates_over_time, over_time_note
from manpower.notebook.rangechart import mark_convention_bounds, range_chart, range_note
from manpower.analysis.rates import latest_rates
from manpower.analysis.rows import latest_claim_date
from manpower.writing import wording as W
from manpower.writing.disputes import DISPUTE_COLUMNS, DISPUTE_WIDTHS, dispute_caption, dispute_heading, dispute_table
from manpower.notebook.chapter import CHART_LIMIT, Chapter
from manpower.analysis.formats import number_word as fmt_count
from manpower.writing.narrative import fmt_date

ch = Chapter.start("losses", globals())
ds, N = ch.ds, ch.narrator
data_as_of = latest_claim_date(ds)

# %%
counts, elsewhere = L.figures(ds)  # Russian losses only; other sides in their own list
if counts.empty:
    ch.nothing("loss estimates")
else:
    ch.say(f"There {'are' if len(counts) != 1 else 'is'} {L.tally(counts)} {ch.as_of_words}"
           + ("; none comes from the Russian government." if L.none_from_russian_government(counts) else ".")
           + " They differ in who makes them, when, for what period and above all in what they count.")
    ch.listing(counts, N.listing_item, f"The figures {ch.as_of_words}:", "figures")
if len(elsewhere):
    ch.listing(elsewhere, N.listing_item, "The sources also give figures for other sides' losses. They are not "
               "Russian losses: they are listed here only, and are not in any table, chart or figure of this chapter:",
               "figures for other sides")

# %%
for group in ch.disputed(counts):
    table, spread = dispute_table(N, group)
    what = W.quantity_words(group.iloc[0])
    ch.say(f"**{dispute_heading(group, what)}** {spread}")
    ch.table(table, DISPUTE_COLUMNS, caption=dispute_caption(f"Russian troops {what}", group),
             widths=DISPUTE_WIDTHS)
    rates, n_rates = latest_rates(group, what, 4)
    if n_rates >= 2:
        parts = [f"{N.claimant(r['id'], 'the')}'s {N.derived(d)} a month" for r, d in rates]
        if n_rates > 4:
            parts.append(f"and {n_rates - 4} earlier estimates")
        ch.say("Their periods end on different dates, so as totals they are not like with like. Converted to an "
               "average month from the exact days each covers: " + "; ".join(parts) + ".")

# %%
fc = L.force_comparison(ds)  # the share applies to its own report's figure only: no other is set against it
if fc is not None:
    s = fc.share
    ch.say(
        f"{N.claimant(s['id'], 'The')} gives a ratio with its estimate: the losses equal {N.fig(s['id'])} of the "
        f"personnel Russia had when the war began. That puts the force the estimate refers to at about "
        f"{N.derived(fc.force)} — an inference from two rounded figures in one report; the range allows for the "
        f"rounding of both. No other claimant's figure is set against it: the share belongs to this report's estimate."
    )

# %%
# the chart's axis is cumulative since the invasion: it draws totals only (flows and parts are in the list above)
tc = L.totals_chart(counts, CHART_LIMIT)
if tc is not None:
    fig, ax = charts.new_chart(height=1.0 + 0.45 * len(tc.data))
    marks = range_chart(ax, tc.data, label="label", value="value", low="low", high="high", qualifier="qualifier")
    mark_convention_bounds(ax, tc.data, low="low", high="high", bounds="bounds")
    charts.finish(fig, ax, title=tc.title, source=ch.sources_line(tc.ids),
                  xlabel="Russian military personnel (people), cumulative since the invasion",
                  note=range_note(marks) + " Labels give the period each figure covers."
                       + (" Hatched bars: our reading of the qualifier (a convention, not a range the source states)." if tc.convention else "")
                       + (f" The {len(tc.ids)} most recent of {len(tc.ids) + tc.left_out} estimates; {W.FULL_LIST} lists all." if tc.left_out else "")
                       + (f" {tc.not_drawn} flow{'s' if tc.not_drawn != 1 else ''} over a shorter period or part{'s' if tc.not_drawn != 1 else ''}"
                          " of a total, listed above, are not drawn on this cumulative axis." if tc.not_drawn else "")
                       + (f" Data as of {fmt_date(data_as_of, data_as_of, 'day')}." if data_as_of is not None else ""))
    ch.chart(fig, "estimates", tc.data, "Estimates of Russian military losses by claimant and the period they cover.")

# %%
# Estimates over time: one chart per measure with cumulative estimates at two or more dates
for measure_, rows, left_out in L.over_time(counts):
    fig, ax = charts.new_chart(height=3.0)
    estimates_over_time(ax, rows)
    ax.set_ylim(bottom=0)  # a count: the axis starts at zero, so a small difference does not look like a climb
    words = W.measure(rows.iloc[0])
    charts.finish(fig, ax, title=L.over_time_title(rows, left_out),
                  source=charts.data_as_of_line(ch.sources_line(list(rows["id"])), rows["claim_date_end"]),
                  xlabel="date of the claim", ylabel=f"people, cumulative {W.since_invasion()}",
                  note=over_time_note(rows, L.is_series(rows)) + " Each measure has its own chart."
                       + (f" The {len(rows)} most recently claimed of {len(rows) + left_out}; {W.FULL_LIST} "
                          "lists the rest." if left_out else ""))
    ch.chart(fig, f"over-time-{measure_}", rows[L.OVER_TIME_COLUMNS], f"Estimates of Russian troops {words} over time, by claimant.")

# %%
why = L.comparability(counts)
if why.has_killed_or_wounded:
    para = ["“Killed or wounded” counts everyone put out of action, including the wounded who later return; "
            "it is not a death toll."]
    if why.deserted is not None:  # every claimant's figure, and the conflict, where they disagree
        para.append(L.desertion_words(N, why))
    if why.kw_claimants >= 2:
        para.append(f"The {fmt_count(why.kw_claimants)} killed-or-wounded estimates come from different claimants at "
                    "different dates, and their methods are not given in the sources. Close figures are not "
                    "independent confirmation: a claimant that backs one side is not a party to the war but is not "
                    "neutral, and figures relayed by one article are not independently confirmed (the confidence "
                    "rules in Appendix A).")
    ch.say("## Why the estimates are not directly comparable\n\n" + " ".join(para))

# %%
ch.end()
