"""Issue 18, what the audit (docs/any-article.md) found still open: a dispute table leads with the
latest claim; a part is listed under its whole and a cap never lists a part without its whole; a
target is labelled a target on the rate chart; the chapters read the same from data saved with
CRLF line ends; the README says how long the chapter notebooks are. On the seeds plus the invented
fixture articles; nothing counts shipped rows."""
import csv
import io
import re
from pathlib import Path

import pandas as pd
import pytest

from chapter_text import chapter_texts
from manpower.notebook import chapter_inflows as I
from manpower.analysis.comparisons import disputes
from manpower.analysis.rates import latest_rates
from manpower.writing import wording as W
from manpower.writing.disputes import dispute_table
from manpower.notebook.chapter import Chapter
from manpower.curated.data import examine, load
from project import ROOT, build_project


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = build_project(tmp_path_factory.mktemp("anyarticle") / "proj")
    return root, load(root / "data", root / "seeds")


class _Names:
    """A narrator stand-in: a figure's claimant is its id, so a table's order can be read back."""

    def claimant(self, i, *_):
        return str(i)

    def figure(self, row, **_):
        return str(row["id"])

    def cite(self, _sid):
        return ""


def test_a_dispute_table_leads_with_the_latest_claim(corpus):
    _, ds = corpus
    groups = [g for name in ("losses", "inflows", "foreign") for g in disputes(getattr(ds, name))]
    assert groups  # the fixture corpus has disputed quantities
    for group in groups:
        table, _ = dispute_table(_Names(), group)
        ends = [group.set_index("id").loc[i, "claim_date_end"] for i in table["claimant"]]
        assert ends == sorted(ends, reverse=True), list(table["claimant"])


def _listed(df: pd.DataFrame, limit: int) -> list[str]:
    """The ids Chapter.listing prints for `df` with `limit`, in order (its text only, no notebook)."""
    said: list[str] = []
    shim = type("Shim", (), {"say": lambda self, text: said.append(text)})()
    Chapter.listing(shim, df, lambda r: f"<{r['id']}>", "Intro:", "figures", limit=limit)
    return re.findall(r"^- <([^>]+)>", said[0], flags=re.MULTILINE)


def test_a_part_is_listed_under_its_whole_and_no_cap_hides_the_whole(corpus):
    """Whatever the order of the rows in the CSV and however short the list, a part that is listed
    stands right under its whole (or a sibling part), and its whole is listed."""
    _, ds = corpus
    for name, df in ds.tables.items():
        if "part_of" not in df.columns:
            continue
        parts = df[df["part_of"].notna()]
        for whole_id, kids in parts.groupby("part_of"):
            whole = df[df["id"] == whole_id]
            family = pd.concat([kids.iloc[::-1], whole])  # parts first, as a CSV may hold them
            for limit in (1, len(family)):
                ids = _listed(family, limit)
                assert whole_id in ids, (name, whole_id, ids)
                at = ids.index(whole_id)
                shown = [i for i in ids if i in set(kids["id"])]
                assert ids[at + 1: at + 1 + len(shown)] == shown, (name, ids)


def test_the_losses_chapter_lists_parts_under_their_whole_whatever_the_csv_order(corpus, tmp_path):
    """The same in the chapter's own list, with the part rows moved above their whole in losses.csv
    (a valid file: check does not care about order)."""
    root, ds = corpus
    path = root / "data" / "losses.csv"
    text = path.read_text(encoding="utf-8")
    header, *rows = list(csv.reader(io.StringIO(text, newline="")))
    col = header.index("part_of")
    rows = [r for r in rows if r[col]] + [r for r in rows if not r[col]]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header, *rows])
    moved = tmp_path / "proj"
    import shutil
    shutil.copytree(root, moved)
    (moved / "data" / "losses.csv").write_text(buf.getvalue(), encoding="utf-8")
    assert examine(moved / "data", moved / "seeds").problems == []
    losses = chapter_texts(moved, {}, tmp_path / "charts")["losses"]
    items = [l for l in losses.splitlines() if l.startswith("- ")]
    parts = ds.losses[ds.losses["part_of"].notna()]
    seen = 0
    for _, p in parts.iterrows():
        whole = ds.row(p["part_of"])
        mine = [n for n, l in enumerate(items) if "part of " in l and f": [{W.figure(p, reading=False)}" in l]
        if not mine:
            continue
        seen += 1
        above = items[mine[0] - 1]
        # right above: the whole's own line, or a sibling part of the same whole
        assert f": [{W.figure(whole, reading=False)}" in above or "part of " in above, (items[mine[0]], above)
    assert seen  # the fixture corpus lists parts


def test_a_target_is_never_drawn_as_sign_ups_on_the_rate_chart(corpus):
    """The rate chart is of men claimed to have signed up (review 1, item 23): a forecast or target
    is not drawn in the same style as a count; the chart's note says they are left off."""
    _, ds = corpus
    data, _ = I.rate_chart_rows(ds, 12)
    kinds = {str(i): W.kind_of(ds.row(i)) for i in data["id"]}
    assert not {"target", "forecast"} & set(kinds.values()), kinds
    assert I.expectations_not_drawn(ds) or not ds.inflows["kind"].isin(["target", "forecast"]).any()
    for _, r in data.iterrows():
        assert "(target)" not in r["label"] and "(forecast)" not in r["label"], r["label"]


