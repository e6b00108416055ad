"""A case and the records that describe it: its views of the classification, its consent
history and its risk assessment."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Index, Integer, String
from sqlmodel import Field, SQLModel

from intake.core.clock import utcnow
from intake.core.db.models.columns import enum_column, json_column, new_uuid, text_column

#: The optimistic lock: every change to a case moves it on (a stale write raises).
case_version = Column("version", Integer, nullable=False, default=1)


class SanctionCase(SQLModel, table=True):
    """An allegation as submitted, with its effective classification and protocol status."""

    __tablename__ = "sanction_case"
    __table_args__ = (Index("ix_case_queue", "risk_rank", "created_at"),)
    __mapper_args__ = {"version_id_col": case_version}

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(default_factory=new_uuid, sa_type=String(36), unique=True)
    reference: str = Field(sa_type=String(20), unique=True)
    status: str = enum_column("received", length=16, index=True)
    receiving_organisation: str = enum_column(length=8, index=True)
    establishment_id: int | None = Field(default=None, foreign_key="establishment.id", index=True)
    place_text: str | None = Field(default=None, sa_type=String(200))
    raised_by: str = enum_column("person", length=16)
    raised_by_detail: str | None = Field(default=None, sa_type=String(200))
    person_name: str | None = Field(default=None, sa_type=String(120))
    prison_number: str | None = Field(default=None, sa_type=String(16))
    home_office_ref: str | None = Field(default=None, sa_type=String(32))
    age_band: str | None = Field(default=None, sa_type=String(16))
    location: str | None = Field(default=None, sa_type=String(120))
    #: The interview was held out of the hearing of staff; False: staff could hear, so the
    #: person may not have spoken freely (None: not asked, e.g. a case from before issue 15).
    out_of_hearing: bool | None = None
    #: The language the person was spoken to in (``prompts/languages.py``: "en", "cy"); letters
    #: to the person are written in it. None: not recorded (a case from before issue 17).
    language: str | None = Field(default=None, sa_type=String(8))
    #: Whether an interpreter was used (none, in_person, telephone, needed_not_available) and
    #: the language they needed, as staff typed it (None: not asked, e.g. it came in writing).
    interpreter: str | None = Field(default=None, sa_type=String(24))
    interpreter_language: str | None = Field(default=None, sa_type=String(120))
    bodies: list[str] = json_column()
    communication_channel: str | None = Field(default=None, sa_type=String(64))
    communication_when: date | None = None
    #: How the allegation reached the receiving organisation (flowchart step 1: a visit, a
    #: phone call, a letter, an email, an IMB application, a referral, a survey).
    received_via: str | None = Field(default=None, sa_type=String(24))
    #: When the protocol's reassurance went back in writing (an allegation that came in
    #: writing); None when it has not (or was said in person).
    reassurance_written_at: datetime | None = None
    narrative: str = text_column(nullable=False)
    qualifies: str = enum_column("unclear", length=8)
    categories: list[str] = json_column()
    severity: str = enum_column("standard", length=12)
    route: str = enum_column("sanction_protocol", length=24, index=True)
    #: Every route the case carries, the main one first (a sanction and a death in custody ...).
    routes: list[str] = json_column()
    #: Organisations other than the receiving one that were handed the case and may see who
    #: the person is (the IMB for enquiries with consent, the PPO once it investigates).
    identified_to: list[str] = json_column()
    risk_level: str = enum_column("standard", length=12)
    #: The queue's sort key (``intake.core.risk.risk_rank``): the risk level, and within a level a
    #: possible immediate risk ("ask now") first; 0 is the most urgent.
    risk_rank: int = 4
    #: The effective classification saw a possible immediate risk (indirect cues such as
    #: hoarded medication): the queue says "ask now" unless the risk level is already immediate.
    possible_immediate_risk: bool = False
    overridden: bool = Field(default=False, index=True)
    awaiting_supervisor: bool = False
    outcome: str | None = enum_column(None, length=20)
    is_demo: bool = False
    created_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    closed_at: datetime | None = None
    #: Retention (the MoUs): a legal hold stops disposal; disposal removes the personal data
    #: and the narrative and keeps this minimal, non-identifying row.
    legal_hold: bool = False
    legal_hold_reason: str | None = text_column()
    disposed_at: datetime | None = None
    version: int | None = Field(default=None, sa_column=case_version)


class CaseClassification(SQLModel, table=True):
    """One view of an allegation: the rules', a model's, intake staff's, triage's or an override
    (the classifier's own result is :class:`intake.classifier.Classification`)."""

    __tablename__ = "classification"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="sanction_case.id", index=True)
    source: str = enum_column(length=16)
    qualifies: str = enum_column(length=8)
    categories: list[str] = json_column()
    bodies: list[str] = json_column()
    immediate_risk: bool = False
    #: True whenever ``immediate_risk`` is, and for indirect cues too ("ask now").
    possible_immediate_risk: bool = False
    severity: str = enum_column("standard", length=12)
    route: str = enum_column(length=24)
    risk_level: str | None = enum_column(None, length=12)
    evidence: list[dict[str, Any]] = json_column()
    rationale: str | None = text_column()
    reason: str | None = text_column()
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
    kind: str = enum_column("intake", length=24)
    given_by: str = enum_column("person", length=24)
    note: str | None = text_column()
    pursue: bool = False
    share_identity: bool = False
    imb_enquiries: bool = False
    refer_without_consent: bool = False
    justification: str | None = text_column()
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
    level: str = enum_column(length=12)
    immediate_danger: bool = False
    self_harm: bool = False
    injuries: bool = False
    vulnerabilities: list[str] = json_column()
    notes: str | None = text_column()
    #: With an immediate risk: what was done at once (who was told), and when, as staff said it.
    action_taken: str | None = text_column()
    action_at: str | None = Field(default=None, sa_type=String(120))
    #: A removal, release or transfer coming up (``intake.core.risk.MOVES``), and its day.
    move_kind: str | None = enum_column(None, length=16)
    move_date: date | None = None
    #: Why the level is what it is, in words, as staff saw them at the time (NPM 3.3).
    reasons: list[str] = json_column()
    assessed_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    assessed_at: datetime = Field(default_factory=utcnow)


class CaseLink(SQLModel, table=True):
    """A person's decision on an earlier case offered as possibly the same person and place:
    linked, or not the same (issue 15: offered, never merged silently). The row belongs to the
    later case."""

    __tablename__ = "case_link"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="sanction_case.id", index=True)
    earlier_case_id: int = Field(foreign_key="sanction_case.id", index=True)
    decision: str = enum_column(length=12)
    reason: str | None = text_column()
    decided_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    decided_at: datetime = Field(default_factory=utcnow)


class CaseLetter(SQLModel, table=True):
    """A letter to the person, as saved on the case (issue 16): which letter (``kind``: the
    file of ``prompts/letters/``), its words exactly as staff saved them, who and when, and
    when it was marked sent. It goes to the person, never to the establishment."""

    __tablename__ = "case_letter"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="sanction_case.id", index=True)
    kind: str = enum_column(length=24)
    text: str = text_column(nullable=False)
    created_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=utcnow)
    sent_at: datetime | None = None
    sent_by_id: int | None = Field(default=None, foreign_key="app_user.id")
