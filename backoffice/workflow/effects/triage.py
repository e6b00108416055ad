"""Step 2's effects: triage confirms the case qualifies, or it does not and the person is
signposted; and each signpost given to the person, recorded once and its task closed."""

from __future__ import annotations

from backoffice.classification import add_classification
from backoffice.signposts import signpost_text
from backoffice.workflow.context import ActionContext
from backoffice.workflow.tasks import close_task
from intake.core.clock import today
from intake.core.db.models import Signpost
from intake.core.vocabulary import ClassificationSource, Duty, Qualifies, Route


def _routes_besides(ctx: ActionContext, *routes: str) -> list[str]:
    return [r for r in ctx.case.routes or [] if r not in (*routes, Route.SANCTION_PROTOCOL.value)]


def triage_confirms(ctx: ActionContext) -> None:
    if ctx.case.qualifies != Qualifies.YES.value:
        add_classification(
            ctx.session,
            ctx.case,
            actor=ctx.actor,
            source=ClassificationSource.TRIAGE,
            values={"qualifies": Qualifies.YES.value, "route": Route.SANCTION_PROTOCOL.value},
            reason=ctx.note or "confirmed at protocol step 2",
        )
        ctx.changes["qualifies"] = Qualifies.YES.value
    if ctx.case.route != Route.SANCTION_PROTOCOL.value:
        ctx.changes["route"] = Route.SANCTION_PROTOCOL.value
    routes = [Route.SANCTION_PROTOCOL.value, *_routes_besides(ctx)]
    if routes != list(ctx.case.routes or []):
        ctx.changes["routes"] = routes


def signpost(ctx: ActionContext) -> None:
    """Step 2 "does not qualify": the chosen route, and every other open signpost, told."""
    route = Route(ctx.outcome or Route.OUT_OF_SCOPE.value)
    add_classification(
        ctx.session,
        ctx.case,
        actor=ctx.actor,
        source=ClassificationSource.TRIAGE,
        values={"qualifies": Qualifies.NO.value, "route": route.value},
        reason=ctx.note,
    )
    others = _routes_besides(ctx, route.value)
    ctx.changes.update(
        qualifies=Qualifies.NO.value, route=route.value, routes=[route.value, *others]
    )
    for each in [route.value, *(t.route for t in ctx.open_tasks if t.duty == Duty.SIGNPOST.value)]:
        if each is not None and (each == route.value or each in others):
            _tell(ctx, each)


def signpost_given(ctx: ActionContext) -> None:
    _tell(ctx, ctx.outcome or "")


def _tell(ctx: ActionContext, route: str) -> None:
    """Record that the person was given this route's signpost, and close its task."""
    if any(s.route == route for s in ctx.signposts_recorded):
        return
    text = signpost_text(route) or Route(route).label
    told_on = ctx.told or today()
    row = Signpost(
        case_id=ctx.case_id, route=route, text=text, told_on=told_on, told_by_id=ctx.actor.id,
        note=ctx.note,
    )  # fmt: skip
    ctx.session.add(row)
    ctx.session.flush()
    ctx.signposts_recorded.append(row)
    ctx.record(
        "signpost_given",
        entity="signpost",
        entity_id=row.id,
        after={"route": route, "told_on": told_on},
        reason=ctx.note,
    )
    task = ctx.signpost_task(route)
    if task is not None:
        close_task(ctx.session, ctx.case, task, actor=ctx.actor, outcome="told", note=ctx.note)
    ctx.messages.append(f"signpost recorded: {Route(route).label}, told {told_on.isoformat()}")