def test_the_chapters_read_the_same_from_data_saved_with_crlf_line_ends(corpus, tmp_path):
    """check accepts tables saved with Windows line ends; the chapters then say exactly what they
    say from the same tables with LF ends, and chart the same data."""
    import shutil

    root, _ = corpus
    crlf = tmp_path / "crlf"
    shutil.copytree(root, crlf)
    for table in sorted((crlf / "data").glob("*.csv")) + [crlf / "seeds" / "sources.csv"]:
        table.write_bytes(table.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    result = examine(crlf / "data", crlf / "seeds")
    assert result.problems == [] and all(c.unaccounted == () for c in result.coverage)
    charts_lf: dict = {}
    charts_crlf: dict = {}
    lf_texts = chapter_texts(root, {}, tmp_path / "lf-charts", charts_lf)
    crlf_texts = chapter_texts(crlf, {}, tmp_path / "crlf-charts", charts_crlf)
    assert crlf_texts == lf_texts
    assert charts_crlf.keys() == charts_lf.keys()
    for name, df in charts_lf.items():
        pd.testing.assert_frame_equal(charts_crlf[name], df, obj=name)
    for name, body in crlf_texts.items():
        assert "\r" not in body, name


def test_the_readme_says_how_long_the_chapter_notebooks_are():
    """The README's sentence on the notebooks' length is the length of the `.py` twins as they are."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"`01_losses\.py` to `05_balance\.py` run from (\d+) to (\d+) lines\s+each \((\d+) in all", readme)
    assert m, "the README states the chapter notebooks' length"
    lengths = [len(p.read_text(encoding="utf-8").splitlines())
               for p in sorted((ROOT / "notebooks").glob("0[1-5]_*.py"))]
    assert (int(m.group(1)), int(m.group(2)), int(m.group(3))) == (min(lengths), max(lengths), sum(lengths))


def test_the_monthly_rates_under_a_dispute_table_follow_its_order(corpus):
    """The rates a month set out under a dispute table name the claimants in the table's order:
    the latest claim first."""
    _, ds = corpus
    seen = 0
    for group in disputes(ds.losses):
        rates, n = latest_rates(group, "killed", 4)
        ends = [r["claim_date_end"] for r, _ in rates]
        assert ends == sorted(ends, reverse=True) and len(rates) == min(n, 4)
        seen += len(rates) >= 2
    assert seen  # the fixture corpus has disputes with two or more rates


def test_each_terms_table_is_introduced_once_as_reported(corpus, tmp_path):
    """A later decree's or offer's terms table is introduced by its caption, which says once that
    the terms are as the articles report them."""
    root, ds = corpus
    from manpower.notebook import chapter_foreign as FO

    groups = FO.terms_groups(ds)
    assert len(groups) >= 2  # the fixture corpus has a second decree and an offer
    for _, caption, _ in groups:
        assert FO.group_lead(caption).count("report") == 1, FO.group_lead(caption)
    foreign = chapter_texts(root, {}, tmp_path)["foreign"]
    assert not re.search(r"reports? them, as the articles report them", foreign)


def test_foreign_counts_are_grouped_by_whom_they_count_with_their_parts(corpus, tmp_path):
    """Counts of a country's citizens recruited, killed, captured or sent home are printed, grouped
    under the subject of the whole they belong to: the killed of a country's recruits stand with
    its recruits, whatever words their own subject uses, and no group's count is in another's."""
    root, ds = corpus
    from manpower.notebook import chapter_foreign as FO

    groups = FO.people_by_subject(ds)
    assert groups  # the fixture corpus counts recruits, deaths, captures and returns
    ids = [i for _, rows in groups for i in rows["id"]]
    assert sorted(ids) == sorted(FO.people_counts(ds)["id"])  # each count in exactly one group
    for _, rows in groups:
        for w in rows["part_of"].dropna():
            assert w not in set(FO.people_counts(ds)["id"]) or w in set(rows["id"])
    foreign = chapter_texts(root, {}, tmp_path)["foreign"].replace("\\", "")
    blocks = {}
    for subject, rows in groups:
        head = f"**{subject}**:"
        assert head in foreign, head
        blocks[subject] = foreign.split(head, 1)[1].lstrip("\n").split("\n\n", 1)[0]
    for subject, rows in groups:
        for _, r in rows.iterrows():
            if pd.notna(r["value"]):
                assert f"[{W.figure(r, reading=False)}" in blocks[subject], (subject, r["id"])


@pytest.mark.parametrize("months", [3, 13, 23, 40])
def test_a_phone_chart_of_any_span_of_dates_draws_without_a_warning(months, tmp_path):
    """An over-time chart's phone layout over 13 to 23 months (the Harrow article's claims, added to
    the shipped data) made matplotlib warn into the notebook's output, in an order that varied
    between runs, so two renders of the same data differed."""
    import warnings

    import matplotlib.pyplot as plt

    from manpower.notebook import charts

    fig, ax = charts.new_chart()
    days = pd.date_range("2023-11-01", periods=2, freq=pd.DateOffset(months=months))
    ax.plot(days, [1.0, 2.0], "o")
    charts.month_axis(ax)
    charts.finish(fig, ax, title="A title", source="Source: an invented outlet", note="A note.")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        charts.save_chart(fig, f"span-{months}", pd.DataFrame({"x": [1]}), tmp_path, formats=("svg",))
    plt.close("all")
