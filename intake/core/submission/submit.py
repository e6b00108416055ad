"""Submitting an interview: the case and all its records in one transaction, audited."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select, update

from intake.core.audit import record_case_event
from intake.core.case_references import next_reference
from intake.core.clock import utcnow
from intake.core.db.models import Answer, InterviewDraft, SanctionCase, new_uuid
from intake.core.db.outbox import is_outbox, provisional_reference, queue_for_sync
from intake.core.settings import Settings
from intake.core.submission.model import CaseSubmission
from intake.core.submission.records import _case_from, _records
from intake.core.submission.tasks import _open_preservation_task, _open_task
from intake.core.users import Actor
from intake.core.vocabulary import ProtocolStep, Route

#: What staff or the person typed into a consent, risk or classification record: the audit event
#: says it was recorded and how long it was, never the words (disposal removes them from the
#: records; audit events are never rewritten).
FREE_TEXT_FIELDS = frozenset(
    {
        "note",
        "justification",
        "notes",
        "action_taken",
        "action_at",
        "evidence",
        "rationale",
        "reason",
    }
)


def _without_free_text(values: dict[str, Any]) -> dict[str, Any]:
    def shown(value: Any) -> Any:
        if isinstance(value, list):
            return {"items": len(value)}
        return {"characters": len(str(value))}

    return {
        key: shown(value) if key in FREE_TEXT_FIELDS and value not in (None, "", []) else value
        for key, value in values.items()
    }


def submit_case(
    session: Session, *, submission: CaseSubmission, actor: Actor, settings: Settings
) -> SanctionCase:
    """Write the case, its classification(s), consent, risk, first task and audit events.

    The caller commits; on any error nothing is written.
    """
    today = utcnow()
    offline = is_outbox(session)
    if offline:
        submission = submission.model_copy(update={"case_uuid": submission.case_uuid or new_uuid()})
        reference = provisional_reference(submission.case_uuid or "")
    else:
        reference = next_reference(session, today.year)
    case = _case_from(submission, reference, actor)
    record_case_event(
        session,
        case,
        actor=actor,
        action="case_submitted",
        after={"reference": case.reference, "status": case.status, "route": case.route},
    )
    for record in _records(case, submission, actor):
        session.add(record)
        session.flush()
        record_case_event(
            session,
            case,
            actor=actor,
            action=f"{type(record).__tablename__}_recorded",
            entity=type(record).__tablename__,
            entity_id=record.id,
            after=_without_free_text(record.model_dump(exclude={"id", "case_id"})),
        )
    _open_task(session, case, settings, actor, step=ProtocolStep.CONFIRM_QUALIFIES)
    for route in case.routes:
        if route != Route.SANCTION_PROTOCOL.value:
            _open_task(session, case, settings, actor, route=Route(route))
    _open_preservation_task(session, case, submission, actor)
    if submission.draft_id is not None:
        _attach_draft(session, submission.draft_id, case)
    if offline:
        queue_for_sync(session, submission, actor)
    return case


def _attach_draft(session: Session, draft_id: int, case: SanctionCase) -> None:
    draft = session.get(InterviewDraft, draft_id)
    if draft is None:
        return
    draft.status = "submitted"
    draft.case_id = case.id
    draft.updated_at = utcnow()
    session.execute(update(Answer).where(col(Answer.draft_id) == draft_id).values(case_id=case.id))


def transcript(session: Session, *, case_id: int) -> list[Answer]:
    """The interview as it happened: each question and answer, in order."""
    query = select(Answer).where(Answer.case_id == case_id).order_by(col(Answer.seq))
    return list(session.exec(query).all())
