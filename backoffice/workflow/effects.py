"""Effects: the changes named in workflow.yaml that need code (tracker, consent, recommendations).

Case fields go into ``ctx.changes`` and are written, with the action's own audit event, by the
engine; changes to other records are audited here, each as an event on the case.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import timedelta

from sqlmodel import col, select

from backoffice.classification import add_classification
from backoffice.signposts import signpost_text
from backoffice.workflow.consent_flow import resume_after_consent, stop_without_consent
from backoffice.workflow.context import ActionContext
from backoffice.workflow.recommendation_input import parse_recommendation
from backoffice.workflow.reopen import reopen_case
from backoffice.workflow.tasks import close_task, propose_escalation
from intake.core.audit import record_case_event
from intake.core.clock import today, utcnow
from intake.core.consent import SNAPSHOT_FIELDS
from intake.core.db.models import (
    ConsentRecord,
    Establishment,
    Recommendation,
    Signpost,
    TrackerEntry,
    WorkflowTask,
)
from intake.core.errors import ValidationProblem
from intake.core.validation import required_text
from intake.core.vocabulary import (
    CaseStatus,
    ClassificationSource,
    ConsentGiver,
    ConsentKind,
    Duty,
    Organisation,
    Outcome,
    Qualifies,
    RecommendationStatus,
    Route,
    Severity,
)

Effect = Callable[[ActionContext], None]
MAX_RECOMMENDATIONS = 50


def _routes_besides(ctx: ActionContext, *routes: str) -> list[str]:
    return [r for r in ctx.case.routes or [] if r not in (*routes, Route.SANCTION_PROTOCOL.value)]


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
    routes = [Route.SANCTION_PROTOCOL.value, *_routes_besides(ctx)]
    if routes != list(ctx.case.routes or []):
        ctx.changes["routes"] = routes


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
    """Step 2 "does not qualify": the chosen route, and every other open signpost, told."""
    route = Route(ctx.outcome or Route.OUT_OF_SCOPE.value)
    add_classification(
        ctx.session,
        ctx.case,
        actor=ctx.actor,
        source=ClassificationSource.TRIAGE,
        values={"qualifies": Qualifies.NO.value, "route": route.value},
        reason=ctx.note,
    )
    others = _routes_besides(ctx, route.value)
    ctx.changes.update(
        qualifies=Qualifies.NO.value, route=route.value, routes=[route.value, *others]
    )
    for each in [route.value, *(t.route for t in ctx.open_tasks if t.duty == Duty.SIGNPOST.value)]:
        if each is not None and (each == route.value or each in others):
            _tell(ctx, each)


def _signpost_given(ctx: ActionContext) -> None:
    _tell(ctx, ctx.outcome or "")


def _tell(ctx: ActionContext, route: str) -> None:
    """Record that the person was given this route's signpost, and close its task."""
    if any(s.route == route for s in ctx.signposts_recorded):
        return
    text = signpost_text(route) or Route(route).label
    told_on = ctx.told or today()
    row = Signpost(
        case_id=ctx.case_id, route=route, text=text, told_on=told_on, told_by_id=ctx.actor.id,
        note=ctx.note,
    )  # fmt: skip
    ctx.session.add(row)
    ctx.session.flush()
    ctx.signposts_recorded.append(row)
    record_case_event(
        ctx.session, ctx.case, actor=ctx.actor, action="signpost_given", entity="signpost",
        entity_id=row.id, after={"route": route, "told_on": told_on}, reason=ctx.note,
    )  # fmt: skip
    task = ctx.signpost_task(route)
    if task is not None:
        close_task(ctx.session, ctx.case, task, actor=ctx.actor, outcome="told", note=ctx.note)
    ctx.messages.append(f"signpost recorded: {Route(route).label}, told {told_on.isoformat()}")


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


_CONSENT = {
    "consents": {"pursue": True, "share_identity": True, "imb_enquiries": True},
    "consents_anonymous": {"pursue": True, "share_identity": False, "imb_enquiries": True},
    "consents_no_imb": {"pursue": True, "share_identity": False, "imb_enquiries": False},
    "declines": {"pursue": False, "share_identity": False, "imb_enquiries": False},
}


def _snapshot(ctx: ActionContext, kind: ConsentKind, values: Mapping[str, object]) -> None:
    """Append the new consent state (history is never rewritten), audited on the case."""
    current = ctx.consent()
    before = {k: getattr(current, k) for k in SNAPSHOT_FIELDS} if current is not None else {}
    row = ConsentRecord(
        case_id=ctx.case_id,
        kind=kind.value,
        recorded_by_id=ctx.actor.id,
        note=ctx.note,
        **{**before, **values},
    )
    ctx.session.add(row)
    ctx.session.flush()
    record_case_event(
        ctx.session, ctx.case, actor=ctx.actor, action=f"consent_{kind.value}",
        entity="consent_record", entity_id=row.id,
        before={k: before.get(k) for k in values}, after=dict(values), reason=ctx.note,
    )  # fmt: skip


