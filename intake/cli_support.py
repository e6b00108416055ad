"""Shared by both command lines: settings and database once, errors as one clear line."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

import click
from sqlalchemy import Engine

from intake.errors import SanctionsError
from intake.settings import Settings, load_settings

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class AppContext:
    """What every command needs, made on first use so `--help` touches nothing."""

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
            from intake.db.engine import open_database

            self._engine = open_database(self.settings)
        return self._engine


def fail(message: str, code: int = 1) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def guarded(func: F) -> F:
    """Turn the project's errors into one line on stderr and their exit status."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SanctionsError as exc:
            fail(str(exc), exc.exit_code)

    return wrapper  # type: ignore[return-value]


def run_main(group: click.Group) -> None:
    """Entry point wrapper: the project's errors escaping a command become one line."""
    try:
        group.main(standalone_mode=True)
    except SanctionsError as exc:
        fail(str(exc), exc.exit_code)
