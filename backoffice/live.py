"""The live queue: a cheap mark that moves whenever any case changes anywhere.

Every change to a case writes an audit event (``intake.core.audit``), so the newest audit id and the
number of recent audit events together move on every committed change. Events of the ``access``
chain (reads, searches, exports, choosing who you are: ``intake.core.audit_chain.record_access``)
change no case and are left out, or every desk's own reading would reload every other desk.
Both are answered from the primary key's index (and the chain's), on SQLite and PostgreSQL.
Counting the recent ones as well as taking the newest catches a transaction that took a lower id
but committed after a higher one (PostgreSQL's sequences hand out ids before commit).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from intake.core.audit_chain import ACCESS_CHAIN
from intake.core.db.models import AuditEvent

WINDOW = 10_000  # ids behind the newest in which a late commit is still noticed


@dataclass(frozen=True)
class ChangeMark:
    newest: int
    recent: int


def change_mark(session: Session) -> ChangeMark:
    """Where the database's history stands now; compare two marks to know if anything changed."""
    changes = col(AuditEvent.chain) != ACCESS_CHAIN
    newest = session.exec(select(func.max(AuditEvent.id)).where(changes)).one() or 0
    recent = session.exec(
        select(func.count()).where(col(AuditEvent.id) > newest - WINDOW, changes)
    ).one()
    return ChangeMark(newest=newest, recent=recent)
