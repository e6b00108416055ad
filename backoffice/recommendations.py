"""Recommendations that bite (NPM guidance para 4; issue 16 point 5): every formal report's
recommendation the reader may see, with its owner, measurable outcome, due date and the
establishment's response, and the escalation of overdue ones to the lead.

**Escalation.** A recommendation still not done ``deadlines.recommendation_grace`` days (14 by
default) after its due date opens an escalation task, once, for the lead of the organisation
that made it (the PPO for a formal report), and the recommendation records when
(``escalated_at``). There is no daemon: the check runs when a lead asks for it
(``backoffice recommendations review``), lists the recommendations (``backoffice
recommendations``) or opens the triage app. It is idempotent (an escalated recommendation is
never escalated again), covers only the cases the lead may see, and is audited: each escalation
on its case, each run on the ``access`` chain.

Who: supervisors and leads list them (need to know: an IMB Board's supervisor their Board's
only); leads run the review.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import and_
from sqlmodel import Session, col, select

from backoffice.access import is_identified, require, visible_cases_filter
from backoffice.case_view import UserNames, recommendation_view
from backoffice.pseudonyms import CaseRedactor, Unredacted
from backoffice.queue import establishment_names
from backoffice.view_models import RecommendationView, View
from backoffice.workflow.tasks import open_tasks, propose_escalation
from intake.core.audit import record_case_event
from intake.core.audit_chain import record_access
from intake.core.clock import today, utcnow
from intake.core.db.models import Recommendation, SanctionCase, User
from intake.core.settings import Deadlines
from intake.core.users import Actor
from intake.core.vocabulary import Duty, Organisation, Role

LIST_ROLES = (Role.SUPERVISOR, Role.LEAD)
REVIEW_ROLES = (Role.LEAD,)


class RecommendationRow(View):
    """One recommendation with its case, as the listing shows it."""

    reference: str
    case_status: str
    establishment: str | None
    #: False when the reader is not identified to the case: its free text is redacted.
    identified: bool
    recommendation: RecommendationView
    #: Past the grace period and not yet escalated: the next review escalates it.
    escalation_due: bool = False


class Escalated(View):
    reference: str
    recommendation_id: int
    seq: int
    days_overdue: int
    #: The organisation whose lead it went to.
    lead_of: str
    #: False when an escalation was already open on the case (the recommendation joins it).
    task_opened: bool


class ReviewResult(View):
    grace_days: int
    escalated: list[Escalated]


class RecommendationList(View):
    rows: list[RecommendationRow]
    overdue_only: bool
    grace_days: int
    #: What the review run before the listing escalated (a lead's listing runs it).
    review: ReviewResult | None = None


def may_list(actor: Actor) -> None:
    require(actor, what="list the recommendations", roles=LIST_ROLES)


def may_review(actor: Actor) -> None:
    require(actor, what="escalate overdue recommendations", roles=REVIEW_ROLES)


def _overdue_before(grace: int, on: date) -> date:
    """A recommendation due before this day is past the grace period."""
    return on - timedelta(days=grace)


def list_recommendations(
    session: Session,
    *,
    actor: Actor,
    deadlines: Deadlines,
    overdue_only: bool = False,
    made_from: date | None = None,
    made_to: date | None = None,
) -> list[RecommendationRow]:
    """The recommendations on the cases the actor may see: overdue first (most overdue
    first), then by due date; ``made_from`` / ``made_to`` (days included) for a period's pack."""
    may_list(actor)
    on = today()
    clauses = [visible_cases_filter(actor)]
    if overdue_only:
        clauses += [col(Recommendation.done_at).is_(None), col(Recommendation.due) < on]
    if made_from is not None:
        clauses.append(col(Recommendation.created_at) >= made_from)
    if made_to is not None:
        clauses.append(col(Recommendation.created_at) < made_to + timedelta(days=1))
    query = (
        select(Recommendation, SanctionCase)
        .join(SanctionCase, col(SanctionCase.id) == Recommendation.case_id)
        .where(and_(*clauses))
        .order_by(col(Recommendation.due), col(SanctionCase.reference), col(Recommendation.seq))
    )
    found = list(session.exec(query).all())
    names = UserNames(session, [x for r, _ in found for x in (r.done_by_id, r.response_by_id)])
    places = establishment_names(session)
    limit = _overdue_before(deadlines.recommendation_grace, on)
    rows = []
    for rec, case in found:
        identified = is_identified(actor, case)
        mask: CaseRedactor = Unredacted() if identified else CaseRedactor.for_case(case)
        view = recommendation_view(rec, names, on, mask)
        rows.append(
            RecommendationRow(
                reference=case.reference,
                case_status=case.status,
                establishment=places.get(case.establishment_id or 0)
                or (case.place_text if identified else None),
                identified=identified,
                recommendation=view,
                escalation_due=view.overdue
                and rec.escalated_at is None
                and rec.due is not None
                and rec.due < limit,
            )
        )
    rows.sort(key=lambda r: (not r.recommendation.overdue, -r.recommendation.days_overdue))
    return rows


