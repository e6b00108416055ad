"""Shared fixtures: every test gets its own data directory and its own real database.

By default the database is a SQLite file. With SANCTIONS_TEST_DATABASE_URL set to a PostgreSQL
server (``.ci/with-postgres`` starts a throwaway one), each test gets a new, empty database on it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, make_url

from intake.core.db.engine import open_database
from intake.core.settings import Settings, load_settings
from tests.support.database import ON_POSTGRES, TEST_SERVER_URL


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: checks something only SQLite has")
    config.addinivalue_line("markers", "postgres_only: needs a database server (a team's setup)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    other = "postgres_only" if not ON_POSTGRES else "sqlite_only"
    reason = "needs PostgreSQL (.ci/with-postgres)" if not ON_POSTGRES else "SQLite only"
    for item in items:
        if other in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_report_header(config: pytest.Config) -> str:
    return f"database: {'PostgreSQL' if ON_POSTGRES else 'SQLite'}"


@pytest.fixture(scope="session")
def server_admin() -> Iterator[Engine | None]:
    """An autocommit connection to the PostgreSQL test server, or None on SQLite."""
    if not ON_POSTGRES:
        yield None
        return
    admin = create_engine(TEST_SERVER_URL, isolation_level="AUTOCOMMIT", pool_size=1)
    yield admin
    admin.dispose()


@pytest.fixture
def database_url(tmp_path: Path, server_admin: Engine | None) -> Iterator[str]:
    """A new, empty database for this test: a SQLite file, or a database on the test server."""
    if server_admin is None:
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    name = f"test_{uuid.uuid4().hex[:16]}"
    with server_admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    yield make_url(TEST_SERVER_URL).set(database=name).render_as_string(hide_password=False)
    with server_admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


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
def settings(tmp_path: Path, database_url: str) -> Settings:
    return load_settings(data_dir=tmp_path / "data", database_url=database_url)


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    engine = open_database(settings)
    yield engine
    engine.dispose()
