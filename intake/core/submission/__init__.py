"""Submitting an interview: the case and all its records in one transaction, audited.

One module per step, every name importable from here: what a submission holds, validated
(:mod:`.model`); the records it becomes (:mod:`.records`); the tasks the case opens at once
(:mod:`.tasks`); writing it all, audited, and reading the interview back (:mod:`.submit`).
"""

from __future__ import annotations

from intake.core.submission.model import (
    CaseSubmission,
    ClassificationView,
    ConsentAnswers,
    PersonDetails,
)
from intake.core.submission.records import proposed_routes
from intake.core.submission.submit import FREE_TEXT_FIELDS, submit_case, transcript
from intake.core.submission.tasks import may_name_to_establishment

__all__ = [
    "FREE_TEXT_FIELDS",
    "CaseSubmission",
    "ClassificationView",
    "ConsentAnswers",
    "PersonDetails",
    "may_name_to_establishment",
    "proposed_routes",
    "submit_case",
    "transcript",
]
