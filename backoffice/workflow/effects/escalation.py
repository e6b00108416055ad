"""Effects that propose an escalation: for an exceptional allegation, or from the note."""

from __future__ import annotations

from backoffice.workflow.context import ActionContext
from backoffice.workflow.tasks import propose_escalation
from intake.core.vocabulary import Severity


def propose_if_exceptional(ctx: ActionContext) -> None:
    if ctx.case.severity == Severity.EXCEPTIONAL.value:
        propose(ctx, "the allegation is exceptional or very serious")


def propose(ctx: ActionContext, reason: str) -> None:
    """Propose an escalation for this reason, unless one is already open."""
    task = propose_escalation(
        ctx.session, ctx.case, actor=ctx.actor, deadlines=ctx.deadlines, reason=reason
    )
    if task is not None:
        ctx.escalation_proposed = True
        ctx.messages.append(f"escalation proposed: {reason}")


def propose_from_note(ctx: ActionContext) -> None:
    propose(ctx, ctx.note or "proposed by staff")
