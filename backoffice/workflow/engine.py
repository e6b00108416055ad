"""The workflow service: which actions are possible now, and taking one.

An action is possible when the case's status is one it starts from and the task it needs is
open; it is allowed when the actor's role and organisation are among those the workflow names
(and the case is visible to them); then its guards (consent, once only ...) must pass. Taking
it closes and opens tasks, runs its effects, moves the status, sets the tracker's step dates and
records one audit event with who, when, the note and the outcome. The caller commits; on any
error nothing is written (after a ConflictError the session has been rolled back).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from functools import cache

from sqlalchemy.orm import object_session
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, select

from backoffice.access import get_visible_case, require
from backoffice.case_view import build_case_view
from backoffice.view_models import ActionResult, AvailableAction, OutcomeChoice
from backoffice.workflow.context import ActionContext
from backoffice.workflow.definition import ActionSpec, Workflow, load_workflow
from backoffice.workflow.effects import EFFECT_FUNCTIONS, propose
from backoffice.workflow.guards import GUARD_FUNCTIONS, first_refusal
from backoffice.workflow.tasks import close_task, matching, open_task_once, open_tasks
from intake.core.audit import record_case_event
from intake.core.clock import today, utcnow
from intake.core.db.models import SanctionCase, TrackerEntry, WorkflowTask
from intake.core.errors import ConflictError, PermissionDenied, ValidationProblem
from intake.core.establishments import establishment_has_board
from intake.core.settings import Deadlines, Settings
from intake.core.users import Actor
from intake.core.validation import clean_text
from intake.core.vocabulary import CaseStatus, Organisation, RiskLevel

MAX_NOTE = 20_000
AT_RISK = (RiskLevel.IMMEDIATE.value, RiskLevel.HIGH.value)


@cache
def workflow() -> Workflow:
    """The workflow shipped in prompts/workflow.yaml (read once), its guard and effect names
    checked against the code that implements them."""
    return load_workflow(guards=GUARD_FUNCTIONS, effects=EFFECT_FUNCTIONS)


def _spec(action: str) -> ActionSpec:
    spec = workflow().get(action)
    if spec is None:
        known = ", ".join(workflow().actions)
        raise ValidationProblem(f"unknown action {action!r}; actions are: {known}")
    return spec


def _state_problem(spec: ActionSpec, case: SanctionCase, tasks: list[WorkflowTask]) -> str | None:
    if case.status not in spec.from_:
        wanted = ", ".join(s.value for s in spec.from_)
        return f"the case is {case.status} (this needs: {wanted})"
    if spec.requires_open is not None and not matching(tasks, spec.requires_open):
        return f"no open task for {spec.requires_open.label}"
    return None


def _organisations(spec: ActionSpec, case: SanctionCase) -> tuple[Organisation, ...]:
    session = object_session(case)
    board = session is None or establishment_has_board(session, case.establishment_id)  # type: ignore[arg-type]
    return spec.organisations_for(case.receiving_organisation, board=board)


def who(spec: ActionSpec, case: SanctionCase) -> str:
    orgs = "/".join(o.value for o in _organisations(spec, case))
    return f"{orgs}: {', '.join(r.value for r in spec.roles)}"


def _permission(actor: Actor, spec: ActionSpec, case: SanctionCase) -> None:
    what = f"take '{spec.name}'"
    require(actor, what=what, roles=spec.roles)
    require(actor, what=what, organisations=_organisations(spec, case))


def _context(
    session: Session, actor: Actor, spec: ActionSpec, case: SanctionCase, deadlines: Deadlines
) -> ActionContext:
    assert case.id is not None
    return ActionContext(
        session=session,
        case=case,
        actor=actor,
        spec=spec,
        deadlines=deadlines,
        open_tasks=open_tasks(session, case.id),
        workflow=workflow(),
    )


def _choices(spec: ActionSpec) -> str:
    return ", ".join(spec.outcomes)


def _set_inputs(
    ctx: ActionContext,
    *,
    outcome: str | None,
    note: str | None,
    due: date | None,
    told: date | None,
    recommendations: Sequence[str],
    recommendation_id: int | None,
) -> None:
    spec, ref = ctx.spec, ctx.case.reference
    if outcome is not None and outcome.strip():
        key = outcome.strip().lower().replace("-", "_")
        if key not in spec.outcomes:
            raise ValidationProblem(
                f"{ref}: outcome {outcome!r} is not possible for {spec.name}"
                + (f"; choose one of {_choices(spec)}" if spec.outcomes else " (it takes none)")
            )
        ctx.outcome, ctx.outcome_spec = key, spec.outcomes[key]
    elif spec.outcome_required:
        raise ValidationProblem(f"{ref}: {spec.name} needs an outcome: one of {_choices(spec)}")
    text = clean_text(note or "").strip()
    if len(text) > MAX_NOTE:
        raise ValidationProblem(f"the note is longer than {MAX_NOTE:,} characters")
    if spec.note_required and not text:
        raise ValidationProblem(f"{ref}: {spec.name} needs a note saying what was done and why")
    ctx.note = text or None
    _set_extras(ctx, due, told, recommendations, recommendation_id)


def _set_extras(
    ctx: ActionContext,
    due: date | None,
    told: date | None,
    recommendations: Sequence[str],
    recommendation_id: int | None,
) -> None:
    spec = ctx.spec
    allowed = set(spec.needs) | set(spec.accepts)
    given = {
        "due": due is not None,
        "told": told is not None,
        "recommendations": bool(recommendations),
        "recommendation_id": recommendation_id is not None,
    }
    for name, present in given.items():
        if present and name not in allowed:
            raise ValidationProblem(f"{spec.name} does not take {name.replace('_', ' ')}")
        if not present and name in spec.needs:
            raise ValidationProblem(f"{spec.name} needs {_INPUT_WORDS.get(name, name)}")
    if due is not None and due < today():
        raise ValidationProblem(f"the date {due.isoformat()} is in the past")
    if told is not None and told > today():
        raise ValidationProblem(
            f"the date the person was told, {told.isoformat()}, is in the future"
        )
    ctx.due = due
    ctx.told = told
    ctx.recommendations = tuple(recommendations)
    ctx.recommendation_id = recommendation_id


_INPUT_WORDS = {
    "told": "the date the person was told (--told YYYY-MM-DD)",
    "recommendation_id": "the recommendation's number",
}


def _apply(ctx: ActionContext) -> None:
    spec, outcome_spec = ctx.spec, ctx.outcome_spec
    for ref in spec.closes:
        for task in matching(ctx.open_tasks, ref):
            close_task(
                ctx.session, ctx.case, task, actor=ctx.actor, outcome=ctx.outcome or "done",
                note=ctx.note,
            )  # fmt: skip
    for name in ctx.effects:
        EFFECT_FUNCTIONS[name](ctx)
    for task_spec in (*spec.opens, *(outcome_spec.opens if outcome_spec else ())):
        if task_spec.when == "at_risk" and ctx.case.risk_level not in AT_RISK:
            continue
        if task_spec.when == "consented" and not ctx.consent_state().may_refer:
            continue
        open_task_once(
            ctx.session, ctx.case, task_spec, actor=ctx.actor, deadlines=ctx.deadlines,
            due=ctx.due,
        )  # fmt: skip
    reason = (outcome_spec.propose_escalation if outcome_spec else None) or spec.propose_escalation
    if reason:
        propose(ctx, reason)
    if _closes_a_confirmed_case(ctx):
        for task_spec in ctx.workflow.on_close:
            open_task_once(
                ctx.session, ctx.case, task_spec, actor=ctx.actor, deadlines=ctx.deadlines
            )
    _move(ctx)


def _target_status(ctx: ActionContext) -> CaseStatus:
    outcome_spec = ctx.outcome_spec
    status = (outcome_spec.to if outcome_spec else None) or ctx.spec.to
    return CaseStatus(ctx.changes.get("status", status or ctx.case.status))


def _closes_a_confirmed_case(ctx: ActionContext) -> bool:
    """A case the partners were told of (confirmed at step 2) is closing now."""
    was = CaseStatus(ctx.case.status)
    return was.is_open and was is not CaseStatus.RECEIVED and not _target_status(ctx).is_open


def _move(ctx: ActionContext) -> None:
    """Status, outcome and closing time, then the action's own audit event."""
    outcome_spec = ctx.outcome_spec
    status = (outcome_spec.to if outcome_spec else None) or ctx.spec.to
    if status is not None and "status" not in ctx.changes:
        ctx.changes["status"] = status.value
    case_outcome = (outcome_spec.case_outcome if outcome_spec else None) or ctx.spec.case_outcome
    if case_outcome is not None and "outcome" not in ctx.changes:
        ctx.changes["outcome"] = case_outcome.value
    if not CaseStatus(ctx.changes.get("status", ctx.case.status)).is_open:
        ctx.changes.setdefault("closed_at", utcnow())
    _tracker_dates(ctx)
    before = {key: getattr(ctx.case, key) for key in ctx.changes}
    for key, value in ctx.changes.items():
        setattr(ctx.case, key, value)
    after = {
        **ctx.changes,
        "step": int(ctx.spec.step) if ctx.spec.step is not None else None,
        "duty": ctx.spec.duty.value if ctx.spec.duty is not None else None,
        "outcome": ctx.changes.get("outcome", ctx.outcome),
    }
    record_case_event(
        ctx.session, ctx.case, actor=ctx.actor, action=ctx.spec.name, before=before,
        after=after, reason=ctx.note,
    )  # fmt: skip


