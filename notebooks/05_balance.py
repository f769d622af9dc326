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
as_of = None
sources = []
claimants = []
chart_format = "png"
dpi = 150
output_dir = ""
signup_realism = 1.0
wounded_return_share = 0.0
horizon_end = "2024-12-31"

# %%
import pandas as pd

from manpower import balance, charts
from manpower.chapter import Chapter
from manpower.narrative import fmt_date, fmt_number

ch = Chapter.start("balance", globals())
ds, N, P = ch.ds, ch.narrator, ch.params

# %% [markdown]
# What would the claimed rates mean if they held? This is a stock-and-flow sketch, not a
# forecast: it takes the monthly rate of losses from the Western estimates and the monthly rate
# of recruitment from the Kremlin's claims, applies two assumptions a reader can change, and
# adds up the difference month by month.

# %%
proj = balance.project(ds, P.signup_realism, P.wounded_return_share, P.horizon_end)
if proj is None:
    ch.nothing("pair of loss and recruitment rates to project from")
elif proj.table.empty:
    ch.say(f"*The horizon ({fmt_date(P.horizon_end, P.horizon_end, 'day')}) ends before the projection "
           f"would start; choose a later `horizon_end`.*")
else:
    t = proj.table
    first, last = t["month"].iloc[0], t["month"].iloc[-1]
    sign = "grow" if proj.end_total >= 0 else "shrink"
    ch.say(
        f"Assumptions (parameters): {fmt_number(100 * P.signup_realism, 'percent')} of claimed sign-ups "
        f"are real recruits (`signup_realism`); {fmt_number(100 * P.wounded_return_share, 'percent')} "
        f"of the killed or wounded return to service (`wounded_return_share`); the projection runs "
        f"from {first} to {last} (`horizon_end`).\n\n"
        f"Rates: recruitment {N.derived(proj.signup_rate)} a month; losses {N.derived(proj.loss_rate)} "
        f"a month.\n\n"
        f"Result: under these assumptions the force would {sign} by about "
        f"{fmt_number(abs(round(proj.end_total, -3)), 'people')} over the period "
        f"(between {fmt_number(round(t['cumulative_low'].iloc[-1], -3), 'people')} and "
        f"{fmt_number(round(t['cumulative_high'].iloc[-1], -3), 'people')} across the qualifiers' ranges). "
        f"Recruitment breaks even with permanent losses if "
        f"{fmt_number(round(100 * proj.break_even_realism), 'percent')} of claimed sign-ups are real "
        f"[derived: monthly losses × (1 − returning share) ÷ monthly claimed sign-ups]."
    )

# %%
if proj is not None and not proj.table.empty:
    t = proj.table
    x = pd.to_datetime(t["month"])
    fig, ax = charts.new_chart(height=3.2)
    ax.fill_between(x, t["cumulative_low"], t["cumulative_high"], color=charts.PALETTE["range"], alpha=0.35, lw=0,
                    label="range from qualifiers")
    ax.plot(x, t["cumulative"], color=charts.PALETTE["russia_claim"], lw=2, marker="o", ms=3, label="central case")
    ax.axhline(0, color="0.3", lw=0.8)
    ax.legend(loc="upper left", frameon=False, fontsize=8)
    ax.yaxis.set_major_formatter(charts.thousands_formatter())
    charts.month_axis(ax)
    verb = "grows" if proj.end_total >= 0 else "shrinks"
    charts.finish(fig, ax,
                  title=f"If {P.signup_realism:.0%} of claimed sign-ups are real, the force {verb} "
                        f"by ~{abs(round(proj.end_total, -3)):,.0f} by {pd.Timestamp(last):%b %Y}",
                  source=ch.sources_line(list(proj.loss_rate.inputs) + list(proj.signup_rate.inputs)),
                  ylabel="Cumulative net change (people)",
                  note=f"Assumptions: signup_realism={P.signup_realism:g}, wounded_return_share={P.wounded_return_share:g}. A what-if, not a forecast.")
    ch.chart(fig, "projection", t, "What-if: cumulative net change in Russian manpower under the stated assumptions.")

# %% [markdown]
# ## What the sketch leaves out
#
# The loss rate mixes the killed with the wounded, and the wounded who recover return on their
# own schedule. Sign-up claims come from the party with the most interest in them. Training,
# equipment and where soldiers are sent all matter more than a head count. The sketch shows
# which assumption the balance turns on; it does not settle it.

# %%
ch.end()
