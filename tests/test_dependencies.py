"""The lower bounds in pyproject.toml are the versions pinned in .ci/oldest.txt, which the
oldest-versions CI job installs and tests: a bound cannot drift from what was tested."""
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def _release(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.split("."))


def _bounds() -> dict[str, tuple[int, ...]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    out = {}
    for req in project["dependencies"] + project["optional-dependencies"]["dev"]:
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9.]+)", req.strip())
        assert m, f"pyproject.toml: {req!r} should read NAME>=TESTED_VERSION"
        out[_name(m[1])] = _release(m[2])
    return out


def _pins() -> dict[str, tuple[int, ...]]:
    out = {}
    for line in (ROOT / ".ci" / "oldest.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            m = re.fullmatch(r"([A-Za-z0-9_.-]+)==([0-9.]+)", line)
            assert m, f".ci/oldest.txt: {line!r} should read NAME==VERSION"
            out[_name(m[1])] = _release(m[2])
    return out


def test_every_lower_bound_is_the_version_the_oldest_job_pins():
    bounds, pins = _bounds(), _pins()
    assert set(bounds) == set(pins), \
        f"only in pyproject.toml: {set(bounds) - set(pins)}; only in .ci/oldest.txt: {set(pins) - set(bounds)}"
    for name, low in bounds.items():
        assert pins[name][:len(low)] == low, f"{name}: pyproject.toml says >={low}, the oldest job tests {pins[name]}"
