"""The protocol's own words, as enums shared by the intake, the classifier and the back office.

Sources: the HMIP / IMB / PPO sanctions protocol (para 2 categories, para 3 scope, para 4
whistleblowing, para 23-26 duties and the flowchart's steps 1-11), the PPO-IMB and HMIP-HMPPS
memoranda (routes elsewhere) and the NPM guidance (risk).

One module per area, every name importable from here: the bodies, places and roles
(:mod:`.bodies`), what an account is classified as (:mod:`.classification`), who raises it and
whose consent counts (:mod:`.consent`), where a case stands and what is owed on it
(:mod:`.casework`), and the labels a person reads for a stored code (:mod:`.labels`).
"""

from __future__ import annotations

from intake.core.vocabulary.bodies import Body, EstablishmentType, Organisation, Role
from intake.core.vocabulary.casework import (
    CaseStatus,
    Duty,
    LinkDecision,
    Outcome,
    ProtocolStep,
    RecommendationStatus,
    missing_protocol_words,
)
from intake.core.vocabulary.classification import (
    ClassificationSource,
    Qualifies,
    RiskLevel,
    Route,
    SanctionCategory,
    Severity,
)
from intake.core.vocabulary.consent import ConsentGiver, ConsentKind, RaisedBy
from intake.core.vocabulary.labels import (
    INTERVIEW_FILE,
    LABELLED,
    answer_label,
    answer_labels,
    choice_labels,
    evidence_words,
    label_of,
    labels_of,
    plain_words,
    set_aside_category,
    set_aside_label,
)

__all__ = [
    "INTERVIEW_FILE",
    "LABELLED",
    "Body",
    "CaseStatus",
    "ClassificationSource",
    "ConsentGiver",
    "ConsentKind",
    "Duty",
    "EstablishmentType",
    "LinkDecision",
    "Organisation",
    "Outcome",
    "ProtocolStep",
    "Qualifies",
    "RaisedBy",
    "RecommendationStatus",
    "RiskLevel",
    "Role",
    "Route",
    "SanctionCategory",
    "Severity",
    "answer_label",
    "answer_labels",
    "choice_labels",
    "evidence_words",
    "label_of",
    "labels_of",
    "missing_protocol_words",
    "plain_words",
    "set_aside_category",
    "set_aside_label",
]
