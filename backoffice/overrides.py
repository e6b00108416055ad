"""Supervisors' overrides of a classification, and triage's own recorded view.

An override changes any of qualifies, categories, severity, risk and route, always with a
reason. It adds a CaseClassification row (source ``override``; earlier rows stay), makes it the
case's effective classification and marks the case overridden. Its consequences follow:

- risk raised to immediate or high on a confirmed case opens IMB monitoring if none is open;
- any risk set clears a possible immediate risk ("ask now") unless it is immediate: the
  supervisor has judged the risk (:func:`backoffice.classification.possible_risk_after`);
- severity exceptional on a confirmed case proposes an escalation;
- a signposted case overridden to the sanctions protocol route reopens at step 2 (received);
  the reverse (a working case overridden to another route) does not close it: triage then
  takes ``does_not_qualify`` at step 2, or the case carries on with the override visible.

A triage view (source ``triage``) is recorded beside the others and changes nothing else.

Supervisors act on their own organisation's cases only: a supervisor overrides, or records a
view of, a case received by their own organisation (triage of any organisation may record a
view of a case they can see).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from backoffice.access import WORKFLOW_ROLES, get_visible_case, require, require_own_organisation
from backoffice.case_view import build_case_view, disagreements
from backoffice.classification import add_classification, parse_changes, possible_risk_after
from backoffice.view_models import CaseView
from backoffice.workflow.definition import TaskSpec
from backoffice.workflow.tasks import open_task, open_tasks, propose_escalation
from intake.core.audit import change_case
from intake.core.db.models import SanctionCase
from intake.core.errors import ConflictError
from intake.core.risk import risk_rank
from intake.core.settings import Deadlines, Settings
from intake.core.users import Actor
from intake.core.validation import required_text
from intake.core.vocabulary import (
    CaseStatus,
    ClassificationSource,
    Duty,
    ProtocolStep,
    RiskLevel,
    Role,
    Route,
    Severity,
)

OVERRIDE_ROLES = (Role.SUPERVISOR,)
WORKING = {s.value for s in CaseStatus if s.is_open and s != CaseStatus.RECEIVED}


def _check_version(case: SanctionCase, expected_version: int | None) -> None:
    if expected_version is not None and case.version != expected_version:
        raise ConflictError(
            f"{case.reference} was changed by someone else (version {case.version}, "
            f"you had {expected_version}); reload it and try again"
        )


def _flush(session: Session, reference: str) -> None:
    try:
        session.flush()
    except StaleDataError as exc:
        session.rollback()
        raise ConflictError(
            f"{reference} was changed by someone else while you were working on it; "
            "nothing of yours was saved: reload it and try again"
        ) from exc


def _case_changes(case: SanctionCase, values: dict[str, object]) -> dict[str, object]:
    values = {**values, "possible_immediate_risk": possible_risk_after(case, values)}
    changes: dict[str, object] = {k: v for k, v in values.items() if getattr(case, k) != v}
    if "risk_level" in changes or "possible_immediate_risk" in changes:
        level = RiskLevel(str(values.get("risk_level", case.risk_level)))
        possible = bool(values["possible_immediate_risk"])
        changes["risk_rank"] = risk_rank(level, possible_immediate_risk=possible)
    reopen = (
        case.status == CaseStatus.SIGNPOSTED.value
        and values.get("route") == Route.SANCTION_PROTOCOL.value
    )
    if reopen:
        changes.update(status=CaseStatus.RECEIVED.value, outcome=None, closed_at=None)
    changes["overridden"] = True
    return changes


def _consequences(
    session: Session, case: SanctionCase, actor: Actor, deadlines: Deadlines, reopened: bool
) -> None:
    assert case.id is not None
    if reopened:
        spec = TaskSpec(step=ProtocolStep.CONFIRM_QUALIFIES, deadline="confirm_qualifies")
        open_task(session, case, spec, actor=actor, deadlines=deadlines)
        return
    if case.status not in WORKING:
        return
    tasks = open_tasks(session, case.id)
    at_risk = case.risk_level in (RiskLevel.IMMEDIATE.value, RiskLevel.HIGH.value)
    if at_risk and not any(t.duty == Duty.IMB_MONITORING.value for t in tasks):
        spec = TaskSpec(duty=Duty.IMB_MONITORING, owner="IMB", deadline="imb_monitoring")
        open_task(session, case, spec, actor=actor, deadlines=deadlines)
    if case.severity == Severity.EXCEPTIONAL.value:
        propose_escalation(
            session,
            case,
            actor=actor,
            deadlines=deadlines,
            reason="the allegation is exceptional or very serious",
        )


def require_override_role(actor: Actor) -> None:
    """PermissionDenied unless the actor may override a classification (supervisors only)."""
    require(actor, what="override a classification", roles=OVERRIDE_ROLES)


def override_classification(
    session: Session,
    *,
    actor: Actor,
    reference: str,
    changes: Mapping[str, str | Sequence[str]],
    reason: str,
    expected_version: int | None = None,
    settings: Settings | None = None,
) -> CaseView:
    """A supervisor's override; the caller commits. Raises on bad values, role or conflict."""
    case = get_visible_case(session, actor, reference)
    require_override_role(actor)
    require_own_organisation(actor, case, what="override the classification")
    _check_version(case, expected_version)
    values = parse_changes(changes)
    why = required_text(reason or "", what="the reason for the override")
    deadlines = settings.deadlines if settings is not None else Deadlines()
    case_changes = _case_changes(case, values)
    reopened = case_changes.get("status") == CaseStatus.RECEIVED.value
    ref = case.reference
    try:
        add_classification(
            session, case, actor=actor, source=ClassificationSource.OVERRIDE, values=values,
            reason=why,
        )  # fmt: skip
        change_case(
            session, case, actor=actor, action="classification_overridden",
            changes=case_changes, reason=why,
        )  # fmt: skip
        _consequences(session, case, actor, deadlines, reopened)
    except StaleDataError as exc:
        session.rollback()
        raise ConflictError(f"{ref} was changed by someone else; reload it and try again") from exc
    _flush(session, ref)
    return build_case_view(session, case, actor)


def record_triage_view(
    session: Session,
    *,
    actor: Actor,
    reference: str,
    changes: Mapping[str, str | Sequence[str]],
    reason: str,
    expected_version: int | None = None,
) -> CaseView:
    """Triage's own view, kept beside the others; the effective classification is unchanged."""
    case = get_visible_case(session, actor, reference)
    require(actor, what="record a triage view", roles=WORKFLOW_ROLES)
    if actor.role == Role.SUPERVISOR:
        require_own_organisation(actor, case, what="record a supervisor's view")
    _check_version(case, expected_version)
    values = parse_changes(changes)
    why = required_text(reason or "", what="the reason for the view")
    ref = case.reference
    try:
        add_classification(
            session, case, actor=actor, source=ClassificationSource.TRIAGE, values=values,
            reason=why,
        )  # fmt: skip
    except StaleDataError as exc:
        session.rollback()
        raise ConflictError(f"{ref} was changed by someone else; reload it and try again") from exc
    _flush(session, ref)
    return build_case_view(session, case, actor)


__all__ = [
    "disagreements",
    "override_classification",
    "record_triage_view",
    "require_override_role",
]
