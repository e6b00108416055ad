"""What the `backoffice` commands share: the acting user (--as), JSON output, dates."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import click
from pydantic import BaseModel
from sqlmodel import Session

from backoffice.service import BackofficeService
from backoffice.text import parse_date, plain  # noqa: F401  (the commands use them from here)
from intake.cli.support import AppContext
from intake.core.errors import ConfigError, ValidationProblem
from intake.core.identity import resolve_actor
from intake.core.users import Actor

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


@dataclass
class BackofficeContext(AppContext):
    """The app context plus who is acting: the user of this login (``intake.core.identity``), or
    the one named by --as (or SANCTIONS_USER) among several sharing it."""

    acting: str | None = None

    def choose_demo_database(self, demo: bool) -> None:
        """Before the database is first opened: the demo's own file, or the real one."""
        assert self._engine is None, "the database is already open"
        self.overrides["demo"] = demo
        self._settings = None

    def require_demo_database(self) -> None:
        """--demo before `backoffice demo` made the demo's database: say so, open nothing."""
        if not self.settings.demo_database.is_file():
            raise ConfigError(
                f"no demo database yet ({self.settings.demo_database}): run `backoffice demo` first"
            )

    def actor(self, session: Session) -> Actor:
        return resolve_actor(session, self.acting)

    def service(self) -> BackofficeService:
        """The back office's service layer for the person acting (the TUI's too)."""
        return BackofficeService.for_user(self.engine, self.settings, self.acting)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.engine) as session:
            yield session


pass_app = click.make_pass_decorator(BackofficeContext)


def emit_json(value: BaseModel | Sequence[BaseModel] | dict[str, Any]) -> None:
    if isinstance(value, BaseModel):
        data: Any = value.model_dump(mode="json")
    elif isinstance(value, dict):
        data = value
    else:
        data = [item.model_dump(mode="json") for item in value]
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def parse_settings(pairs: tuple[str, ...]) -> dict[str, str]:
    """--set field=value pairs into a mapping; a field given twice is refused."""
    found: dict[str, str] = {}
    for pair in pairs:
        field, sep, value = pair.partition("=")
        if not sep or not field.strip():
            raise ValidationProblem(f"--set {pair!r}: write it as field=value, e.g. risk=high")
        key = field.strip().lower()
        if key in found:
            raise ValidationProblem(f"--set {key} is given twice")
        found[key] = value.strip()
    return found
