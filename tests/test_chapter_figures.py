"""Every figure printed as what it is, on the seeds plus the invented fixture articles: the chapters'
text and chart data (run in-process, tests/chapter_text.py) never print "n/a", "nan" or half a
person, keep a floor open and an interval's level everywhere, and keep other sides' figures out of
anything about Russian losses. Nothing here counts rows or names a shipped figure."""
import re

import pandas as pd
import pytest

from chapter_text import chapter_texts
from manpower.curated.data import load
from project import build_project


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = build_project(tmp_path_factory.mktemp("corpus") / "proj")
    charts: dict = {}
    texts = chapter_texts(root, {}, tmp_path_factory.mktemp("charts"), charts)
    return load(root / "data", root / "seeds"), texts, charts


def _other_side_ids(ds):
    return {i for name, df in ds.tables.items() if "side" in df.columns
            for i in df.loc[df["side"].notna() & (df["side"].astype(str) != "russian"), "id"]}


@pytest.fixture(scope="module")
def shipped_texts(tmp_path_factory):
    from project import ROOT

    return chapter_texts(ROOT, {}, tmp_path_factory.mktemp("shipped-charts"))


def test_no_text_prints_a_missing_number_or_half_a_person(corpus, shipped_texts):
    _, texts, _ = corpus
    for name, text in [*texts.items(), *(("shipped " + k, v) for k, v in shipped_texts.items())]:
        assert not re.search(r"\bn/a\b|<NA>|\\<NA\\>|\bNaT\b", text), name
        assert not re.search(r"\bnan\b", text, re.IGNORECASE), name
        assert not re.search(r"\d,\d{3}\.\d", text), (name, re.findall(r".{40}\d,\d{3}\.\d.{10}", text))
        assert "read as" not in text, name  # a range is the source's (stated) or our reading (convention)


def _worded(ds, texts, value_or_low, expected):
    """The fixture row stating `value_or_low` reads `expected` in the one wording of a figure, and
    wherever the losses chapter prints it (a listing's cap may leave it to figures.csv when more
    articles are added: the test then checks the wording, never how many figures are listed)."""
    from manpower.analysis.formats import figure

    rows = ds.losses[(ds.losses["value"] == value_or_low) | (ds.losses["value"].isna() & (ds.losses["low"] == value_or_low))]
    assert len(rows), value_or_low
    assert any(figure(r, reading=False) == expected for _, r in rows.iterrows()), \
        [figure(r, reading=False) for _, r in rows.iterrows()]
    number = f"{value_or_low:,.0f}"
    if re.search(rf"\b{number}\b", texts["losses"]):
        # listed ("[…]", with its evidence) or named at a dispute's stated end (plain words): as what it is
        assert expected in texts["losses"].replace("\\", "")


def test_a_range_without_a_qualifier_word_and_a_hedged_range_read_as_ranges(corpus):
    ds, texts, _ = corpus
    _worded(ds, texts, 120000, "120,000 to 140,000")  # no qualifier word: still a range
    _worded(ds, texts, 5000, "around 5,000 to 6,000")  # a hedged range keeps its word and both ends


def test_an_interval_keeps_its_level_and_is_the_sources_everywhere(corpus):
    ds, texts, _ = corpus
    _worded(ds, texts, 47000, "roughly 47,000 (95% interval 40,000–55,000)")
    _worded(ds, texts, 66000, "66,000 to 88,000 (95% interval)")
    assert not re.search(r"47,000 \(our reading", texts["losses"])


def test_a_floor_without_a_qualifier_word_stays_a_floor_in_spreads_and_rates(corpus):
    """Every floor without a qualifier word (a count of named dead) the chapter prints reads "at
    least", and its monthly rate is a floor too, whichever of them a listing's cap keeps."""
    ds, texts, _ = corpus
    losses = texts["losses"]
    floors = ds.losses[(ds.losses["kind"] == "floor") & ds.losses["qualifier"].isna() & ds.losses["value"].notna()]
    printed = 0
    for _, f in floors.iterrows():
        n = f"{f['value']:,.0f}"
        if f"[{n}]" in losses or f"[at least {n}]" in losses:
            printed += 1
            assert f"[{n}]" not in losses, f"{n} printed as exact"
        rates = re.findall(r"'s \[([^\]]+)\]\^\[Derived: at least " + re.escape(n) + r"\b", losses)
        assert all(r.startswith("at least ") and "range" not in r for r in rates), rates
    assert printed  # the fixture corpus prints some
    # a spread over a group holding a floor has no upper bound
    for para in re.findall(r"\*\*\w+ figures for one quantity — killed\.\*\* Spread: [^\n]+", losses):
        section = losses.split(para, 1)[1].split("Spread:", 1)[0]
        if any(f"at least {f['value']:,.0f}" in section for _, f in floors.iterrows()):
            assert "no stated upper bound" in para, para


def test_floors_are_drawn_open_ended_and_the_chart_says_so(corpus):
    _, texts, charts = corpus
    data = charts["losses-estimates"]
    floors = data[data["kind"] == "floor"]
    assert len(floors) and floors["text"].str.startswith("at least").all()
    assert "Arrow: a floor" in texts["losses"]
    for name, df in charts.items():
        if name.startswith("losses-over-time") and (df["kind"] == "floor").any():
            assert "Carets: a floor" in texts["losses"]


