""""Did you mean …?" for a misspelt name: the closest known names by difflib's similarity ratio,
so a typo anywhere in the word (`as_off`, `wouned_return_share`, `HuffPost`) still finds it."""
from __future__ import annotations

import difflib
from collections.abc import Iterable

CUTOFF = 0.6  # difflib's default: below it a "suggestion" is noise
LIMIT = 3


def close_matches(word: str, known: Iterable[str], limit: int = LIMIT) -> list[str]:
    """The known names closest to `word`, best first; case is ignored when comparing."""
    names = sorted(set(known))
    by_lower: dict[str, list[str]] = {}
    for n in names:
        by_lower.setdefault(n.lower(), []).append(n)
    found = difflib.get_close_matches(word.lower(), list(by_lower), n=limit, cutoff=CUTOFF)
    return [n for low in found for n in by_lower[low]][:limit]


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """' (did you mean a, b?)' to append to an error message, or '' when nothing is close."""
    close = close_matches(word, known)
    return f" (did you mean {', '.join(close)}?)" if close else ""
