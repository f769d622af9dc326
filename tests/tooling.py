"""A test that needs an outside tool (Chromium, pdftoppm) skips where it is missing -- but not
in CI: under CI=true a missing tool fails the test, so a runner without it cannot pass silently
(`.ci/run` installs both)."""
from __future__ import annotations

import os

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def require(present: bool, what: str, install: str) -> None:
    """Go on if the tool is `present`; else skip the test with the reason, or fail it in CI."""
    if present:
        return
    reason = f"{what} is not installed ({install})"
    if in_ci():
        pytest.fail(f"{reason}: CI must have it, .ci/run installs it", pytrace=False)
    pytest.skip(reason)
