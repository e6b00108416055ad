"""The queue as the front ends ask for it: filters, a search and a page; the establishment a
filter names; and where the database's history stands (the queue refreshes when it moves)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from backoffice.live import ChangeMark, change_mark
from backoffice.queue import QueueFilters, list_queue
from backoffice.service.core import ServiceCore
from backoffice.view_models import QueuePage
from intake.core.db.models import Establishment
from intake.core.establishments import resolve_establishment_id


@dataclass(frozen=True)
class QueueQuery:
    """What the queue screen asks for: filters, a search and a page (all as people set them)."""

    statuses: tuple[str, ...] = ()
    establishment: str | None = None
    establishment_id: int | None = None
    organisation: str | None = None
    overdue: bool = False
    overridden: bool | None = None
    include_closed: bool = False
    search: str = ""
    page: int = 1

    def filters(self) -> QueueFilters:
        ids = [self.establishment_id] if self.establishment_id is not None else []
        return QueueFilters(
            statuses=self.statuses,
            establishment_ids=ids,
            organisation=self.organisation,
            overdue=self.overdue,
            overridden=self.overridden,
            open_only=not self.include_closed,
        )

    def with_page(self, page: int) -> QueueQuery:
        return replace(self, page=max(1, page))

    def with_search(self, text: str) -> QueueQuery:
        return replace(self, search=text.strip(), page=1)

    def describe(self) -> str:
        """The filters in force, in a few words ('' when none)."""
        parts = [f"status {'/'.join(self.statuses)}" if self.statuses else ""]
        parts += [
            self.establishment or "",
            self.organisation or "",
            "overdue" if self.overdue else "",
            {True: "overridden", False: "not overridden", None: ""}[self.overridden],
            "incl. closed" if self.include_closed and not self.statuses else "",
        ]
        return " · ".join(p for p in parts if p)


class QueueRequests(ServiceCore):
    """The queue, the establishment look-up and the change mark."""

    def queue(self, query: QueueQuery, *, page_size: int | None = None) -> QueuePage:
        with self._session() as session:
            return list_queue(
                session,
                actor=self.actor,
                filters=query.filters(),
                search=query.search or None,
                page=query.page,
                page_size=page_size or self.page_size,
            )

    def change_mark(self) -> ChangeMark:
        """Where the database's history stands (moves on any change made anywhere)."""
        with self._session() as session:
            return change_mark(session)

    def establishment(self, text: str) -> tuple[int, str]:
        """Id and name of the one establishment ``text`` names (fuzzy), or a ValidationProblem."""
        key = text.strip().lower()
        if key not in self._establishments:
            with self._session() as session:
                found = resolve_establishment_id(session, text)
                place = session.get(Establishment, found)
                self._establishments[key] = (found, place.name if place else text.strip())
        return self._establishments[key]
