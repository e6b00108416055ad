"""The live queue: a cheap mark that moves whenever any case changes anywhere.

Every change to a case writes an audit event (``intake.audit``), so the newest audit id and the
number of recent audit events together move on every committed change. Both are answered from the
primary key's index, on SQLite and PostgreSQL alike. Counting the recent ones as well as taking the
newest catches a transaction that took a lower id but committed after a higher one (PostgreSQL's
sequences hand out ids before commit).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from intake.db.models import AuditEvent

WINDOW = 10_000  # ids behind the newest in which a late commit is still noticed


@dataclass(frozen=True)
class ChangeMark:
    newest: int
    recent: int


def change_mark(session: Session) -> ChangeMark:
    """Where the database's history stands now; compare two marks to know if anything changed."""
    newest = session.exec(select(func.max(AuditEvent.id))).one() or 0
    recent = session.exec(select(func.count()).where(col(AuditEvent.id) > newest - WINDOW)).one()
    return ChangeMark(newest=newest, recent=recent)
