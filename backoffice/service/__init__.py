"""The back office's service layer: what both front ends (the TUI and the CLI) ask of it.

One short database session per request, opened and committed here for one acting user: the
queue, a case, the actions possible now, a workflow action, an override, a triage view. Every
role, need-to-know and locking rule is the domain's (queue, case view, workflow, overrides); the
front ends only ask and show what comes back, so no check can differ between them.

:class:`BackofficeService` is the one door; its requests are kept by area: the queue
(:mod:`.queue`), a case and its actions (:mod:`.cases`), what leads oversee (:mod:`.oversight`)
and letters to the person (:mod:`.letters`), over the session and commit of :mod:`.core`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import Session

from backoffice.service.cases import CaseRequests
from backoffice.service.core import TUI_PAGE_SIZE
from backoffice.service.letters import LetterRequests
from backoffice.service.oversight import OversightRequests
from backoffice.service.queue import QueueQuery, QueueRequests
from intake.core.identity import resolve_actor
from intake.core.settings import Settings

__all__ = ["TUI_PAGE_SIZE", "BackofficeService", "QueueQuery"]


@dataclass
class BackofficeService(QueueRequests, CaseRequests, OversightRequests, LetterRequests):
    """The acting user's door to the services."""

    @classmethod
    def for_user(cls, engine: Engine, settings: Settings, name: str | None) -> BackofficeService:
        """The service for the person acting: this login's user, or the one named by --as
        (or SANCTIONS_USER) among several sharing it (``intake.core.identity``)."""
        with Session(engine) as session:
            actor = resolve_actor(session, name)
        return cls(engine=engine, settings=settings, actor=actor)
