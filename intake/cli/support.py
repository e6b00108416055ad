"""Shared by both command lines: settings and database once, errors as one clear line.
Nothing here knows the interview or the outbox (the back office's CLI imports it)."""

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

from intake.core import served
from intake.core.db.problems import describe
from intake.core.errors import SanctionsError
from intake.core.settings import Settings, load_settings

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class AppContext:
    """What every command needs, made on first use so `--help` touches nothing: the settings
    and the (migrated) database. The intake's own context adds the laptop's outbox
    (:class:`intake.cli.context.IntakeContext`)."""

    _settings: Settings | None = None
    _engine: Engine | None = None
    #: Settings given on the command line (e.g. ``demo`` by ``backoffice --demo``); they win
    #: over the environment and the config file.
    overrides: dict[str, Any] = field(default_factory=dict)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(**self.overrides)
            served.sign_in(self._settings)  # a browser session's login, checked (intake serve)
        return self._settings

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from intake.core.db.engine import DatabaseUnreachable, open_database

            try:
                self._engine = open_database(self.settings)
            except DatabaseUnreachable as exc:
                self._engine = self._unreachable(exc)
            else:
                self._opened(self._engine)
        return self._engine

    def _unreachable(self, exc: Exception) -> Engine:
        """The central database cannot be reached: say so (a subclass may work offline)."""
        raise exc

    def _opened(self, engine: Engine) -> None:
        """Called once the database is open (a subclass may send what was kept offline)."""

    def reopen(self) -> Engine:
        """Close the database and open it again (e.g. after a restore replaced its contents);
        opening brings it up to date with the migrations."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        return self.engine


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
