"""The case screen's read model: summary, narrative, transcript, classifications, consent, risk,
tasks with deadlines, recommendations, the tracker entry and the audit trail."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlmodel import Session, col, select

from backoffice.access import get_visible_case
from backoffice.classification import compare_classifications
from backoffice.queue import TaskStats, establishment_names, queue_row, task_stats
from backoffice.views import (
    AuditView,
    CaseView,
    ClassificationRecord,
    ConsentView,
    Disagreement,
    PersonView,
    RecommendationView,
    RiskView,
    TaskView,
    TrackerView,
    TranscriptLine,
)
from backoffice.workflow.tasks import PROPOSED, is_overdue, today
from intake.db.models import (
    AuditEvent,
    Classification,
    ConsentRecord,
    Recommendation,
    RiskAssessment,
    SanctionCase,
    TrackerEntry,
    User,
    WorkflowTask,
)
from intake.submission import transcript
from intake.users import Actor
from intake.vocabulary import CaseStatus, Duty, ProtocolStep
from prompts import PromptDataError, load_yaml


def _rows(session: Session, model: type, case_id: int) -> list:  # type: ignore[type-arg]
    query = select(model).where(model.case_id == case_id).order_by(col(model.id))  # type: ignore[attr-defined]
    return list(session.exec(query).all())


class _Names:
    """User names by id, read once per view."""

    def __init__(self, session: Session, ids: Iterable[int | None]) -> None:
        wanted = {i for i in ids if i is not None}
        rows = session.exec(select(User.id, User.name).where(col(User.id).in_(wanted))).all()
        self._names = {int(i): n for i, n in rows if i is not None}

    def __call__(self, user_id: int | None) -> str | None:
        return self._names.get(user_id) if user_id is not None else None


def signpost_text(route: str) -> str | None:
    """The kind words telling staff where a case that does not qualify goes instead."""
    try:
        signposts = load_yaml("texts.yaml").get("signposts", {})
    except (PromptDataError, AttributeError):
        return None
    text = signposts.get(route)
    return text.replace("{covered_by}", "").strip() if isinstance(text, str) else None


def _task(task: WorkflowTask, names: _Names, on: date) -> TaskView:
    is_open = task.done_at is None
    return TaskView(
        id=task.id or 0,
        step=task.step,
        duty=task.duty,
        title=task.title,
        owner_organisation=task.owner_organisation,
        due=task.due,
        created_at=task.created_at,
        done_at=task.done_at,
        done_by=names(task.done_by_id),
        outcome=task.outcome,
        note=task.note,
        is_open=is_open,
        overdue=is_overdue(task.due, task.done_at, on=on),
        proposed=is_open and task.duty == Duty.ESCALATE.value and task.outcome == PROPOSED,
    )


def _recommendation(row: Recommendation, names: _Names, on: date) -> RecommendationView:
    return RecommendationView(
        id=row.id or 0,
        seq=row.seq,
        text=row.text,
        owner=row.owner,
        due=row.due,
        done_at=row.done_at,
        done_by=names(row.done_by_id),
        note=row.note,
        overdue=is_overdue(row.due, row.done_at, on=on),
    )


def _classification(row: Classification, names: _Names) -> ClassificationRecord:
    return ClassificationRecord(
        id=row.id or 0,
        source=row.source,
        qualifies=row.qualifies,
        categories=list(row.categories or []),
        bodies=list(row.bodies or []),
        immediate_risk=row.immediate_risk,
        severity=row.severity,
        route=row.route,
        risk_level=row.risk_level,
        evidence=list(row.evidence or []),
        rationale=row.rationale,
        reason=row.reason,
        created_by=names(row.created_by_id),
        created_at=row.created_at,
    )


def _consent(row: ConsentRecord | None, names: _Names) -> ConsentView | None:
    if row is None:
        return None
    return ConsentView(
        pursue=row.pursue,
        share_identity=row.share_identity,
        imb_enquiries=row.imb_enquiries,
        refer_without_consent=row.refer_without_consent,
        justification=row.justification,
        recorded_by=names(row.recorded_by_id),
        recorded_at=row.recorded_at,
        confirmed_by=names(row.confirmed_by_id),
        confirmed_at=row.confirmed_at,
    )


def _risk(row: RiskAssessment, names: _Names) -> RiskView:
    return RiskView(
        level=row.level,
        immediate_danger=row.immediate_danger,
        self_harm=row.self_harm,
        injuries=row.injuries,
        vulnerabilities=list(row.vulnerabilities or []),
        notes=row.notes,
        assessed_by=names(row.assessed_by_id),
        assessed_at=row.assessed_at,
    )


def _audit(row: AuditEvent) -> AuditView:
    return AuditView(
        at=row.at,
        actor=row.actor_name,
        action=row.action,
        entity=row.entity,
        before=row.before,
        after=row.after,
        reason=row.reason,
    )


def _tracker(row: TrackerEntry | None, names: _Names) -> TrackerView | None:
    if row is None:
        return None
    return TrackerView(
        logged_at=row.logged_at,
        logged_by=names(row.logged_by_id),
        informed_by=row.informed_by,
        step_dates=dict(row.step_dates or {}),
    )


def current_step(tasks: list[TaskView], recommendations: list[RecommendationView]) -> int | None:
    """The protocol step the case waits on: its lowest open step task."""
    steps = [t.step for t in tasks if t.is_open and t.step is not None and t.duty is None]
    if steps:
        return min(steps)
    if any(r.done_at is None for r in recommendations):
        return int(ProtocolStep.FORMAL_REPORT)
    return None


def build_case_view(session: Session, case: SanctionCase) -> CaseView:
    """Everything about one case, as plain data (the caller has checked it may be seen)."""
    assert case.id is not None
    on = today()
    tasks = _rows(session, WorkflowTask, case.id)
    recommendations = _rows(session, Recommendation, case.id)
    classifications = _rows(session, Classification, case.id)
    consents = _rows(session, ConsentRecord, case.id)
    risks = _rows(session, RiskAssessment, case.id)
    tracker = session.exec(select(TrackerEntry).where(TrackerEntry.case_id == case.id)).first()
    names = _Names(
        session,
        [t.done_by_id for t in tasks]
        + [r.done_by_id for r in recommendations]
        + [c.created_by_id for c in classifications]
        + [x for c in consents for x in (c.recorded_by_id, c.confirmed_by_id)]
        + [r.assessed_by_id for r in risks]
        + [tracker.logged_by_id if tracker else None],
    )
    task_views = [_task(t, names, on) for t in tasks]
    rec_views = [_recommendation(r, names, on) for r in recommendations]
    class_views = [_classification(c, names) for c in classifications]
    stats = task_stats(session, [case.id], on).get(case.id, TaskStats())
    step = current_step(task_views, rec_views)
    return CaseView(
        summary=queue_row(case, establishment_names(session), stats, on),
        current_step=step,
        current_step_label=ProtocolStep(step).label if step else None,
        outcome=case.outcome,
        closed_at=case.closed_at,
        place_text=case.place_text,
        bodies=list(case.bodies or []),
        communication_channel=case.communication_channel,
        communication_when=case.communication_when,
        person=PersonView(
            name=case.person_name,
            prison_number=case.prison_number,
            home_office_ref=case.home_office_ref,
            age_band=case.age_band,
            location=case.location,
            raised_by=case.raised_by,
            raised_by_detail=case.raised_by_detail,
        ),
        narrative=case.narrative,
        signpost=signpost_text(case.route) if case.status == CaseStatus.SIGNPOSTED else None,
        transcript=[
            TranscriptLine(
                seq=a.seq, question=a.question, answer=a.answer, answered_at=a.answered_at
            )
            for a in transcript(session, case_id=case.id)
        ],
        classifications=class_views,
        disagreements=compare_classifications(class_views),
        consent=_consent(consents[-1] if consents else None, names),
        risk=[_risk(r, names) for r in risks],
        tasks=task_views,
        recommendations=rec_views,
        tracker=_tracker(tracker, names),
        audit=[_audit(e) for e in _rows(session, AuditEvent, case.id)],
    )


def show_case(session: Session, *, actor: Actor, reference: str) -> CaseView:
    """The case view, if this actor may see the case (NotFoundError otherwise)."""
    return build_case_view(session, get_visible_case(session, actor, reference))


def disagreements(session: Session, case: SanctionCase) -> list[Disagreement]:
    """Where the rules, intake staff, triage and overrides differ, field by field."""
    assert case.id is not None
    names = _Names(session, [])
    rows = _rows(session, Classification, case.id)
    return compare_classifications([_classification(r, names) for r in rows])
