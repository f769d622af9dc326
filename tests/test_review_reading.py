"""What a sceptical reader of the fixture-corpus report found bent (review 1, items 4, 6-9, 21): a
period another sentence of the article states, a hedge, a peak, a conflict between claimants, a cap
that hides a part or calls later figures "earlier". On the seeds plus the invented fixture
articles, and on any corpus: every check finds its rows in the data, never counts them."""
import pandas as pd
import pytest

from chapter_text import chapter_texts
from manpower.analysis.comparisons import bounds, conflicts, disputes, quantity_key, quantity_keys, spread, stated_ends
from manpower.analysis.figures import loss_rates
from manpower.analysis.rates import article_period, has_rate, is_peak, per_month, period_stated
from manpower.analysis.rows import rows_of, russian, totals
from manpower.curated.data import load
from manpower.writing import wording as W
from manpower.writing.disputes import spread_words
from project import build_project


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = build_project(tmp_path_factory.mktemp("review") / "proj")
    ds = load(root / "data", root / "seeds")
    texts = chapter_texts(root, {}, tmp_path_factory.mktemp("review-charts"))
    return root, ds, {k: v.replace("\\", "") for k, v in texts.items()}


def _bullets(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("- **")]


def _bullet_of(text: str, row) -> str | None:
    """The list item that prints `row`: its claimant in bold and its figure's words."""
    head, fig = f"- **{row['claimant']}**", f"[{W.figure(row)}]"
    hits = [b for b in _bullets(text) if b.startswith(head) and fig in b]
    return hits[0] if hits else None


def test_a_period_another_sentence_of_the_article_states_is_printed_as_the_articles(corpus):
    """Review item 21: '(since the invasion, as above)' is the curator pointing at a period the
    article states elsewhere; the row prints that period, says it is the article's, and never reads
    'with no period stated'. A part takes its whole's period."""
    _, ds, texts = corpus
    seen = 0
    for _, r in ds.losses.iterrows():
        stated = article_period(r, ds.losses)
        if stated is None:
            continue
        line = _bullet_of(texts["losses"], r)
        if line is None:
            continue  # left out by the list's cap (figures.csv holds it)
        seen += 1
        assert W.NO_PERIOD not in line, line
        assert f"{W.period_short(stated)} ({W.FROM_ARTICLE})" in line, line
        whole = str(r.get("part_of") or "") if pd.notna(r.get("part_of")) else ""
        if whole and ds.has(whole) and period_stated(ds.row(whole)) and \
                (ds.row(whole)["period_start"], ds.row(whole)["period_end"]) == (r["period_start"], r["period_end"]):
            assert str(stated["id"]) == whole  # a part takes its whole's period
    assert seen  # the fixture corpus has rows whose period is stated by another sentence



def _listing(df: pd.DataFrame, limit: int) -> tuple[list[str], str]:
    """The ids Chapter.listing prints for `df` with `limit`, in order, and its closing line."""
    import re

    from manpower.notebook.chapter import Chapter

    said: list[str] = []
    shim = type("Shim", (), {"say": lambda self, text: said.append(text)})()
    Chapter.listing(shim, df, lambda r: f"<{r['id']}>", "Intro:", "figures", limit=limit)
    ids = re.findall(r"^- <([^>]+)>", said[0], flags=re.MULTILINE)
    tail = [line for line in said[0].splitlines() if line.startswith("- …and")]
    return ids, tail[0] if tail else ""


def test_a_cap_never_hides_a_part_whose_whole_or_sibling_is_listed(corpus):
    """Review item 4: a list showed 150,000 'regular army, part of 200,000' and hid the 50,000 in
    a private military company. Every part of a listed whole is listed, whatever the cap."""
    _, ds, _ = corpus
    seen = 0
    for name, df in ds.tables.items():
        if "part_of" not in df.columns or df["part_of"].isna().all():
            continue
        for limit in (1, 3, 6, 12):
            listed = set(_listing(df, limit)[0])
            for _, r in df[df["part_of"].notna()].iterrows():
                if str(r["part_of"]) in listed:
                    seen += 1
                    assert str(r["id"]) in listed, (name, r["id"], limit)
    assert seen  # the fixture corpus lists breakdowns


@pytest.mark.parametrize("limit", [1, 3, 6, 12])
def test_a_list_calls_the_figures_it_leaves_out_earlier_only_when_they_are(corpus, limit):
    """Review item 4: '…and 5 earlier figures' hid August 2024 figures while November 2023 ones
    were listed. 'Earlier' only when every figure left out was claimed before every one listed."""
    _, ds, _ = corpus
    seen = 0
    for name in ("losses", "inflows", "foreign", "conscription"):
        df = ds.tables[name]
        ids, tail = _listing(df, limit)
        left = df[~df["id"].astype(str).isin(ids)]
        if left.empty:
            assert not tail
            continue
        seen += 1
        assert tail.startswith(f"- …and {len(left):,} "), tail
        shown = df[df["id"].astype(str).isin(ids)]
        if " earlier " in tail:
            assert left["claim_date_end"].max() < shown["claim_date_start"].min(), (name, limit, tail)
        else:
            assert "claimed " in tail, tail  # the dates of what is left out
    assert seen


