"""The one typed specification of the report's parameters, and their validation.

Every notebook's `parameters` cell holds the defaults below; the cell right after papermill's
injected one calls `validate(chapter, globals())`, which stops the run with one clear message
naming the parameter and what it accepts (papermill alone only warns on unknown names).
`manpower params` prints this table; `manpower render -p NAME VALUE` is checked against it too.

Which values a report is made with (a preset, -f files, -p pairs) is presets.py's job.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ..core.dates import FIRST_YEAR, LAST_YEAR, DateError, parse_day
from ..errors import ParameterError
from ..core.suggest import did_you_mean
from .chapters import NAMES as CHAPTERS


@dataclass(frozen=True)
class Param:
    name: str
    type: str  # date, text, int, float, choice, list
    default: Any
    help: str
    scope: str = "common"  # common, report, or a chapter name
    allowed: tuple[str, ...] = ()
    minimum: float | date | None = None  # for dates: the earliest day accepted
    maximum: float | date | None = None
    max_length: int = 1000  # text: longer is a mistake (and would not fit a command line)
    empty_means: str = "no cut-off"  # a date parameter whose default is None: what leaving it empty means

    def accepts(self) -> str:
        """What the parameter accepts, in words, for error messages and `manpower params`."""
        if self.type == "date":
            first, last = self.minimum or date(FIRST_YEAR, 1, 1), self.maximum or date(LAST_YEAR, 12, 31)
            return (f"a date YYYY-MM-DD from {first.isoformat()} to {last.isoformat()}"
                    + (f" or empty for {self.empty_means}" if self.default is None else ""))
        if self.type == "choice":
            return "one of " + ", ".join(self.allowed)
        if self.type in ("int", "float"):
            kind = "a whole number" if self.type == "int" else "a number"
            return f"{kind} from {self.minimum:g} to {self.maximum:g}"
        if self.type == "list":
            return "a list of names (YAML list or comma-separated text); empty for all"
        return f"text of at most {self.max_length:,} characters"


SPEC: tuple[Param, ...] = (
    Param("as_of", "date", None,
          "Render the report as known on this date: only figures whose claim date (when the claimant "
          "stated it, not when an article repeated it) lies wholly on or before it, from articles "
          "published by then. A month- or year-precision date counts from its last day; an interval from its end."),
    Param("sources", "list", [], "Only figures from these source ids (seeds/sources.csv); empty for all."),
    Param("claimants", "list", [], "Only figures stated by these claimants (e.g. 'UK Ministry of Defence'); empty for all."),
    Param("chart_format", "choice", "pdf",
          "Image format the PDF report embeds: pdf (vector, sharp at any zoom), svg or png. All three are "
          "always saved beside the chart's CSV; the HTML report always shows the SVG.",
          allowed=("pdf", "png", "svg")),
    Param("dpi", "int", 150, "Resolution of PNG charts.", minimum=50, maximum=600),
    Param("output_dir", "text", "",
          "Folder for charts and their CSVs; empty means reports/interactive/charts under the project root."),
    Param("signup_realism", "float", 0.5,
          "Share of the men claimed to have signed up who are assumed to be new soldiers in the what-if (1 = the "
          "Kremlin's claim at face value; the default is the middle scenario).",
          scope="balance", minimum=0.0, maximum=1.0),
    Param("wounded_return_share", "float", 0.25,
          "Share of the wounded (not the killed) assumed to return to service in the what-if.",
          scope="balance", minimum=0.0, maximum=1.0),
    Param("wounded_per_killed", "float", 3.0,
          "Wounded per killed soldier, to split killed-or-wounded estimates in the what-if.",
          scope="balance", minimum=0.1, maximum=20.0),
    Param("desertion_position", "float", 0.5,
          "Desertion a month in the what-if, as a point within the range the curated desertion "
          "estimate implies (0 = its bottom, 1 = its top).",
          scope="balance", minimum=0.0, maximum=1.0),
    Param("horizon_end", "date", None,
          "Last day of the what-if projection; empty (the default) for a year after the latest period "
          "end of the loss estimates it uses, so the what-if never goes stale as data is added.",
          scope="balance", maximum=date(2100, 12, 31),
          empty_means="a year after the latest period end of the loss estimates"),
    Param("title", "text", "Manning the war: how Russia replaces its losses",
          "Report title (title page, HTML title).", scope="report", max_length=300),
    Param("subtitle", "text", "Losses, volunteers, mobilisation, conscription and foreign recruitment, from published reporting",
          "Report subtitle.", scope="report", max_length=500),
)
BY_NAME = {p.name: p for p in SPEC}


def for_chapter(chapter: str) -> list[Param]:
    """The parameters a chapter notebook declares: the common ones plus its own."""
    return [p for p in SPEC if p.scope in ("common", chapter)]


def coerce(param: Param, value: Any) -> Any:
    """`value` (from papermill, YAML or the command line) as the parameter's type, or ParameterError."""
    name, bad = param.name, f"parameter '{param.name}' must be {param.accepts()}; got {value!r}"
    if param.type in ("date", "int", "float") and isinstance(value, str) and _foreign_digit(value):
        raise ParameterError(f"parameter '{name}' must be written in ASCII digits 0-9 (as in a CSV number cell); "
                             f"got {value!r} with the digit {_foreign_digit(value)!r}")
    if param.type == "date":
        if value is None or value == "":
            if param.default is None:
                return None
            raise ParameterError(bad)
        if isinstance(value, datetime):  # YAML reads `2023-10-31 12:00` as a date and time
            raise ParameterError(f"parameter '{name}' must be a date YYYY-MM-DD without a time; got {value}")
        if isinstance(value, date):
            day = value
        else:
            try:
                day = parse_day(str(value))
            except DateError:
                raise ParameterError(bad) from None
        if not ((param.minimum or date.min) <= day <= (param.maximum or date.max)):
            raise ParameterError(bad)
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise ParameterError(bad)
        return day
    if param.type in ("int", "float"):
        if isinstance(value, bool):
            raise ParameterError(bad)
        try:
            number = float(value) if param.type == "float" else _to_int(value)
        except (TypeError, ValueError):
            raise ParameterError(bad) from None
        if not (param.minimum <= number <= param.maximum):
            raise ParameterError(bad)
        return number
    if param.type == "choice":
        if value not in param.allowed:
            raise ParameterError(bad)
        return value
    if param.type == "list":
        if value is None or value == "":
            return []
        if isinstance(value, str):
            return [v.strip() for v in value.split(",") if v.strip()]
        if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
            return list(value)
        raise ParameterError(bad)
    if not isinstance(value, str):
        raise ParameterError(f"parameter '{name}' must be text; got {value!r}")
    if len(value) > param.max_length:
        raise ParameterError(f"parameter '{name}' must be {param.accepts()}; got {len(value):,} characters")
    return value


