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
import pandas as pd

from manpower import charts
from manpower import findings as F
from manpower import wording as W
from manpower.chapter import CHART_LIMIT, Chapter
from manpower.narrative import fmt_date, fmt_number

ch = Chapter.start("inflows", globals())
ds, N = ch.ds, ch.narrator
data_as_of = F.latest_claim_date(ds)

# %%
ru = ds.inflows[ds.inflows["country"] == "Russia"].sort_values("claim_date_end")
if ru.empty:
    ch.nothing("figures on Russian mobilisation or recruitment")
else:
    channels = [W.MEASURE_WORDS.get(c, c) for c in dict.fromkeys(ru["channel"].astype(str))]
    ch.say("Losses are only half of the balance. The figures on how Russia brings soldiers in concern: "
           + "; ".join(channels) + ".")
    ch.listing(ru, N.listing_item, f"What is claimed {ch.as_of_words}:", "claims")

# %%
for group in ch.disputed(ru):
    table, spread = W.dispute_table(N, group)
    what = W.MEASURE_WORDS.get(str(group.iloc[0]["channel"]), "")
    ch.say(f"**{len(group)} figures for one quantity ({what}).** {spread}")
    ch.table(table, W.DISPUTE_COLUMNS, caption=W.dispute_caption(f"Russian {what}", group), widths=W.DISPUTE_WIDTHS)
    # pairwise, among the rows the table shows: each figure against the one claimed before it, for the same period
    shown = W.dispute_rows(group)
    for i in range(1, len(shown)):
        a, b = shown.iloc[i - 1], shown.iloc[i]
        if F.reference_period(a) != F.reference_period(b):
            continue
        g = F.gap(a, b)
        verdict = F.compare(a, b)["verdict"]
        kinds = f"{W.LABEL[W.kind_of(a)]} and {W.LABEL[W.kind_of(b)]}"
        ch.say(f"For the same period, {N.claimant(a['id'], 'the')}'s {N.figure(a, reading=False)} and "
               f"{N.claimant(b['id'], 'the')}'s {N.figure(b, reading=False)} ({kinds}) {verdict} within the bounds "
               f"their wording implies: the gap is {fmt_number(g.low, 'people') + ' to ' + fmt_number(g.high, 'people') if g.high is not None else 'at least ' + fmt_number(g.low, 'people') + ', with no upper bound'}"
               f"^[Derived: {g.formula}. Basis: {g.basis}.]. "
               + ("Two statements from the same kind of claimant agreeing is not verification"
                  if str(a["claimant_type"]) == str(b["claimant_type"]) else
                  "Figures agreeing within their wording's bounds is not verification")
               + ", and a sign-up figure may include soldiers re-signing or converted from mobilised status.")

# %%
rate, loss = F.monthly_signup_rate(ds), F.monthly_loss_rate(ds)
if rate is not None and loss is not None:
    verb = F.rate_verb(rate, loss)
    ch.say(
        f"Claimed sign-ups over their periods and loss totals since the invasion cover different periods; converted to an "
        f"average month from the exact days each covers, the claims mean about {N.derived(rate)} sign-ups a month "
        f"and the loss estimates about {N.derived(loss)} killed or wounded a month. Taken at face value, claimed "
        f"sign-ups {verb} losses a month; the balance chapter asks what that depends on."
    )
elif rate is not None or loss is not None:
    ch.say("Only one of a sign-up rate and a loss rate can be computed from these figures, so the two are not compared here.")

# %%
ua, _ = ch.latest(ds.inflows[ds.inflows["country"] == "Ukraine"], 3)
for _, r in ua.iterrows():
    plan = " — a plan, not a count" if W.is_expectation(r) or str(r["channel"]).startswith("planned") else ""
    ch.say(f"Ukraine faces the same arithmetic: {N.claim_line(r)}{plan}.")

# %%
rows = []
if rate is not None:
    sig = F.signup_claims(ds)
    for _, r in sig.tail(CHART_LIMIT // 2).iterrows():
        d = F.per_month(r, "sign-ups")
        if d is None:
            continue
        kind = "forecast" if W.is_expectation(r) else "claimed"
        rows.append({"id": r["id"], "label": f"{r['claimant']}: sign-ups ({kind})\n{W.short_period(r)}",
                     "kind": "inflow", "value": d.value, "low": d.low, "high": d.high, "qualifier": ""})
lr = F.loss_rates(ds)
for _, r in (lr.tail(CHART_LIMIT // 2) if len(lr) else lr).iterrows():
    rows.append({"id": r["id"], "label": f"{r['claimant']}: killed or wounded\n{W.short_period(r)}",
                 "kind": "loss", "value": r["rate"], "low": r["rate_low"], "high": r["rate_high"],
                 "qualifier": ""})
if rows and rate is not None and loss is not None:
    data = pd.DataFrame(rows)
    title = F.rate_comparison_title(rate, loss)
    colors = [charts.PALETTE["russia_claim"] if k == "inflow" else charts.PALETTE["western_estimate"] for k in data["kind"]]
    fig, ax = charts.new_chart(height=1.2 + 0.5 * len(data))
    charts.range_chart(ax, data, label="label", value="value", low="low", high="high", qualifier="qualifier", color=colors)
    mob = ru[ru["channel"] == "partial_mobilisation"]
    charts.finish(fig, ax, title=title, source=ch.sources_line(list(data["id"])), xlabel="People a month (average month of 30.44 days)",
                  note="Each figure divided by the exact days of the period it covers; bars: the range from the period's "
                       "bounds and the qualifier's reading."
                       + (" " + charts.OPEN_NOTE if (data["low"].isna() | data["high"].isna()).any() else "")
                       + (" The one-off partial mobilisation is not a rate and is not drawn." if len(mob) else "")
                       + (f" The {min(len(lr), CHART_LIMIT // 2)} most recent of {len(lr)} loss estimates; all are in {W.FULL_LIST}."
                          if len(lr) > CHART_LIMIT // 2 else "")
                       + (f" Data as of {fmt_date(data_as_of, data_as_of, 'day')}." if data_as_of is not None else ""))
    ch.chart(fig, "intake-vs-losses", data, "Claimed Russian contract sign-ups a month set against estimated killed and wounded a month, each from the days of its period.")

# %%
ch.end()
