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
import pandas as pd

from manpower import charts
from manpower import findings as F
from manpower import wording as W
from manpower.chapter import CHART_LIMIT, Chapter
from manpower.narrative import fmt_date

ch = Chapter.start("losses", globals())
ds, N = ch.ds, ch.narrator
data_as_of = F.latest_claim_date(ds)

# %%
every = ds.losses[ds.losses["measure"] != "killed_or_wounded_share_of_prewar_force"]
counts, elsewhere = F.russian(every), F.other_sides(every)  # Russian losses only; other sides in their own list
if counts.empty:
    ch.nothing("loss estimates")
else:
    russian = counts[counts["claimant_type"] == "russian_official"]
    claimants_ = sorted(set(counts["claimant"]))
    ch.say(f"There {'are' if len(counts) != 1 else 'is'} {len(counts)} loss figure{'s' if len(counts) != 1 else ''} from "
           f"{len(claimants_)} claimant{'s' if len(claimants_) != 1 else ''} {ch.as_of_words}"
           + ("; none comes from the Russian government." if russian.empty else ".")
           + " They differ in who makes them, when, for what period and above all in what they count.")
    ch.listing(counts, N.listing_item, f"The figures {ch.as_of_words}:", "figures")
if len(elsewhere):
    ch.listing(elsewhere, N.listing_item, "The sources also give figures for other sides' losses. They are not "
               "Russian losses: they are listed here only, and are not in any table, chart or figure of this chapter:",
               "figures for other sides")

# %%
for group in ch.disputed(counts):
    table, spread = W.dispute_table(N, group)
    what = W.quantity_words(group.iloc[0])
    ch.say(f"**{len(group)} figures for one quantity ({what}).** {spread}")
    ch.table(table, W.DISPUTE_COLUMNS, caption=W.dispute_caption(f"Russian troops {what}", group),
             widths=W.DISPUTE_WIDTHS)
    rates, n_rates = F.latest_rates(group, what, 4)
    if n_rates >= 2:
        parts = [f"{N.claimant(r['id'], 'the')}'s {N.derived(d)} a month" for r, d in rates]
        if n_rates > 4:
            parts.append(f"and {n_rates - 4} earlier estimates")
        ch.say("Their periods end on different dates, so as totals they are not like with like. Converted to an "
               "average month from the exact days each covers: " + "; ".join(parts) + ".")

# %%
share = ds.losses[ds.losses["measure"] == "killed_or_wounded_share_of_prewar_force"]
force = F.implied_prewar_force(ds)
if force is not None:
    s = share.iloc[-1]
    ch.say(
        f"{N.claimant(s['id'], 'The')} gives a ratio with its estimate: the losses equal {N.fig(s['id'])} of the "
        f"personnel Russia had when the war began. That puts the force the estimate refers to at about "
        f"{N.derived(force)} — an inference from two rounded figures in one report, not Russia's whole armed forces."
    )
    # only cumulative totals are set against a cumulative base: a flow or a part of a total is not one
    others = F.totals(counts[(counts["measure"] == "killed_or_wounded") & ~counts["id"].isin(force.inputs)]).dropna(subset=["value"])
    others, more = ch.latest(others, 3)
    for _, o in others.iterrows():
        ratio = F.loss_share_of_force(ds, o)
        ch.say(f"Set against that base, {N.claimant(o['id'], 'the')}'s {N.figure(o, reading=False)}{N.cite(str(o['source_id']))} "
               f"{W.period_short(o)}{N.dating_note(o)} would be {N.derived(ratio)} of it; the two estimates end on different dates.")
    if more:
        ch.say(f"{more:,} earlier killed-or-wounded estimates are not set against that base here; all are in {W.FULL_LIST}.")