def _tracker_dates(ctx: ActionContext) -> None:
    query = select(TrackerEntry).where(TrackerEntry.case_id == ctx.case_id)
    entry = ctx.session.exec(query).first()
    if entry is None or not ctx.spec.steps:
        return
    dates = dict(entry.step_dates or {})
    for step in ctx.spec.steps:
        dates.setdefault(str(int(step)), today().isoformat())
    if dates != entry.step_dates:
        entry.step_dates = dates


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
    spec = _spec(action)
    case = get_visible_case(session, actor, reference)
    if expected_version is not None and case.version != expected_version:
        raise ConflictError(
            f"{case.reference} was changed by someone else (version {case.version}, "
            f"you had {expected_version}); reload it and try again"
        )
    _permission(actor, spec, case)
    deadlines = settings.deadlines if settings is not None else Deadlines()
    ctx = _context(session, actor, spec, case, deadlines)
    problem = _state_problem(spec, case, ctx.open_tasks)
    if problem:
        _refuse_for_consent_first(ctx)
        raise ValidationProblem(f"{case.reference}: {spec.name} is not possible now: {problem}")
    _set_inputs(
        ctx, outcome=outcome, note=note, due=due, told=told, recommendations=recommendations,
        recommendation_id=recommendation_id,
    )  # fmt: skip
    refusal = first_refusal(ctx, ctx.guards)
    if refusal is not None:
        raise refusal.exception(case.reference)
    reference = case.reference
    was_open = CaseStatus(case.status).is_open
    try:
        _apply(ctx)
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


def _available(ctx: ActionContext) -> AvailableAction | None:
    spec, case, actor = ctx.spec, ctx.case, ctx.actor
    if case.status not in spec.from_:
        return None
    task_missing = _state_problem(spec, case, ctx.open_tasks) is not None
    why_not = None
    try:
        _permission(actor, spec, case)
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
    first = _context(session, actor, next(iter(workflow().actions.values())), case, Deadlines())
    # Shared by every action's context: read once.
    open_tasks, frozen_consent = first.open_tasks, (first.consent(),)
    found = []
    for spec in workflow().actions.values():
        ctx = replace(first, spec=spec, open_tasks=open_tasks, frozen_consent=frozen_consent)
        available = _available(ctx)
        if available is not None:
            found.append(available)
    return found
