"""Narrative helpers: quotations print as nested quotations, and stay inert text."""
import re

from manpower.writing.narrative import quote


def test_quotation_marks_inside_a_quote_become_single():
    assert quote("Putin said: “Why do we need a mobilisation?”") == "“Putin said\\: ‘Why do we need a mobilisation?’”"
    # a straight-quoted phrase inside a quotation is nested too; an unpaired straight quote stays
    assert quote('sees them as "potential recruits."') == "“sees them as ‘potential recruits\\.’”"
    assert quote('5" gun') == '“5\\" gun”'


def test_derived_figures_carry_their_formula_in_a_note_not_in_the_body():
    from manpower.curated.derived import Derived
    from manpower.writing.narrative import Narrator

    n = Narrator.__new__(Narrator)
    class NoRows:  # a dataset without the input rows: the evidence names their ids only
        def row(self, figure_id):
            raise KeyError(figure_id)

    n.ds, n.cited = NoRows(), []
    n.has = lambda i: False
    text = n.derived(Derived(350000, "people", "315,000 ÷ 90%", ("a-b",), basis="the force the estimate refers to"))
    body, _, note = text.partition("^[")
    assert re.sub(r"\{\.fig[^}]*\}", "", body) == "[350,000]"  # the number, carrying its evidence span
    assert "315,000 ÷ 90\\%" in note and "Basis" in note
    assert "a-b" not in note  # inputs are named by claimant and date, never by id (issue 19)
    assert "[derived" not in text


def test_quote_escapes_markup_and_handles_missing_text():
    assert quote("*bold* #read") == "“\\*bold\\* \\#read”"
    assert quote(None) == "“”"


def test_institutions_take_an_article_in_running_prose():
    import pandas as pd

    from manpower.writing.narrative import Narrator

    class Rows:
        rows = {"a": {"claimant": "Russian government"}, "b": {"claimant": "Vladimir Putin"},
                "c": {"claimant": "UK Ministry of Defence"}, "d": {"claimant": "US intelligence"}}

        def row(self, i):
            return pd.Series(self.rows[i])

    n = Narrator.__new__(Narrator)
    n.ds = Rows()
    assert n.claimant("a", "the") == "the Russian government"
    assert n.claimant("c", "The") == "The UK Ministry of Defence"
    assert n.claimant("b", "the") == "Vladimir Putin"
    assert n.claimant("d", "the") == "US intelligence"
    assert n.claimant("a") == "Russian government"  # in lists and tables, as curated



def test_a_sentence_ending_inside_a_quotation_gets_no_second_full_stop():
    from manpower.writing.narrative import end_sentence

    assert end_sentence(f"He said {quote('It will be on March 17.')}[^src]") == "He said “It will be on March 17\\.”[^src]"
    assert end_sentence(f"He asked {quote('Why?')}[^a][^b]") == "He asked “Why?”[^a][^b]"
    assert end_sentence(f"He said {quote('no')}[^src]") == "He said “no”[^src]."
    assert end_sentence("Plain text") == "Plain text."


def test_typst_gets_curly_apostrophes_literally():
    from manpower.report.pdf import literal_apostrophes

    assert literal_apostrophes("“x ‘why?'” y") == "“x ‘why?’” y"
    assert literal_apostrophes("U.K.\\'s") == "U.K.\\'s"  # an escaped straight quote stays straight


def test_a_publication_date_known_to_a_range_is_a_range_in_chart_source_lines(tmp_path):
    """A seed whose date is only known to a range (4 or 5 January) is never printed as one day under a chart."""
    import pandas as pd

    from manpower.notebook.chapter import Chapter
    from manpower.writing.narrative import short_date

    assert short_date(pd.Timestamp("2024-01-04"), pd.Timestamp("2024-01-05"), "interval") == "4–5 Jan 2024"
    assert short_date(pd.Timestamp("2023-11-01"), pd.Timestamp("2024-01-04"), "interval") == "Nov 2023–Jan 2024"

    class Full:
        sources = pd.DataFrame([{"source_id": "s", "outlet": "Outlet", "published_start": pd.Timestamp("2024-01-04"),
                                 "published_end": pd.Timestamp("2024-01-05"), "published_precision": "interval"}])

        def row(self, i):
            return pd.Series({"id": i, "source_id": "s", "claimant": "Outlet"})

    class Fake:
        full = Full()

    assert Chapter.sources_line(Fake(), ["x"]) == "Source: Outlet, 4–5 Jan 2024"


def test_a_date_takes_the_preposition_its_precision_needs():
    from manpower.writing.narrative import dated

    assert dated("2024-07-12", "2024-07-12", "day") == "on 12 July 2024"
    assert dated("2023-07-01", "2023-07-31", "month") == "in July 2023"
    assert dated("2023-01-01", "2023-12-31", "year") == "in 2023"
    assert dated("2023-11-01", "2024-01-04", "interval") == "between 1 November 2023 and 4 January 2024"


def test_a_quote_ending_in_its_own_quotation_mark_nests_and_never_doubles():
    """Appendix C printed “…mobilisation?”” and straight quotes inside curly ones (issue 19)."""
    from manpower.writing.narrative import quote_plain

    assert quote_plain("He asked: “Why do we need a mobilisation?”") == "“He asked: ‘Why do we need a mobilisation?’”"
    assert quote_plain("“Altogether there will be just under half a million.”") == "“‘Altogether there will be just under half a million.’”"
    # straight quotes: a pair, and a half whose other half the excerpt cut off, turn single and curly
    assert quote_plain('it called them "potential recruits" and "volunteers"') == "“it called them ‘potential recruits’ and ‘volunteers’”"
    assert quote_plain('and said "we will not stop') == "“and said ‘we will not stop”"
    assert quote_plain('the so-called operation" ends') == "“the so-called operation’ ends”"
    assert quote_plain('a 5" gun') == '“a 5" gun”'  # an inch mark is not a quotation mark


def test_appendix_and_evidence_print_quotes_nested():
    from dataclasses import replace

    from manpower.report.appendix import figures_used
    from manpower.curated.data import load
    from manpower.writing.evidence import evidence_words

    ds = load()
    name = next(n for n, df in ds.tables.items() if n != "exclusions" and len(df))
    df = ds.tables[name].copy()
    df.loc[df.index[0], "quote"] = 'Putin asked: “Why do we need a mobilisation?” and called it "pointless"'
    text = figures_used(replace(ds, tables={**ds.tables, name: df})).plain()
    assert "“Putin asked: ‘Why do we need a mobilisation?’ and called it ‘pointless’”" in text
    assert "””" not in text
    words = evidence_words({"quote": "He said “no.”", "claimant": "X", "source": "S", "id": "i"}, derived=False)
    assert words.splitlines()[0] == "“He said ‘no.’”"
