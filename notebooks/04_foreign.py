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
from manpower.narrative import end_sentence, fmt_date, md, quote

ch = Chapter.start("foreign", globals())
ds, N = ch.ds, ch.narrator
fr = ds.foreign
data_as_of = F.latest_claim_date(ds)

# %%
ASPECTS = {"eligibility": "Who is eligible", "minimum_contract": "Minimum service", "family": "Families",
           "dismissal_grounds": "If dismissed"}
if fr.empty and ds.events.empty:
    ch.nothing("figures or statements on the recruitment of foreigners")
# each decree or offer keeps its own terms: one table per event the rows name (F.terms_by_event)
for n_group, (_, caption, group_terms) in enumerate(F.terms_by_event(fr[fr["aspect"].isin(list(ASPECTS))], ds.events)):
    terms, terms_more = ch.latest(group_terms)
    first = terms.sort_values("claim_date_end").iloc[0]
    lead = (f"According to {N.claimant(first['id'], 'the')}, {W.claim_when(first)}{N.dating_note(first)}, foreigners who join "
            f"the Russian forces can obtain Russian citizenship. The terms, as the articles report them") if n_group == 0 else \
        f"{caption}, as the articles report them"
    ch.say(lead + (f" (the {len(terms)} most recent of {len(terms) + terms_more}; all are in {W.FULL_LIST})" if terms_more else "") + ":")
    rows = pd.DataFrame({
        "term": [ASPECTS[a] for a in terms["aspect"]],
        "what": [md(s) + (f": {N.fig(i)}" if pd.notna(v) else "") for s, i, v in zip(terms["subject"], terms["id"], terms["value"])],
        "said": [N.claimant(i) + N.cite(str(sid)) for i, sid in zip(terms["id"], terms["source_id"])],
        "quote": [N.quote(r) or "(quoted above)" for _, r in terms.iterrows()],
    })
    ch.table(rows, {"term": "Term", "what": "What", "said": "According to", "quote": "In the article's words"},
             caption=caption, widths=[12, 22, 18, 48])

# %%
targets = fr[fr["aspect"].isin(["target_country", "migrant_pool", "incentive"])]
if len(targets):
    def target(r):
        fig_text = f" — {N.figure(r)}" if pd.notna(r["unit"]) else ""
        q = N.quote(r)
        return (f"**{md(r['subject'])}** ({N.claimant(r['id'])}, {W.claim_when(r)}){fig_text}{N.cite(str(r['source_id']))}"
                f"{N.dating_note(r)}{': ' + q if q else ', in the words quoted above'}")
    ch.listing(targets, target, "Where recruits are sought, as reported:", "entries")

    # who named which country or group, and when they said it (an interval-dated claim as a line)
    data = pd.DataFrame({"id": targets["id"], "subject": targets["subject"].astype(str), "claimant": targets["claimant"].astype(str),
                         "said_start": targets["claim_date_start"], "said_end": targets["claim_date_end"],
                         "precision": targets["claim_date_precision"].astype(str)})
    subjects = list(dict.fromkeys(data.sort_values("said_end")["subject"]))[-CHART_LIMIT:]
    data = data[data["subject"].isin(subjects)]
    who = list(dict.fromkeys(data["claimant"]))
    colours = [charts.PALETTE[k] for k in ("blue", "vermillion", "green", "purple", "orange", "sky", "yellow", "black")]
    fig, ax = charts.new_chart(height=1.0 + 0.35 * len(subjects))
    for c, name in enumerate(who):
        rows = data[data["claimant"] == name]
        y = [subjects.index(x) for x in rows["subject"]]
        mid = rows["said_start"] + (rows["said_end"] - rows["said_start"]) / 2
        ax.hlines(y, rows["said_start"], rows["said_end"], color=colours[c % len(colours)], lw=2, alpha=0.5)
        ax.plot(mid, y, "o", color=colours[c % len(colours)], ms=6, label=name, ls="none")
    ax.set_yticks(range(len(subjects)), subjects)
    ax.invert_yaxis()
    ax.legend(loc="upper left", bbox_to_anchor=(0, -0.12), ncol=min(3, len(who)), frameon=False, fontsize=7)
    charts.month_axis(ax)
    first, last = data["said_start"].min(), data["said_end"].max()
    charts.finish(fig, ax, title=f"{len(subjects)} countries or groups named in reporting on recruitment abroad, "
                               f"{first:%b %Y} to {last:%b %Y}",
                  source=ch.sources_line(list(data["id"])),
                  note="Dot: when the claimant said it (a line where only an interval is known)."
                       + (f" Data as of {fmt_date(data_as_of, data_as_of, 'day')}." if data_as_of is not None else ""))
    ch.chart(fig, "targets", data, "Countries and groups named as targets of Russian recruitment abroad, by claimant and the date of the claim.")

