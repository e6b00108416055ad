"""Effects: the changes named in workflow.yaml that need code (tracker, consent, recommendations).

Case fields go into ``ctx.changes`` and are written, with the action's own audit event, by the
engine; changes to other records are audited here, each as an event on the case.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlmodel import col, select

from backoffice.classification import add_classification
from backoffice.workflow.context import ActionContext
from backoffice.workflow.tasks import propose_escalation, today
from intake.audit import record_case_event
from intake.db.models import (
    ConsentRecord,
    Establishment,
    Recommendation,
    TrackerEntry,
    WorkflowTask,
    utcnow,
)
from intake.errors import ValidationProblem
from intake.validation import required_text
from intake.vocabulary import (
    CaseStatus,
    ClassificationSource,
    Outcome,
    Qualifies,
    Route,
    Severity,
)

Effect = Callable[[ActionContext], None]
MAX_RECOMMENDATIONS = 50


def _triage_confirms(ctx: ActionContext) -> None:
    if ctx.case.qualifies != Qualifies.YES.value:
        add_classification(
            ctx.session,
            ctx.case,
            actor=ctx.actor,
            source=ClassificationSource.TRIAGE,
            values={"qualifies": Qualifies.YES.value, "route": Route.SANCTION_PROTOCOL.value},
            reason=ctx.note or "confirmed at protocol step 2",
        )
        ctx.changes["qualifies"] = Qualifies.YES.value
    if ctx.case.route != Route.SANCTION_PROTOCOL.value:
        ctx.changes["route"] = Route.SANCTION_PROTOCOL.value


def _propose_if_exceptional(ctx: ActionContext) -> None:
    if ctx.case.severity == Severity.EXCEPTIONAL.value:
        propose(ctx, "the allegation is exceptional or very serious")


def propose(ctx: ActionContext, reason: str) -> None:
    """Propose an escalation for this reason, unless one is already open."""
    task = propose_escalation(
        ctx.session, ctx.case, actor=ctx.actor, deadlines=ctx.deadlines, reason=reason
    )
    if task is not None:
        ctx.escalation_proposed = True
        ctx.messages.append(f"escalation proposed: {reason}")


def _propose_from_note(ctx: ActionContext) -> None:
    propose(ctx, ctx.note or "proposed by staff")


def _signpost(ctx: ActionContext) -> None:
    route = Route(ctx.outcome or Route.OUT_OF_SCOPE.value)
    add_classification(
        ctx.session,
        ctx.case,
        actor=ctx.actor,
        source=ClassificationSource.TRIAGE,
        values={"qualifies": Qualifies.NO.value, "route": route.value},
        reason=ctx.note,
    )
    ctx.changes.update(qualifies=Qualifies.NO.value, route=route.value)


def _hmip_informed(ctx: ActionContext) -> None:
    for task in ctx.open_tasks:
        if task.step == 3:
            before = {"note": task.note}
            line = f"HMIP informed by {ctx.actor.organisation.value} ({ctx.actor.name})"
            task.note = f"{task.note}\n{line}" if task.note else line
            record_case_event(
                ctx.session,
                ctx.case,
                actor=ctx.actor,
                action="task_noted",
                entity="workflow_task",
                entity_id=task.id,
                before=before,
                after={"note": task.note},
            )


def _step2_date(ctx: ActionContext) -> str:
    query = (
        select(WorkflowTask.done_at)
        .where(WorkflowTask.case_id == ctx.case_id, WorkflowTask.step == 2)
        .order_by(col(WorkflowTask.id))
    )
    done = ctx.session.exec(query).first()
    return (done.date() if done else today()).isoformat()


def _create_tracker_entry(ctx: ActionContext) -> None:
    informed = ctx.case.receiving_organisation
    entry = TrackerEntry(
        case_id=ctx.case_id,
        logged_by_id=ctx.actor.id,
        informed_by=informed,
        step_dates={"1": ctx.case.created_at.date().isoformat(), "2": _step2_date(ctx)},
        note=ctx.note,
    )
    ctx.session.add(entry)
    ctx.session.flush()
    record_case_event(
        ctx.session,
        ctx.case,
        actor=ctx.actor,
        action="tracker_entry_logged",
        entity="tracker_entry",
        entity_id=entry.id,
        after={"logged_at": entry.logged_at, "informed_by": informed},
    )
    ctx.messages.append("logged on the HMIP sanctions tracker")


_CONSULTATION = {
    "consents": {"pursue": True, "share_identity": True, "imb_enquiries": True},
    "consents_anonymous": {"pursue": True, "share_identity": False, "imb_enquiries": True},
    "declines": {"pursue": False, "share_identity": False, "imb_enquiries": False},
}


def _update_consent(ctx: ActionContext, values: dict[str, object], action: str) -> None:
    consent = ctx.consent()
    if consent is None:
        consent = ConsentRecord(case_id=ctx.case_id, recorded_by_id=ctx.actor.id)
        ctx.session.add(consent)
    before = {key: getattr(consent, key) for key in values}
    for key, value in values.items():
        setattr(consent, key, value)
    ctx.session.flush()
    record_case_event(
        ctx.session,
        ctx.case,
        actor=ctx.actor,
        action=action,
        entity="consent_record",
        entity_id=consent.id,
        before=before,
        after=values,
        reason=ctx.note,
    )


def _consent_from_consultation(ctx: ActionContext) -> None:
    values = _CONSULTATION.get(ctx.outcome or "")
    if values:
        _update_consent(ctx, dict(values), "consent_updated")


def _record_without_consent(ctx: ActionContext) -> None:
    justification = required_text(ctx.note or "", what="the justification")
    _update_consent(
        ctx, {"refer_without_consent": True, "justification": justification}, "consent_override"
    )
    ctx.changes["awaiting_supervisor"] = True
    ctx.messages.append("referral without consent recorded: a supervisor must confirm it")


def _confirm_without_consent(ctx: ActionContext) -> None:
    _update_consent(
        ctx, {"confirmed_by_id": ctx.actor.id, "confirmed_at": utcnow()}, "consent_confirmed"
    )
    ctx.changes["awaiting_supervisor"] = False
    ctx.messages.append("referral without consent confirmed")


def _establishment_name(ctx: ActionContext) -> str | None:
    if ctx.case.establishment_id is None:
        return ctx.case.place_text
    row = ctx.session.get(Establishment, ctx.case.establishment_id)
    return row.name if row else None


def _create_recommendations(ctx: ActionContext) -> None:
    texts = [required_text(t, what="a recommendation") for t in ctx.recommendations]
    if not texts:
        raise ValidationProblem("a formal report needs at least one recommendation")
    if len(texts) > MAX_RECOMMENDATIONS:
        raise ValidationProblem(f"at most {MAX_RECOMMENDATIONS} recommendations per report")
    owner = _establishment_name(ctx)
    due = today() + timedelta(days=ctx.deadlines.recommendation)
    for seq, text in enumerate(texts, start=1):
        row = Recommendation(
            case_id=ctx.case_id,
            seq=seq,
            text=text,
            owner=owner,
            establishment_id=ctx.case.establishment_id,
            due=due,
            created_by_id=ctx.actor.id,
        )
        ctx.session.add(row)
        ctx.session.flush()
        record_case_event(
            ctx.session,
            ctx.case,
            actor=ctx.actor,
            action="recommendation_made",
            entity="recommendation",
            entity_id=row.id,
            after={"seq": seq, "text": text, "owner": owner, "due": due},
        )
    ctx.messages.append(f"{len(texts)} recommendation(s) to track to done")


def _complete_recommendation(ctx: ActionContext) -> None:
    row = ctx.session.get(Recommendation, ctx.recommendation_id or 0)
    if row is None or row.case_id != ctx.case_id:
        raise ValidationProblem(
            f"{ctx.case.reference} has no recommendation {ctx.recommendation_id}"
        )
    if row.done_at is not None:
        raise ValidationProblem(f"recommendation {row.id} is already done")
    row.done_at = utcnow()
    row.done_by_id = ctx.actor.id
    row.note = ctx.note
    ctx.session.flush()
    record_case_event(
        ctx.session,
        ctx.case,
        actor=ctx.actor,
        action="recommendation_done",
        entity="recommendation",
        entity_id=row.id,
        before={"done_at": None},
        after={"done_at": row.done_at, "seq": row.seq},
        reason=ctx.note,
    )


def _close_when_done(ctx: ActionContext) -> None:
    if ctx.open_recommendations():
        return
    ctx.changes.update(status=CaseStatus.CLOSED.value, outcome=Outcome.PROVED.value)
    ctx.messages.append("every recommendation is done: case closed (proved)")


EFFECT_FUNCTIONS: dict[str, Effect] = {
    "triage_confirms": _triage_confirms,
    "propose_escalation_if_exceptional": _propose_if_exceptional,
    "signpost": _signpost,
    "hmip_informed": _hmip_informed,
    "create_tracker_entry": _create_tracker_entry,
    "consent_from_consultation": _consent_from_consultation,
    "create_recommendations": _create_recommendations,
    "complete_recommendation": _complete_recommendation,
    "close_when_recommendations_done": _close_when_done,
    "propose_escalation_from_note": _propose_from_note,
    "record_without_consent": _record_without_consent,
    "confirm_without_consent": _confirm_without_consent,
}
