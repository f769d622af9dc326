"""Pandoc and Typst markup that both the prose side (footnotes in JupyterLab) and the typesetter
read: below both, so neither imports the other for it."""
from __future__ import annotations

import re


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


_PUNCT = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|$@~^&%=:;'\"/])")


def escape_markdown(text: str) -> str:
    """Make arbitrary text literal in pandoc Markdown: every ASCII punctuation mark is escaped,
    line breaks become spaces, so no emphasis, link, HTML, math, footnote or raw Typst survives."""
    flat = re.sub(r"\s+", " ", text)
    return _PUNCT.sub(r"\\\1", flat)


# A printed figure as a pandoc span carrying its evidence (evidence.py writes it): in the chapter
# Markdown, and as pandoc's HTML writer prints it (attributes as data-*, lines may wrap between them)
SPAN_MD = re.compile(r'\{\.fig(?: \.derived)?(?: data-id="([^"]*)")? data-ev="([A-Za-z0-9_=-]*)"\}')
SPAN_HTML = re.compile(r'<span\s+class="fig(?P<derived> derived)?"(?:\s+data-id="(?P<id>[^"]*)")?'
                       r'\s+data-ev="(?P<ev>[A-Za-z0-9_=-]*)">(?P<text>.*?)</span>', re.DOTALL)
