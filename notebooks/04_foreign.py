# ---
# jupyter:
#   kernelspec:
#     display_name: manpower (project .venv)
#     language: python
#     name: manpower
# ---

# %% [markdown]
# # Foreign recruitment: citizenship for service

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
from manpower.narrative import end_sentence, md, quote, short_claimant

ch = Chapter.start("foreign", globals())
ds, N = ch.ds, ch.narrator
fr = ds.foreign

# %% [markdown]
# The decree of January 2024 offers Russian citizenship to foreigners who fight. It is the
# latest step in a recruitment drive abroad that Western intelligence had described months before.

# %%
ASPECTS = {"eligibility": "Who is eligible", "minimum_contract": "Minimum service", "family": "Families",
           "dismissal_grounds": "If dismissed"}
terms, terms_more = ch.latest(fr[fr["aspect"].isin(list(ASPECTS))])
if terms.empty:
    ch.nothing("terms of the citizenship decree")
else:
    rows = pd.DataFrame({
        "term": [ASPECTS[a] for a in terms["aspect"]],
        "what": [md(s) + (f": {N.fig(i)}" if pd.notna(v) else "") for s, i, v in zip(terms["subject"], terms["id"], terms["value"])],
        "said": [N.claimant(i) + N.cite(str(sid)) for i, sid in zip(terms["id"], terms["source_id"])],
        "quote": [quote(q) for q in terms["quote"]],
    })
    ch.say("The decree's terms, as the articles report them" + (f" (the {len(terms)} most recent of {len(terms) + terms_more})" if terms_more else "") + ":")
    ch.table(rows, {"term": "Term", "what": "What", "said": "According to", "quote": "In the article's words"},
             caption="Terms of the citizenship-for-service decree", widths=[12, 22, 18, 48])

# %%
targets = fr[fr["aspect"].isin(["target_country", "migrant_pool", "incentive"])]
if targets.empty:
    ch.nothing("figures on target countries, migrant pools or incentives")
else:
    def target(r):
        fig_text = f" — {N.fig(r['id'], bounds=True)}" if pd.notna(r["unit"]) else N.cite(str(r["source_id"]))
        return f"**{md(r['subject'])}** ({N.claimant(r['id'])}, {N.when(r['id'])}){fig_text}: {quote(r['quote'])}"
    ch.listing(targets, target, "Where the recruits are sought:", "entries")

# %% [markdown]
# ## A second mobilisation, postponed
#
# The sources read the decree as part of an effort to avoid announcing a second mobilisation
# before the presidential election.

# %%
motive, _ = ch.latest(fr[fr["aspect"] == "motive"], 3)
ev = ds.events
said = []
for _, r in motive.iterrows():
    said.append(f"**{N.claimant(r['id'])}** ({N.when(r['id'])}): {quote(r['quote'])}{N.cite(str(r['source_id']))}")
for _, r in ch.latest(ev[ev["category"] == "statement"], 3)[0].iterrows():
    said.append(f"**{N.claimant(r['id'])}** ({N.when(r['id'], 'date')}): {quote(r['quote'])}{N.cite(str(r['source_id']))}")
warn = ch.latest(ev[(ev["category"] == "warning") & ev["low"].notna()], 3)[0]
# the election itself: the latest election event dated to the day (not an announcement about it)
election = ev[(ev["category"] == "election") & (ev["date_precision"] == "day")].sort_values("date_start").tail(1)
for _, r in warn.iterrows():
    start = r["date_start"] + pd.DateOffset(months=int(r["low"]))
    end = r["date_end"] + pd.DateOffset(months=int(r["high"]))
    txt = (f"**{N.claimant(r['id'])}** warned in {N.when(r['id'], 'date')} that Ukraine had {N.fig(r['id'])} "
           f"to prepare — a horizon running to between {start:%B %Y} and {end:%B %Y} [derived: warning month + "
           f"{r['low']:g} to {r['high']:g} months; from `{r['id']}`]")
    if len(election) and election.iloc[0]["date_precision"] == "day":
        e = election.iloc[0]
        txt += f", bracketing the election of {N.when(e['id'], 'date')}{N.cite(str(e['source_id']))}"
    said.append(txt)
if said:
    ch.say("\n\n".join(end_sentence(s) for s in said))
else:
    ch.nothing("statements about a second mobilisation")

# %%
pool = fr[fr["aspect"] == "migrant_pool"].dropna(subset=["value"])
signups = F.signup_claims(ds).dropna(subset=["value"])
if len(pool) and len(signups):
    p, s = pool.iloc[-1], signups[signups["qualifier"].isna()].iloc[-1] if signups["qualifier"].isna().any() else signups.iloc[-1]
    loss = F.latest_loss(ds)
    items = [(p, f"{p['subject']}\n({short_claimant(p['claimant'])}, {N.short_when(p['id'])})"),
             (s, f"Contract sign-ups claimed for 2023\n({short_claimant(s['claimant'])})")]
    if loss is not None:
        items.append((loss, f"Killed or wounded\n({short_claimant(loss['claimant'])}, {N.short_when(loss['id'])})"))
    data = pd.DataFrame({"id": [r["id"] for r, _ in items], "label": [l for _, l in items],
                         "value": [float(r["value"]) for r, _ in items]})
    times = F.Derived(round(float(p["value"]) / float(s["value"]), 1), "", f"{p['value']:,.0f} ÷ {s['value']:,.0f}", (str(p["id"]), str(s["id"])))
    ch.say(f"The pool the UK Ministry of Defence points to is large: {N.fig(p['id'])} {md(p['subject'])}, "
           f"about {N.derived(times)} times the contract sign-ups Moscow claims for all of 2023.")
    fig, ax = charts.new_chart(height=2.6)
    charts.bar_compare(ax, data, label="label", value="value", color=[charts.PALETTE["western_estimate"], charts.PALETTE["russia_claim"], charts.PALETTE["neutral"]][: len(data)])
    charts.finish(fig, ax, title=f"The migrant pool is about {times.value:g} times the claimed 2023 sign-ups",
                  source=ch.sources_line(list(data["id"])), xlabel="People")
    ch.chart(fig, "pool", data, "The pool of Central Asian migrants in Russia named as potential recruits, against claimed sign-ups and estimated losses.")
elif len(pool) == 0:
    ch.nothing("figures on the migrant pool")

# %%
ch.end()
