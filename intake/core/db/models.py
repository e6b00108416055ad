"""The schema (SQLModel tables). Enum-valued columns are stored as their string values.

Table models skip validation: create rows through the services, which validate first.
Every change to a :class:`SanctionCase` and its records goes through :mod:`intake.core.audit`.
"""

from __future__ import annotations

import uuid as uuid_module
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, Integer, String, Table, Text
from sqlmodel import Field, SQLModel

from intake.core.clock import utcnow


def table_of(model: type[SQLModel]) -> Table:
    """A table model's Table (SQLModel's types do not declare ``__table__``)."""
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


def new_uuid() -> str:
    return str(uuid_module.uuid4())


def _json(default: Any = None, *, nullable: bool = False) -> Any:
    factory = list if default is None else default
    return Field(default_factory=factory, sa_column=Column(JSON, nullable=nullable))


def _text(*, nullable: bool = True) -> Any:
    return Field(default=None if nullable else "", sa_column=Column(Text, nullable=nullable))


def _enum(default: str | None = None, *, length: int = 32, index: bool = False) -> Any:
    return Field(default=default, sa_type=String(length), index=index)


class Establishment(SQLModel, table=True):
    """A place of detention the protocol covers (reference data)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=String(120), unique=True)
    code: str | None = Field(default=None, sa_type=String(6), index=True)
    type: str = _enum(length=8)
    also_yoi: bool = False
    country: str = Field(sa_type=String(32))
    operator: str = Field(sa_type=String(64))
    aliases: list[str] = _json()


class User(SQLModel, table=True):
    """A member of staff of one of the three bodies."""

    __tablename__ = "app_user"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=String(120), unique=True)
    role: str = _enum(length=16)
    organisation: str = _enum(length=8)
    establishment_id: int | None = Field(default=None, foreign_key="establishment.id")
    active: bool = True
    is_demo: bool = False
    created_at: datetime = Field(default_factory=utcnow)
    #: The operating-system login this person uses on the embedded SQLite default; several
    #: users may share one (a shared office laptop) and then choose among themselves.
    os_login: str | None = Field(default=None, sa_type=String(64), index=True)
    #: Their own PostgreSQL login role (teams): the app maps ``current_user`` to this user.
    db_role: str | None = Field(default=None, sa_type=String(63), unique=True, index=True)
    deactivated_at: datetime | None = None


class ReferenceCounter(SQLModel, table=True):
    """The last case number issued in a year; incremented under a row lock."""

    __tablename__ = "reference_counter"

    year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    last: int = 0


case_version = Column("version", Integer, nullable=False, default=1)


class SanctionCase(SQLModel, table=True):
    """An allegation as submitted, with its effective classification and protocol status."""

    __tablename__ = "sanction_case"
    __table_args__ = (Index("ix_case_queue", "risk_rank", "created_at"),)
    __mapper_args__ = {"version_id_col": case_version}

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(default_factory=new_uuid, sa_type=String(36), unique=True)
    reference: str = Field(sa_type=String(20), unique=True)
    status: str = _enum("received", length=16, index=True)
    receiving_organisation: str = _enum(length=8, index=True)
    establishment_id: int | None = Field(default=None, foreign_key="establishment.id", index=True)
    place_text: str | None = Field(default=None, sa_type=String(200))
    raised_by: str = _enum("person", length=16)
    raised_by_detail: str | None = Field(default=None, sa_type=String(200))
    person_name: str | None = Field(default=None, sa_type=String(120))
    prison_number: str | None = Field(default=None, sa_type=String(16))
    home_office_ref: str | None = Field(default=None, sa_type=String(32))
    age_band: str | None = Field(default=None, sa_type=String(16))
    location: str | None = Field(default=None, sa_type=String(120))
    bodies: list[str] = _json()
    communication_channel: str | None = Field(default=None, sa_type=String(64))
    communication_when: date | None = None
    narrative: str = _text(nullable=False)
    qualifies: str = _enum("unclear", length=8)
    categories: list[str] = _json()
    severity: str = _enum("standard", length=12)
    route: str = _enum("sanction_protocol", length=24, index=True)
    #: Every route the case carries, the main one first (a sanction and a death in custody ...).
    routes: list[str] = _json()
    #: Organisations other than the receiving one that were handed the case and may see who
    #: the person is (the IMB for enquiries with consent, the PPO once it investigates).
    identified_to: list[str] = _json()
    risk_level: str = _enum("standard", length=12)
    #: The queue's sort key (``intake.core.risk.risk_rank``): the risk level, and within a level a
    #: possible immediate risk ("ask now") first; 0 is the most urgent.
    risk_rank: int = 4
    #: The effective classification saw a possible immediate risk (indirect cues such as
    #: hoarded medication): the queue says "ask now" unless the risk level is already immediate.
    possible_immediate_risk: bool = False
    overridden: bool = Field(default=False, index=True)
    awaiting_supervisor: bool = False
    outcome: str | None = _enum(None, length=20)
    is_demo: bool = False
    created_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    closed_at: datetime | None = None
    #: Retention (the MoUs): a legal hold stops disposal; disposal removes the personal data
    #: and the narrative and keeps this minimal, non-identifying row.
    legal_hold: bool = False
    legal_hold_reason: str | None = _text()
    disposed_at: datetime | None = None
    version: int | None = Field(default=None, sa_column=case_version)


class InterviewDraft(SQLModel, table=True):
    """An interview in progress: saved on every answer so a killed process can resume it."""

    __tablename__ = "interview_draft"

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(default_factory=new_uuid, sa_type=String(36), unique=True)
    user_id: int | None = Field(default=None, foreign_key="app_user.id", index=True)
    state: dict[str, Any] = _json(dict)
    #: The question whose unfinished text is kept (its text: :class:`PendingChunk` rows).
    pending_key: str | None = Field(default=None, sa_type=String(64))
    status: str = _enum("open", length=12, index=True)
    case_id: int | None = Field(default=None, foreign_key="sanction_case.id")
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class PendingChunk(SQLModel, table=True):
    """A piece of a draft's unfinished text (a narrative being typed), in the order saved:
    the text grows by adding pieces, so a long paste never rewrites what is already kept."""

    __tablename__ = "pending_chunk"

    id: int | None = Field(default=None, primary_key=True)
    draft_id: int = Field(foreign_key="interview_draft.id", index=True)
    text: str = _text(nullable=False)


class Answer(SQLModel, table=True):
    """One exchange of the interview: the question as asked and the answer as given."""

    id: int | None = Field(default=None, primary_key=True)
    draft_id: int = Field(foreign_key="interview_draft.id", index=True)
    case_id: int | None = Field(default=None, foreign_key="sanction_case.id", index=True)
    seq: int
    key: str = Field(sa_type=String(64))
    question: str = _text(nullable=False)
    answer: str = _text(nullable=False)
    value: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    answered_at: datetime = Field(default_factory=utcnow)


class CaseClassification(SQLModel, table=True):
    """One view of an allegation: the rules', a model's, intake staff's, triage's or an override
    (the classifier's own result is :class:`intake.classifier.Classification`)."""

    __tablename__ = "classification"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="sanction_case.id", index=True)
    source: str = _enum(length=16)
    qualifies: str = _enum(length=8)
    categories: list[str] = _json()
    bodies: list[str] = _json()
    immediate_risk: bool = False
    #: True whenever ``immediate_risk`` is, and for indirect cues too ("ask now").
    possible_immediate_risk: bool = False
    severity: str = _enum("standard", length=12)
    route: str = _enum(length=24)
    risk_level: str | None = _enum(None, length=12)
    evidence: list[dict[str, Any]] = _json()
    rationale: str | None = _text()
    reason: str | None = _text()
    created_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=utcnow)


