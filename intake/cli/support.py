"""Shared by both command lines: settings and database once, errors as one clear line."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any, TypeVar

import click
from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError

from intake.core.db.engine import error_reason
from intake.core.db.problems import describe
from intake.core.errors import SanctionsError
from intake.core.settings import Settings, load_settings

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class AppContext:
    """What every command needs, made on first use so `--help` touches nothing."""

    # The intake may fall back to the laptop's outbox when the central database is unreachable.
    offline_allowed: bool = False
    offline: bool = False
    notices: list[str] = field(default_factory=list)
    _settings: Settings | None = None
    _engine: Engine | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings()
        return self._settings

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from intake.core.db.engine import DatabaseUnreachable, open_database

            try:
                self._engine = open_database(self.settings)
            except DatabaseUnreachable as exc:
                if not self.offline_allowed:
                    raise
                self._engine = self._go_offline(exc)
            else:
                if self.offline_allowed:
                    self._send_outbox(self._engine)
        return self._engine

    def reopen(self) -> Engine:
        """Close the database and open it again (e.g. after a restore replaced its contents);
        opening brings it up to date with the migrations."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        return self.engine

    def _go_offline(self, exc: Exception) -> Engine:
        from intake.core.db.outbox import open_outbox

        self.offline = True
        reason = error_reason(exc.__cause__ or exc).rsplit(": ", 1)[-1]
        self.notices.append(
            f"Working offline: the central database is unreachable ({reason}). Cases are kept "
            "on this laptop with a provisional reference until `intake sync` sends them."
        )
        return open_outbox(self.settings)

    def _send_outbox(self, central: Engine) -> None:
        """Back online: send what was recorded offline, and say so."""
        from intake.core.db.outbox import open_outbox, outbox_path
        from intake.sync import pending_count, sync_outbox

        if not outbox_path(self.settings).exists():
            return
        local = open_outbox(self.settings)
        try:
            if pending_count(local):
                report = sync_outbox(local, central, self.settings)
                self.notices += [f"Offline cases: {line}" for line in report.lines()]
        finally:
            local.dispose()


def fail(message: str, code: int = 1) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def guarded(func: F) -> F:
    """Turn the project's errors, and any database error, into one line on stderr and an exit
    status."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SanctionsError as exc:
            fail(str(exc), exc.exit_code)
        except (DatabaseError, sqlite3.DatabaseError) as exc:
            database_failed(exc)

    return wrapper  # type: ignore[return-value]


def run_main(group: click.Group) -> None:
    """Entry point wrapper: the project's errors escaping a command become one line."""
    try:
        group.main(standalone_mode=True)
    except SanctionsError as exc:
        fail(str(exc), exc.exit_code)
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        database_failed(exc)


def database_failed(exc: DatabaseError | sqlite3.DatabaseError) -> None:
    """Any database error (a lost connection, a lock, a damaged file, a missing table ...)
    as one line saying what happened and what to do, never a traceback."""
    problem = describe(exc)
    fail(problem.message, problem.exit_code)
