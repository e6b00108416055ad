"""An interview as it is recorded: the draft, each answer, and unfinished text kept as pieces."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, String
from sqlmodel import Field, SQLModel

from intake.core.clock import utcnow
from intake.core.db.models.columns import enum_column, json_column, new_uuid, text_column


class InterviewDraft(SQLModel, table=True):
    """An interview in progress: saved on every answer so a killed process can resume it."""

    __tablename__ = "interview_draft"

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(default_factory=new_uuid, sa_type=String(36), unique=True)
    user_id: int | None = Field(default=None, foreign_key="app_user.id", index=True)
    state: dict[str, Any] = json_column(dict)
    #: The question whose unfinished text is kept (its text: :class:`PendingChunk` rows).
    pending_key: str | None = Field(default=None, sa_type=String(64))
    status: str = enum_column("open", length=12, index=True)
    case_id: int | None = Field(default=None, foreign_key="sanction_case.id")
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class PendingChunk(SQLModel, table=True):
    """A piece of a draft's unfinished text (a narrative being typed), in the order saved:
    the text grows by adding pieces, so a long paste never rewrites what is already kept."""

    __tablename__ = "pending_chunk"

    id: int | None = Field(default=None, primary_key=True)
    draft_id: int = Field(foreign_key="interview_draft.id", index=True)
    text: str = text_column(nullable=False)


class Answer(SQLModel, table=True):
    """One exchange of the interview: the question as asked and the answer as given."""

    id: int | None = Field(default=None, primary_key=True)
    draft_id: int = Field(foreign_key="interview_draft.id", index=True)
    case_id: int | None = Field(default=None, foreign_key="sanction_case.id", index=True)
    seq: int
    key: str = Field(sa_type=String(64))
    question: str = text_column(nullable=False)
    answer: str = text_column(nullable=False)
    value: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    answered_at: datetime = Field(default_factory=utcnow)