def _foreign_digit(text: str) -> str | None:
    """The first digit of another script (full-width, Arabic-Indic, ...) in `text`, or None:
    Python's int() and date parsing accept them, the CSV cells do not, and neither do we."""
    return next((ch for ch in text if ch.isdigit() and not ch.isascii()), None)


def _to_int(value: Any) -> int:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"[+-]?[0-9]+", value.strip()):
        return int(value)
    raise ValueError(value)


@dataclass(frozen=True)
class Params:
    """Validated parameters, typed (as_of is a date or None)."""

    chapter: str
    values: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        values = self.__dict__.get("values", {})
        if name in values:
            return values[name]
        raise AttributeError(name)


def check_names(names: list[str] | set[str], chapter: str | None = None) -> None:
    """ParameterError for a name the report (or the chapter) does not know."""
    known = {p.name for p in (for_chapter(chapter) if chapter else SPEC)}
    for name in sorted(names):
        if name not in known:
            raise ParameterError(
                f"unknown parameter '{name}'{did_you_mean(name, known)}; known: {', '.join(sorted(known))} "
                f"(see `manpower params`)")


def injected_names(namespace: dict[str, Any]) -> set[str]:
    """Names papermill injected: its cell starts with '# Parameters' and is kept in IPython's In."""
    inputs = namespace.get("In") or namespace.get("_ih") or []
    for source in reversed(list(inputs)):
        if isinstance(source, str) and source.lstrip().startswith("# Parameters"):
            try:
                tree = ast.parse(source)
            except SyntaxError:
                return set()
            return {t.id for node in tree.body if isinstance(node, ast.Assign)
                    for t in node.targets if isinstance(t, ast.Name)}
    return set()


def validate(chapter: str, namespace: dict[str, Any]) -> Params:
    """Check a notebook's parameters (its globals after papermill's injection) against the spec.

    Unknown names are looked for only among those papermill injected, so a notebook can be rerun
    interactively in JupyterLab with all its variables around."""
    if chapter not in CHAPTERS:
        raise ParameterError(f"unknown chapter {chapter!r}; chapters: {', '.join(CHAPTERS)}")
    declared = for_chapter(chapter)
    tolerated = {p.name for p in SPEC if p.scope not in ("common", chapter)}  # report / other chapters
    unknown = injected_names(namespace) - {p.name for p in declared} - tolerated
    check_names(unknown, chapter)
    values = {}
    for p in declared:
        values[p.name] = coerce(p, namespace.get(p.name, p.default))
    return Params(chapter, values)


def parse_cli_value(text: str, name: str | None = None) -> Any:
    """A `-p NAME VALUE` text as papermill would read it (numbers, booleans), else the text; a
    text parameter keeps the text as typed (`-p title 2024` is the title "2024"), and digits of
    other scripts stay text so that `coerce` refuses them."""
    param = BY_NAME.get(name or "")
    if (param is not None and param.type == "text") or not text.isascii():
        return text
    for cast in (int, float):
        try:
            return cast(text)
        except ValueError:
            pass
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    return text


def defaults() -> dict[str, Any]:
    return {p.name: p.default for p in SPEC}


def parameters_cell(chapter: str) -> str:
    """The source of a chapter notebook's `parameters` cell, from the spec: one line per parameter,
    `name: "type" = default  # help`, which is what `papermill --help-notebook` reads (papermill's
    PythonTranslator.inspect: the annotation may be quoted, the help is the comment; a line with
    more than one '=' is skipped, so an '=' in the help is written as 'is', and a '#' or '=' in a
    text default as an escape). The quoted
    annotation is the spec's type word, valid Python that runs as it is and that `-p` overrides."""
    import json

    lines = []
    for p in for_chapter(chapter):
        default = repr(p.default)
        if isinstance(p.default, str):  # '#' would start papermill's help, '=' make it skip the line
            default = json.dumps(p.default, ensure_ascii=False).replace("#", "\\x23").replace("=", "\\x3d")
        words = p.help + (f" Accepts {p.accepts()}." if p.type in ("date", "choice", "int", "float") else "")
        words = re.sub(r"\s*=\s*", " is ", " ".join(words.split()))
        lines.append(f'{p.name}: "{p.type}" = {default}  # {words}')
    return "\n".join(lines)