# %%
# the chart's axis is cumulative since the invasion: it draws totals only (flows and parts are in the list above)
drawable = counts[counts["measure"].isin(["killed_or_wounded", "deserted", "killed"])]
plot, left_out = F.cap_keeping_conflicts(F.totals(drawable), CHART_LIMIT // 2, extra=CHART_LIMIT // 2)
not_drawn = len(drawable) - len(F.totals(drawable))
plot = plot.sort_values(["measure", "claim_date_end"])
if not plot.empty:
    data = pd.DataFrame({
        "id": plot["id"],
        "label": [f"{r['claimant']}: {W.measure(r)}\n{W.short_period(r)}" for _, r in plot.iterrows()],
        "value": plot["value"].astype(float), "low": plot["low"].astype(float), "high": plot["high"].astype(float),
        "qualifier": plot["qualifier"].astype(object).fillna(""), "unit": plot["unit"].astype(str),
        "bounds": [W.bounds_of(r) for _, r in plot.iterrows()],
        "kind": [W.kind_of(r) for _, r in plot.iterrows()],
        "text": [W.figure(r, reading=False) for _, r in plot.iterrows()],
    })
    opened = data["kind"].isin(["floor", "ceiling"]).any()
    kw = F.totals(drawable)  # the title spans every total, drawn or left out by the cap
    kw = kw[kw["measure"] == "killed_or_wounded"]
    span = F.span_in_words(kw)
    title = (f"Western estimates put Russian killed and wounded at {span}" if span and
             set(kw["claimant_type"].astype(str)) <= {"western_government"} else
             f"Estimates of Russian killed and wounded: {span}" if span else "Estimates of Russian losses")
    conv = (data["bounds"] == "convention").any()
    fig, ax = charts.new_chart(height=1.0 + 0.45 * len(data))
    charts.range_chart(ax, data, label="label", value="value", low="low", high="high", qualifier="qualifier")
    charts.mark_convention_bounds(ax, data, low="low", high="high", bounds="bounds")
    charts.finish(fig, ax, title=title, source=ch.sources_line(list(plot["id"])),
                  xlabel="Russian military personnel (people), cumulative since the invasion",
                  note="Dots: the figure as stated; labels give the period each figure covers."
                       + (" Hatched bars: our reading of the qualifier (a convention, not a range the source states)." if conv else "")
                       + (" " + charts.OPEN_NOTE if opened else "")
                       + (f" The {len(plot)} most recent of {len(plot) + left_out} estimates; {W.FULL_LIST} lists all." if left_out else "")
                       + (f" {not_drawn} flow{'s' if not_drawn != 1 else ''} over a shorter period or part{'s' if not_drawn != 1 else ''}"
                          " of a total, listed above, are not drawn on this cumulative axis." if not_drawn else "")
                       + (f" Data as of {fmt_date(data_as_of, data_as_of, 'day')}." if data_as_of is not None else ""))
    ch.chart(fig, "estimates", data, "Estimates of Russian military losses by claimant and the period they cover.")

# %%
# Estimates over time: one chart per measure with cumulative estimates at two or more dates
over_time = F.estimates_over_time_groups(counts)
for measure_, rows, left_out in over_time:
    fig, ax = charts.new_chart(height=3.0)
    charts.estimates_over_time(ax, rows)
    words = W.measure(rows.iloc[0])
    charts.finish(fig, ax, title=f"{len(rows) + left_out} estimates of Russian troops {words} since the invasion, by date claimed",
                  source=charts.data_as_of_line(ch.sources_line(list(rows["id"])), rows["claim_date_end"]),
                  xlabel="date of the claim", ylabel=f"people, cumulative {W.since_invasion()}",
                  note="Dots: the figure as stated, joined per claimant; solid bars: a range the source states; "
                       "light dashed bars: our reading of a qualifier. Each measure has its own chart."
                       + (" Carets: a floor (▲, at least: open above) or a ceiling (▼, at most: open below)."
                          if rows["kind"].astype(str).isin(["floor", "ceiling"]).any() else "")
                       + (f" The {len(rows)} most recently claimed of {len(rows) + left_out}; {W.FULL_LIST} "
                          "lists the rest." if left_out else ""))
    ch.chart(fig, f"over-time-{measure_}", rows[["id", "claimant", "claim_date_end", "value", "low", "high", "bounds", "kind"]],
             f"Estimates of Russian troops {words} over time, by claimant.")

# %%
kw = counts[counts["measure"] == "killed_or_wounded"] if not counts.empty else counts
if len(kw):
    para = ["“Killed or wounded” counts everyone put out of action, including the wounded who later return; "
            "it is not a death toll."]
    if (counts["measure"] == "deserted").any():
        d = counts[counts["measure"] == "deserted"].iloc[-1]
        para.append(f"Desertion is a different loss again, and its figure here is {N.figure(d, reading=False)}"
                    f"{N.cite(str(d['source_id']))}"
                    + (": only an order of magnitude." if W.bounds_of(d) == "convention" else "."))
    if kw["claimant"].nunique() >= 2:
        para.append(f"The {kw['claimant'].nunique()} killed-or-wounded estimates come from different claimants at "
                    "different dates, and their methods are not given in the sources; claimants that back one side "
                    "have an interest in how the war is seen, so close figures are not independent confirmation.")
    ch.say("## Why the estimates are not directly comparable\n\n" + " ".join(para))

# %%
ch.end()
