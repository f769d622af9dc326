"""The validated-data cache: data/ and seeds/ are validated once per change, not once per chapter.

Every chapter of a render, and every notebook opened in JupyterLab, calls `load()`. With a large
corpus, validating it (every quote found in its seed, every mention of every seed accounted for)
costs far more than the chapter's own work, so the validated tables are kept in the cache folder
(`$MANPOWER_CACHE`, else `reports/.cache`), under `data/KEY.json`.

KEY is the SHA-256 of the content of every file in data/ and seeds/, their paths, the package's
code (the rules) and the whole installed environment (fingerprint.environment_hash). The file is plain
JSON -- every column of every table with its dtype, the seeds' texts -- so reading it can never
run code (a pickle can). Its first line is an HMAC of KEY and the rest, made with this
environment's secret key, which lives outside the cache folder (trust.py): the trust boundary is
the environment, not the cache folder, so a cache shared between users or restored in CI from
another branch cannot change the data a report shows. Anything unexpected (a planted, damaged,
truncated or unreadable entry, a folder holding a symlink or a pipe) means: validate again. Only
a dataset that passed every rule, and that reads back exactly as it was, is ever kept.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..core import trust
from ..vocabulary.cachefolder import claim
from .dataset import Dataset
from ..errors import ManpowerError
from ..vocabulary.fingerprint import environment_hash, package_hash
from .provenance import Seed

FOLDER = "data"
SUFFIX = ".json"
FORMAT = 1
KEEP = 3  # datasets kept (the most recently used): a few corpora or as many edits back


class Unencodable(ManpowerError, ValueError):
    """A dataset holding something the JSON format does not describe exactly: not cached."""


def key(data_dir: Path, seeds_dir: Path) -> str | None:
    """The cache key of these folders as they are now; None when they hold anything but regular
    files and folders (a symlink or a pipe is for the validator to report, not to be read here)."""
    h = hashlib.sha256()
    h.update(f"{FORMAT}|{package_hash()}|{environment_hash(Path(data_dir).resolve().parent)}\n".encode())
    for folder in (data_dir, seeds_dir):
        h.update(f"{Path(folder).resolve()}\n".encode())
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return None
        for e in entries:
            if e.is_symlink():
                return None
            if e.is_dir(follow_symlinks=False):
                continue
            if not e.is_file(follow_symlinks=False):
                return None
            h.update(f"{e.name}\n".encode())
            try:
                with open(e.path, "rb") as f:
                    h.update(hashlib.sha256(f.read()).digest())
            except OSError:
                return None
    return h.hexdigest()


# --- the format: a DataFrame as columns of plain values with their dtype -------------------------

def _column(name: str, s) -> dict:
    dtype = s.dtype
    out: dict[str, Any] = {"name": name, "dtype": str(dtype)}
    if isinstance(dtype, pd.CategoricalDtype):
        cats = dtype.categories
        if not all(isinstance(c, str) for c in cats):
            raise Unencodable(f"column {name}: categories that are not text")
        out["categories"], out["ordered"] = list(cats), bool(dtype.ordered)
        out["values"] = [None if c < 0 else int(c) for c in s.cat.codes.tolist()]
    elif pd.api.types.is_datetime64_dtype(dtype):  # naive datetime64[unit]; NaT is the int64 minimum
        out["values"] = s.to_numpy().view("int64").tolist()
    elif str(dtype) in ("Int64", "Float64", "boolean", "string", "int64", "float64", "bool"):
        values = s.astype(object).where(s.notna(), None).tolist() if str(dtype)[0].isupper() or str(dtype) == "string" \
            else s.tolist()
        out["values"] = values
    else:
        raise Unencodable(f"column {name}: dtype {dtype}")
    return out


def _series(col: dict):
    dtype, values = col["dtype"], col["values"]
    if dtype == "category":
        cats = pd.CategoricalDtype(col["categories"], ordered=col["ordered"])
        codes = np.array([-1 if v is None else v for v in values], dtype="int64")
        return pd.Series(pd.Categorical.from_codes(codes, dtype=cats))
    if dtype.startswith("datetime64["):
        return pd.Series(np.array(values, dtype="int64").view(dtype))
    if dtype in ("Int64", "Float64", "boolean", "string"):
        return pd.Series(pd.array(values, dtype=dtype))
    if dtype in ("int64", "float64", "bool"):
        return pd.Series(np.array(values, dtype=dtype))
    raise Unencodable(f"column {col.get('name')}: dtype {dtype}")


def _frame_to_json(df) -> dict:
    if not isinstance(df.index, pd.RangeIndex) or df.index.start != 0 or df.index.step != 1:
        raise Unencodable("an index that is not 0, 1, 2, ...")
    names = list(df.columns)
    if len(set(names)) != len(names) or not all(isinstance(n, str) for n in names):
        raise Unencodable("column names that are not unique text")
    return {"rows": len(df), "columns": [_column(n, df[n]) for n in names]}


def _frame_from_json(d: dict):
    cols = {c["name"]: _series(c) for c in d["columns"]}
    df = pd.DataFrame(cols) if cols else pd.DataFrame(index=pd.RangeIndex(d["rows"]))
    if len(df) != d["rows"]:
        raise ValueError("row count")
    return df


def encode(dataset) -> bytes:
    """The dataset as JSON (see the module docstring); Unencodable if it holds anything else."""
    seeds = []
    for sid, seed in dataset.seeds.items():
        if not isinstance(seed, Seed):
            raise Unencodable("a seed that is not a Seed")
        fields = _kept(seed)
        if not all(isinstance(v, str) for v in fields.values()):
            raise Unencodable("a seed field that is not text")
        seeds.append({"id": sid, **fields})
    doc = {"format": FORMAT, "data_dir": str(dataset.data_dir), "seeds_dir": str(dataset.seeds_dir),
           "sources": _frame_to_json(dataset.sources),
           "tables": {name: _frame_to_json(df) for name, df in dataset.tables.items()}, "seeds": seeds}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode(payload: bytes):
    """The Dataset `encode` wrote; ValueError (or KeyError, TypeError) if it is not one."""
    doc = json.loads(payload.decode("utf-8"))
    if doc.get("format") != FORMAT:
        raise ValueError("format")
    seeds = {}
    names = {f.name for f in _stored(Seed)}
    lazy = {f.name: None for f in dataclasses.fields(Seed) if f.name.startswith("_")}
    for item in doc["seeds"]:
        sid = item.pop("id")
        if set(item) != names or not all(isinstance(v, str) for v in item.values()):
            raise ValueError("seed fields")
        seed = object.__new__(Seed)  # no __post_init__: `text` is stored, not normalised again
        for f, v in {**item, **lazy}.items():
            object.__setattr__(seed, f, v)
        seeds[sid] = seed
    return Dataset(sources=_frame_from_json(doc["sources"]),
                   tables={n: _frame_from_json(t) for n, t in doc["tables"].items()},
                   seeds=seeds, data_dir=Path(doc["data_dir"]), seeds_dir=Path(doc["seeds_dir"]))


def same(a, b) -> bool:
    """Whether two datasets hold exactly the same tables (values and dtypes), sources and seeds."""
    try:
        for x, y in [(a.sources, b.sources), *((a.tables[n], b.tables.get(n)) for n in a.tables)]:
            pd.testing.assert_frame_equal(x, y, check_exact=True)
    except (AssertionError, TypeError, ValueError):
        return False
    return (a.tables.keys() == b.tables.keys() and a.data_dir == b.data_dir and a.seeds_dir == b.seeds_dir
            and list(a.seeds) == list(b.seeds)
            and all(_kept(a.seeds[k]) == _kept(b.seeds[k]) for k in a.seeds))


def _stored(cls) -> list:
    """A seed's fields that the cache keeps: its texts, not the lookups built from them on first
    use (their names start with an underscore; they are built again after a read)."""
    return [f for f in dataclasses.fields(cls) if not f.name.startswith("_")]


def _kept(seed) -> dict:
    return {f.name: getattr(seed, f.name) for f in _stored(type(seed))}


# --- the cache ------------------------------------------------------------------------------------

def _path(cache_dir: Path, k: str) -> Path:
    return Path(cache_dir) / FOLDER / f"{k}{SUFFIX}"


def get(cache_dir: Path, k: str) -> Any | None:
    """The dataset kept under `k`, verified; None if there is none, or it was not written in this
    environment, or it is damaged (then it is removed, so the next load writes a good one)."""
    path = _path(cache_dir, k)
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    tag, _, payload = blob.partition(b"\n")
    try:
        if not trust.verify(tag.decode("ascii"), k, payload):
            raise ValueError("not verified")
        dataset = decode(payload)
        os.utime(path)  # recently used: kept by prune()
        return dataset
    except Exception:  # a planted or damaged entry of any kind: validate again
        try:
            path.unlink()
        except OSError:
            pass
        return None


def put(cache_dir: Path, k: str, dataset: Any) -> None:
    """Keep `dataset` under `k` (written to a temporary file, then renamed into place). Skipped,
    with the data still validated and only the next load slower: a cache that cannot be written,
    no secret key, or a dataset that would not read back exactly as it is."""
    path = _path(cache_dir, k)
    try:
        payload = encode(dataset)
        if not same(dataset, decode(payload)):
            return
        tag = trust.mac(k, payload)
        if tag is None:
            return
        claim(Path(cache_dir))
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{k[:16]}-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(tag.encode("ascii") + b"\n")
                f.write(payload)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        prune(cache_dir, spare=path)
    except (OSError, Unencodable, ValueError, TypeError, KeyError):
        return


def prune(cache_dir: Path, keep: int = KEEP, spare: Path | None = None) -> None:
    """Keep the `keep` most recently used datasets (`spare`, the one just written, always)."""
    folder = Path(cache_dir) / FOLDER
    try:
        entries = sorted(folder.glob(f"*{SUFFIX}"), key=lambda p: (p == spare, p.stat().st_mtime_ns), reverse=True)
        for old in entries[keep:]:
            old.unlink()
    except OSError:
        return