class ConsentRecord(SQLModel, table=True):
    """One entry of a case's consent history (protocol para 23, flowchart step 4).

    Rows are never changed: each change (given at intake, confirmed or declined by the person
    at step 4, withdrawn, a justified referral without consent recorded or confirmed) appends a
    full snapshot, so the newest row is the current state and the rows are its history.
    ``given_by`` says whose consent it is: only ``person`` counts (``intake.core.consent``).
    """

    __tablename__ = "consent_record"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="sanction_case.id", index=True)
    kind: str = _enum("intake", length=24)
    given_by: str = _enum("person", length=24)
    note: str | None = _text()
    pursue: bool = False
    share_identity: bool = False
    imb_enquiries: bool = False
    refer_without_consent: bool = False
    justification: str | None = _text()
    #: Who proposed the referral without consent (the confirmer must be someone else).
    exception_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    recorded_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    recorded_at: datetime = Field(default_factory=utcnow)
    confirmed_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    confirmed_at: datetime | None = None


class RiskAssessment(SQLModel, table=True):
    """Risk triage at intake or later (NPM guidance 3.3)."""

    __tablename__ = "risk_assessment"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="sanction_case.id", index=True)
    level: str = _enum(length=12)
    immediate_danger: bool = False
    self_harm: bool = False
    injuries: bool = False
    vulnerabilities: list[str] = _json()
    notes: str | None = _text()
    #: With an immediate risk: what was done at once (who was told), and when, as staff said it.
    action_taken: str | None = _text()
    action_at: str | None = Field(default=None, sa_type=String(120))
    assessed_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    assessed_at: datetime = Field(default_factory=utcnow)


