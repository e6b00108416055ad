"""The case screen's read model: summary, narrative, transcript, classifications, consent, risk,
tasks with deadlines, recommendations, signposts, the tracker entry and the audit trail.

Need to know (:mod:`backoffice.access`): a reader not identified to the case gets it
pseudonymised. The person is a stable pseudonym (their prison number and Home Office reference
as pseudonymised codes, name and location withheld) and every free text (narrative, transcript,
evidence quotes, rationales, reasons, notes, the audit trail's values) passes through
:class:`backoffice.pseudonyms.CaseRedactor`. ``CaseView.identified`` and ``identity_note`` say so.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TypeVar

from sqlmodel import Session, SQLModel, col, select

from backoffice.access import get_visible_case, identity_note
from backoffice.classification import compare_classifications
from backoffice.deadlines import PROPOSED, days_overdue, is_overdue
from backoffice.duplicates import case_links, possible_earlier_cases
from backoffice.letters import case_letters
from backoffice.pseudonyms import CaseRedactor, Pseudonymiser, Unredacted, pseudonym_secret
from backoffice.queue import TaskStats, establishment_names, mask_for, queue_row, task_stats
from backoffice.signposts import signpost_text
from backoffice.view_models import (
    AuditView,
    CaseView,
    ClassificationRecord,
    ConsentStateView,
    ConsentView,
    Disagreement,
    PersonView,
    RecommendationView,
    RiskView,
    SignpostView,
    TaskView,
    TrackerView,
    TranscriptLine,
)
from intake.core.clock import today
from intake.core.consent import ConsentState, consent_state
from intake.core.db.models import (
    AuditEvent,
    CaseClassification,
    ConsentRecord,
    Recommendation,
    RiskAssessment,
    SanctionCase,
    Signpost,
    TrackerEntry,
    User,
    WorkflowTask,
    table_of,
)
from intake.core.submission import transcript
from intake.core.users import Actor
from intake.core.vocabulary import CaseStatus, ConsentGiver, Duty, ProtocolStep, Route

_Row = TypeVar("_Row", bound=SQLModel)


def _rows(session: Session, model: type[_Row], case_id: int) -> list[_Row]:
    """The case's rows of a table that has a ``case_id``, in the order they were written."""
    table = table_of(model)
    query = select(model).where(table.c.case_id == case_id).order_by(table.c.id)
    return list(session.exec(query).all())


class UserNames:
    """User names by id, read once per view."""

    def __init__(self, session: Session, ids: Iterable[int | None]) -> None:
        wanted = {i for i in ids if i is not None}
        rows = session.exec(select(User.id, User.name).where(col(User.id).in_(wanted))).all()
        self._names = {int(i): n for i, n in rows if i is not None}

    def __call__(self, user_id: int | None) -> str | None:
        return self._names.get(user_id) if user_id is not None else None


def _task(task: WorkflowTask, names: UserNames, on: date, mask: CaseRedactor) -> TaskView:
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
        note=mask.optional(task.note),
        is_open=is_open,
        overdue=is_overdue(task.due, task.done_at, on=on),
        proposed=is_open and task.duty == Duty.ESCALATE.value and task.outcome == PROPOSED,
        route=task.route,
    )


def recommendation_view(
    row: Recommendation, names: UserNames, on: date, mask: CaseRedactor
) -> RecommendationView:
    return RecommendationView(
        id=row.id or 0,
        seq=row.seq,
        text=mask.text(row.text),
        owner=row.owner,
        due=row.due,
        done_at=row.done_at,
        done_by=names(row.done_by_id),
        note=mask.optional(row.note),
        overdue=is_overdue(row.due, row.done_at, on=on),
        outcome=mask.optional(row.outcome),
        status=row.status,
        response=row.response,
        response_reason=mask.optional(row.response_reason),
        response_at=row.response_at,
        response_by=names(row.response_by_id),
        evidence=mask.optional(row.evidence),
        days_overdue=days_overdue(row.due, row.done_at, on=on),
        escalated_at=row.escalated_at,
    )


def _classification(
    row: CaseClassification, names: UserNames, mask: CaseRedactor | None = None
) -> ClassificationRecord:
    mask = mask or Unredacted()
    return ClassificationRecord(
        id=row.id or 0,
        source=row.source,
        qualifies=row.qualifies,
        categories=list(row.categories or []),
        bodies=list(row.bodies or []),
        immediate_risk=row.immediate_risk,
        possible_immediate_risk=row.possible_immediate_risk,
        severity=row.severity,
        route=row.route,
        risk_level=row.risk_level,
        evidence=mask.evidence(row.evidence or []),
        rationale=mask.optional(row.rationale),
        reason=mask.optional(row.reason),
        created_by=names(row.created_by_id),
        created_at=row.created_at,
    )