def test_a_gap_about_a_figure_prints_the_figure(corpus):
    """Review item 4: 'Only Ukrainian general staff gives a figure for Russian troops captured',
    and the figure was printed nowhere. A gap names the figures it is about (the latest ones)."""
    from manpower.writing import gaps as G

    _, ds, texts = corpus
    found = G.interested_only(ds)
    assert found  # the fixture corpus has quantities only an interested party gives
    for gap in found:
        rows = pd.DataFrame([ds.row(i) for i in gap.ids]).sort_values("claim_date_end", ascending=False)
        for _, r in rows.head(G.GAP_FIGURES).iterrows():
            assert W.figure(r, reading=False) in gap.text, (gap.text, r["id"])
    summary = texts["summary"]
    for gap in found:  # and the summary prints the sentence with them
        assert W.figure(ds.row(gap.ids[0]), reading=False) in summary or gap.text.split(" (")[0] not in summary


def test_a_hedged_figure_keeps_its_hedge_in_the_chapters(corpus):
    """Review item 8: 'likely surpasses 20,000' (kind hedged, hedge 'likely') was printed 'at least
    20,000 (“surpasses”)', the claimant's doubt dropped. Every hedged figure printed in a chapter
    carries its hedge word."""
    from manpower.analysis.formats import HEDGE_WORDS

    _, ds, texts = corpus
    everything = "\n".join(texts.values())
    seen = 0
    for name in ("losses", "inflows", "conscription", "foreign"):
        for _, r in ds.tables[name].iterrows():
            h = str(r.get("hedge") or "").lower() if pd.notna(r.get("hedge")) else ""
            if str(r.get("kind")) != "hedged" or h not in HEDGE_WORDS:
                continue
            fig = W.figure(r)
            assert fig.lower().startswith(h), (r["id"], fig)
            if f"[{fig}]" in everything:
                seen += 1
    assert seen  # the fixture corpus prints a hedged figure


@pytest.mark.parametrize("qualifier", ["", "surpasses", "surpassed", "more than", "at least", "about", "roughly"])
@pytest.mark.parametrize("hedge", ["likely", "probably", "may", "could", "believed"])
def test_any_hedged_figure_reads_with_its_hedge(qualifier, hedge):
    """For any qualifier a hedged claim can carry, its words lead with the hedge, once."""
    from manpower.vocabulary.qualifiers import FLOOR_WORDS

    floor = qualifier in FLOOR_WORDS
    row = pd.Series({"id": "x", "kind": "hedged", "hedge": hedge, "qualifier": qualifier or pd.NA,
                     "value": 20000.0, "low": 20000.0 if floor else 19000.0, "high": pd.NA if floor else 21000.0,
                     "unit": "people", "bounds": "convention"})
    text = W.figure(row)
    assert text.lower().startswith(hedge + " "), text
    assert text.lower().count(hedge) == (2 if qualifier in ("surpasses", "surpassed") else 1), text
    if floor:
        assert "more than" in text or "at least" in text, text


def test_a_peak_rate_is_printed_as_a_peak_and_never_made_a_months_rate(corpus):
    """Review item 9: 'On the worst days of November, at least 40 a day deserted' was printed as
    'at least 40 a day deserted (a rate) in November 2024'. A rate whose own period words say it
    held on some days only keeps those words, is called a peak, and is never spread to a month."""
    from manpower.vocabulary.schema import RATE_UNITS

    _, ds, texts = corpus
    seen = 0
    for name in ("losses", "inflows", "foreign"):
        for _, r in ds.tables[name].iterrows():
            if str(r.get("unit")) not in RATE_UNITS or not is_peak(r):
                continue
            assert per_month(r) is None and not has_rate(r), r["id"]
            line = _bullet_of(texts[name], r)
            if line is None:
                continue
            seen += 1
            assert "a peak" in line and str(r["period_words"]) in line and "(a rate)" not in line, line
    assert seen  # the fixture corpus prints a peak rate


@pytest.mark.parametrize("words,peak", [("On the worst days of November", True), ("at its peak in May", True),
                                        ("on some days in June", True), ("in November", False),
                                        ("every day last month", False)])
