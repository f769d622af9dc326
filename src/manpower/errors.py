"""Problems found in the data, reported one line each so a user can go straight to the cell."""
from __future__ import annotations

from dataclasses import dataclass

SHOWN = 80  # characters of user text a message quotes at most (a cell, a mention, a header)


def shorten(text: str, limit: int = SHOWN) -> str:
    """`text`, or its first `limit` characters, an ellipsis and its length: a message quotes a
    10 MB cell as one short line, not as 10 MB."""
    if len(text) <= limit:
        return text
    return f"{text[:limit - 1]}… ({len(text):,} characters)"


def quoted(text: str, limit: int = SHOWN) -> str:
    """repr() of `text` shortened by `shorten` (the quotes around the text, the length after)."""
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit - 1]!r}… ({len(text):,} characters)"


def exact(x: float | int | None) -> str:
    """A number in a message exactly as it is compared: 316169.5 stays 316169.5 (`:g` printed
    316170, hiding the half person a rule refused), a whole number has no `.0`."""
    if x is None:
        return "open"
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e16:
        return str(int(x))
    return repr(x) if isinstance(x, float) else str(x)


class ManpowerError(Exception):
    """Base of every error the package raises on purpose: the message is one line a user can act
    on, and the command line prints it as `manpower CMD: message` without a traceback."""

    exit_code = 1

    def _render_traceback_(self) -> list[str]:  # IPython/Jupyter: the message, not a traceback
        return [f"{type(self).__name__}: {self}"]


@dataclass(frozen=True, order=True)
class Problem:
    """One broken rule at one place: file, CSV line, column, the bad value and the rule."""

    file: str
    line: int | None
    column: str | None
    rule: str
    message: str
    value: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        col = f" column '{self.column}':" if self.column else ""
        val = ""
        if self.value is not None:
            val = f" (value: {quoted(self.value)})"
        return f"{where}:{col} {self.message}{val} [{self.rule}]"


class DataError(ManpowerError):
    """Raised by the loader when the curated data breaks a rule; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or ""))
        head = "; ".join(str(p) for p in self.problems[:3])
        more = f" (+{len(self.problems) - 3} more)" if len(self.problems) > 3 else ""
        super().__init__(f"{len(self.problems)} data problem(s): {head}{more}")


class AcceptError(ManpowerError):
    """A draft or its kept rows that cannot be filed: one line per problem, nothing written."""

    exit_code = 2

    def __init__(self, lines: list[str]):
        self.lines = lines
        super().__init__("; ".join(lines))


class CurateError(ManpowerError):
    """A refused `add` or `draft`: one line saying what and where."""


class RenderError(ManpowerError, RuntimeError):
    """A render that cannot finish: the message says which stage, notebook and cell."""


class ParameterError(ManpowerError, ValueError):
    """A bad parameter: the message names it and says what it accepts."""

    exit_code = 2
