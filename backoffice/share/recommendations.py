"""The recommendations still open, as the pack gives them: the person's identifiers replaced."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlmodel import Session, col, select

from backoffice.pseudonyms import CaseRedactor
from backoffice.recommendations import RecommendationRow, list_recommendations
from backoffice.view_models import View
from intake.core.db.models import SanctionCase
from intake.core.settings import Deadlines
from intake.core.users import Actor


class OpenRecommendation(View):
    """A recommendation still open, as the pack gives it: no name, number or place of the
    person (:class:`CaseRedactor`), whoever reads it."""

    reference: str
    establishment: str
    seq: int
    text: str
    owner: str
    outcome: str
    due: date | None
    status: str
    response: str
    days_overdue: int
    escalated: bool


def open_recommendations(
    session: Session, *, actor: Actor, deadlines: Deadlines, demo_database: bool = False
) -> list[OpenRecommendation]:
    """Every recommendation still open on the cases the actor may see, overdue first; demo
    cases' only on the demo's database."""
    rows = [
        r
        for r in list_recommendations(session, actor=actor, deadlines=deadlines)
        if r.recommendation.done_at is None
    ]
    cases = _cases(session, {r.reference for r in rows})
    found = []
    for row in rows:
        case = cases[row.reference]
        if case.is_demo and not demo_database:
            continue
        found.append(_open(row, CaseRedactor.for_case(case)))
    return found


def _cases(session: Session, references: Iterable[str]) -> dict[str, SanctionCase]:
    wanted = sorted(references)
    if not wanted:
        return {}
    query = select(SanctionCase).where(col(SanctionCase.reference).in_(wanted))
    return {c.reference: c for c in session.exec(query).all()}


def _open(row: RecommendationRow, mask: CaseRedactor) -> OpenRecommendation:
    rec = row.recommendation
    return OpenRecommendation(
        reference=row.reference,
        establishment=mask.text(row.establishment or ""),
        seq=rec.seq,
        text=mask.text(rec.text),
        owner=mask.text(rec.owner or ""),
        outcome=mask.text(rec.outcome or ""),
        due=rec.due,
        status=rec.status,
        response=mask.text(rec.response or ""),
        days_overdue=rec.days_overdue,
        escalated=rec.escalated_at is not None,
    )
