"""The workflow service: taking one action (those possible now: :mod:`.available`).

An action is possible when the case's status is one it starts from and the task it needs is
open; it is allowed when the actor's role and organisation are among those the workflow names
(and the case is visible to them); then its guards (consent, once only ...) must pass. Taking
it closes and opens tasks, runs its effects, moves the status, sets the tracker's step dates and
records one audit event with who, when, the note and the outcome. The caller commits; on any
error nothing is written (after a ConflictError the session has been rolled back).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from backoffice.access import get_visible_case
from backoffice.case_view import build_case_view
from backoffice.view_models import ActionResult
from backoffice.workflow.apply import apply_action
from backoffice.workflow.checks import action_context, check_permission, state_problem
from backoffice.workflow.context import ActionContext
from backoffice.workflow.guards import first_refusal
from backoffice.workflow.inputs import set_inputs
from backoffice.workflow.shipped import action_spec
from intake.core.errors import ConflictError, PermissionDenied, ValidationProblem
from intake.core.settings import Deadlines, Settings
from intake.core.users import Actor
from intake.core.vocabulary import CaseStatus


def _refuse_for_consent_first(ctx: ActionContext) -> None:
    """When an action is not possible now because consent stopped it, say so (exit 3)."""
    refusal = first_refusal(ctx, ctx.spec.guards)
    if refusal is not None and refusal.error is PermissionDenied:
        raise refusal.exception(ctx.case.reference)


def _conflict(reference: str) -> ConflictError:
    return ConflictError(
        f"{reference} was changed by someone else while you were working on it; "
        "nothing of yours was saved: reload it and try again"
    )


def take_action(
    session: Session,
    *,
    actor: Actor,
    reference: str,
    action: str,
    note: str | None = None,
    outcome: str | None = None,
    expected_version: int | None = None,
    settings: Settings | None = None,
    due: date | None = None,
    told: date | None = None,
    recommendations: Sequence[str] = (),
    recommendation_id: int | None = None,
    confirm_close: bool = False,
) -> ActionResult:
    """Take one workflow action on a case; returns the case as it now stands.

    An action that would close the case is refused unless ``confirm_close`` is true (the TUI
    asks; the CLI needs ``--confirm``): one wrong choice must not end a person's case.
    """
    spec = action_spec(action)
    case = get_visible_case(session, actor, reference)
    if expected_version is not None and case.version != expected_version:
        raise ConflictError(
            f"{case.reference} was changed by someone else (version {case.version}, "
            f"you had {expected_version}); reload it and try again"
        )
    check_permission(actor, spec, case)
    deadlines = settings.deadlines if settings is not None else Deadlines()
    ctx = action_context(session, actor, spec, case, deadlines)
    problem = state_problem(spec, case, ctx.open_tasks)
    if problem:
        _refuse_for_consent_first(ctx)
        raise ValidationProblem(f"{case.reference}: {spec.name} is not possible now: {problem}")
    set_inputs(
        ctx, outcome=outcome, note=note, due=due, told=told, recommendations=recommendations,
        recommendation_id=recommendation_id,
    )  # fmt: skip
    refusal = first_refusal(ctx, ctx.guards)
    if refusal is not None:
        raise refusal.exception(case.reference)
    reference = case.reference
    was_open = CaseStatus(case.status).is_open
    try:
        apply_action(ctx)
        if not confirm_close and was_open and not CaseStatus(case.status).is_open:
            session.rollback()
            raise ValidationProblem(
                f"{reference}: {spec.name} closes the case; nothing was changed. "
                "Confirm it (in the app: answer the question; on the command line: --confirm)"
            )
        session.flush()
    except StaleDataError as exc:
        session.rollback()
        raise _conflict(reference) from exc
    return _result(session, ctx)


def _result(session: Session, ctx: ActionContext) -> ActionResult:
    case, spec = ctx.case, ctx.spec
    step = f" (step {int(spec.step)})" if spec.step is not None else ""
    message = "; ".join([f"{case.reference}: {spec.label}{step}: done", *ctx.messages])
    return ActionResult(
        reference=case.reference,
        action=spec.name,
        step=int(spec.step) if spec.step is not None else None,
        outcome=ctx.outcome,
        status=case.status,
        version=case.version or 1,
        message=f"{message}; status {case.status}",
        escalation_proposed=ctx.escalation_proposed,
        case=build_case_view(session, case, ctx.actor),
    )
