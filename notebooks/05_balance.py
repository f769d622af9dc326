# ---
# jupyter:
#   kernelspec:
#     display_name: manpower (project .venv)
#     language: python
#     name: manpower
# ---

# %% [markdown]
# # Balance: a what-if of net manpower

# %% tags=["parameters"]
as_of: "date" = None  # Render the report as known on this date: only figures whose claim date (when the claimant stated it, not when an article repeated it) lies wholly on or before it, from articles published by then. A month- or year-precision date counts from its last day; an interval from its end. Accepts a date YYYY-MM-DD from 1700-01-01 to 2200-12-31 or empty for no cut-off.
sources: "list" = []  # Only figures from these source ids (seeds/sources.csv); empty for all.
claimants: "list" = []  # Only figures stated by these claimants (e.g. 'UK Ministry of Defence'); empty for all.
chart_format: "choice" = "pdf"  # Image format the PDF report embeds: pdf (vector, sharp at any zoom), svg or png. All three are always saved beside the chart's CSV; the HTML report always shows the SVG. Accepts one of pdf, png, svg.
dpi: "int" = 150  # Resolution of PNG charts. Accepts a whole number from 50 to 600.
output_dir: "text" = ""  # Folder for charts and their CSVs; empty means reports/interactive/charts under the project root.
signup_realism: "float" = 0.5  # Share of the men claimed to have signed up who are assumed to be new soldiers in the what-if (1 is the Kremlin's claim at face value; the default is the middle scenario). Accepts a number from 0 to 1.
wounded_return_share: "float" = 0.25  # Share of the wounded (not the killed) assumed to return to service in the what-if. Accepts a number from 0 to 1.
wounded_per_killed: "float" = 3.0  # Wounded per killed soldier, to split killed-or-wounded estimates in the what-if. Accepts a number from 0.1 to 20.
desertion_position: "float" = 0.5  # Desertion a month in the what-if, as a point within the range the curated desertion estimate implies (0 is its bottom, 1 is its top). Accepts a number from 0 to 1.
horizon_end: "date" = None  # Last day of the what-if projection; empty (the default) for a year after the latest period end of the loss estimates it uses, so the what-if never goes stale as data is added. Accepts a date YYYY-MM-DD from 1700-01-01 to 2100-12-31 or empty for a year after the latest period end of the loss estimates.

# %%
from manpower.analysis import balance
from manpower.notebook import charts
from manpower.notebook import chapter_balance as B
from manpower.analysis.rows import latest_claim_date
from manpower.notebook.chapter import Chapter
from manpower.writing.narrative import fmt_date, fmt_number

ch = Chapter.start("balance", globals())
ds, N, P = ch.ds, ch.narrator, ch.params
data_as_of = latest_claim_date(ds)

# %%
proj = balance.project(ds, P.signup_realism, P.wounded_return_share, P.horizon_end,
                       wounded_per_killed=P.wounded_per_killed, desertion_position=P.desertion_position)
if proj is None:
    ch.nothing("pair of a loss rate and a sign-up rate to build the what-if from")
elif proj.table.empty:
    ch.say(f"*The horizon ({fmt_date(proj.horizon, proj.horizon, 'day')}) ends before the what-if would start "
           f"(the month after the latest loss estimate's period); choose a later end for it (Appendix D).*")
