"""What the queue shows, as SQL: the filters (open cases, and closed ones still monitored), and
the order (risk, then age).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, or_, union
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from backoffice.access import visible_cases_filter
from intake.core.db.models import Recommendation, SanctionCase, WorkflowTask
from intake.core.errors import ValidationProblem
from intake.core.users import Actor
from intake.core.vocabulary import CaseStatus, Duty, Organisation

CLOSED = (CaseStatus.CLOSED.value, CaseStatus.SIGNPOSTED.value)


@dataclass(frozen=True)
class QueueFilters:
    """What the queue shows; every field optional."""

    statuses: Sequence[str] = ()
    establishment_ids: Sequence[int] = ()
    organisation: str | None = None
    overdue: bool = False
    overridden: bool | None = None
    open_only: bool = True
    demo: bool | None = None
    extra: Sequence[ColumnElement[bool]] = field(default_factory=tuple)


def _check(filters: QueueFilters) -> None:
    for status in filters.statuses:
        if status not in CaseStatus._value2member_map_:
            choices = ", ".join(s.value for s in CaseStatus)
            raise ValidationProblem(f"status {status!r} is not one of {choices}")
    org = filters.organisation
    if org is not None and org not in Organisation._value2member_map_:
        raise ValidationProblem(f"organisation {org!r} is not one of HMIP, IMB, PPO")


def overdue_clause(on: date) -> ColumnElement[bool]:
    """Cases with an open task or recommendation due before ``on``.

    An IN over one uncorrelated subquery (served by the open-and-due index) rather than a
    correlated EXISTS, which SQLite would otherwise plan as a scan of open tasks per case.
    """
    late_tasks = select(WorkflowTask.case_id).where(
        col(WorkflowTask.done_at).is_(None), col(WorkflowTask.due) < on
    )
    late_recommendations = select(Recommendation.case_id).where(
        col(Recommendation.done_at).is_(None), col(Recommendation.due) < on
    )
    return col(SanctionCase.id).in_(union(late_tasks, late_recommendations))


def where_clauses(actor: Actor, filters: QueueFilters, on: date) -> list[ColumnElement[bool]]:
    _check(filters)
    clauses: list[ColumnElement[bool]] = [visible_cases_filter(actor), *filters.extra]
    if filters.statuses:
        clauses.append(col(SanctionCase.status).in_(list(filters.statuses)))
    elif filters.open_only:
        clauses.append(or_(col(SanctionCase.status).not_in(CLOSED), _monitored()))
    if filters.establishment_ids:
        clauses.append(col(SanctionCase.establishment_id).in_(list(filters.establishment_ids)))
    if filters.organisation:
        clauses.append(col(SanctionCase.receiving_organisation) == filters.organisation)
    if filters.overridden is not None:
        clauses.append(col(SanctionCase.overridden) == filters.overridden)
    if filters.demo is not None:
        clauses.append(col(SanctionCase.is_demo) == filters.demo)
    if filters.overdue:
        clauses.append(overdue_clause(on))
    return clauses


def _monitored() -> ColumnElement[bool]:
    """Cases whose IMB monitoring is still open: shown after they close, until a Board member
    ends the monitoring (para 25)."""
    open_monitoring = select(WorkflowTask.case_id).where(
        col(WorkflowTask.done_at).is_(None), WorkflowTask.duty == Duty.IMB_MONITORING.value
    )
    return col(SanctionCase.id).in_(open_monitoring)


def _ordered(query: SelectOfScalar[SanctionCase]) -> SelectOfScalar[SanctionCase]:
    return query.order_by(
        col(SanctionCase.risk_rank), col(SanctionCase.created_at), col(SanctionCase.id)
    )
