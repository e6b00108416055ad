"""Who may see the insights, and all of them built for one reader and period."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from backoffice.access import EXPORT_ROLES, scope_words
from backoffice.insights.consent import _consent
from backoffice.insights.counts import (
    NOT_IN_DIRECTORY,
    _by_body,
    _by_category,
    _by_channel,
    _by_establishment,
    _by_month,
    _by_outcome,
    _by_risk,
)
from backoffice.insights.figures import Insights
from backoffice.insights.period import Period
from backoffice.insights.scope import _scope
from backoffice.insights.steps import _steps
from intake.core.db.models import SanctionCase, table_of
from intake.core.errors import PermissionDenied, ValidationProblem
from intake.core.users import Actor
from intake.core.vocabulary import Organisation, Role

DEFAULT_REPEAT = 3


# ---- who may see them ------------------------------------------------------------------------


def may_see_insights(actor: Actor) -> None:
    """Those who may export the tracker (``backoffice.tracker.may_export``: supervisors, leads
    and admins of any organisation, HMIP triage) and IMB triage, who count their Board's cases
    only; PPO triage and intake staff may not."""
    if actor.role in EXPORT_ROLES:
        return
    if actor.role == Role.TRIAGE and actor.organisation in (Organisation.HMIP, Organisation.IMB):
        return
    raise PermissionDenied(
        f"{actor.name} ({actor.role.value}, {actor.organisation.value}) may not see insights: "
        "this needs a supervisor, lead or admin, or HMIP or IMB triage"
    )


# ---- all of it -------------------------------------------------------------------------------


def holds_only_demo_cases(session: Session) -> bool:
    """True for a database with cases, all of them demo cases (a training server)."""
    cases = table_of(SanctionCase)
    real = session.execute(select(cases.c.id).where(~cases.c.is_demo).limit(1)).first()
    return real is None


def build_insights(
    session: Session,
    *,
    actor: Actor,
    date_from: date | None = None,
    date_to: date | None = None,
    repeat: int = DEFAULT_REPEAT,
    demo_database: bool = False,
) -> Insights:
    """The figures for the cases ``actor`` may see, received from ``date_from`` to ``date_to``
    (neither: the last 12 months). Demo cases count only on the demo's database
    (``demo_database``) or one holding nothing else."""
    may_see_insights(actor)
    if repeat < 1:
        raise ValidationProblem("--repeat must be 1 or more")
    period = Period.of(date_from, date_to)
    demo = demo_database or holds_only_demo_cases(session)
    scope = _scope(session, actor, period, demo)
    by_establishment = _by_establishment(session, scope)
    previous = period.previous
    return Insights(
        date_from=period.start,
        date_to=period.end,
        previous_from=previous.start if previous else None,
        previous_to=previous.end if previous else None,
        scope=scope_words(session, actor),
        includes_demo=demo,
        total=sum(c.count for c in by_establishment),
        previous_total=sum(c.previous or 0 for c in by_establishment) if previous else None,
        by_month=_by_month(session, scope, period),
        by_establishment=[c for c in by_establishment if c.count],
        by_category=[c for c in _by_category(session, scope) if c.count],
        by_body=[c for c in _by_body(session, scope) if c.count],
        by_channel=[c for c in _by_channel(session, scope) if c.count],
        by_risk=[c for c in _by_risk(session, scope) if c.count],
        by_outcome=[c for c in _by_outcome(session, scope) if c.count],
        steps=_steps(session, scope),
        consent=_consent(session, scope),
        repeat_threshold=repeat,
        repeat_establishments=[
            c for c in by_establishment if c.count >= repeat and c.label != NOT_IN_DIRECTORY
        ],
    )
