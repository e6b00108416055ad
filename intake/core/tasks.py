"""Opening a workflow task on a case with its ``task_opened`` audit event: one way for the
intake (the tasks a submitted case opens at once) and the back office (the protocol's steps and
duties), so every task opened is audited alike."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from intake.core.audit import record_case_event
from intake.core.db.models import SanctionCase, WorkflowTask
from intake.core.users import Actor


def add_task(
    session: Session,
    case: SanctionCase,
    task: WorkflowTask,
    *,
    actor: Actor,
    reason: str | None = None,
    **about: Any,
) -> WorkflowTask:
    """Add ``task`` to ``case`` and audit it: its step or duty, title, owner, due date and
    outcome, and whatever else ``about`` says (never what staff typed)."""
    session.add(task)
    session.flush()
    record_case_event(
        session,
        case,
        actor=actor,
        action="task_opened",
        entity="workflow_task",
        entity_id=task.id,
        after={
            "step": task.step,
            "duty": task.duty,
            "title": task.title,
            "owner": task.owner_organisation,
            "due": task.due,
            "outcome": task.outcome,
            **about,
        },
        reason=reason,
    )
    return task
