"""Chart helpers: timeline labels never overlap, whatever the crowding."""
import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

from manpower.notebook import charts  # noqa: E402
from manpower.notebook.overtimechart import estimates_over_time  # noqa: E402
from manpower.notebook.rangechart import range_chart  # noqa: E402
from manpower.notebook.timelinechart import BAR_MARK, MARKER_PT, spread_labels, timeline_chart  # noqa: E402


def test_labels_with_room_stay_where_they_want_to_be():
    assert spread_labels([0.2, 0.5, 0.8], [0.1, 0.1, 0.1], pad=0) == pytest.approx([0.2, 0.5, 0.8])


def test_crowded_labels_are_pushed_apart_symmetrically_and_kept_inside():
    xs = spread_labels([0.5, 0.5, 0.5], [0.2, 0.2, 0.2], pad=0)
    assert xs == pytest.approx([0.3, 0.5, 0.7])
    xs = spread_labels([0.95, 0.97, 0.99], [0.2, 0.2, 0.2], pad=0)
    assert xs == pytest.approx([0.5, 0.7, 0.9])  # the last one ends at the right edge


def _boxes_overlap(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


@pytest.mark.parametrize("n", [3, 10, 14])  # the summary draws up to 14
def test_timeline_labels_do_not_overlap_even_when_all_events_fall_in_one_month(n):
    days = pd.date_range("2023-11-01", periods=n, freq="2D")
    ev = pd.DataFrame({"s": days, "e": days, "label": [f"event number {i} with a longish label" for i in range(n)],
                       "cat": ["statement"] * n})
    fig, ax = charts.new_chart(height=4.2)
    timeline_chart(ax, ev, date_start="s", date_end="e", label="label", category="cat",
                   start="2022-09-01", end="2024-03-31")
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(r) for t in ax.texts]
    assert len(boxes) == n
    for i in range(n):
        for j in range(i + 1, n):
            assert not _boxes_overlap(boxes[i], boxes[j]), (ax.texts[i].get_text(), ax.texts[j].get_text())
    ax_box = ax.get_window_extent(r)
    assert all(b.x0 >= ax_box.x0 - 1 and b.x1 <= ax_box.x1 + 1 for b in boxes)


def test_estimates_over_time_draws_one_series_per_claimant_and_refuses_mixed_measures():
    import matplotlib.pyplot as plt
    import pandas as pd
    import pytest

    from manpower.notebook import charts

    rows = pd.DataFrame({  # invented: three claimants, several dates, stated and convention bounds
        "claimant": ["A", "B", "A", "C", "B", "A"],
        "claim_date_end": ["2023-01-31", "2023-03-15", "2023-06-30", "2023-07-01", "2023-09-30", "2024-01-04"],
        "value": [100.0, 150.0, 200.0, 120.0, 260.0, 300.0],
        "low": [90.0, 140.0, 180.0, None, 250.0, 285.0],
        "high": [110.0, 160.0, 220.0, None, 270.0, 315.0],
        "bounds": ["stated", "convention", "stated", "", "convention", "convention"],
        "measure": ["killed"] * 6,
    })
    fig, ax = charts.new_chart()
    used = estimates_over_time(ax, rows)
    assert list(used) == ["A", "B", "C"] and len(set(used.values())) == 3
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["A", "B", "C"]
    bars = ax.collections  # one interval per row with distinct bounds: 5, convention ones lighter
    assert len(bars) == 5
    alphas = sorted(b.get_alpha() for b in bars)
    assert alphas[0] < alphas[-1]
    plt.close(fig)
    mixed = rows.assign(measure=["killed", "killed_or_wounded"] * 3)
    fig, ax = charts.new_chart()
    with pytest.raises(ValueError, match="one measure per chart"):
        estimates_over_time(ax, mixed)
    plt.close(fig)
    assert charts.data_as_of_line("Source: X", rows["claim_date_end"]) == "Source: X. Data as of 4 January 2024."


def test_a_chart_csv_writes_whole_numbers_as_integers_and_keeps_fractions(tmp_path):
    import matplotlib.pyplot as plt

    data = pd.DataFrame({"value": [315000.0, float("nan"), 42.0], "share": [0.5, 0.25, float("nan")],
                         "label": ["a", "b", "c"]})
    fig, _ = plt.subplots()
    paths = charts.save_chart(fig, "t", data, tmp_path, formats=("svg",))
    lines = paths["csv"].read_text().splitlines()
    assert lines == ["value,share,label", "315000,0.5,a", ",0.25,b", "42,,c"]
    assert data["value"].dtype == float  # the caller's frame is left as it was


@pytest.mark.parametrize("dates", [["2023-11-30", "2024-01-04"], ["2024-01-04"], ["2022-02-24", "2024-04-30"]])
def test_a_date_axis_labels_months_not_days(dates):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.plot(pd.to_datetime(dates), range(len(dates)), "o")
    charts.month_axis(ax)
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    plt.close(fig)
    assert len(labels) >= 2, labels
    assert not any(label.isdigit() and len(label) <= 2 for label in labels), labels  # "08", "15": days


