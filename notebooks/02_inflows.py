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

ch = Chapter.start("inflows", globals())
ds, N = ch.ds, ch.narrator

# %% [markdown]
# Losses are only half of the balance. Russia has replaced soldiers in two ways: one partial
# mobilisation, and a continuing drive for contract soldiers that the Kremlin presents as the
# reason a second mobilisation is not needed.

# %%
ru = ds.inflows[ds.inflows["country"] == "Russia"].sort_values("claim_date_end")
if ru.empty:
    ch.nothing("figures on Russian mobilisation or recruitment")
else:
    ch.listing(ru, lambda r: f"**{N.claimant(r['id'])}** ({N.when(r['id'])}): {N.fig(r['id'], bounds=True)} "
                             f"{MEASURES[r['channel']]} — {quote(r['quote'])}",
               f"What is claimed {ch.as_of_words}:", "claims")

# %%
signups = F.signup_claims(ds).dropna(subset=["value"])
if len(signups) >= 2:
    exact = signups[signups["qualifier"].isna()]
    vague = signups[signups["qualifier"].notna()]
    if len(exact) and len(vague):
        e, v = exact.iloc[-1], vague.iloc[-1]
        gap = F.Derived(float(v["value"] - e["value"]), "people", f"{v['value']:,.0f} − {e['value']:,.0f}", (str(v["id"]), str(e["id"])))
        ch.say(
            f"The two claims for 2023 agree with each other: {N.claimant(v['id'])}'s "
            f"{N.fig(v['id'], bounds=True)} and the {N.fig(e['id'])} attributed to "
            f"{N.claimant(e['id'], 'the')} differ by {N.derived(gap)}. Agreement between "
            f"two Kremlin statements is not verification: no independent count of contract "
            f"sign-ups exists in these sources, and a sign-up figure may include soldiers "
            f"re-signing or converted from mobilised status."
        )
rate, loss = F.monthly_signup_rate(ds), F.monthly_loss_rate(ds)
if rate is not None and loss is not None:
    ch.say(
        f"Spread over the year, the claims mean about {N.derived(rate)} sign-ups a month. The "
        f"Western loss estimates imply about {N.derived(loss)} killed or wounded a month. Taken at "
        f"face value, recruitment outpaces losses; the balance chapter asks what that depends on."
    )

# %%
ua, _ = ch.latest(ds.inflows[ds.inflows["country"] == "Ukraine"], 3)
for _, r in ua.iterrows():
    ch.say(f"Ukraine faces the same arithmetic: a review of mobilising {N.fig(r['id'], bounds=True)} more "
           f"troops ({N.claimant(r['id'])}, {N.when(r['id'])}).")

# %%
in_shown, in_more = ch.latest(ru, 6)
loss_shown, loss_more = ch.latest(ds.losses[ds.losses["measure"] == "killed_or_wounded"], 6)
ids = list(in_shown["id"]) + list(loss_shown["id"])
num = lambda x: float(x) if pd.notna(x) else float("nan")
if ids:
    rows = []
    for kind, df in (("inflow", in_shown), ("loss", loss_shown)):
        for _, r in df.iterrows():
            what = MEASURES.get(r["channel"] if kind == "inflow" else r["measure"], "")
            rows.append({"id": r["id"], "label": f"{short_claimant(r['claimant'])}, {N.short_when(r['id'])}\n{what}",
                         "kind": kind, "value": num(r["value"]), "low": num(r["low"]), "high": num(r["high"]),
                         "qualifier": r["qualifier"] if pd.notna(r["qualifier"]) else ""})
    data = pd.DataFrame(rows)
    title = F.intake_against_losses(in_shown, loss_shown) or "Russian intake and losses as claimed"
    colors = [charts.PALETTE["russia_claim"] if k == "inflow" else charts.PALETTE["western_estimate"] for k in data["kind"]]
    fig, ax = charts.new_chart(height=1.2 + 0.7 * len(data))
    charts.range_chart(ax, data, label="label", value="value", low="low", high="high", qualifier="qualifier", color=colors)
    charts.finish(fig, ax, title=title, source=ch.sources_line(ids), xlabel="People",
                  note="Russian claims of intake and Western estimates of losses, as stated; bars show qualifier ranges."
                       + (f" The most recent {len(in_shown)} of {len(ru)} claims and {len(loss_shown)} of {len(loss_shown) + loss_more} estimates."
                          if in_more or loss_more else ""))
    ch.chart(fig, "intake-vs-losses", data, "Russian claims of intake (mobilisation, contract sign-ups) set against Western estimates of killed and wounded.")

# %%
ch.end()