def _lead_of(session: Session, rec: Recommendation, case: SanctionCase) -> str:
    """The organisation whose lead gets the escalation: whoever made the recommendation (the
    PPO, for a formal report)."""
    maker = session.get(User, rec.created_by_id) if rec.created_by_id else None
    if maker is not None:
        return str(getattr(maker.organisation, "value", maker.organisation))
    return Organisation.PPO.value


def review_overdue(session: Session, *, actor: Actor, deadlines: Deadlines) -> ReviewResult:
    """Escalate, once each, the recommendations past their due date by more than the grace
    period, on the cases the lead may see; the caller commits. Running it again escalates
    nothing more."""
    may_review(actor)
    grace = deadlines.recommendation_grace
    on = today()
    query = (
        select(Recommendation, SanctionCase)
        .join(SanctionCase, col(SanctionCase.id) == Recommendation.case_id)
        .where(
            visible_cases_filter(actor),
            col(Recommendation.done_at).is_(None),
            col(Recommendation.escalated_at).is_(None),
            col(Recommendation.due) < _overdue_before(grace, on),
        )
        .order_by(col(SanctionCase.id), col(Recommendation.seq))
    )
    escalated = []
    for rec, case in session.exec(query).all():
        assert rec.due is not None and case.id is not None
        late = (on - rec.due).days
        org = _lead_of(session, rec, case)
        reason = (
            f"recommendation {rec.seq} is {late} days overdue (due {rec.due.isoformat()}, "
            f"{grace} days' grace passed)"
        )
        task = propose_escalation(
            session, case, actor=actor, deadlines=deadlines, reason=reason,
            owner=org,  # type: ignore[arg-type]
            title=f"Escalate to the {org} lead: {reason}",
        )  # fmt: skip
        if task is None:  # an escalation is already open on the case: say so on it
            open_escalation = [
                t for t in open_tasks(session, case.id) if t.duty == Duty.ESCALATE.value
            ]
            if open_escalation:
                first = open_escalation[0]
                first.note = f"{first.note}\n{reason}" if first.note else reason
        rec.escalated_at = utcnow()
        record_case_event(
            session, case, actor=actor, action="recommendation_escalated",
            entity="recommendation", entity_id=rec.id,
            before={"escalated_at": None},
            after={"escalated_at": rec.escalated_at, "seq": rec.seq, "days_overdue": late,
                   "lead_of": org, "task_opened": task is not None},
            reason=reason,
        )  # fmt: skip
        escalated.append(
            Escalated(
                reference=case.reference,
                recommendation_id=rec.id or 0,
                seq=rec.seq,
                days_overdue=late,
                lead_of=org,
                task_opened=task is not None,
            )
        )
    record_access(
        session, actor=actor, action="recommendations.review", entity="recommendation",
        details={"grace_days": grace, "escalated": [e.reference for e in escalated]},
        separate=False,
    )  # fmt: skip
    session.flush()
    return ReviewResult(grace_days=grace, escalated=escalated)
