"""The schema (SQLModel tables), one module per concept; every table is importable from here.
Enum-valued columns are stored as their string values.

Table models skip validation: create rows through the services, which validate first.
Every change to a :class:`SanctionCase` and its records goes through :mod:`intake.core.audit`.
"""

from __future__ import annotations

from intake.core.db.models.audit import AuditAcknowledgement, AuditChainHead, AuditEvent
from intake.core.db.models.cases import (
    CaseClassification,
    CaseLetter,
    CaseLink,
    ConsentRecord,
    RiskAssessment,
    SanctionCase,
)
from intake.core.db.models.columns import new_uuid, table_of
from intake.core.db.models.interview import Answer, InterviewDraft, PendingChunk
from intake.core.db.models.reference import Establishment, ReferenceCounter, User
from intake.core.db.models.system import AppSecret, OutboxEntry
from intake.core.db.models.workflow import (
    LogShare,
    PatternAlertAction,
    Recommendation,
    Signpost,
    TrackerEntry,
    WorkflowTask,
)

__all__ = [
    "Answer",
    "AppSecret",
    "AuditAcknowledgement",
    "AuditChainHead",
    "AuditEvent",
    "CaseClassification",
    "CaseLetter",
    "CaseLink",
    "ConsentRecord",
    "Establishment",
    "InterviewDraft",
    "LogShare",
    "OutboxEntry",
    "PatternAlertAction",
    "PendingChunk",
    "Recommendation",
    "ReferenceCounter",
    "RiskAssessment",
    "SanctionCase",
    "Signpost",
    "TrackerEntry",
    "User",
    "WorkflowTask",
    "new_uuid",
    "table_of",
]
