"""Shared fixtures: every test gets its own data directory and a real SQLite file."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from intake.db.engine import open_database
from intake.settings import Settings, load_settings

BIN = Path(sys.executable).parent


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads the developer's own config, data or environment."""
    for name in list(os.environ):
        if name.startswith("SANCTIONS_"):
            monkeypatch.delenv(name)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("SANCTIONS_CONFIG_FILE", str(home / "no-config.toml"))
    return home


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    data = tmp_path / "data"
    return load_settings(data_dir=data, database_url=f"sqlite:///{tmp_path / 'test.db'}")


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    engine = open_database(settings)
    yield engine
    engine.dispose()


def run_cli(
    *args: str, env: dict[str, str] | None = None, input: str | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run one of the installed console scripts (`intake`, `backoffice`) as a user would."""
    command, *rest = args
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [str(BIN / command), *rest],
        capture_output=True,
        text=True,
        env=full_env,
        input=input,
        timeout=timeout,
    )
