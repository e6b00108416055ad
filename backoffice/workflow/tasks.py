"""Workflow tasks: the protocol's steps and parallel duties, each with an owner and a due date.

Every task opened or closed is an audit event on its case. An escalation proposed by the
system (or by someone for a colleague to act on) is an open escalate task with outcome
``proposed`` until it is escalated or declined.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, col, select

from backoffice.deadlines import PROPOSED
from backoffice.workflow.definition import RECEIVING, OrgRef, TaskRef, TaskSpec
from intake.core.audit import record_case_event
from intake.core.clock import today, utcnow
from intake.core.db.models import SanctionCase, WorkflowTask
from intake.core.establishments import establishment_has_board
from intake.core.settings import Deadlines
from intake.core.tasks import add_task
from intake.core.users import Actor
from intake.core.vocabulary import Duty


def open_tasks(session: Session, case_id: int) -> list[WorkflowTask]:
    query = (
        select(WorkflowTask)
        .where(WorkflowTask.case_id == case_id, col(WorkflowTask.done_at).is_(None))
        .order_by(col(WorkflowTask.id))
    )
    return list(session.exec(query).all())


def matching(tasks: list[WorkflowTask], ref: TaskRef) -> list[WorkflowTask]:
    if ref.step is not None:
        return [t for t in tasks if t.step == int(ref.step) and t.duty is None]
    return [t for t in tasks if t.duty == (ref.duty.value if ref.duty else None)]


def open_task(
    session: Session,
    case: SanctionCase,
    spec: TaskSpec,
    *,
    actor: Actor,
    deadlines: Deadlines,
    due: date | None = None,
    outcome: str | None = None,
    note: str | None = None,
) -> WorkflowTask:
    """Open a task from its spec; the due date is ``due`` or today plus the default deadline."""
    days = getattr(deadlines, spec.deadline)
    board = establishment_has_board(session, case.establishment_id)
    task = WorkflowTask(
        case_id=case.id,  # type: ignore[arg-type]
        step=int(spec.step) if spec.step is not None else None,
        duty=spec.duty.value if spec.duty is not None else None,
        title=spec.title_for(case.receiving_organisation, board=board),
        owner_organisation=spec.owner_for(case.receiving_organisation, board=board),
        due=due or today() + timedelta(days=days),
        outcome=outcome,
        note=note,
    )
    return add_task(session, case, task, actor=actor, reason=note)


def open_task_once(
    session: Session,
    case: SanctionCase,
    spec: TaskSpec,
    *,
    actor: Actor,
    deadlines: Deadlines,
    due: date | None = None,
) -> WorkflowTask | None:
    """Open the task unless the same one (step or duty, and title) is already open."""
    board = establishment_has_board(session, case.establishment_id)
    title = spec.title_for(case.receiving_organisation, board=board)
    for task in open_tasks(session, case.id or 0):
        same_kind = task.step == (int(spec.step) if spec.step is not None else None) and (
            task.duty == (spec.duty.value if spec.duty is not None else None)
        )
        if same_kind and task.title == title:
            return None
    return open_task(session, case, spec, actor=actor, deadlines=deadlines, due=due)


def close_task(
    session: Session,
    case: SanctionCase,
    task: WorkflowTask,
    *,
    actor: Actor,
    outcome: str | None,
    note: str | None,
) -> None:
    before = {"done_at": None, "outcome": task.outcome}
    task.done_at = utcnow()
    task.done_by_id = actor.id
    task.outcome = outcome
    if note:
        task.note = note if not task.note else f"{task.note}\n{note}"
    record_case_event(
        session,
        case,
        actor=actor,
        action="task_closed",
        entity="workflow_task",
        entity_id=task.id,
        before=before,
        after={"done_at": task.done_at, "outcome": outcome, "title": task.title},
        reason=note,
    )


def propose_escalation(
    session: Session,
    case: SanctionCase,
    *,
    actor: Actor,
    deadlines: Deadlines,
    reason: str,
    owner: OrgRef = RECEIVING,
    title: str | None = None,
) -> WorkflowTask | None:
    """Open a proposed escalation unless one is already open; returns the new task.

    ``owner``: whose (the receiving organisation's by default); ``title``: instead of
    "Escalate (proposed: REASON)"."""
    existing = [t for t in open_tasks(session, case.id or 0) if t.duty == Duty.ESCALATE.value]
    if existing:
        return None
    spec = TaskSpec(
        duty=Duty.ESCALATE,
        owner=owner,
        deadline="escalate",
        title=title or f"Escalate (proposed: {reason})",
    )
    return open_task(
        session, case, spec, actor=actor, deadlines=deadlines, outcome=PROPOSED, note=reason
    )
