"""A test skipped for a missing tool must not pass silently in CI."""
import pytest
from tooling import require


def test_a_missing_tool_skips_on_a_developer_machine(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install frobnicate"):
        require(False, "frobnicate", "apt-get install frobnicate")


def test_a_missing_tool_fails_under_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="frobnicate is not installed.*CI must have it"):
        require(False, "frobnicate", "apt-get install frobnicate")


def test_a_present_tool_goes_on(monkeypatch):
    monkeypatch.setenv("CI", "true")
    assert require(True, "frobnicate", "apt-get install frobnicate") is None
