"""The HMIP sanctions tracker's effects: HMIP informed (step 3), and the case logged."""

from __future__ import annotations

from sqlmodel import col, select

from backoffice.workflow.context import ActionContext
from intake.core.clock import today
from intake.core.db.models import TrackerEntry, WorkflowTask


def hmip_informed(ctx: ActionContext) -> None:
    for task in ctx.open_tasks:
        if task.step == 3:
            before = {"note": task.note}
            line = f"HMIP informed by {ctx.actor.organisation.value} ({ctx.actor.name})"
            task.note = f"{task.note}\n{line}" if task.note else line
            ctx.record(
                "task_noted",
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


def create_tracker_entry(ctx: ActionContext) -> None:
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
    ctx.record(
        "tracker_entry_logged",
        entity="tracker_entry",
        entity_id=entry.id,
        after={"logged_at": entry.logged_at, "informed_by": informed},
    )
    ctx.messages.append("logged on the HMIP sanctions tracker")
