"""Reopening a closed case (a supervisor or lead of the receiving organisation, with a reason).

The case goes back to the status it had before the action that closed it, and the tasks that
action completed are opened again with fresh deadlines. Signposts and recommendations already
recorded stay as they are: reopening adds to the history, it never rewrites it.
"""

from __future__ import annotations

from sqlmodel import col, select

from backoffice.workflow.context import ActionContext
from backoffice.workflow.definition import TaskRef, TaskSpec
from backoffice.workflow.tasks import open_task_once
from intake.core.db.models import AuditEvent
from intake.core.errors import ValidationProblem
from intake.core.vocabulary import CaseStatus, Duty, ProtocolStep

_ENDED = (CaseStatus.CLOSED.value, CaseStatus.SIGNPOSTED.value)


def _closing_event(ctx: ActionContext) -> AuditEvent:
    query = (
        select(AuditEvent)
        .where(AuditEvent.case_id == ctx.case_id, AuditEvent.entity == "case")
        .order_by(col(AuditEvent.id).desc())
    )
    for event in ctx.session.exec(query):
        if (event.after or {}).get("status") in _ENDED:
            return event
    raise ValidationProblem(f"{ctx.case.reference}: no record of how the case was closed")


def _spec_for(ctx: ActionContext, ref: TaskRef) -> TaskSpec | None:
    """The task as the workflow opens it; step 2 is opened at submission (its own deadline)."""
    if ref.duty == Duty.SIGNPOST:
        return None
    if ref.step == ProtocolStep.CONFIRM_QUALIFIES:
        return TaskSpec(step=ref.step, owner="receiving", deadline="confirm_qualifies")
    return ctx.workflow.opening(ref)


def reopen_case(ctx: ActionContext) -> None:
    event = _closing_event(ctx)
    status = (event.before or {}).get("status") or CaseStatus.RECEIVED.value
    ctx.changes.update(status=status, outcome=None, closed_at=None)
    spec = ctx.workflow.get(event.action)
    refs: list[TaskRef] = list(spec.closes) if spec is not None else []
    if spec is not None and not refs and spec.step is not None:
        refs = [TaskRef(step=spec.step)]
    for ref in refs:
        task_spec = _spec_for(ctx, ref)
        if task_spec is not None:
            open_task_once(
                ctx.session, ctx.case, task_spec, actor=ctx.actor, deadlines=ctx.deadlines
            )
    closed_by = spec.label if spec is not None else event.action.replace("_", " ")
    ctx.messages.append(f"reopened at status {status} (closed by: {closed_by})")
