"""One case as the queue lists it: establishment names, open and overdue tasks, still monitored,
its snippet (redacted for a reader not identified to it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, literal_column
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from backoffice.access import is_identified
from backoffice.pseudonyms import CaseRedactor
from backoffice.view_models import QueueRow
from intake.core.db.models import Establishment, Recommendation, SanctionCase, WorkflowTask
from intake.core.users import Actor
from intake.core.vocabulary import CaseStatus, Duty, RiskLevel

SNIPPET = 90


def establishment_names(session: Session) -> dict[int, str]:
    """Id to name of every establishment (about 150 rows of reference data)."""
    rows = session.exec(select(Establishment.id, Establishment.name)).all()
    return {int(i): n for i, n in rows if i is not None}


@dataclass(frozen=True)
class TaskStats:
    open: int = 0
    overdue: int = 0
    next_due: date | None = None
    #: Of ``overdue``, recommendations of a formal report (shown as such).
    overdue_recommendations: int = 0
    #: Of ``open``, IMB monitoring tasks (para 25): a closed case with one is still monitored.
    monitoring: int = 0


def task_stats(session: Session, case_ids: Iterable[int], on: date) -> dict[int, TaskStats]:
    """Open and overdue tasks (and recommendations) for a page of cases, in two queries."""
    ids = list(case_ids)
    if not ids:
        return {}
    stats = {i: TaskStats() for i in ids}
    monitoring = func.sum(case((col(WorkflowTask.duty) == Duty.IMB_MONITORING.value, 1), else_=0))
    for model in (WorkflowTask, Recommendation):
        query = (
            sa_select(
                col(model.case_id),
                func.count(),
                func.sum(case((col(model.due) < on, 1), else_=0)),
                func.min(col(model.due)),
                monitoring if model is WorkflowTask else literal_column("0"),
            )
            .where(col(model.case_id).in_(ids), col(model.done_at).is_(None))
            .group_by(col(model.case_id))
        )
        for case_id, count, late, first_due, monitored in session.execute(query).all():
            was = stats[case_id]
            dues = [d for d in (was.next_due, first_due) if d is not None]
            late_recs = int(late or 0) if model is Recommendation else 0
            stats[case_id] = TaskStats(
                was.open + int(count),
                was.overdue + int(late or 0),
                min(dues, default=None),
                was.overdue_recommendations + late_recs,
                was.monitoring + int(monitored or 0),
            )
    return stats


def asks_now(case: SanctionCase) -> bool:
    """The queue says "ask now": the case's classification saw a possible immediate risk and
    its risk level is not already immediate."""
    return case.possible_immediate_risk and case.risk_level != RiskLevel.IMMEDIATE.value


def snippet(text: str, limit: int = SNIPPET) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def queue_row(
    case: SanctionCase,
    names: dict[int, str],
    stats: TaskStats,
    on: date,
    score: float | None = None,
    *,
    mask: CaseRedactor | None = None,
) -> QueueRow:
    """One case as the queue lists it; ``mask`` given when the reader is not identified."""
    place, narrative = case.place_text, case.narrative
    if mask is not None:  # free text only: a directory name is never the person's
        place, narrative = mask.optional(place), mask.text(narrative)
    establishment = names.get(case.establishment_id or 0) or place
    return QueueRow(
        reference=case.reference,
        version=case.version or 1,
        status=case.status,
        risk_level=case.risk_level,
        severity=case.severity,
        qualifies=case.qualifies,
        categories=list(case.categories or []),
        route=case.route,
        receiving_organisation=case.receiving_organisation,
        establishment=establishment,
        created_at=case.created_at,
        age_days=max(0, (on - case.created_at.date()).days),
        overridden=case.overridden,
        awaiting_supervisor=case.awaiting_supervisor,
        possible_immediate_risk=case.possible_immediate_risk,
        ask_now=asks_now(case),
        open_tasks=stats.open,
        overdue=stats.overdue > 0,
        overdue_tasks=stats.overdue,
        overdue_recommendations=stats.overdue_recommendations,
        next_due=stats.next_due,
        is_demo=case.is_demo,
        still_monitored=not CaseStatus(case.status).is_open and stats.monitoring > 0,
        snippet=snippet(narrative),
        score=score,
        identified=mask is None,
    )


def mask_for(actor: Actor, case: SanctionCase) -> CaseRedactor | None:
    """None when the actor is identified to the case; else the redactor of its free text."""
    return None if is_identified(actor, case) else CaseRedactor.for_case(case)


def _rows(
    session: Session,
    actor: Actor,
    cases: Sequence[SanctionCase],
    on: date,
    scores: dict[int, float],
) -> list[QueueRow]:
    names = establishment_names(session)
    stats = task_stats(session, [c.id for c in cases if c.id is not None], on)
    return [
        queue_row(
            c,
            names,
            stats.get(c.id or 0, TaskStats()),
            on,
            scores.get(c.id or 0),
            mask=mask_for(actor, c),
        )
        for c in cases
    ]