def _change_consent(ctx: ActionContext, kind: ConsentKind) -> None:
    """The person's own answer now: record it, then resume or stop what depends on it."""
    values = _CONSENT.get(ctx.outcome or "")
    if values is None:
        return
    before = ctx.consent_state()
    _snapshot(ctx, kind, {"given_by": ConsentGiver.PERSON.value, **values})
    after = ctx.consent_state()
    if after.pursue:
        resume_after_consent(ctx)
    else:
        stop_without_consent(ctx, withdrawn=before.pursue)
    _sync_identified(ctx)


def _consent_from_consultation(ctx: ActionContext) -> None:
    _change_consent(ctx, ConsentKind.CONSULTATION)


def _consent_changed(ctx: ActionContext) -> None:
    _change_consent(ctx, ConsentKind.CHANGE)


def _sync_identified(ctx: ActionContext) -> None:
    """The IMB is handed the person's identity only with consent to IMB enquiries, the PPO
    only while it may investigate with consent; the receiving organisation always knows."""
    state = ctx.consent_state()
    handed = set(ctx.changes.get("identified_to", ctx.case.identified_to or []))
    if state.imb_enquiries:
        handed.add(Organisation.IMB.value)
    else:
        handed.discard(Organisation.IMB.value)
    if not state.pursue:
        handed.discard(Organisation.PPO.value)
    _set_identified(ctx, handed)


def _set_identified(ctx: ActionContext, handed: set[str]) -> None:
    handed.discard(ctx.case.receiving_organisation)
    ordered = sorted(handed)
    if ordered != sorted(ctx.case.identified_to or []):
        ctx.changes["identified_to"] = ordered


def _hand_to_imb(ctx: ActionContext) -> None:
    _sync_identified(ctx)


def _hand_to_ppo(ctx: ActionContext) -> None:
    handed = set(ctx.changes.get("identified_to", ctx.case.identified_to or []))
    _set_identified(ctx, handed | {Organisation.PPO.value})


def _record_without_consent(ctx: ActionContext) -> None:
    justification = required_text(ctx.note or "", what="the justification")
    values = {
        "refer_without_consent": True,
        "justification": justification,
        "exception_by_id": ctx.actor.id,
        "confirmed_by_id": None,
        "confirmed_at": None,
    }
    _snapshot(ctx, ConsentKind.EXCEPTION, values)
    ctx.changes["awaiting_supervisor"] = True
    ctx.messages.append(
        "referral without consent proposed: a second person of "
        f"{ctx.case.receiving_organisation} (supervisor or lead) must confirm it"
    )


def _confirm_without_consent(ctx: ActionContext) -> None:
    values = {"confirmed_by_id": ctx.actor.id, "confirmed_at": utcnow()}
    _snapshot(ctx, ConsentKind.EXCEPTION_CONFIRMED, values)
    ctx.changes["awaiting_supervisor"] = False
    ctx.messages.append("referral without consent confirmed: tell the person it was made")


def _establishment_name(ctx: ActionContext) -> str | None:
    if ctx.case.establishment_id is None:
        return ctx.case.place_text
    row = ctx.session.get(Establishment, ctx.case.establishment_id)
    return row.name if row else None


def _create_recommendations(ctx: ActionContext) -> None:
    """Each recommendation with its owner, measurable outcome and due date (NPM para 4)."""
    if not ctx.recommendations:
        raise ValidationProblem("a formal report needs at least one recommendation")
    if len(ctx.recommendations) > MAX_RECOMMENDATIONS:
        raise ValidationProblem(f"at most {MAX_RECOMMENDATIONS} recommendations per report")
    given = [parse_recommendation(line, seq=seq) for seq, line in enumerate(ctx.recommendations, 1)]
    place = _establishment_name(ctx)
    default_due = today() + timedelta(days=ctx.deadlines.recommendation)
    for seq, item in enumerate(given, start=1):
        if item.due is not None and item.due < today():
            raise ValidationProblem(
                f"the due date of recommendation {seq}, {item.due.isoformat()}, is in the past"
            )
    for seq, item in enumerate(given, start=1):
        owner, due = item.owner or place, item.due or default_due
        row = Recommendation(
            case_id=ctx.case_id,
            seq=seq,
            text=item.text,
            owner=owner,
            outcome=item.outcome,
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
            after={"seq": seq, "text": item.text, "owner": owner, "outcome": item.outcome,
                   "due": due},
        )  # fmt: skip
    ctx.messages.append(f"{len(given)} recommendation(s) to track to done")


