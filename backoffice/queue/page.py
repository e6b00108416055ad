"""One page of the queue a reader may see, with or without a search."""

from __future__ import annotations

from sqlalchemy import and_, func
from sqlmodel import Session, select

from backoffice.access import require_active_role
from backoffice.queue.filters import QueueFilters, _ordered, where_clauses
from backoffice.queue.rows import _rows
from backoffice.queue.search import _search_page
from backoffice.view_models import QueuePage
from intake.core.clock import today
from intake.core.db.models import SanctionCase
from intake.core.errors import ValidationProblem
from intake.core.users import Actor

PAGE_SIZE = 25
MAX_PAGE_SIZE = 200


def list_queue(
    session: Session,
    *,
    actor: Actor,
    filters: QueueFilters | None = None,
    search: str | None = None,
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> QueuePage:
    """One page of the queue this actor may see: risk first ("ask now" first within a level),
    then oldest first."""
    require_active_role(actor)
    if page < 1:
        raise ValidationProblem("pages are numbered from 1")
    page_size = max(1, min(page_size, MAX_PAGE_SIZE))
    on = today()
    clauses = where_clauses(actor, filters or QueueFilters(), on)
    text = (search or "").strip()
    if text:
        from intake.core.audit_chain import record_access, search_fingerprint

        found = _search_page(session, actor, clauses, text, page, page_size, on)
        details = {**search_fingerprint(text), "page": page, "results": len(found.rows)}
        record_access(session, actor=actor, action="queue.search", entity="case", details=details)
        return found
    query = _ordered(select(SanctionCase).where(and_(*clauses)))
    offset = (page - 1) * page_size
    cases = list(session.exec(query.offset(offset).limit(page_size + 1)).all())
    total = session.exec(select(func.count()).select_from(SanctionCase).where(*clauses)).one()
    rows = _rows(session, actor, cases[:page_size], on, {})
    return QueuePage(
        rows=rows, page=page, page_size=page_size, total=total, has_next=len(cases) > page_size
    )
