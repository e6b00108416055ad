"""What the apps keep for themselves: secrets (the pseudonym key) and the offline outbox."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String
from sqlmodel import Field, SQLModel

from intake.core.clock import utcnow
from intake.core.db.models.columns import json_column


class AppSecret(SQLModel, table=True):
    """A per-database secret, made once (e.g. the key of the tracker export's pseudonyms)."""

    __tablename__ = "app_secret"

    name: str = Field(sa_type=String(64), primary_key=True)
    value: str = Field(sa_type=String(256))
    created_at: datetime = Field(default_factory=utcnow)


class OutboxEntry(SQLModel, table=True):
    """A case submitted on a laptop while the central database was out of reach (offline intake).

    Only an outbox database (``intake.core.db.outbox``) has rows here; ``intake sync`` sends
    each one to the central database once, by its case's stable UUID, and records the reference
    it was given.
    """

    __tablename__ = "outbox_entry"

    id: int | None = Field(default=None, primary_key=True)
    case_uuid: str = Field(sa_type=String(36), unique=True)
    draft_uuid: str | None = Field(default=None, sa_type=String(36))
    actor_name: str = Field(sa_type=String(120))
    establishment_name: str | None = Field(default=None, sa_type=String(120))
    submission: dict[str, Any] = json_column(dict)
    created_at: datetime = Field(default_factory=utcnow)
    sent_at: datetime | None = None
    central_reference: str | None = Field(default=None, sa_type=String(20))
