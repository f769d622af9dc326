"""The validated curated data as the analysis reads it: a table per name, a row or a cell by id.
Kept apart from the loading (data.py), so the validated-data cache (datacache.py) can rebuild one
without importing the loader."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .provenance import Seed
from ..vocabulary.schema import FIGURE_TABLES

@dataclass
class Dataset:
    """The validated tables (DataFrames with proper dtypes), the sources and the seed texts."""

    sources: pd.DataFrame
    tables: dict[str, pd.DataFrame]
    seeds: dict[str, Seed]
    data_dir: Path
    seeds_dir: Path

    # one name per curated table (schema.TABLES), so an editor sees what a dataset holds
    @property
    def losses(self) -> pd.DataFrame:
        return self.tables["losses"]

    @property
    def inflows(self) -> pd.DataFrame:
        return self.tables["inflows"]

    @property
    def conscription(self) -> pd.DataFrame:
        return self.tables["conscription"]

    @property
    def foreign(self) -> pd.DataFrame:
        return self.tables["foreign"]

    @property
    def events(self) -> pd.DataFrame:
        return self.tables["events"]

    @property
    def exclusions(self) -> pd.DataFrame:
        return self.tables["exclusions"]

    def figures(self) -> pd.DataFrame:
        """Every curated row of the figure tables, with a `table` column, in one long frame."""
        common = None
        frames = []
        for t in FIGURE_TABLES:
            df = self.tables[t.name]
            common = list(df.columns) if common is None else [c for c in common if c in df.columns]
            frames.append(df.assign(table=t.name))
        keep = ["table", *common]
        return pd.concat([f[keep] for f in frames], ignore_index=True)

    def _where(self) -> dict[str, tuple[str, int]]:
        """{id: (table, position)}, built on first use and rebuilt when a table is replaced (a
        derived figure may cite thousands of rows: a scan per lookup would cost their square)."""
        stamp = tuple((name, id(df), len(df)) for name, df in self.tables.items())
        index = self.__dict__.get("_row_index")
        if index is None or index[0] != stamp:
            where: dict[str, tuple[str, int]] = {}
            for name, df in self.tables.items():
                if "id" in df.columns:
                    for pos, rid in enumerate(df["id"].tolist()):
                        where.setdefault(rid, (name, pos))
            index = self.__dict__["_row_index"] = (stamp, where)
        return index[1]

    def has(self, figure_id: str) -> bool:
        return figure_id in self._where()

    def _locate(self, figure_id: str) -> tuple[str, int]:
        hit = self._where().get(figure_id)
        if hit is None:
            raise KeyError(f"no curated figure with id {figure_id!r}")
        return hit

    def row(self, figure_id: str) -> pd.Series:
        """One curated row by id, from whichever table holds it."""
        table, pos = self._locate(figure_id)
        return self.tables[table].iloc[pos]

    def cell(self, figure_id: str, column: str):
        """One value of one curated row (cheaper than the whole row)."""
        table, pos = self._locate(figure_id)
        return self.tables[table][column].iat[pos]