def test_a_money_term_is_never_a_head_count(corpus):
    _, texts, _ = corpus
    assert not re.search(r"\[[\d,]+\]\[\^[^\]]+\] signed up —[^\n]*roubles", texts["inflows"])
    assert "2,400,000 roubles a year" in texts["inflows"] or "roubles" not in texts["inflows"]
    summary = texts["summary"]
    assert not re.search(r"says \[[\d,]+\]\[\^[^\]]+\] signed up[^\n]*\n", summary) or \
        "roubles" not in summary


def test_other_sides_never_stand_in_a_russian_chart_table_or_derived_figure(corpus):
    ds, texts, charts = corpus
    others = _other_side_ids(ds)
    assert others, "the fixture corpus has figures for other sides"
    for name, df in charts.items():
        if "id" in df.columns and name.startswith(("losses-", "inflows-", "balance-")):
            assert not (set(df["id"].astype(str)) & others), name
    losses = texts["losses"]
    listed_elsewhere, _, rest = losses.partition("figures for other sides' losses")
    assert rest, "other sides' figures get a list of their own"
    # nothing after that list (tables, shares of the pre-war force, rates) uses them
    after = rest.split("\n\n", 2)[-1]
    for i in others:
        row = ds.row(i)
        assert f"Inputs: `{i}`" not in losses and f"`{i}`." not in after
        assert row["quote"][:30].replace(",", "") not in after.replace(",", "")
    # the summary's point on losses names no other side's figure
    summary = texts["summary"]
    assert "Ukrainian soldiers" not in summary


def test_age_windows_are_paired_within_one_country(corpus):
    from manpower.analysis.figures import age_window

    ds, texts, _ = corpus
    for country in set(ds.conscription["country"].dropna()):
        w = age_window(ds, country)
        if w is not None:
            assert w["before"]["country"] == w["after"]["country"] == country
    conscription = texts["conscription"]
    first = conscription.split("\n\n", 1)[0]
    ukraine = ds.conscription[ds.conscription["country"] == "Ukraine"]
    for _, r in ukraine.iterrows():  # Russia's sentence never holds a Ukrainian window
        assert r["source_id"] not in first


def test_appendix_and_html_evidence_word_each_figure_as_the_lists_do(corpus):
    """Appendix C ("Figures used") and the HTML's evidence on hover print the same words as the
    chapter lists: an interval with its level, a stated range as stated, never "read as"."""
    from manpower.report.appendix import figures_used
    from manpower.writing.evidence import figure_payload

    ds, _, _ = corpus
    appendix = figures_used(ds).plain()
    assert "read as" not in appendix and not re.search(r"\bn/a\b", appendix)
    for i in ds.figures()["id"]:
        row = ds.row(i)
        if row.get("kind") == "interval":
            payload = figure_payload(row, ds.sources)["figure"]
            assert "interval" in payload and "our reading" not in payload, (i, payload)
            assert payload in appendix, (i, payload)
        if row.get("kind") == "floor" and pd.notna(row.get("value")):
            assert figure_payload(row, ds.sources)["figure"].startswith(("at least", "more than", "over", "upwards of",
                                                                         "in excess of", "no fewer than", "no less than")), i


def test_the_balance_chapter_states_its_horizon_from_the_data(corpus):
    _, texts, _ = corpus
    balance = texts["balance"]
    assert "choose a later `horizon_end`" not in balance
    assert re.search(r"The what-if runs to \d+ \w+ \d{4}: (the end of the month )?a year after the latest period end", balance)


def test_flows_and_parts_are_never_drawn_or_compared_as_totals(corpus):
    ds, texts, charts = corpus
    losses = ds.losses.set_index("id")
    drawn = charts["losses-estimates"]["id"]
    assert (losses.loc[drawn, "basis"] == "cumulative").all() and losses.loc[drawn, "part_of"].isna().all()
    flows_or_parts = losses[(losses["basis"] != "cumulative") | losses["part_of"].notna()]
    for line in texts["losses"].split("\n\n"):
        if line.startswith("Set against that base"):
            assert not any(f"`{i}`" in line for i in flows_or_parts.index), line
    point = next(l for l in texts["summary"].splitlines() if l.startswith("- **Losses.**"))
    for _, r in flows_or_parts[flows_or_parts["measure"] == "killed_or_wounded"].iterrows():
        assert r["quote"][:25] not in point
        from manpower.writing.wording import period
        assert period(r) not in point or r["basis"] == "cumulative", (r.name, point)


def test_a_part_says_what_it_is_part_of(corpus):
    ds, texts, _ = corpus
    parts = ds.losses[ds.losses["part_of"].notna()]
    seen = 0
    for line in texts["losses"].splitlines():
        plain = line.replace("\\", "")
        for _, r in parts.iterrows():
            # the part's own line (its figure listed), not its whole's line that may quote the same sentence
            if plain.startswith("- ") and r["quote"] in plain and f": [{r['value']:,.0f}]" in plain:
                seen += 1
                assert "part of " in plain, line
    assert seen  # the fixture corpus lists parts
