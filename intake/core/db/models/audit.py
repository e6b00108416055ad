"""The audit trail: events, their hash chains' heads and acknowledgements of a broken chain."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, String
from sqlmodel import Field, SQLModel

from intake.core.clock import utcnow
from intake.core.db.models.columns import text_column


class AuditEvent(SQLModel, table=True):
    """Who changed what, when, from what to what, and why."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_chain_id", "chain", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = Field(default=None, foreign_key="sanction_case.id", index=True)
    actor_id: int | None = Field(default=None, foreign_key="app_user.id")
    actor_name: str = Field(sa_type=String(120))
    at: datetime = Field(default_factory=utcnow, index=True)
    action: str = Field(sa_type=String(64))
    entity: str = Field(sa_type=String(32))
    entity_id: int | None = None
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    reason: str | None = text_column()
    #: Tamper evidence: the chain this event belongs to (e.g. one per case, one for access
    #: events), the hash of the previous event of that chain and this event's own hash.
    chain: str | None = Field(default=None, sa_type=String(40), index=True)
    prev_hash: str | None = Field(default=None, sa_type=String(64))
    hash: str | None = Field(default=None, sa_type=String(64))


class AuditAcknowledgement(SQLModel, table=True):
    """An admin's acknowledgement of a broken audit chain, so normal work may resume."""

    __tablename__ = "audit_acknowledgement"

    id: int | None = Field(default=None, primary_key=True)
    chain: str = Field(sa_type=String(40))
    event_id: int | None = None
    found: str = text_column(nullable=False)
    reason: str = text_column(nullable=False)
    acknowledged_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    acknowledged_at: datetime = Field(default_factory=utcnow)


class AuditChainHead(SQLModel, table=True):
    """The newest hash of each audit chain and how many events it holds
    (``intake.core.audit_chain``).

    Appending to a chain updates its row first, so the row lock (PostgreSQL) or the write lock
    (SQLite) serialises the appends of one chain; the row ``~checkpoint`` keeps, in
    ``last_id``, the audit id up to which the quick start-up check has verified every event.
    """

    __tablename__ = "audit_chain_head"

    chain: str = Field(sa_type=String(40), primary_key=True)
    hash: str | None = Field(default=None, sa_type=String(64))
    count: int = 0
    last_id: int | None = None
