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
as_of = None
sources = []
claimants = []
chart_format = "png"
dpi = 150
output_dir = ""

# %%
import pandas as pd

from manpower import charts
from manpower import findings as F
from manpower.chapter import Chapter
from manpower.narrative import MEASURES, quote, short_claimant

ch = Chapter.start("losses", globals())
ds, N = ch.ds, ch.narrator

# %% [markdown]
# Russia has not said how many soldiers it has lost, and neither has Ukraine. What the public
# record holds are estimates by Western governments, relayed by the press. They differ in who
# makes them, when, and above all in what they count.

# %%
counts = ds.losses[ds.losses["measure"] != "killed_or_wounded_share_of_prewar_force"]
if counts.empty:
    ch.nothing("loss estimates")
else:
    ch.listing(counts, lambda r: f"**{N.claimant(r['id'])}** ({N.when(r['id'])}): {N.fig(r['id'], bounds=True)} "
                                 f"{MEASURES[r['measure']]} — {quote(r['quote'])}",
               f"The estimates {ch.as_of_words}:", "estimates")

# %%
share = ds.losses[ds.losses["measure"] == "killed_or_wounded_share_of_prewar_force"]
force = F.implied_prewar_force(ds)
if force is not None:
    s = share.iloc[0]
    ch.say(
        f"The US intelligence figure comes with a ratio: the losses equal {N.fig(s['id'])} of the "
        f"personnel Russia had when the war began. That puts the implied pre-war force at "
        f"{N.derived(force)}. The number is an inference from two rounded figures in one report; "
        f"it describes the force the estimate refers to, not Russia's whole armed forces."
    )
    uk = F.latest_loss(ds, claimant="UK Ministry of Defence")
    if uk is not None:
        ratio = F.loss_share_of_force(ds, uk)
        ch.say(
            f"Set against that base, the UK Ministry of Defence's {N.fig(uk['id'])} would be "
            f"{N.derived(ratio)} of the pre-war force."
        )
elif not counts.empty:
    ch.nothing("statement of losses as a share of the pre-war force")

# %%
plot, left_out = ch.latest(counts[counts["measure"].isin(["killed_or_wounded", "deserted", "killed"])])
plot = plot.sort_values(["measure", "claim_date_end"])
if not plot.empty:
    data = pd.DataFrame({
        "id": plot["id"],
        "label": [f"{short_claimant(c)}, {N.short_when(i)}\n{MEASURES[m]}" for c, i, m in zip(plot["claimant"], plot["id"], plot["measure"])],
        "value": plot["value"].astype(float), "low": plot["low"].astype(float), "high": plot["high"].astype(float),
        "qualifier": plot["qualifier"].astype(object).fillna(""), "unit": plot["unit"].astype(str),
    })
    span = F.span_in_words(plot[plot["measure"] == "killed_or_wounded"])
    title = f"Western estimates put Russian killed and wounded at {span}" if span else "Western estimates of Russian losses"
    fig, ax = charts.new_chart(height=1.0 + 0.6 * len(data))
    charts.range_chart(ax, data, label="label", value="value", low="low", high="high", qualifier="qualifier")
    charts.finish(fig, ax, title=title, source=ch.sources_line(list(plot["id"])),
                  xlabel="Russian military personnel (people)",
                  note="Dots: the figure as stated; bars: the range its qualifier implies."
                       + (f" The {len(plot)} most recent of {len(plot) + left_out} estimates." if left_out else ""))
    ch.chart(fig, "estimates", data, "Estimates of Russian military losses by claimant and date, with the range each qualifier implies.")

# %% [markdown]
# ## Why the estimates are not directly comparable
#
# "Killed or wounded" counts everyone put out of action, including the wounded who later return;
# it is not a death toll. Desertion is a different kind of loss again, and the figure for it is
# only an order of magnitude. The two headline estimates come from different governments at
# different times, with methods neither publishes; both are interested parties in how the war is
# seen. Their closeness is not independent confirmation, and the Kremlin offers no figure of its
# own to test them against.

# %%
ch.end()
