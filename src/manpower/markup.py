"""Pandoc and Typst markup that both the prose side (footnotes in JupyterLab) and the typesetter
read: below both, so neither imports the other for it."""
from __future__ import annotations


def closing_bracket(text: str, at: int) -> int | None:
    """The index just past the `]` that closes the `[` at `at` (brackets nest, a backslash escapes
    the character after it), or None when it is never closed."""
    depth, i = 0, at
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None