def _giver_label(value: str | None) -> str | None:
    if value is None or value not in ConsentGiver._value2member_map_:
        return value
    return ConsentGiver(value).label


def _consent(row: ConsentRecord, names: UserNames, mask: CaseRedactor) -> ConsentView:
    return ConsentView(
        kind=row.kind,
        given_by=row.given_by,
        given_by_label=_giver_label(row.given_by),
        note=mask.optional(row.note),
        pursue=row.pursue,
        share_identity=row.share_identity,
        imb_enquiries=row.imb_enquiries,
        refer_without_consent=row.refer_without_consent,
        justification=mask.optional(row.justification),
        recorded_by=names(row.recorded_by_id),
        recorded_at=row.recorded_at,
        confirmed_by=names(row.confirmed_by_id),
        confirmed_at=row.confirmed_at,
        exception_by=names(row.exception_by_id),
    )


def _consent_state(state: ConsentState, names: UserNames) -> ConsentStateView:
    giver = state.given_by
    return ConsentStateView(
        given_by=giver.value if giver is not None else None,
        given_by_label=giver.label if giver is not None else None,
        said_pursue=state.said_pursue,
        said_share_identity=state.said_share_identity,
        said_imb_enquiries=state.said_imb_enquiries,
        from_person=state.from_person,
        pursue=state.pursue,
        share_identity=state.share_identity,
        imb_enquiries=state.imb_enquiries,
        awaiting_person=state.awaiting_person,
        exception_recorded=state.exception_recorded,
        exception_confirmed=state.exception_confirmed,
        exception_recorded_by=names(state.exception_recorded_by_id),
        may_refer=state.may_refer,
        may_refer_named=state.may_refer_named,
        summary=state.summary(),
    )


def _signpost(row: Signpost, names: UserNames, mask: CaseRedactor) -> SignpostView:
    route = row.route
    label = Route(route).label if route in Route._value2member_map_ else route
    return SignpostView(
        route=route,
        route_label=label,
        text=mask.text(row.text),
        told_on=row.told_on,
        told_by=names(row.told_by_id),
        recorded_at=row.recorded_at,
        note=mask.optional(row.note),
    )


def _risk(row: RiskAssessment, names: UserNames, mask: CaseRedactor) -> RiskView:
    return RiskView(
        level=row.level,
        immediate_danger=row.immediate_danger,
        self_harm=row.self_harm,
        injuries=row.injuries,
        vulnerabilities=list(row.vulnerabilities or []),
        notes=mask.optional(row.notes),
        assessed_by=names(row.assessed_by_id),
        assessed_at=row.assessed_at,
        action_taken=mask.optional(row.action_taken),
        action_at=mask.optional(row.action_at),
        move_kind=row.move_kind,
        move_date=row.move_date,
        reasons=list(row.reasons or []),
    )


def _audit(row: AuditEvent, mask: CaseRedactor) -> AuditView:
    return AuditView(
        at=row.at,
        actor=row.actor_name,
        action=row.action,
        entity=row.entity,
        before=mask.data(row.before),
        after=mask.data(row.after),
        reason=mask.optional(row.reason),
    )


def _tracker(row: TrackerEntry | None, names: UserNames) -> TrackerView | None:
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


def _person(case: SanctionCase, pseudo: Pseudonymiser, mask: CaseRedactor | None) -> PersonView:
    """The person as recorded; for a reader not identified, the pseudonym and age band only."""
    pseudonym = pseudo.person(case.person_name, case.prison_number, case.home_office_ref)
    if mask is None:
        return PersonView(
            pseudonym=pseudonym,
            name=case.person_name,
            prison_number=case.prison_number,
            home_office_ref=case.home_office_ref,
            age_band=case.age_band,
            location=case.location,
            raised_by=case.raised_by,
            raised_by_detail=case.raised_by_detail,
        )
    return PersonView(
        pseudonym=pseudonym,
        name=None,
        prison_number=pseudo.prison_number(case.prison_number),
        home_office_ref=pseudo.home_office_ref(case.home_office_ref),
        age_band=case.age_band,
        location=None,
        raised_by=case.raised_by,
        raised_by_detail=mask.optional(case.raised_by_detail),
    )