class WorkflowTask(SQLModel, table=True):
    """A protocol step or parallel duty with an owner organisation and a due date."""

    __tablename__ = "workflow_task"
    __table_args__ = (Index("ix_task_open_due", "done_at", "due"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="sanction_case.id", index=True)
    step: int | None = None
    duty: str | None = _enum(None, length=32)
    #: For a signpost task: the route whose signpost the person must be given.
    route: str | None = _enum(None, length=24)
    title: str = Field(sa_type=String(200))
    owner_organisation: str = _enum(length=8)
    due: date | None = None
    created_at: datetime = Field(default_factory=utcnow)
    done_at: datetime | None = None
    done_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    outcome: str | None = Field(default=None, sa_type=String(64))
    note: str | None = _text()


class Signpost(SQLModel, table=True):
    """A route elsewhere given to the person: which, the words used, and when they were told."""

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="sanction_case.id", index=True)
    route: str = _enum(length=24)
    text: str = _text(nullable=False)
    told_on: date
    told_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    recorded_at: datetime = Field(default_factory=utcnow)
    note: str | None = _text()


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
    reason: str | None = _text()
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
    found: str = _text(nullable=False)
    reason: str = _text(nullable=False)
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


class TrackerEntry(SQLModel, table=True):
    """A case's line on the HMIP sanctions tracker (protocol para 24, flowchart step 3).

    ``step_dates`` maps each protocol step reached ("1".."11") to the ISO date it was reached.
    """

    __tablename__ = "tracker_entry"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="sanction_case.id", unique=True)
    logged_at: datetime = Field(default_factory=utcnow, index=True)
    logged_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    informed_by: str | None = _enum(None, length=8)
    step_dates: dict[str, str] = _json(dict)
    note: str | None = _text()


class Recommendation(SQLModel, table=True):
    """One recommendation of a PPO formal report (step 11), tracked until it is done."""

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="sanction_case.id", index=True)
    seq: int = 1
    text: str = _text(nullable=False)
    owner: str | None = Field(default=None, sa_type=String(120))
    establishment_id: int | None = Field(default=None, foreign_key="establishment.id")
    due: date | None = None
    created_at: datetime = Field(default_factory=utcnow)
    created_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    done_at: datetime | None = None
    done_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    note: str | None = _text()


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
    submission: dict[str, Any] = _json(dict)
    created_at: datetime = Field(default_factory=utcnow)
    sent_at: datetime | None = None
    central_reference: str | None = Field(default=None, sa_type=String(20))