else:
    r, (lo, hi) = proj.rates, proj.band
    first, last = B.first_month(proj), B.last_month(proj)
    desert = (f"desertion a month of {N.derived(r.desertion)}, an assumption: the curated total's source states no "
              "period, so it is spread over the days since the invasion" if r.desertion is not None and r.desertion.assumed else
              f"desertion a month of {N.derived(r.desertion)}, from the curated estimate's range" if r.desertion is not None
              else "no desertion figure in the selection, so desertion is set to zero")
    held_signup, held_loss = B.held_periods(ds, proj)
    ch.say(
        "What would the claimed rates mean if they held? This is a stock-and-flow what-if, not a forecast. "
        f"Its inputs, each a month from the exact days of its figure's period: men who signed up (claimed) "
        f"{N.derived(r.signup)}; killed or wounded {N.derived(r.loss)}; {desert}. It assumes that the sign-up "
        f"rate {held_signup} and the loss rate {held_loss} both hold over the months it runs"
        + (": they average different periods, and no source says either held after them, so this is an "
           "assumption, not a comparison. " if held_signup != held_loss else ". ")
        + f"Four more assumptions turn them "
        f"into a balance: how many claimed sign-ups are real recruits, how many of the wounded (not the killed) "
        f"return, how many soldiers are wounded per killed, and where desertion lies in its range. Discharges, "
        f"expired contracts and the release of mobilised men are not modelled: no source here gives them."
    )
    # information apart from assumptions: each input says which figure it comes from, each assumption
    # whether a source supports it (which) or not
    ch.table(B.basis_table(N, ds, proj, P),
             {"what": "Input", "value": "In this report", "basis": "Information or assumption"},
             caption="What the what-if rests on: figures from the sources, and assumptions no source supports",
             widths=[26, 16, 58])
    default = ("This report uses the default assumptions, the middle scenario below"
               if balance.is_default(proj.chosen) else "This report's assumptions differ from the default (the middle scenario below)")
    ch.say(f"{default}. The middle scenario sets each assumption at or near the middle of the range the grid below "
           f"spans, because no source narrows it: it is a starting point for the arithmetic, not an estimate, and "
           f"the face-value scenario is the claims' own reading, not a finding.")
    horizon_words = B.horizon_words(proj, fmt_date)
    be = B.break_even(proj)
    ch.say(
        f"The what-if runs to {fmt_date(proj.horizon, proj.horizon, 'day')}: {horizon_words}. "
        f"From {first:%B %Y} to {last:%B %Y} ({proj.months} months), across a grid of {B.grid_size()} "
        f"combinations of these assumptions the net change runs from {B.signed(lo)} to {B.signed(hi)}. "
        f"It turns most on {balance.AXIS_WORDS[proj.drivers[0][0]]}, then on {balance.AXIS_WORDS[proj.drivers[1][0]]}."
        + (f" The force holds steady under the chosen assumptions if {N.derived(be)} of claimed sign-ups are real."
           if be is not None else "")
    )
    ch.table(B.scenario_table(proj),
             {"name": "Scenario", "what": "Assumptions", "realism": "Sign-ups real", "ret": "Wounded back",
              "wpk": "Wounded per killed", "des": "Deserted a month", "net": "Net a month",
              "total": f"Net by {last:%b %Y}"},
             caption=B.scenario_caption(proj), widths=[10, 30, 8, 8, 8, 10, 10, 12])

# %%
if proj is not None and not proj.table.empty:
    t, x, (lo, hi) = proj.table, B.months_axis(proj), proj.band
    fig, ax = charts.new_chart(height=3.4)
    ax.fill_between(x, t["band_low"], t["band_high"], color=charts.PALETTE["range"], alpha=0.35, lw=0,
                    label="range over all scenarios")
    styles = {"face value": ":", "middle": "-", "sceptical": "--"}
    for name, ls in styles.items():
        ax.plot(x, t[name], color=charts.PALETTE["russia_claim"], lw=1.6, ls=ls, label=B.scenario_label(proj, name))
    if B.same_as(proj) is None:  # parameters equal to a named scenario would draw its line twice
        ax.plot(x, t["your parameters"], color="0.2", lw=1, marker="o", ms=2.5, label="this report's parameters")
    ax.axhline(0, color="0.3", lw=0.8)
    ax.legend(loc="upper left", frameon=False, fontsize=7)
    ax.yaxis.set_major_formatter(charts.thousands_formatter())
    charts.month_axis(ax)
    last = B.last_month(proj)
    charts.finish(fig, ax,
                  title=f"Net change by {last:%b %Y} ranges from {B.signed(lo)} to {B.signed(hi)}: it turns on "
                        f"{balance.AXIS_WORDS[proj.drivers[0][0]]}",
                  source=ch.sources_line(B.inputs(proj)),
                  ylabel="Cumulative net change (people)",
                  note="A what-if, not a forecast; band: every combination of the assumption grid."
                       + (f" Data as of {fmt_date(data_as_of, data_as_of, 'day')}." if data_as_of is not None else ""))
    ch.chart(fig, "projection", t, "What-if: cumulative net change in Russian manpower, named scenarios within the range of all scenarios.")
    ch.say("## What the what-if leaves out\n\nTraining, equipment and where soldiers are sent matter more than a head "
           "count, and the sign-up claims come from the party with the most interest in them. The what-if shows "
           "which assumption the balance turns on; it does not settle it.")

# %%
ch.end()
