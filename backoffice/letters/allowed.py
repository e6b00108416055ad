"""Which letters a case may have now, and why not the others."""

from __future__ import annotations

from sqlmodel import Session, col, select

from backoffice.letters.kinds import _DECISIONS, LetterKind
from intake.core.consent import consent_state
from intake.core.db.models import ConsentRecord, SanctionCase, Signpost, WorkflowTask
from intake.core.errors import ValidationProblem
from intake.core.vocabulary import CaseStatus, ProtocolStep


def _step_task(session: Session, case: SanctionCase, step: ProtocolStep) -> WorkflowTask | None:
    """The first task of that step on the case (opened by the decision that reached it)."""
    return session.exec(
        select(WorkflowTask)
        .where(WorkflowTask.case_id == case.id)
        .where(WorkflowTask.step == int(step))
        .where(col(WorkflowTask.duty).is_(None))
        .order_by(col(WorkflowTask.id))
    ).first()


def _signposts(session: Session, case: SanctionCase) -> list[Signpost]:
    return list(
        session.exec(
            select(Signpost).where(Signpost.case_id == case.id).order_by(col(Signpost.id))
        ).all()
    )


def why_not(session: Session, case: SanctionCase, kind: LetterKind) -> str | None:
    """Why the case may not have this letter now (None: it may)."""
    status = CaseStatus(case.status)
    where = f"{case.reference} is {status.value}"
    if kind is LetterKind.REASSURANCE:
        if not status.is_open:
            return f"the reassurance is for an open case; {where}"
        rows = session.exec(
            select(ConsentRecord)
            .where(ConsentRecord.case_id == case.id)
            .order_by(col(ConsentRecord.id))
        ).all()
        state = consent_state(rows)
        if state.from_person:
            return (
                "the reassurance promises that nothing needing consent goes ahead until the "
                f"person answers themselves, and they have ({state.short()}): choose another "
                "letter"
            )
        return None
    if kind is LetterKind.DOES_NOT_QUALIFY:
        if status is not CaseStatus.SIGNPOSTED or not _signposts(session, case):
            return (
                "the 'does not qualify' letter follows the step 2 decision that it does not "
                f"qualify (does_not_qualify, with the route): {where}"
            )
        return None
    step = kind.step
    assert step is not None
    if _step_task(session, case, step) is None:
        return f"the step {int(step)} letter follows {_DECISIONS[kind]}; {where}"
    return None


def allowed_kinds(session: Session, case: SanctionCase) -> list[LetterKind]:
    return [kind for kind in LetterKind if why_not(session, case, kind) is None]


def _require_allowed(session: Session, case: SanctionCase, kind: LetterKind) -> None:
    reason = why_not(session, case, kind)
    if reason is not None:
        raise ValidationProblem(f"no {kind.value} letter now: {reason}")
