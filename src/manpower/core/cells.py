"""What a text cell may hold: no start a spreadsheet runs as a formula, no invisible characters.

A curated CSV is opened in spreadsheets and exported in the data package, so a cell beginning
`=`, `+`, `@`, a tab, a carriage return, or `-` not followed by a digit would run as a formula
there. Invisible format characters (zero-width spaces, direction marks and overrides, a BOM
inside the text: Unicode category Cf) make two cells that look alike differ ("Putin" and
"Putin" + a right-to-left mark become two claimants) and a quote that looks right not match.
"""
from __future__ import annotations

import unicodedata

FORMULA_STARTS = ("=", "+", "@", "\t", "\r")


def char_name(ch: str) -> str:
    """'U+200B ZERO WIDTH SPACE': how a message names a character the reader cannot see."""
    fallback = "control character" if unicodedata.category(ch) == "Cc" else "unnamed character"
    return f"U+{ord(ch):04X} {unicodedata.name(ch, fallback)}"


def formula_start(cell: str) -> str | None:
    """Why a spreadsheet would run this cell as a formula, or None."""
    if cell[:1] in FORMULA_STARTS and cell:
        return f"starts with {cell[0]!r}"
    if cell.startswith("-") and not cell[1:2].isdigit():
        return "starts with '-' not followed by a digit"
    return None


def is_invisible(ch: str) -> bool:
    """A format character (Cf) or a control character other than a line end or tab."""
    cat = unicodedata.category(ch)
    return cat == "Cf" or (cat == "Cc" and ch not in "\t\n\r")


def first_invisible(text: str) -> tuple[int, str] | None:
    """(offset, character) of the first invisible character of `text`, or None."""
    if text.isprintable():  # the common case, in C: no Cf, no Cc, no line end
        return None
    for i, ch in enumerate(text):
        if is_invisible(ch):
            return i, ch
    return None


def cell_problem(cell: str) -> tuple[str, str] | None:
    """(rule, message) for a text cell a spreadsheet would run or that hides a character."""
    why = formula_start(cell)
    if why:
        return "formula", f"{why}: a spreadsheet would run it as a formula (reword it, e.g. begin with a word)"
    hit = first_invisible(cell)
    if hit:
        i, ch = hit
        return "invisible-character", (f"holds the invisible character {char_name(ch)} at character {i + 1}: "
                                        f"delete it (it makes equal-looking text differ)")
    return None