def test_only_the_words_of_a_peak_make_a_rate_a_peak(words, peak):
    row = pd.Series({"id": "x", "kind": "floor", "qualifier": "at least", "value": 40.0, "low": 40.0,
                     "high": pd.NA, "unit": "people_per_day", "period_words": words, "basis": "flow",
                     "period_start": pd.Timestamp("2024-11-01"), "period_end": pd.Timestamp("2024-11-30")})
    assert is_peak(row) is peak
    assert (per_month(row) is None) is peak
    assert ("a peak" in W.period_short(row)) is peak


def _dispute_texts(texts: dict) -> list[str]:
    """Every spread the chapters print: a table's 'Spread:' sentence or a summary line's 'spread'."""
    out = []
    for text in texts.values():
        for line in text.splitlines():
            if "Spread: " in line or "; spread " in line:
                out.append(line)
    return out


def test_a_conflict_between_claimants_is_stated_with_each_side(corpus):
    """Review item 6: UK MoD's 'tens of thousands' deserted (January 2024) and Riverland's
    'around 5,000 to 6,000' (September 2024) cannot both be right, yet only 'spread 5,000 to 99,999'
    was printed. Every disputed quantity with figures that conflict (findings.conflicts) states
    the conflict with each side's figure and claimant."""
    _, ds, texts = corpus
    lines = _dispute_texts(texts)
    seen = 0
    for name in ("losses", "inflows", "foreign"):
        for group in disputes(ds.tables[name]):
            pairs = conflicts(group)
            if not pairs:
                continue
            high, low = pairs[0]
            mine = [l for l in lines if f"{low['claimant']}'s {W.figure(low, reading=False)}" in l]
            if not mine:
                continue  # a quantity beyond the summary lines (figures.csv holds it)
            seen += 1
            assert any("The claims conflict" in l and f"{high['claimant']}'s {W.figure(high, reading=False)}" in l
                       for l in mine), mine
    assert seen  # the fixture corpus has conflicting claims
    assert "The claims conflict" in texts["losses"].split("Desertion is a different loss", 1)[1].split("\n")[0]


def test_a_running_total_claimed_later_and_lower_conflicts_and_overlapping_figures_do_not():
    """A cumulative total cannot shrink: a later total below an earlier one's lowest bound is a
    conflict; two figures that overlap, or one claimant's own figures, are not."""
    T = pd.Timestamp

    def row(i, claimant, value, low, high, end):
        return {"id": i, "claimant": claimant, "value": value, "low": low, "high": high, "qualifier": pd.NA,
                "kind": "estimate", "basis": "cumulative", "unit": "people", "period_start": T("2022-02-01"),
                "period_end": T(end), "claim_date_start": T(end), "claim_date_end": T(end)}

    early = row("a", "A", 300000.0, 290000.0, 310000.0, "2023-11-30")
    later_low = row("b", "B", 200000.0, 190000.0, 210000.0, "2024-04-30")
    later_high = row("c", "C", 320000.0, 315000.0, 325000.0, "2024-04-30")
    own = row("d", "A", 100000.0, 100000.0, 100000.0, "2024-06-30")
    pairs = conflicts(pd.DataFrame([early, later_low, later_high, own]))
    got = {(a["id"], b["id"]) for a, b in pairs}
    assert ("a", "b") in got and ("c", "b") in got
    assert not any("d" in p and "a" in p for p in got)  # one claimant's own figures
    assert ("a", "c") not in got and ("c", "a") not in got  # higher later: a total that grew


def test_a_spread_names_the_stated_figures_at_its_ends_and_says_when_a_bound_is_our_reading(corpus):
    """Review items 7 and 16: 'Spread: no stated lower bound to 5,000' for a ministry's count of
    3,000 against an opposition lawmaker's 'as many as 5,000'; 'Spread: 286,900 to 317,100' whose
    ends are our ±5% reading of 'approximately'. A spread whose ends are not the stated figures
    names them with their claimants, and says which bounds are our reading."""
    _, ds, texts = corpus
    lines = _dispute_texts(texts)
    seen = 0
    for name in ("losses", "inflows", "foreign"):
        for group in disputes(ds.tables[name]):
            ends = stated_ends(group)
            if ends is None:
                continue
            lo, hi = ends
            lo_w, hi_w = spread_words(group)
            if (W.figure(lo, reading=False), W.figure(hi, reading=False)) == (lo_w, hi_w):
                continue
            want = f"from {W.figure(lo, reading=False)} ({lo['claimant']}) to {W.figure(hi, reading=False)} ({hi['claimant']})"
            mine = [l for l in lines if f"{lo_w} to {hi_w}" in l]
            if not mine:
                continue
            seen += 1
            assert any(want in l for l in mine), (want, mine)
            ours = [r for r in rows_of(group) if str(r.get("bounds")) == "convention" and pd.notna(r.get("qualifier"))
                    and all(abs(b) != float("inf") for b in bounds(r))
                    and any(b == e and b != r.get("value") for b, e in zip(bounds(r), spread(group)))]
            if ours:
                assert any(want in l and "our reading of" in l for l in mine), mine
    assert seen


