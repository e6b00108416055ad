"""The protocol's work on a case: tasks and signposts, the HMIP sanctions tracker entry and
recommendations."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, String
from sqlmodel import Field, SQLModel

from intake.core.clock import utcnow
from intake.core.db.models.columns import enum_column, json_column, text_column


class WorkflowTask(SQLModel, table=True):
    """A protocol step or parallel duty with an owner organisation and a due date."""

    __tablename__ = "workflow_task"
    __table_args__ = (Index("ix_task_open_due", "done_at", "due"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="sanction_case.id", index=True)
    step: int | None = None
    duty: str | None = enum_column(None, length=32)
    #: For a signpost task: the route whose signpost the person must be given.
    route: str | None = enum_column(None, length=24)
    title: str = Field(sa_type=String(200))
    owner_organisation: str = enum_column(length=8)
    due: date | None = None
    created_at: datetime = Field(default_factory=utcnow)
    done_at: datetime | None = None
    done_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    outcome: str | None = Field(default=None, sa_type=String(64))
    note: str | None = text_column()


class Signpost(SQLModel, table=True):
    """A route elsewhere given to the person: which, the words used, and when they were told."""

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="sanction_case.id", index=True)
    route: str = enum_column(length=24)
    text: str = text_column(nullable=False)
    told_on: date
    told_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    recorded_at: datetime = Field(default_factory=utcnow)
    note: str | None = text_column()


class TrackerEntry(SQLModel, table=True):
    """A case's line on the HMIP sanctions tracker (protocol para 24, flowchart step 3).

    ``step_dates`` maps each protocol step reached ("1".."11") to the ISO date it was reached.
    """

    __tablename__ = "tracker_entry"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="sanction_case.id", unique=True)
    logged_at: datetime = Field(default_factory=utcnow, index=True)
    logged_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    informed_by: str | None = enum_column(None, length=8)
    step_dates: dict[str, str] = json_column(dict)
    note: str | None = text_column()


class Recommendation(SQLModel, table=True):
    """One recommendation of a PPO formal report (step 11), tracked until it is done.

    Recommendations that bite (NPM guidance para 4): each has an owner, a measurable outcome and
    a due date; the establishment's response (accepted, partly, rejected with a reason) is
    recorded with when and by whom; ``evidence`` says how the outcome was seen to be met.
    ``status`` is ``made``, then ``accepted`` / ``partly`` / ``rejected``, then ``met``. An
    overdue one is escalated once after the grace period (``escalated_at``).
    """

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="sanction_case.id", index=True)
    seq: int = 1
    text: str = text_column(nullable=False)
    owner: str | None = Field(default=None, sa_type=String(120))
    establishment_id: int | None = Field(default=None, foreign_key="establishment.id")
    due: date | None = None
    created_at: datetime = Field(default_factory=utcnow)
    created_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    done_at: datetime | None = None
    done_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    note: str | None = text_column()
    #: The measurable outcome that shows it was done (None: made before migration 0014).
    outcome: str | None = text_column()
    status: str = enum_column("made", length=12)
    #: The establishment's response: accepted, partly or rejected (None: not yet given).
    response: str | None = enum_column(None, length=12)
    response_reason: str | None = text_column()
    response_at: datetime | None = None
    response_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    #: How the outcome was seen to be met (recorded with ``done_at``).
    evidence: str | None = text_column()
    #: When the overdue recommendation was escalated to the lead (once, after the grace period).
    escalated_at: datetime | None = None


class PatternAlertAction(SQLModel, table=True):
    """What a lead did about a pattern alert (``backoffice.alerts``): the alert's key, the case
    references it listed for them then, and their note. Never a person's identity."""

    __tablename__ = "pattern_alert_action"

    id: int | None = Field(default=None, primary_key=True)
    alert_key: str = Field(sa_type=String(160), index=True)
    label: str = Field(sa_type=String(240))
    organisation: str = enum_column(length=8)
    references: list[str] = json_column()
    note: str = text_column(nullable=False)
    recorded_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    recorded_at: datetime = Field(default_factory=utcnow)


class LogShare(SQLModel, table=True):
    """The regular share of the tracker log with the IMB and PPO leads (para 24;
    ``backoffice.share``): which six-monthly period, who shared it, when, and the files written
    (their names, never their contents)."""

    __tablename__ = "log_share"

    id: int | None = Field(default=None, primary_key=True)
    #: ``2026H1`` (1 January to 30 June) or ``2026H2`` (1 July to 31 December).
    period: str = Field(sa_type=String(8), index=True)
    shared_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    shared_at: datetime = Field(default_factory=utcnow)
    files: list[str] = json_column()
