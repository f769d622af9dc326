"""The values a report is made with: the spec's defaults, then a named preset (params/NAME.yaml),
then each -f file, then each -p pair, every value checked against the spec (params.py); YAML read
safely (a regular file of bounded size, a mapping), and a report's name that is a safe folder name.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from ..errors import ParameterError
from ..paths import params_dir
from .params import BY_NAME, SPEC, check_names, coerce


# -- resolving a render's parameters from presets, files and -p ----------------------------------

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


YAML_MAX_BYTES = 1_000_000  # a parameter file is a few lines


def load_yaml(path: Path, what: str) -> dict[str, Any]:
    """A YAML mapping from a regular file (a folder, a pipe or a device is refused before it is
    opened, so nothing hangs); every failure is a one-line ParameterError naming the file."""
    import stat

    import yaml

    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise ParameterError(f"{what} {path} not found") from None
    except OSError as exc:
        raise ParameterError(f"{what} {path} cannot be read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise ParameterError(f"{what} {path} is a folder; give a YAML file")
    if not stat.S_ISREG(st.st_mode):
        raise ParameterError(f"{what} {path} is not a regular file (a pipe or device?); give a YAML file")
    try:
        with open(path, "rb") as f:
            raw = f.read(YAML_MAX_BYTES + 1)
    except OSError as exc:
        raise ParameterError(f"{what} {path} cannot be read: {exc.strerror or exc}") from None
    if len(raw) > YAML_MAX_BYTES:
        raise ParameterError(f"{what} {path} is over {YAML_MAX_BYTES:,} bytes; a parameter file is a short YAML mapping")
    try:
        data = yaml.safe_load(raw.decode("utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        first = str(exc).splitlines()[0]
        raise ParameterError(f"{what} {path} is not valid YAML: {first}") from None
    if not isinstance(data, dict):
        raise ParameterError(f"{what} {path} must be a mapping of NAME: VALUE")
    # a text parameter takes the scalar as written (`title: 2024` is the text "2024", not a number)
    raw = yaml.load(raw.decode("utf-8"), Loader=yaml.BaseLoader) or {}
    for k, v in data.items():
        p = BY_NAME.get(k) if isinstance(k, str) else None
        if p is not None and p.type == "text" and v is not None and not isinstance(v, str) and isinstance(raw.get(k), str):
            data[k] = raw[k]
    return data


def resolve_params(root: Path, preset: str | None, files: list[Path], overrides: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """(report name, typed parameter values): defaults ← preset ← -f files ← -p pairs."""
    values = {p.name: p.default for p in SPEC}
    if preset is None and not files and not overrides:
        preset = "standard"
    name = preset or "custom"
    layers: list[tuple[str, dict]] = []
    if preset:
        if not _NAME.match(preset):
            raise ParameterError(f"preset {preset!r}: use letters, digits, '.', '_' or '-'")
        path = params_dir(root) / f"{preset}.yaml"
        if not path.is_file():
            known = sorted(p.stem for p in params_dir(root).glob("*.yaml"))
            raise ParameterError(f"unknown preset {preset!r}; presets in params/: {', '.join(known) or 'none'}")
        layers.append((str(path), load_yaml(path, "preset")))
    for f in files:
        layers.append((str(f), load_yaml(f, "parameter file")))
    layers.append(("-p", overrides))
    for origin, layer in layers:
        layer = dict(layer)
        if "name" in layer and origin != "-p":
            name = str(layer.pop("name"))
        try:
            check_names(set(layer))
        except ParameterError as exc:
            raise ParameterError(f"{origin}: {exc}") from None
        values.update(layer)
    typed = {}
    by_name = {p.name: p for p in SPEC}
    for k, v in values.items():
        typed[k] = coerce(by_name[k], v)
    return name, typed


def check_report_name(name: str) -> str:
    if not _NAME.match(name) or ".." in name:
        raise ParameterError(f"report name {name!r}: use 1-64 letters, digits, '.', '_' or '-' "
                             f"(no '/', no '..'); it becomes the folder reports/<name>/")
    return name