# %%
# counts of a country's citizens recruited, killed, captured or sent home, each as what it is
people = fr[fr["aspect"].astype(str).isin(list(W.ASPECT_WORDS))]
if len(people):
    ch.listing(people, N.listing_item, "Counts of foreign citizens recruited, killed, captured or sent home, as the "
               "sources report them:", "counts")

# %%
numbered = fr[fr["value"].notna() | fr["low"].notna() | fr["high"].notna()]
for group in ch.disputed(numbered):
    table, spread = W.dispute_table(N, group)
    subject = md(group.iloc[0]["subject"])
    ch.say(f"**{len(group)} figures for one quantity ({md(str(group.iloc[0]['aspect']).replace('_', ' '))}: {subject}).** {spread}")
    ch.table(table, W.DISPUTE_COLUMNS, caption=W.dispute_caption(subject, group), widths=W.DISPUTE_WIDTHS)

# %%
motive, _ = ch.latest(fr[fr["aspect"] == "motive"], 3)
ev = ds.events
said = []
for _, r in motive.iterrows():
    said.append(f"**{N.claimant(r['id'])}**, {W.claim_when(r)}: {N.quote(r) or '(quoted above)'}{N.cite(str(r['source_id']))}"
                f"{N.dating_note(r)}")
for _, r in ch.latest(ev[ev["category"] == "statement"], 3)[0].iterrows():
    said.append(f"**{N.claimant(r['id'])}**, {W.claim_when(r)}: {N.quote(r) or '(quoted above)'}{N.cite(str(r['source_id']))}"
                f"{N.dating_note(r)}")
warn = ch.latest(ev[(ev["category"] == "warning") & ev["low"].notna()], 3)[0]
election = ev[(ev["category"] == "election") & (ev["date_precision"] == "day")].sort_values("date_start").tail(1)
for _, r in warn.iterrows():
    start = r["date_start"] + pd.DateOffset(months=int(r["low"]))
    end = r["date_end"] + pd.DateOffset(months=int(r["high"]))
    q = N.quote(r)
    txt = (f"**{N.claimant(r['id'])}** said {N.when_dated(r['id'], 'date')} that Ukraine and its partners had {N.fig(r['id'])} "
           f"to prepare{' (' + q + ')' if q else ''} — a horizon ending between {start:%B %Y} and {end:%B %Y}"
           f"^[Derived: the month of the warning plus {r['low']:g} to {r['high']:g} months. Input: {N.input_words([r['id']])}.]")
    if len(election):
        e = election.iloc[0]
        if start <= e["date_start"] <= end + pd.offsets.MonthEnd(0):
            txt += f", a span that includes the election of {N.when(e['id'], 'date')}{N.cite(str(e['source_id']))}"
    said.append(txt)
if said:
    intro = ("The sources link the recruitment of foreigners to avoiding a second mobilisation:"
             if len(motive) else "Statements about a second mobilisation:")
    ch.say("## A second mobilisation?\n\n" + intro + "\n\n" + "\n\n".join(end_sentence(s) for s in said))

# %%
pool = fr[fr["aspect"] == "migrant_pool"].dropna(subset=["value"])
if len(pool):
    p = pool.iloc[-1]
    recruited = fr[fr["aspect"].astype(str).isin(["recruited"])] if "aspect" in fr.columns else fr.iloc[:0]
    known = (" The counts of recruits the sources give are listed above; none is of this pool." if len(recruited) else
             " None of these figures says how many of them have been recruited.")
    q = N.quote(p)
    first = end_sentence(f"The pool {N.claimant(p['id'], 'the')} points to is {N.figure(p)}{N.cite(str(p['source_id']))} "
                         f"{md(p['subject'])} ({W.claim_when(p)}){N.dating_note(p)}"
                         + (f", in its words {q}" if q else ", in the words quoted above"))
    ch.say(f"{first} The figure counts a pool of people, not men of service age and not recruits, and it is the "
           f"claimant's own judgement; it is therefore not set against sign-ups or losses here.{known}")

# %%
ch.end()