def test_a_chart_csv_holds_each_label_on_one_line(tmp_path):
    import matplotlib.pyplot as plt
    import pandas as pd

    from manpower.notebook.charts import save_chart

    fig, _ = plt.subplots()
    paths = save_chart(fig, "wrapped", pd.DataFrame({"label": ["UK MoD: killed\nNov 2023"], "value": [302000.0]}),
                       tmp_path, formats=("png",))
    assert paths["csv"].read_text().splitlines() == ["label,value", "UK MoD: killed Nov 2023,302000"]


def test_every_chart_gets_a_phone_layout_with_its_title_as_text_and_no_small_letters(tmp_path):
    import matplotlib.pyplot as plt
    import pandas as pd

    from manpower.notebook import charts
    from manpower.core.phonelayout import PHONE_MIN_PT, PHONE_WIDTH_IN, read_phone_layout

    fig, ax = charts.new_chart()
    data = pd.DataFrame({"label": ["A claimant with a long name: killed or wounded\n24 Feb 2022 – Nov 2023", "Other"],
                         "value": [302000.0, 40000.0], "low": [286900.0, None], "high": [317100.0, None],
                         "qualifier": ["approximately", ""]})
    range_chart(ax, data, label="label", value="value", low="low", high="high", qualifier="qualifier")
    ax.legend(["a", "b"], loc="upper left", bbox_to_anchor=(0, -0.12), ncol=2, fontsize=7)
    charts.finish(fig, ax, title="The title states the finding", source="Source: an invented outlet", note="A note.")
    paths = charts.save_chart(fig, "wide", data, tmp_path, formats=("svg",))
    svg, meta = read_phone_layout(tmp_path, "wide")
    assert svg == paths["phone_svg"] and meta["title"] == "The title states the finding"
    assert meta["source"] == "Source: an invented outlet" and meta["note"] == "A note."
    assert meta["min_font_pt"] >= PHONE_MIN_PT
    assert meta["width_pt"] <= PHONE_WIDTH_IN * 72 * 1.15, meta
    # the title (the only bold type) is in the desktop image, and is the page's text in the phone layout
    assert "DejaVuSans-Bold" in paths["svg"].read_text() and "DejaVuSans-Bold" not in svg.read_text()
    plt.close("all")


def test_every_event_category_has_its_own_colour_and_marker():
    """Fig. 1 drew 'mobilisation' and 'statement' in one colour (issue 19)."""
    from manpower.vocabulary.schema import EVENT_CATEGORIES

    styles = [charts.category_style(c) for c in EVENT_CATEGORIES]
    assert len(set(styles)) == len(EVENT_CATEGORIES), styles
    assert all(c in {**charts.OKABE_ITO, **charts.EVENT_EXTRA}.values() for c, _ in styles)  # declared palettes
    assert len({c for c, _ in styles}) == len(EVENT_CATEGORIES)  # review 1: 'war' and 'arrest' both black
    assert len({m for _, m in styles}) == len(EVENT_CATEGORIES)


@pytest.mark.parametrize("dates", [
    [("2023-11-01", "2023-11-30"), ("2023-11-01", "2023-11-30")],  # two events of one month: one bar before
    [("2023-12-08", "2023-12-08"), ("2023-12-14", "2023-12-14")],  # six days apart: the dots overlapped
    [("2023-12-08", "2023-12-08"), ("2023-12-09", "2023-12-09"), ("2023-12-10", "2023-12-10")],
], ids=["same-month", "six-days", "three-days"])
def test_events_close_together_are_separate_marks_each_with_its_own_label_line(dates):
    """Two labels pointed at one mark, and the 8 and 14 December dots overlapped (issue 19): marks
    closer than a marker's width are stacked, and each label's line ends on its own mark."""
    import numpy as np

    ev = pd.DataFrame({"s": pd.to_datetime([a for a, _ in dates]), "e": pd.to_datetime([b for _, b in dates]),
                       "label": [f"event {i}" for i in range(len(dates))], "cat": ["warning", "statement", "report"][:len(dates)]})
    fig, ax = charts.new_chart(height=4.2)
    timeline_chart(ax, ev, date_start="s", date_end="e", label="label", category="cat",
                   start="2022-02-01", end="2024-04-30")
    fig.canvas.draw()
    marks = [ln for ln in ax.lines[1:] if len(ln.get_xydata()) <= 2 and ln.get_gid() != BAR_MARK]  # dots and bars
    centres = [ax.transData.transform(ln.get_xydata().mean(axis=0)) for ln in marks]
    assert len(centres) == len(dates)
    mark_px = MARKER_PT * fig.dpi / 72
    for i in range(len(centres)):
        for j in range(i + 1, len(centres)):
            assert np.hypot(*(centres[i] - centres[j])) >= mark_px, "two marks drawn on top of each other"
    leaders = [ln for ln in ax.lines if len(ln.get_xydata()) == 3]
    starts = {round(float(ln.get_xydata()[0][1]), 6) for ln in leaders}
    assert len(leaders) == len(dates) and len(starts) == len(dates), "two label lines end on one mark"
