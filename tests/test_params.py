"""The parameter specification: coercion, validation of a notebook namespace, clear messages."""
from datetime import date

import pytest

from manpower.vocabulary.params import BY_NAME, ParameterError, SPEC, check_names, coerce, for_chapter, validate


def ns(**kw):
    base = {p.name: p.default for p in for_chapter("losses")}
    base.update(kw)
    return base


def test_defaults_validate_for_every_chapter():
    for chapter in ("summary", "losses", "inflows", "conscription", "foreign", "balance"):
        values = {p.name: p.default for p in for_chapter(chapter)}
        P = validate(chapter, values)
        assert P.as_of is None and P.dpi == 150


def test_as_of_is_parsed_to_a_date():
    assert validate("losses", ns(as_of="2023-10-31")).as_of == date(2023, 10, 31)


@pytest.mark.parametrize("name, value, expect", [
    ("as_of", "2023-13-45", "parameter 'as_of' must be a date YYYY-MM-DD"),
    ("as_of", "yesterday", "parameter 'as_of' must be a date YYYY-MM-DD"),
    ("dpi", "abc", "parameter 'dpi' must be a whole number from 50 to 600"),
    ("dpi", 10_000, "parameter 'dpi' must be a whole number from 50 to 600"),
    ("dpi", 1.5, "parameter 'dpi' must be a whole number"),
    ("chart_format", "gif", "parameter 'chart_format' must be one of pdf, png, svg"),
    ("sources", 3, "parameter 'sources' must be a list"),
])
def test_bad_values_name_the_parameter(name, value, expect):
    with pytest.raises(ParameterError) as err:
        validate("losses", ns(**{name: value}))
    assert expect in str(err.value)
    assert repr(value) in str(err.value)


def injected(**kw):
    """A namespace as papermill leaves it: its '# Parameters' cell in IPython's In list."""
    cell = "# Parameters\n" + "".join(f"{k} = {v!r}\n" for k, v in kw.items())
    return ns(In=["", "as_of = None", cell], **kw)


def test_unknown_name_is_refused_with_a_suggestion():
    with pytest.raises(ParameterError) as err:
        validate("losses", injected(as_off="2023-10-31"))
    assert "unknown parameter 'as_off'" in str(err.value)
    assert "as_of" in str(err.value)


def test_chapter_parameters_of_other_chapters_are_tolerated_but_not_unknowns():
    validate("losses", injected(signup_realism=0.5, title="x"))
    with pytest.raises(ParameterError):
        check_names({"signup_realism_typo"})


def test_balance_range_checks():
    values = {p.name: p.default for p in for_chapter("balance")}
    values["signup_realism"] = 1.5
    with pytest.raises(ParameterError, match="signup_realism.*from 0 to 1"):
        validate("balance", values)


def test_list_accepts_comma_text():
    assert coerce(BY_NAME["sources"], "a, b") == ["a", "b"]
    assert coerce(BY_NAME["sources"], "") == []


def test_variables_defined_in_the_notebook_are_not_parameters():
    """Rerunning the setup cell in JupyterLab, with the chapter's own variables around, works."""
    import os

    values = ns(os=os, helper=lambda: 1, counts=[1, 2], data={"a": 1}, In=["", "counts = [1, 2]"], Out={})
    validate("losses", values)


def test_every_param_has_help_and_valid_default():
    for p in SPEC:
        assert p.help
        if p.default is not None:
            coerce(p, p.default)


# issue 17: digits of other scripts are refused as the CSV refuses them; a text parameter takes any text
@pytest.mark.parametrize("name, text", [("as_of", "２０２３-１０-３１"), ("dpi", "١٥٠"), ("horizon_end", "2024-12-٣١"),
                                        ("wounded_per_killed", "３.5")])
def test_digits_of_other_scripts_are_refused_in_one_line(name, text):
    from manpower.vocabulary.params import parse_cli_value
    from manpower.vocabulary.presets import resolve_params
    from conftest import ROOT

    with pytest.raises(ParameterError) as e:
        resolve_params(ROOT, None, [], {name: parse_cli_value(text, name)})
    msg = str(e.value)
    assert "\n" not in msg and f"parameter '{name}'" in msg and "ASCII digits" in msg and text in msg


def test_a_text_parameter_keeps_what_was_typed_on_the_command_line():
    from manpower.vocabulary.params import parse_cli_value
    from manpower.vocabulary.presets import resolve_params
    from conftest import ROOT

    for typed in ("2024", "1.50", "true", "٢٠٢٤"):
        _, values = resolve_params(ROOT, None, [], {"title": parse_cli_value(typed, "title")})
        assert values["title"] == typed
    assert parse_cli_value("150", "dpi") == 150


def test_a_text_parameter_keeps_what_was_written_in_a_yaml_file(tmp_path):
    from manpower.vocabulary.presets import resolve_params
    from conftest import ROOT

    f = tmp_path / "p.yaml"
    f.write_text("title: 2024\nsubtitle: 1.50\ndpi: 200\n", encoding="utf-8")
    _, values = resolve_params(ROOT, None, [f], {})
    assert values["title"] == "2024" and values["subtitle"] == "1.50" and values["dpi"] == 200


def test_the_command_line_refuses_other_scripts_digits_before_any_work(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    from conftest import ROOT

    manpower = str(Path(sys.executable).parent / "manpower")
    r = subprocess.run([manpower, "render", "--out", str(tmp_path / "out"), "-p", "dpi", "١٥٠"], cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "parameter 'dpi'" in r.stderr and "ASCII digits" in r.stderr and not (tmp_path / "out").exists()
# -- the parameters cell papermill reads -----------------------------------------------------------
@pytest.mark.parametrize("chapter", ["losses", "balance"])
def test_parameters_cell_gives_papermill_every_type_default_and_help(chapter):
    import nbformat
    from papermill.translators import PythonTranslator

    from manpower.vocabulary.params import parameters_cell

    cell = nbformat.v4.new_code_cell(parameters_cell(chapter))
    found = {p.name: p for p in PythonTranslator.inspect(cell)}
    declared = for_chapter(chapter)
    assert list(found) == [p.name for p in declared]  # a line papermill skips would be missing
    for p in declared:
        assert found[p.name].inferred_type_name == p.type
        assert found[p.name].help.startswith(p.help.split("=")[0].strip())
        if p.type in ("date", "choice", "int", "float"):
            assert p.accepts() in found[p.name].help
    namespace: dict = {}
    exec(cell.source, namespace)  # valid Python that sets every default
    assert validate(chapter, namespace).values == validate(chapter, {p.name: p.default for p in declared}).values


def test_parameters_cell_survives_an_equals_sign_and_any_text_in_the_spec(monkeypatch):
    import nbformat
    from papermill.translators import PythonTranslator

    from manpower.vocabulary import params

    odd = params.Param("note", "text", 'Ünïcode "quoted" # not = a comment', "Weight (1 = all, 0=none) of x.", scope="losses")
    monkeypatch.setattr(params, "SPEC", params.SPEC + (odd,))
    source = params.parameters_cell("losses")
    found = {p.name: p for p in PythonTranslator.inspect(nbformat.v4.new_code_cell(source))}
    assert found["note"].inferred_type_name == "text" and found["note"].help == "Weight (1 is all, 0 is none) of x."
    namespace: dict = {}
    exec(source, namespace)
    assert namespace["note"] == odd.default
