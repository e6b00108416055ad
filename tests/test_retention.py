"""Retention schedules in settings: one per receiving organisation, retention_years the default."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from backoffice.retention import years_before
from intake.core.errors import ConfigError
from intake.core.settings import load_settings


def test_each_organisation_has_its_schedule_and_the_default_fills_the_rest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SANCTIONS_RETENTION_YEARS", "7")
    monkeypatch.setenv("SANCTIONS_RETENTION__PPO", "10")
    settings = load_settings()
    assert settings.retention_years_for("PPO") == 10
    assert settings.retention_years_for("HMIP") == 7 == settings.retention_years_for("IMB")
    assert settings.longest_retention_years == 10


def test_a_schedule_must_be_a_sensible_number_of_years(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SANCTIONS_RETENTION__HMIP", "0")
    with pytest.raises(ConfigError, match="SANCTIONS_RETENTION__HMIP"):
        load_settings()
    monkeypatch.delenv("SANCTIONS_RETENTION__HMIP")
    monkeypatch.setenv("SANCTIONS_RETENTION__POLICE", "3")
    with pytest.raises(ConfigError, match="unknown setting"):
        load_settings()


def test_years_before_handles_the_leap_day() -> None:
    leap = datetime(2024, 2, 29, 12, tzinfo=UTC)
    assert years_before(leap, 1) == datetime(2023, 2, 28, 12, tzinfo=UTC)
    assert years_before(leap, -4) == datetime(2028, 2, 29, 12, tzinfo=UTC)
