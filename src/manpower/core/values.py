"""One value read from a data row, as the writing and the arithmetic need it: the cell as text
(a missing one as nothing, never "nan" or "<NA>") and the cell as a number (a missing one as None)."""
from __future__ import annotations

import pandas as pd


def text(v: object) -> str:
    """A data cell as text; a missing one (None, NaN, NA, NaT) as nothing."""
    return "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)


def number(row, col: str) -> float | None:
    """The cell `col` of a row (a dict or a pandas Series) as a float; None when the row has no
    such cell or it is missing."""
    v = row.get(col) if hasattr(row, "get") else None
    return None if v is None or pd.isna(v) else float(v)
