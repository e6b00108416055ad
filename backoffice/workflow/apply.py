"""Applying an action that passed its checks: tasks closed and opened, its effects run, an
escalation proposed, the status and outcome moved, the tracker's step dates set and the
action's own audit event recorded."""

from __future__ import annotations

from sqlmodel import select

from backoffice.workflow.context import ActionContext
from backoffice.workflow.effects import EFFECT_FUNCTIONS, propose
from backoffice.workflow.tasks import close_task, matching, open_task_once
from intake.core.clock import today, utcnow
from intake.core.db.models import TrackerEntry
from intake.core.vocabulary import CaseStatus, RiskLevel

AT_RISK = (RiskLevel.IMMEDIATE.value, RiskLevel.HIGH.value)


def apply_action(ctx: ActionContext) -> None:
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
    ctx.record(ctx.spec.name, before=before, after=after, reason=ctx.note)


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
