"""Submitting an interview: the case and all its records in one transaction, audited."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from pydantic import BaseModel, Field, model_validator
from sqlmodel import Session, col, select, update

from intake.core.audit import record_case_event
from intake.core.case_references import next_reference
from intake.core.clock import utcnow
from intake.core.db.models import (
    Answer,
    CaseClassification,
    ConsentRecord,
    InterviewDraft,
    RiskAssessment,
    SanctionCase,
    WorkflowTask,
    new_uuid,
)
from intake.core.db.outbox import is_outbox, provisional_reference, queue_for_sync
from intake.core.evidence import EvidenceAnswers, preservation_task
from intake.core.risk import RiskAnswers, risk_rank
from intake.core.settings import Settings
from intake.core.users import Actor
from intake.core.vocabulary import (
    Body,
    CaseStatus,
    ClassificationSource,
    ConsentGiver,
    ConsentKind,
    Duty,
    Organisation,
    ProtocolStep,
    Qualifies,
    RaisedBy,
    RiskLevel,
    Route,
    Severity,
)


class PersonDetails(BaseModel):
    name: str | None = None
    prison_number: str | None = None
    home_office_ref: str | None = None
    age_band: str | None = None
    location: str | None = None


class ConsentAnswers(BaseModel):
    """Consent as said at intake; ``given_by`` is whose word it is (only the person's counts)."""

    given_by: ConsentGiver = ConsentGiver.PERSON
    pursue: bool = False
    share_identity: bool = False
    imb_enquiries: bool = False
    refer_without_consent: bool = False
    justification: str | None = None

    @model_validator(mode="after")
    def _justified(self) -> ConsentAnswers:
        if self.refer_without_consent and not (self.justification or "").strip():
            raise ValueError("a referral without consent needs a recorded justification")
        return self


class ClassificationView(BaseModel):
    """A classification as stored: the rules' result, or intake staff's own view."""

    qualifies: Qualifies
    categories: list[str] = Field(default_factory=list)
    body: list[Body] = Field(default_factory=list)
    immediate_risk: bool = False
    #: Indirect cues of a risk (hoarded medication, missed insulin ...): "ask now". True
    #: whenever ``immediate_risk`` is.
    possible_immediate_risk: bool = False
    severity: Severity = Severity.STANDARD
    route: Route
    #: Other routes this view sees besides the main one (e.g. a death in custody as well).
    routes: list[Route] = Field(default_factory=list)
    evidence: list[dict[str, Any]] = Field(default_factory=list)
    rationale: str | None = None
    reason: str | None = None

    @model_validator(mode="after")
    def _immediate_is_possible(self) -> ClassificationView:
        if self.immediate_risk:
            self.possible_immediate_risk = True
        return self


class CaseSubmission(BaseModel):
    """Everything an interview established, validated before anything is written."""

    draft_id: int | None = None
    # Stable across databases: an offline laptop's case keeps its UUID when it is synced.
    case_uuid: str | None = None
    receiving_organisation: Organisation
    establishment_id: int | None = None
    place_text: str | None = None
    raised_by: RaisedBy = RaisedBy.PERSON
    raised_by_detail: str | None = None
    #: A member of staff reporting a prisoner's sanction who also fears reprisal themselves.
    staff_fears_reprisal: bool = False
    #: Routes the interview established besides the classification's (the concern chosen).
    routes: list[Route] = Field(default_factory=list)
    person: PersonDetails = Field(default_factory=PersonDetails)
    bodies: list[Body] = Field(default_factory=list)
    communication_channel: str | None = None
    communication_when: date | None = None
    #: How the allegation reached the receiving organisation (a visit, a letter, an email, an
    #: IMB application, a referral, a survey; prompts/interview.yaml `received_via`).
    received_via: str | None = None
    #: When the reassurance went back in writing (a written allegation), if it has.
    reassurance_written_at: datetime | None = None
    narrative: str = ""
    rules: ClassificationView | None = None
    staff_view: ClassificationView | None = None
    #: None when nobody could be asked (it came in writing): no consent is recorded, and the
    #: person's own is sought at step 4.
    consent: ConsentAnswers | None = Field(default_factory=ConsentAnswers)
    risk: RiskAnswers = Field(default_factory=RiskAnswers)
    risk_level: RiskLevel = RiskLevel.STANDARD
    #: Why the risk level is what it is, in words (``intake.core.risk.triage``).
    risk_reasons: list[str] = Field(default_factory=list)
    #: The interview was held out of the hearing of staff (None: not asked).
    out_of_hearing: bool | None = None
    #: Evidence the interview said is there: what expires gets a task to ask for it to be kept.
    evidence: EvidenceAnswers = Field(default_factory=EvidenceAnswers)
    is_demo: bool = False

    @model_validator(mode="after")
    def _has_a_view(self) -> CaseSubmission:
        if self.rules is None and self.staff_view is None:
            raise ValueError("a submission needs the rules' classification or staff's view")
        return self

    @property
    def effective(self) -> ClassificationView:
        view = self.staff_view or self.rules
        assert view is not None
        return view


def proposed_routes(submission: CaseSubmission) -> list[Route]:
    """Every route the submission proposes, main first; a person confirms them at step 2.

    Whistleblowing (para 4) is for staff fearing sanctions against themselves: it is kept only
    when the person raising it is such a member of staff, whatever the words of the account.
    A prisoner's account that the rules routed there stays with the sanctions protocol (the
    rules' "no" rested on reading it as staff speaking about themselves); step 2 decides.
    """
    views = [v for v in (submission.staff_view, submission.rules) if v is not None]
    staff_voice = submission.raised_by == RaisedBy.STAFF_SELF or submission.staff_fears_reprisal
    qualifies = submission.effective.qualifies != Qualifies.NO
    main: Route | None = submission.effective.route
    if main == Route.WHISTLEBLOWING and not staff_voice:
        main = Route.SANCTION_PROTOCOL
    found = [main] + [r for v in views for r in (v.route, *v.routes)] + list(submission.routes)
    if submission.staff_fears_reprisal:
        found.append(Route.WHISTLEBLOWING)
    kept = (r for r in found if r is not None and (staff_voice or r != Route.WHISTLEBLOWING))
    routes = list(dict.fromkeys(kept))
    return routes or [Route.SANCTION_PROTOCOL if qualifies else Route.COMPLAINT]


def _qualifies(submission: CaseSubmission, routes: list[Route]) -> Qualifies:
    """The proposal's reading; "unclear" when a "no" rested on a staff voice that is not there."""
    effective = submission.effective
    misread = effective.route == Route.WHISTLEBLOWING and routes[0] == Route.SANCTION_PROTOCOL
    if misread and effective.qualifies == Qualifies.NO:
        return Qualifies.UNCLEAR
    return effective.qualifies


def _case_from(submission: CaseSubmission, reference: str, actor: Actor) -> SanctionCase:
    effective = submission.effective
    routes = proposed_routes(submission)
    person = submission.person
    consent = submission.consent
    return SanctionCase(
        uuid=submission.case_uuid or new_uuid(),
        reference=reference,
        status=CaseStatus.RECEIVED.value,
        receiving_organisation=submission.receiving_organisation.value,
        establishment_id=submission.establishment_id,
        place_text=submission.place_text,
        raised_by=submission.raised_by.value,
        raised_by_detail=submission.raised_by_detail,
        person_name=person.name,
        prison_number=person.prison_number,
        home_office_ref=person.home_office_ref,
        age_band=person.age_band,
        location=person.location,
        out_of_hearing=submission.out_of_hearing,
        bodies=[b.value for b in submission.bodies or effective.body],
        communication_channel=submission.communication_channel,
        communication_when=submission.communication_when,
        received_via=submission.received_via,
        reassurance_written_at=submission.reassurance_written_at,
        narrative=submission.narrative,
        qualifies=_qualifies(submission, routes).value,
        categories=list(effective.categories),
        severity=effective.severity.value,
        route=routes[0].value,
        routes=[r.value for r in routes],
        risk_level=submission.risk_level.value,
        risk_rank=risk_rank(
            submission.risk_level, possible_immediate_risk=effective.possible_immediate_risk
        ),
        possible_immediate_risk=effective.possible_immediate_risk,
        awaiting_supervisor=bool(consent and consent.refer_without_consent),
        is_demo=submission.is_demo,
        created_by_id=actor.id,
    )


def _classification(
    case_id: int, view: ClassificationView, source: ClassificationSource, actor: Actor
) -> CaseClassification:
    return CaseClassification(
        case_id=case_id,
        source=source.value,
        qualifies=view.qualifies.value,
        categories=list(view.categories),
        bodies=[b.value for b in view.body],
        immediate_risk=view.immediate_risk,
        possible_immediate_risk=view.possible_immediate_risk,
        severity=view.severity.value,
        route=view.route.value,
        evidence=view.evidence,
        rationale=view.rationale,
        reason=view.reason,
        created_by_id=actor.id,
    )


def _records(case: SanctionCase, submission: CaseSubmission, actor: Actor) -> list[Any]:
    assert case.id is not None
    records: list[Any] = []
    if submission.rules is not None:
        records.append(
            _classification(case.id, submission.rules, ClassificationSource.RULES, actor)
        )
    if submission.staff_view is not None:
        records.append(
            _classification(
                case.id, submission.staff_view, ClassificationSource.INTAKE_STAFF, actor
            )
        )
    consent = submission.consent
    if consent is not None:
        records.append(
            ConsentRecord(
                case_id=case.id,
                kind=ConsentKind.INTAKE.value,
                recorded_by_id=actor.id,
                exception_by_id=actor.id if consent.refer_without_consent else None,
                **consent.model_dump(),
            )
        )
    risk = submission.risk
    records.append(
        RiskAssessment(
            case_id=case.id,
            level=submission.risk_level.value,
            immediate_danger=risk.immediate_danger,
            self_harm=risk.self_harm,
            injuries=risk.injuries,
            vulnerabilities=list(risk.vulnerabilities),
            notes=risk.notes,
            action_taken=risk.action_taken,
            action_at=risk.action_at,
            move_kind=risk.move_kind,
            move_date=risk.move_date,
            reasons=list(submission.risk_reasons),
            assessed_by_id=actor.id,
        )
    )
    return records


#: What staff or the person typed into a consent, risk or classification record: the audit event
#: says it was recorded and how long it was, never the words (disposal removes them from the
#: records; audit events are never rewritten).
FREE_TEXT_FIELDS = frozenset(
    {
        "note",
        "justification",
        "notes",
        "action_taken",
        "action_at",
        "evidence",
        "rationale",
        "reason",
    }
)


def _without_free_text(values: dict[str, Any]) -> dict[str, Any]:
    def shown(value: Any) -> Any:
        if isinstance(value, list):
            return {"items": len(value)}
        return {"characters": len(str(value))}

    return {
        key: shown(value) if key in FREE_TEXT_FIELDS and value not in (None, "", []) else value
        for key, value in values.items()
    }


def submit_case(
    session: Session, *, submission: CaseSubmission, actor: Actor, settings: Settings
) -> SanctionCase:
    """Write the case, its classification(s), consent, risk, first task and audit events.

    The caller commits; on any error nothing is written.
    """
    today = utcnow()
    offline = is_outbox(session)
    if offline:
        submission = submission.model_copy(update={"case_uuid": submission.case_uuid or new_uuid()})
        reference = provisional_reference(submission.case_uuid or "")
    else:
        reference = next_reference(session, today.year)
    case = _case_from(submission, reference, actor)
    record_case_event(
        session,
        case,
        actor=actor,
        action="case_submitted",
        after={"reference": case.reference, "status": case.status, "route": case.route},
    )
    for record in _records(case, submission, actor):
        session.add(record)
        session.flush()
        record_case_event(
            session,
            case,
            actor=actor,
            action=f"{type(record).__tablename__}_recorded",
            entity=type(record).__tablename__,
            entity_id=record.id,
            after=_without_free_text(record.model_dump(exclude={"id", "case_id"})),
        )
    _open_task(session, case, settings, actor, step=ProtocolStep.CONFIRM_QUALIFIES)
    for route in case.routes:
        if route != Route.SANCTION_PROTOCOL.value:
            _open_task(session, case, settings, actor, route=Route(route))
    _open_preservation_task(session, case, submission, actor)
    if submission.draft_id is not None:
        _attach_draft(session, submission.draft_id, case)
    if offline:
        queue_for_sync(session, submission, actor)
    return case


def _open_task(
    session: Session,
    case: SanctionCase,
    settings: Settings,
    actor: Actor,
    *,
    step: ProtocolStep | None = None,
    route: Route | None = None,
) -> None:
    """Step 2 (a person confirms whether it qualifies), or one route's signpost task."""
    if step is not None:
        title, days = step.label, settings.deadlines.confirm_qualifies
    else:
        assert route is not None
        title, days = f"Tell them where to go: {route.label}", settings.deadlines.signpost
    task = WorkflowTask(
        case_id=case.id,  # type: ignore[arg-type]
        step=step.value if step is not None else None,
        duty=Duty.SIGNPOST.value if route is not None else None,
        route=route.value if route is not None else None,
        title=title,
        owner_organisation=case.receiving_organisation,
        due=utcnow().date() + timedelta(days=days),
    )
    session.add(task)
    session.flush()
    record_case_event(
        session,
        case,
        actor=actor,
        action="task_opened",
        entity="workflow_task",
        entity_id=task.id,
        after={"step": task.step, "duty": task.duty, "title": task.title, "due": task.due},
    )


def may_name_to_establishment(consent: ConsentAnswers | None) -> bool:
    """The person agreed themselves to their identity being shared with the establishment."""
    if consent is None:
        return False
    return consent.given_by == ConsentGiver.PERSON and consent.pursue and consent.share_identity


def _open_preservation_task(
    session: Session, case: SanctionCase, submission: CaseSubmission, actor: Actor
) -> None:
    """Evidence that expires (CCTV, body-worn video, an injury record): one task, due soon,
    saying what to ask of whom (``prompts/evidence.yaml``); nothing when none was ticked."""
    preserve = preservation_task(
        submission.evidence,
        may_name=may_name_to_establishment(submission.consent),
        submitted_on=utcnow().date(),
    )
    if preserve is None:
        return
    task = WorkflowTask(
        case_id=case.id,  # type: ignore[arg-type]
        duty=Duty.PRESERVE_EVIDENCE.value,
        title=preserve.title,
        owner_organisation=case.receiving_organisation,
        due=preserve.due,
        note=preserve.guidance,
    )
    session.add(task)
    session.flush()
    record_case_event(
        session,
        case,
        actor=actor,
        action="task_opened",
        entity="workflow_task",
        entity_id=task.id,
        after={
            "duty": task.duty,
            "title": task.title,
            "due": task.due,
            "evidence": list(preserve.kinds),
        },
    )


def _attach_draft(session: Session, draft_id: int, case: SanctionCase) -> None:
    draft = session.get(InterviewDraft, draft_id)
    if draft is None:
        return
    draft.status = "submitted"
    draft.case_id = case.id
    draft.updated_at = utcnow()
    session.execute(update(Answer).where(col(Answer.draft_id) == draft_id).values(case_id=case.id))


def transcript(session: Session, *, case_id: int) -> list[Answer]:
    """The interview as it happened: each question and answer, in order."""
    query = select(Answer).where(Answer.case_id == case_id).order_by(col(Answer.seq))
    return list(session.exec(query).all())
