"""The service's core: the acting user, one short database session per request, and a change
made in its own session and committed once it succeeds."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlmodel import Session

from intake.core.settings import Settings
from intake.core.users import Actor

TUI_PAGE_SIZE = 25
T = TypeVar("T")


@dataclass
class ServiceCore:
    """The acting user, with what every request needs: the database and the settings."""

    engine: Engine
    settings: Settings
    actor: Actor
    page_size: int = TUI_PAGE_SIZE
    _establishments: dict[str, tuple[int, str]] = field(default_factory=dict)

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with Session(self.engine) as session:
            yield session

    def _committed(self, change: Callable[..., T], **arguments: Any) -> T:
        """One change made as the acting user in its own session, committed once it succeeds."""
        with self._session() as session:
            result = change(session, actor=self.actor, **arguments)
            session.commit()
            return result
