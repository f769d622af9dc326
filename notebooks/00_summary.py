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

ch = Chapter.start("summary", globals())
ds, N = ch.ds, ch.narrator

# %%
points = []
loss = F.latest_loss(ds)
if loss is not None:
    others, n_more = ch.latest(ds.losses[(ds.losses["measure"] == "killed_or_wounded") & (ds.losses["id"] != loss["id"])
                                         & ds.losses["value"].notna()], 2)
    more = "".join(f" ({N.claimant(o['id'])}: {N.fig(o['id'])})" for _, o in others.iterrows())
    more += f" and {n_more} earlier estimates" if n_more else ""
    points.append(f"**Losses.** Western estimates put Russian killed and wounded at {N.fig(loss['id'])} "
                  f"({N.claimant(loss['id'])}, {N.when(loss['id'])}){more}. Russia publishes no figure.")
force = F.implied_prewar_force(ds)
if force is not None:
    share = ds.losses[ds.losses["measure"] == "killed_or_wounded_share_of_prewar_force"].iloc[0]
    points.append(f"**Scale.** {N.claimant(share['id'], 'The')} equates its estimate to {N.fig(share['id'])} of the personnel Russia had when the war began, implying a pre-war force of about {N.derived(force)}.")
signups = F.signup_claims(ds).dropna(subset=["value"])
if len(signups):
    s = signups.iloc[-1]
    points.append(f"**Recruitment.** The Kremlin says {N.fig(s['id'])} men signed contracts in 2023 "
                  f"({N.claimant(s['id'])}, {N.when(s['id'])}) and that no second mobilisation is needed.")
w = F.age_window(ds)
if w is not None:
    points.append(f"**Conscription.** Men aged {N.fig(w['after']['id'])} are now liable for conscription, "
                  f"up from {N.fig(w['before']['id'])}: {N.derived(w['added'], explain=False)} more age cohorts "
                  f"({N.derived(w['widening'], explain=False)} more).")
decree = ds.foreign[ds.foreign["aspect"] == "eligibility"]
if len(decree):
    d = decree.iloc[0]
    points.append(f"**Foreigners.** A decree of {N.when(d['id'])} offers citizenship to foreigners who fight, "
                  f"and to their families{N.cite(str(d['source_id']))}.")
if points:
    ch.say(f"Key findings, from the figures {ch.as_of_words}:\n\n" + "\n".join(f"- {p}" for p in points))
else:
    ch.nothing("figures")

# %% [markdown]
# Every number in this report is computed from a curated table in which each figure carries its
# source, its claimant, the date of the claim and the words of the article that state it. Claims
# by interested parties are reported as claims.

# %%
# one mark per event: where two articles date the same event, keep the more precise date
rank = {"day": 0, "month": 1, "interval": 2, "year": 3}
ev = (ds.events.dropna(subset=["date_start"])
      .assign(_rank=lambda d: d["date_precision"].astype(str).map(rank))
      .sort_values(["_rank", "date_start"]).drop_duplicates(subset=["label"]).sort_values("date_start"))
ev = ev[(ev["date_end"] >= pd.Timestamp("2022-09-01")) & (ev["date_start"] <= pd.Timestamp("2024-03-31"))].tail(14)
if len(ev):
    data = pd.DataFrame({"id": ev["id"], "label": ev["label"], "category": ev["category"].astype(str),
                         "date_start": ev["date_start"], "date_end": ev["date_end"],
                         "precision": ev["date_precision"].astype(str)})
    fig, ax = charts.new_chart(height=4.2)
    charts.timeline_chart(ax, data, date_start="date_start", date_end="date_end", label="label", category="category",
                          start=pd.Timestamp("2022-09-01"), end=pd.Timestamp("2024-03-31"))
    charts.finish(fig, ax, title="From partial mobilisation to the election: recruitment without a second call-up",
                  source=ch.sources_line(list(ev["id"])))
    ch.chart(fig, "timeline", data, "Timeline of events, September 2022 to March 2024.")
else:
    ch.nothing("events between September 2022 and March 2024")

# %%
ch.end()