def test_one_quantity_keys_a_flows_period_and_reads_a_channels_own_scope_as_its_whole(corpus):
    """Review item 5: 'Every figure for Russian signed up' set a 2023 forecast beside a 2024
    target as one quantity and left out the 2023 count of sign-ups (scope 'volunteers', class
    'contract': the class the channel counts anyway). Every comparison of flows holds one period,
    and a count whose scope is its channel's own class meets the figures that name no scope."""
    _, ds, _ = corpus
    seen = 0
    for name in ("losses", "inflows", "foreign", "conscription"):
        df = ds.tables[name]
        assert quantity_keys(df) == [quantity_key(r) for _, r in df.iterrows()]
        for group in disputes(df):
            if (group["basis"].astype(str) == "flow").all():
                seen += 1
                assert group["period_start"].nunique() == 1 and group["period_end"].nunique() == 1, group["id"].tolist()
    assert seen  # the fixture corpus compares flows
    T = pd.Timestamp
    base = {"channel": "contract_signups", "side": "russian", "unit": "people", "basis": "flow",
            "period_start": T("2023-01-01"), "period_end": T("2023-12-31")}
    count = {**base, "scope": "volunteers", "scope_class": "contract", "kind": "count"}
    forecast = {**base, "kind": "forecast"}
    target = {**base, "kind": "target", "period_start": T("2024-01-01"), "period_end": T("2024-12-31")}
    assert quantity_key(count) == quantity_key(forecast) != quantity_key(target)
    officers = {**count, "scope": "officers", "scope_class": "officers"}
    assert quantity_key(officers) != quantity_key(forecast)  # another class stays apart
    totals = [{**base, "basis": "cumulative", "period_end": T(e)} for e in ("2023-11-30", "2024-04-30")]
    assert quantity_key(totals[0]) == quantity_key(totals[1])  # running totals at two dates are compared


def test_a_share_of_foreign_recruits_is_never_listed_as_a_count_by_nationality(corpus):
    """Review item 20: '40% recruited (Surveyed recruits without military experience)' stood under
    the counts by nationality. A share is listed as a share of the group it names, never as a count."""
    from manpower.notebook import chapter_foreign as FO
    from manpower.vocabulary.schema import SHARE_UNITS

    _, ds, texts = corpus
    counts = FO.people_counts(ds)
    assert not counts["unit"].astype(str).isin(list(SHARE_UNITS)).any()
    shares = FO.people_shares(ds)
    assert len(shares)  # the fixture corpus gives a share of foreign recruits
    foreign = texts["foreign"]
    counts_part = foreign.split("Counts of foreign citizens", 1)[1].split("Shares the sources give", 1)[0]
    for _, r in shares.iterrows():
        assert f"[{W.figure(r)}]" not in counts_part
        line = _bullet_of(foreign, r)
        assert line is not None and "a share, not a count" in line and " recruited (" not in line, line


def test_the_what_if_names_each_claimants_loss_rate_and_the_side_it_takes_on_desertion(corpus):
    """Review items 3 and 6: the what-if printed '14,800 (range 13,500–15,700)', one claimant's
    point in a range made of another's, and used one claimant's desertion figure of several without
    saying so. Its basis table names each claimant's rate, marks the value a choice, and says whose
    desertion figure it uses and whose it does not."""
    from manpower.analysis import balance
    from manpower.notebook.chapter_balance import RATES_NAMED
    from manpower.writing.narrative import derived_words

    _, ds, texts = corpus
    text = texts["balance"]
    lr = loss_rates(ds)
    assert len(lr) >= 2  # the fixture corpus has several loss estimates
    row = next(line for line in text.splitlines() if line.startswith("| Killed or wounded a month"))
    assert "Choice:" in row, row
    for r in lr.iloc[::-1].head(RATES_NAMED).to_dict("records"):
        assert f"{r['claimant']}, {W.claim_when(r)}: {derived_words(r['derived'])}" in row, (r["claimant"], row)
    d = balance.desertion_rate(ds)
    assert d is not None
    used = ds.row(d.inputs[0])
    others = totals(russian(ds.losses))
    others = others[(others["measure"] == "deserted") & (others["unit"].astype(str) == "people")
                    & (others["claimant"] != used["claimant"])]
    assert len(others)  # the fixture corpus has desertion figures from several claimants
    row = next(line for line in text.splitlines() if line.startswith("| Range of desertion a month"))
    assert f"{used['claimant']}'s is used" in row, row
    for _, o in others.iterrows():
        assert str(o["claimant"]) in row, row
