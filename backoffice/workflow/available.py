"""Which actions are possible on a case now, each saying whether this actor may take it (and
why not), with its outcomes and whether it would close the case."""

from __future__ import annotations

from dataclasses import replace

from sqlmodel import Session

from backoffice.access import get_visible_case
from backoffice.view_models import AvailableAction, OutcomeChoice
from backoffice.workflow.checks import action_context, check_permission, state_problem, who
from backoffice.workflow.context import ActionContext
from backoffice.workflow.guards import first_refusal
from backoffice.workflow.shipped import workflow
from intake.core.errors import PermissionDenied
from intake.core.settings import Deadlines
from intake.core.users import Actor


def _available(ctx: ActionContext) -> AvailableAction | None:
    spec, case, actor = ctx.spec, ctx.case, ctx.actor
    if case.status not in spec.from_:
        return None
    task_missing = state_problem(spec, case, ctx.open_tasks) is not None
    why_not = None
    try:
        check_permission(actor, spec, case)
    except PermissionDenied as exc:
        why_not = str(exc)
    refusal = first_refusal(ctx, spec.guards)
    if refusal is not None and (refusal.error is not PermissionDenied or refusal.hidden):
        return None
    if task_missing and refusal is None:
        return None  # not at this step; when consent stopped it, the refusal says so
    if refusal is not None:
        why_not = refusal.message if task_missing else why_not or refusal.message
    choices = []
    for name, outcome_spec in spec.outcomes.items():
        ctx.outcome, ctx.outcome_spec = name, outcome_spec
        blocked = first_refusal(ctx, outcome_spec.guards)
        choices.append(
            OutcomeChoice(
                name=name,
                label=outcome_spec.label,
                allowed=blocked is None,
                why_not=blocked.message if blocked else None,
            )
        )
    return AvailableAction(
        name=spec.name,
        label=spec.label,
        step=int(spec.step) if spec.step is not None else None,
        step_label=spec.step.label if spec.step is not None else None,
        duty=spec.duty.value if spec.duty is not None else None,
        who=who(spec, case),
        allowed=why_not is None,
        why_not=why_not,
        note_required=spec.note_required,
        outcome_required=spec.outcome_required,
        outcomes=choices,
        needs=list(spec.needs),
        accepts=list(spec.accepts),
        closes_case=_closes_case(ctx),
    )


def _closes_case(ctx: ActionContext) -> bool:
    if "close_when_recommendations_done" in ctx.spec.effects:
        return len(ctx.open_recommendations()) <= 1
    return ctx.spec.closes_case


def available_actions(session: Session, *, actor: Actor, reference: str) -> list[AvailableAction]:
    """The actions possible on the case now, each saying whether this actor may take it."""
    case = get_visible_case(session, actor, reference)
    first = action_context(
        session, actor, next(iter(workflow().actions.values())), case, Deadlines()
    )
    # Shared by every action's context: read once.
    open_tasks, frozen_consent = first.open_tasks, (first.consent(),)
    found = []
    for spec in workflow().actions.values():
        ctx = replace(first, spec=spec, open_tasks=open_tasks, frozen_consent=frozen_consent)
        available = _available(ctx)
        if available is not None:
            found.append(available)
    return found
