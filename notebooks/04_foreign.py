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
from manpower.notebook import chapter_foreign as FO
from manpower.notebook import charts
from manpower.notebook.overtimechart import claims_note, claims_on_dates
from manpower.analysis.rows import latest_claim_date
from manpower.writing import wording as W
from manpower.writing.disputes import DISPUTE_COLUMNS, DISPUTE_WIDTHS, dispute_caption, dispute_heading, dispute_table
from manpower.notebook.chapter import CHART_LIMIT, Chapter
from manpower.writing.narrative import end_sentence, fmt_date, md

ch = Chapter.start("foreign", globals())
ds, N = ch.ds, ch.narrator
data_as_of = latest_claim_date(ds)

# %%
if FO.is_empty(ds):
    ch.nothing("figures or statements on the recruitment of foreigners")
# each decree or offer keeps its own terms: one table per event the rows name
for n_group, (_, caption, group_terms) in enumerate(FO.terms_groups(ds)):
    terms, terms_more = ch.latest(group_terms)
    first = FO.earliest(terms)
    lead = (f"According to {N.claimant(first['id'], 'the')}, {W.claim_when(first)}{N.dating_note(first)}, foreigners who join "
            f"the Russian forces can obtain Russian citizenship. The terms, as the articles report them") if n_group == 0 else \
        FO.group_lead(caption)
    ch.say(lead + (f" (the {len(terms)} most recent of {len(terms) + terms_more}; all are in {W.FULL_LIST})" if terms_more else "") + ":")
    ch.table(FO.terms_table(N, terms), FO.TERM_COLUMNS, caption=caption, widths=FO.TERM_WIDTHS)

# %%
targets = FO.targets(ds)
if len(targets):
    def target(r):
        fig_text = f" — {FO.target_figure(N, r)}" if FO.has_unit(r) else ""
        q = N.quote(r)
        return (f"**{md(r['subject'])}** ({N.claimant(r['id'])}, {W.claim_when(r)}){fig_text}{N.cite(str(r['source_id']))}"
                f"{N.dating_note(r)}{': ' + q if q else ', in the words quoted above'}")
    listed = ch.listing(targets, target, "Where recruits are sought, as reported:", "entries")

# who named which country or group, and when (an interval-dated claim as a line): only when the list is cut short
if len(targets) and FO.chart_adds(targets, listed):
    tg = FO.target_chart(targets, CHART_LIMIT)
    colours = [charts.PALETTE[k] for k in ("blue", "vermillion", "green", "purple", "orange", "sky", "yellow", "black")]
    fig, ax = charts.new_chart(height=1.0 + 0.35 * len(tg.subjects))
    marks = claims_on_dates(ax, tg.by_claimant, colours)
    ax.set_yticks(range(len(tg.subjects)), tg.subjects)
    ax.invert_yaxis()
    ax.legend(loc="upper left", bbox_to_anchor=(0, -0.12), ncol=min(3, len(tg.by_claimant)), frameon=False, fontsize=7)
    charts.month_axis(ax)
    charts.finish(fig, ax, title=FO.target_title(tg),
                  source=ch.sources_line(list(tg.data["id"])),
                  note=claims_note(marks)
                       + (f" Data as of {fmt_date(data_as_of, data_as_of, 'day')}." if data_as_of is not None else ""))
    ch.chart(fig, "targets", tg.data, "Countries and groups named as targets of Russian recruitment of foreigners, by claimant and the date of the claim.")

# %%
# counts of a country's citizens recruited, killed, captured or sent home, each as what it is
people = FO.people_by_subject(ds)  # by whom they count, a part with its whole
if people:
    ch.say("Counts of foreign citizens recruited, killed, captured or sent home, as the sources report them, by whom they count:")
for subject, rows in people:
    ch.listing(rows, N.listing_item, f"**{md(subject)}**:", "counts")
if len(shares := FO.people_shares(ds)):  # a share of a group the source names: not a count of anyone
    ch.listing(shares, N.listing_item, "Shares the sources give of foreign recruits, each of the group it names, "
               "not a count:", "shares")

# %%
for group in ch.disputed(FO.numbered(ds)):
    table, spread = dispute_table(N, group)
    subject = md(group.iloc[0]["subject"])
    ch.say(f"**{dispute_heading(group, FO.aspect_words(group) + ': ' + subject)}** {spread}")
    ch.table(table, DISPUTE_COLUMNS, caption=dispute_caption(subject, group), widths=DISPUTE_WIDTHS)

# %%
motive, _ = ch.latest(FO.motives(ds), 3)
said = []
for _, r in list(motive.iterrows()) + list(ch.latest(FO.statements(ds), 3)[0].iterrows()):
    said.append(f"**{N.claimant(r['id'])}**, {W.claim_when(r)}: {N.quote(r) or '(quoted above)'}{N.cite(str(r['source_id']))}"
                f"{N.dating_note(r)}")
for _, r in ch.latest(FO.warnings(ds), 3)[0].iterrows():
    h = FO.horizon(ds, r)
    q = N.quote(r)
    txt = (f"**{N.claimant(r['id'])}** said {N.when_dated(r['id'], 'date')} that Ukraine and its partners had {N.fig(r['id'])} "
           f"to prepare{' (' + q + ')' if q else ''} — a horizon ending {N.derived(h.derived, words=h.words())}")
    if h.election is not None:
        txt += f", a span that includes the election of {N.when(h.election['id'], 'date')}{N.cite(str(h.election['source_id']))}"
    said.append(txt)
if said:
    intro = ("The sources link the recruitment of foreigners to avoiding a second mobilisation:"
             if len(motive) else "Statements about a second mobilisation:")
    ch.say("## A second mobilisation?\n\n" + intro + "\n\n" + "\n\n".join(end_sentence(s) for s in said))

# %%
p = FO.pool(ds)
if p is not None:
    known = (" The counts of recruits the sources give are listed above; none is of this pool." if FO.has_recruit_counts(ds) else
             " None of these figures says how many of them have been recruited.")
    q = N.quote(p)
    first = end_sentence(f"The pool {N.claimant(p['id'], 'the')} points to is {N.figure(p)}{N.cite(str(p['source_id']))} "
                         f"{md(p['subject'])} ({W.claim_when(p)}){N.dating_note(p)}"
                         + (f", in its words {q}" if q else ", in the words quoted above"))
    ch.say(f"{first} The figure counts a pool of people, not men of service age and not recruits, and it is the "
           f"claimant's own judgement; it is therefore not set against sign-ups or losses here.{known}")

# %%
ch.end()
