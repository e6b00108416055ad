"""The records a submission becomes, built but not yet written: the case (with the routes it
proposes), its classifications, the consent said at intake and the risk assessment."""

from __future__ import annotations

from typing import Any

from intake.core.db.models import (
    CaseClassification,
    ConsentRecord,
    RiskAssessment,
    SanctionCase,
    new_uuid,
)
from intake.core.risk import risk_rank
from intake.core.submission.model import CaseSubmission, ClassificationView
from intake.core.users import Actor
from intake.core.vocabulary import (
    CaseStatus,
    ClassificationSource,
    ConsentKind,
    Qualifies,
    RaisedBy,
    Route,
)


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
        language=submission.language,
        interpreter=submission.interpreter,
        interpreter_language=submission.interpreter_language,
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
