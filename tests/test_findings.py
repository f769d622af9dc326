"""Findings: comparisons that keep the qualifiers and respect the bounds they imply."""
import pandas as pd

from manpower.findings import intake_against_losses


def test_intake_against_losses_keeps_qualifiers_and_respects_bounds():
    def rows(*figs):
        return pd.DataFrame([{"value": v, "low": lo, "high": hi, "qualifier": q, "unit": "people"} for v, lo, hi, q in figs])

    nan = float("nan")
    intake = rows((500000, 475000, 500000, "just under"), (300000, 300000, 300000, nan))
    assert intake_against_losses(intake, rows((315000, 315000, 315000, nan))) == \
        "Claimed intake (just under 500,000) would exceed the highest loss estimate (315,000)"
    assert "would match the highest loss estimate (approximately 490,000)" in \
        intake_against_losses(intake, rows((490000, 465500, 514500, "approximately")))
    assert "would fall short of" in intake_against_losses(rows((100000, 100000, 100000, nan)), rows((315000, 315000, 315000, nan)))
    # "more than" has no upper bound: it cannot be said to fall short or be exceeded outright
    assert "would match" in intake_against_losses(rows((100000, 100000, 100000, nan)), rows((50000, 50000, nan, "more than")))
    assert intake_against_losses(rows(), rows((1, 1, 1, nan))) is None


def test_a_span_of_figures_keeps_each_qualifier():
    from manpower.findings import span_in_words

    figs = pd.DataFrame([{"value": 315000, "low": 315000, "high": 315000, "qualifier": None, "unit": "people"},
                         {"value": 302000, "low": 286900, "high": 317100, "qualifier": "approximately", "unit": "people"}])
    assert span_in_words(figs) == "approximately 302,000 to 315,000"
    assert span_in_words(figs.iloc[:1]) == "315,000"
    assert span_in_words(figs.iloc[:0]) is None
