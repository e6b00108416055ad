"""Opening the database: engine, SQLite pragmas, migrations and first-start reference data."""

from __future__ import annotations

import os
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from filelock import FileLock
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import (
    ArgumentError,
    DatabaseError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.pool import ConnectionPoolEntry

from intake.core.errors import ConfigError
from intake.core.files import create_private, make_private, private_dir, sqlite_files
from intake.core.settings import Settings

SQLITE_BUSY_TIMEOUT_MS = 15_000
SERVER_CONNECT_TIMEOUT_S = 5


class DatabaseUnreachable(ConfigError):
    """The database server did not answer (down, or no network): a laptop may work offline."""


def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def parse_url(raw: str) -> URL:
    try:
        return make_url(raw)
    except ArgumentError as exc:
        raise ConfigError(
            f"SANCTIONS_DATABASE_URL: {raw!r} is not a database URL "
            "(e.g. sqlite:////path/to/sanctions.db or postgresql+psycopg://user@host/db)"
        ) from exc


def create_db_engine(raw_url: str) -> Engine:
    """Build an engine for a URL, with WAL and foreign keys on SQLite."""
    url = parse_url(raw_url)
    try:
        if url.get_backend_name() == "sqlite":
            engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
            event.listen(engine, "connect", _sqlite_pragmas)
            return engine
        if url.drivername == "postgresql":  # plain postgresql:// means psycopg 3 here
            url = url.set(drivername="postgresql+psycopg")
        connect_args = {"connect_timeout": SERVER_CONNECT_TIMEOUT_S}
        if not url.drivername.startswith("postgresql"):
            connect_args = {}
        return create_engine(url, pool_pre_ping=True, connect_args=connect_args)
    except (NoSuchModuleError, ArgumentError, ImportError) as exc:
        raise ConfigError(
            f"SANCTIONS_DATABASE_URL: the driver for {url.drivername!r} is not available "
            "(use sqlite:///... or postgresql+psycopg://...)"
        ) from exc


def check_data_dir(path: Path) -> None:
    """The data directory must exist (or be creatable) and be writable."""
    probe = path
    while not probe.exists():
        if probe.parent == probe:
            break
        probe = probe.parent
    if not probe.is_dir() or not os.access(probe, os.W_OK | os.X_OK):
        raise ConfigError(
            f"SANCTIONS_DATA_DIR: {path} is not a writable directory; "
            "choose another with SANCTIONS_DATA_DIR=/path"
        )


def _check_sqlite_file(url: URL) -> None:
    database = url.database
    if not database or database == ":memory:":
        return
    file = Path(database).expanduser()
    if file.exists() and not os.access(file, os.R_OK | os.W_OK):
        raise ConfigError(f"SANCTIONS_DATABASE_URL: {file} is not readable and writable")
    parent = file.parent
    if not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
        raise ConfigError(
            f"SANCTIONS_DATABASE_URL: folder {parent} does not exist or is not writable"
        )


def open_database(settings: Settings, *, migrate: bool = True) -> Engine:
    """Check the settings, connect, bring the schema up to date and load reference data.

    On SQLite, processes opening the same file take turns (a lock file beside it) until the
    schema is ready: two terminals started together on a new database would otherwise both
    switch it to WAL and create its tables."""
    url = parse_url(settings.effective_database_url)
    if settings.uses_default_database:
        check_data_dir(settings.data_dir)
        private_dir(settings.data_dir)
    elif url.get_backend_name() == "sqlite":
        _check_sqlite_file(url)
    database = _sqlite_path(url)
    turns: AbstractContextManager[object] = nullcontext()
    if database is not None and database.parent.is_dir():
        create_private(database)  # 0600 before SQLite makes it; its -wal/-shm take its mode
        turns = FileLock(database.with_name(database.name + ".lock"), mode=0o600)
    with turns:
        engine = _connect(settings, url, migrate=migrate)
    if database is not None:
        make_private(*sqlite_files(database))
    return engine


def _connect(settings: Settings, url: URL, *, migrate: bool) -> Engine:
    from intake.core.db.migrate import schema_lock, upgrade_to_head
    from intake.core.establishments import ensure_establishments

    engine = create_db_engine(settings.effective_database_url)
    shown = url.render_as_string(hide_password=True)
    try:
        with engine.connect():
            pass
    except DatabaseError as exc:  # OperationalError, or a file that is not a database
        engine.dispose()
        raise _unusable(url, shown, exc) from exc
    try:
        if migrate:
            with schema_lock(engine):
                upgrade_to_head(engine)
                ensure_establishments(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise ConfigError(
            f"SANCTIONS_DATABASE_URL: cannot use {shown} ({error_reason(exc)})"
        ) from exc
    return engine


def _unusable(url: URL, shown: str, exc: DatabaseError) -> ConfigError | DatabaseUnreachable:
    if url.get_backend_name() == "sqlite":
        message = f"SANCTIONS_DATABASE_URL: cannot open {shown} ({error_reason(exc)})"
        if not isinstance(exc, OperationalError):
            message += "; if the file is damaged, restore a backup (backoffice restore FILE)"
        return ConfigError(message)
    if not isinstance(exc, OperationalError):
        return ConfigError(f"SANCTIONS_DATABASE_URL: cannot use {shown} ({error_reason(exc)})")
    return DatabaseUnreachable(
        f"SANCTIONS_DATABASE_URL: cannot reach {shown} ({error_reason(exc)}); "
        "check the server is running and reachable"
    )


def _sqlite_path(url: URL) -> Path | None:
    """The file of a SQLite URL (None for a server or an in-memory database)."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    if url.database.startswith("file:"):
        return None
    return Path(url.database).expanduser()


def error_reason(exc: BaseException) -> str:
    """The driver's first line about a database error (what a user can act on)."""
    lines = str(getattr(exc, "orig", exc)).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
