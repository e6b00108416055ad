"""The parallel duties' effects: an update sent to the partners or the internal lead, and the
open tasks closed with the case (IMB monitoring outlives it)."""

from __future__ import annotations

from backoffice.workflow.context import ActionContext
from backoffice.workflow.tasks import close_task
from intake.core.clock import today, utcnow
from intake.core.db.models import WorkflowTask
from intake.core.vocabulary import Duty

#: Duties that outlive the case: IMB monitoring lasts while the risk does, until a Board member
#: ends it with a reason (para 25).
_OUTLIVE_THE_CASE = (Duty.IMB_MONITORING.value,)


def close_open_tasks(ctx: ActionContext) -> None:
    for task in ctx.open_tasks:
        if task.done_at is None and task.duty not in _OUTLIVE_THE_CASE:
            close_task(
                ctx.session, ctx.case, task, actor=ctx.actor, outcome="not needed: case closed",
                note=ctx.note,
            )  # fmt: skip


def record_update(ctx: ActionContext) -> None:
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
    ctx.record(
        "update_recorded",
        entity="workflow_task",
        entity_id=task.id,
        after={"duty": duty.value, "title": task.title},
        reason=ctx.note,
    )