def build_case_view(session: Session, case: SanctionCase, actor: Actor) -> CaseView:
    """Everything about one case, as plain data, as this actor may read it.

    The caller has checked the actor may see the case; identification is decided here.
    """
    assert case.id is not None
    on = today()
    hidden = mask_for(actor, case)
    mask = hidden or Unredacted()
    tasks = _rows(session, WorkflowTask, case.id)
    recommendations = _rows(session, Recommendation, case.id)
    classifications = _rows(session, CaseClassification, case.id)
    consents = _rows(session, ConsentRecord, case.id)
    risks = _rows(session, RiskAssessment, case.id)
    signposts = _rows(session, Signpost, case.id)
    tracker = session.exec(select(TrackerEntry).where(TrackerEntry.case_id == case.id)).first()
    names = UserNames(
        session,
        [t.done_by_id for t in tasks]
        + [x for r in recommendations for x in (r.done_by_id, r.response_by_id)]
        + [c.created_by_id for c in classifications]
        + [x for c in consents for x in (c.recorded_by_id, c.confirmed_by_id, c.exception_by_id)]
        + [r.assessed_by_id for r in risks]
        + [s.told_by_id for s in signposts]
        + [tracker.logged_by_id if tracker else None],
    )
    task_views = [_task(t, names, on, mask) for t in tasks]
    rec_views = [recommendation_view(r, names, on, mask) for r in recommendations]
    class_views = [_classification(c, names, mask) for c in classifications]
    consent_views = [_consent(c, names, mask) for c in consents]
    stats = task_stats(session, [case.id], on).get(case.id, TaskStats())
    step = current_step(task_views, rec_views)
    pseudo = Pseudonymiser(pseudonym_secret(session))
    return CaseView(
        summary=queue_row(case, establishment_names(session), stats, on, mask=hidden),
        identified=hidden is None,
        identity_note=identity_note(case, actor) if hidden is not None else None,
        current_step=step,
        current_step_label=ProtocolStep(step).label if step else None,
        outcome=case.outcome,
        closed_at=case.closed_at,
        place_text=mask.optional(case.place_text),
        bodies=list(case.bodies or []),
        routes=list(case.routes or []) or [case.route],
        communication_channel=case.communication_channel,
        communication_when=case.communication_when,
        out_of_hearing=case.out_of_hearing,
        language=case.language,
        interpreter=case.interpreter,
        interpreter_language=case.interpreter_language,
        received_via=case.received_via,
        reassurance_written_at=case.reassurance_written_at,
        person=_person(case, pseudo, hidden),
        narrative=mask.text(case.narrative),
        signpost=signpost_text(case.route) if case.status == CaseStatus.SIGNPOSTED else None,
        transcript=[
            TranscriptLine(
                seq=a.seq,
                question=mask.text(a.question),
                answer=mask.text(a.answer),
                answered_at=a.answered_at,
            )
            for a in transcript(session, case_id=case.id)
        ],
        classifications=class_views,
        disagreements=compare_classifications(class_views),
        consent=consent_views[-1] if consent_views else None,
        consent_state=_consent_state(consent_state(consents), names),
        consent_history=consent_views,
        signposts=[_signpost(s, names, mask) for s in signposts],
        risk=[_risk(r, names, mask) for r in risks],
        tasks=task_views,
        recommendations=rec_views,
        tracker=_tracker(tracker, names),
        audit=[_audit(e, mask) for e in _rows(session, AuditEvent, case.id)],
        earlier_cases=possible_earlier_cases(session, case, actor),
        links=[
            link.model_copy(update={"reason": mask.optional(link.reason)})
            for link in case_links(session, case)
        ],
        letters=case_letters(session, case),
    )


def show_case(session: Session, *, actor: Actor, reference: str) -> CaseView:
    """The case view, if this actor may see the case (NotFoundError otherwise); the read is
    audited, and refused while the case's audit chain is broken and unacknowledged."""
    from intake.core.audit_chain import record_access, require_intact

    case = get_visible_case(session, actor, reference)
    require_intact(session.get_bind(), case_id=case.id)
    view = build_case_view(session, case, actor)
    record_access(
        session, actor=actor, action="case.read", entity="case", entity_id=case.id, case_id=case.id
    )
    return view


def disagreements(session: Session, case: SanctionCase) -> list[Disagreement]:
    """Where the rules, intake staff, triage and overrides differ, field by field."""
    assert case.id is not None
    names = UserNames(session, [])
    rows = _rows(session, CaseClassification, case.id)
    return compare_classifications([_classification(r, names) for r in rows])