def _chosen_recommendation(ctx: ActionContext) -> Recommendation:
    row = ctx.session.get(Recommendation, ctx.recommendation_id or 0)
    if row is None or row.case_id != ctx.case_id:
        raise ValidationProblem(
            f"{ctx.case.reference} has no recommendation {ctx.recommendation_id}"
        )
    if row.done_at is not None:
        raise ValidationProblem(f"recommendation {row.id} is already done")
    return row


def _complete_recommendation(ctx: ActionContext) -> None:
    """Done: the note is the evidence that its measurable outcome was met."""
    row = _chosen_recommendation(ctx)
    before = {"done_at": None, "status": row.status}
    row.done_at = utcnow()
    row.done_by_id = ctx.actor.id
    row.note = ctx.note
    row.evidence = ctx.note
    row.status = RecommendationStatus.MET.value
    ctx.session.flush()
    record_case_event(
        ctx.session,
        ctx.case,
        actor=ctx.actor,
        action="recommendation_done",
        entity="recommendation",
        entity_id=row.id,
        before=before,
        after={"done_at": row.done_at, "seq": row.seq, "status": row.status,
               "evidence": row.evidence},
        reason=ctx.note,
    )  # fmt: skip


def _record_recommendation_response(ctx: ActionContext) -> None:
    """The establishment's response: accepted, partly or rejected, with its reason, when and
    by whom (a rejection also proposes an escalation: workflow.yaml)."""
    row = _chosen_recommendation(ctx)
    response = RecommendationStatus(ctx.outcome or "")
    before = {"response": row.response, "status": row.status, "reason": row.response_reason}
    row.response = response.value
    row.status = response.value
    row.response_reason = ctx.note
    row.response_at = utcnow()
    row.response_by_id = ctx.actor.id
    ctx.session.flush()
    record_case_event(
        ctx.session,
        ctx.case,
        actor=ctx.actor,
        action="recommendation_response",
        entity="recommendation",
        entity_id=row.id,
        before=before,
        after={"response": row.response, "status": row.status, "reason": row.response_reason,
               "seq": row.seq},
        reason=ctx.note,
    )  # fmt: skip
    ctx.messages.append(f"recommendation {row.seq}: {response.label.lower()}")


def _close_when_done(ctx: ActionContext) -> None:
    if ctx.open_recommendations():
        return
    ctx.changes.update(status=CaseStatus.CLOSED.value, outcome=Outcome.PROVED.value)
    ctx.messages.append("every recommendation is done: case closed (proved)")


#: Duties that outlive the case: IMB monitoring lasts while the risk does, until a Board member
#: ends it with a reason (para 25).
_OUTLIVE_THE_CASE = (Duty.IMB_MONITORING.value,)


def _close_open_tasks(ctx: ActionContext) -> None:
    for task in ctx.open_tasks:
        if task.done_at is None and task.duty not in _OUTLIVE_THE_CASE:
            close_task(
                ctx.session, ctx.case, task, actor=ctx.actor, outcome="not needed: case closed",
                note=ctx.note,
            )  # fmt: skip


def _record_update(ctx: ActionContext) -> None:
    """An update sent (para 23: "and update them"): it answers an open task of its duty (the
    first telling, or the last update when the case closed) or is recorded as one done now."""
    duty = ctx.spec.duty
    if duty is None or any(t.duty == duty.value for t in ctx.open_tasks):
        return
    task = WorkflowTask(
        case_id=ctx.case_id,
        duty=duty.value,
        title=ctx.spec.label,
        owner_organisation=ctx.actor.organisation.value,
        due=today(),
        done_at=utcnow(),
        done_by_id=ctx.actor.id,
        outcome="sent",
        note=ctx.note,
    )
    ctx.session.add(task)
    ctx.session.flush()
    record_case_event(
        ctx.session, ctx.case, actor=ctx.actor, action="update_recorded", entity="workflow_task",
        entity_id=task.id, after={"duty": duty.value, "title": task.title}, reason=ctx.note,
    )  # fmt: skip


EFFECT_FUNCTIONS: dict[str, Effect] = {
    "triage_confirms": _triage_confirms,
    "signpost_given": _signpost_given,
    "consent_changed": _consent_changed,
    "close_open_tasks": _close_open_tasks,
    "hand_to_imb": _hand_to_imb,
    "hand_to_ppo": _hand_to_ppo,
    "reopen": reopen_case,
    "propose_escalation_if_exceptional": _propose_if_exceptional,
    "signpost": _signpost,
    "hmip_informed": _hmip_informed,
    "create_tracker_entry": _create_tracker_entry,
    "consent_from_consultation": _consent_from_consultation,
    "create_recommendations": _create_recommendations,
    "complete_recommendation": _complete_recommendation,
    "record_recommendation_response": _record_recommendation_response,
    "close_when_recommendations_done": _close_when_done,
    "propose_escalation_from_note": _propose_from_note,
    "record_without_consent": _record_without_consent,
    "confirm_without_consent": _confirm_without_consent,
    "record_update": _record_update,
}
