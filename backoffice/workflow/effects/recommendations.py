"""Recommendations' effects: made with a formal report, each one's response and completion,
and the case closed when every one is done."""

from __future__ import annotations

from datetime import timedelta

from backoffice.workflow.context import ActionContext
from backoffice.workflow.recommendation_input import parse_recommendation
from intake.core.clock import today, utcnow
from intake.core.db.models import Establishment, Recommendation
from intake.core.errors import ValidationProblem
from intake.core.vocabulary import CaseStatus, Outcome, RecommendationStatus

MAX_RECOMMENDATIONS = 50


def _establishment_name(ctx: ActionContext) -> str | None:
    if ctx.case.establishment_id is None:
        return ctx.case.place_text
    row = ctx.session.get(Establishment, ctx.case.establishment_id)
    return row.name if row else None


def create_recommendations(ctx: ActionContext) -> None:
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
        ctx.record(
            "recommendation_made",
            entity="recommendation",
            entity_id=row.id,
            after={
                "seq": seq,
                "text": item.text,
                "owner": owner,
                "outcome": item.outcome,
                "due": due,
            },
        )
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


def complete_recommendation(ctx: ActionContext) -> None:
    """Done: the note is the evidence that its measurable outcome was met."""
    row = _chosen_recommendation(ctx)
    before = {"done_at": None, "status": row.status}
    row.done_at = utcnow()
    row.done_by_id = ctx.actor.id
    row.note = ctx.note
    row.evidence = ctx.note
    row.status = RecommendationStatus.MET.value
    ctx.session.flush()
    ctx.record(
        "recommendation_done",
        entity="recommendation",
        entity_id=row.id,
        before=before,
        after={
            "done_at": row.done_at,
            "seq": row.seq,
            "status": row.status,
            "evidence": row.evidence,
        },
        reason=ctx.note,
    )


def record_recommendation_response(ctx: ActionContext) -> None:
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
    ctx.record(
        "recommendation_response",
        entity="recommendation",
        entity_id=row.id,
        before=before,
        after={
            "response": row.response,
            "status": row.status,
            "reason": row.response_reason,
            "seq": row.seq,
        },
        reason=ctx.note,
    )
    ctx.messages.append(f"recommendation {row.seq}: {response.label.lower()}")


def close_when_done(ctx: ActionContext) -> None:
    if ctx.open_recommendations():
        return
    ctx.changes.update(status=CaseStatus.CLOSED.value, outcome=Outcome.PROVED.value)
    ctx.messages.append("every recommendation is done: case closed (proved)")
