"""From a finished interview to what the case panel shows and what is submitted."""

from __future__ import annotations

from datetime import date, datetime

from intake.classifier import Classification
from intake.core.evidence import EvidenceAnswers
from intake.core.risk import AccountReading, RiskAnswers, RiskTriage, triage
from intake.core.submission import (
    CaseSubmission,
    ClassificationView,
    ConsentAnswers,
    PersonDetails,
    proposed_routes,
)
from intake.core.vocabulary import (
    Body,
    ConsentGiver,
    Organisation,
    Qualifies,
    RaisedBy,
    RiskLevel,
    Route,
    Severity,
)
from intake.interview.engine import Interview
from intake.interview.known import ON_BEHALF

ROUTE_EVIDENCE = "route:"


#: Heightened risk the interview knows from their age band (NPM: children and young adults).
AGE_FACTORS = {"18_20": "young_adult"}


def _heightened(interview: Interview) -> list[str]:
    """The factors ticked, and those their age or establishment already gives."""
    factors = list(interview.value("vulnerabilities") or [])
    known = ["under_18"] if interview.under_18 else []
    known += [f for band, f in AGE_FACTORS.items() if interview.value("age_band") == band]
    return known + [f for f in factors if f not in known]


def _move(interview: Interview) -> tuple[str | None, date | None]:
    kind = interview.value("move_coming")
    if kind in (None, "none"):
        return None, None
    due = interview.value("move_date")
    return kind, date.fromisoformat(due) if due else None


def risk_answers(interview: Interview) -> RiskAnswers:
    value = interview.value
    move_kind, move_date = _move(interview)
    return RiskAnswers(
        immediate_danger=value("immediate_danger") is True,
        self_harm=value("self_harm") is True,
        injuries=value("injuries") is True,
        still_happening=value("still_happening") is True,
        vulnerabilities=_heightened(interview),
        action_taken=value("action_taken") if interview.immediate_risk else None,
        action_at=value("action_at") if interview.immediate_risk else None,
        move_kind=move_kind,
        move_date=move_date,
    )


def account_reading(result: Classification | None) -> AccountReading | None:
    """What the classification of the account says that bears on risk."""
    if result is None:
        return None
    return AccountReading(
        immediate_risk=result.immediate_risk,
        severity=result.severity,
        categories=[c.value for c in result.categories],
        evidence=[e.model_dump() for e in result.evidence],
    )


def risk_triage(interview: Interview) -> RiskTriage:
    """The risk level as it would be submitted now, and every reason for it."""
    reading = account_reading(interview.classification)
    return triage(risk_answers(interview), reading, today=interview.today)


def risk_level(interview: Interview) -> RiskLevel:
    return risk_triage(interview).level


def evidence_routes(result: Classification) -> list[Route]:
    """Routes the rules' evidence names (``route:death_in_custody`` ...) besides the main one."""
    known = {r.value for r in Route}
    labels = [e.label for e in result.evidence if e.label.startswith(ROUTE_EVIDENCE)]
    named = [label.removeprefix(ROUTE_EVIDENCE) for label in labels]
    found = [Route(name) for name in named if name in known]
    return [r for r in dict.fromkeys(found) if r != result.route]


def rules_view(result: Classification) -> ClassificationView:
    return ClassificationView(
        qualifies=result.qualifies,
        categories=[c.value for c in result.categories],
        body=list(result.body),
        immediate_risk=result.immediate_risk,
        possible_immediate_risk=result.possible_immediate_risk,
        severity=result.severity,
        route=result.route,
        routes=evidence_routes(result),
        evidence=[e.model_dump() for e in result.evidence],
        rationale=result.rationale,
    )


def staff_view(interview: Interview) -> ClassificationView | None:
    """Intake staff's own view: where they disagree with the rules, or where the interview
    ended early with a signpost (then there is no account to classify)."""
    ending = interview.ending()
    if ending is not None:
        return ClassificationView(
            qualifies=Qualifies.NO,
            route=ending.route,
            routes=list(ending.routes[1:]),
            rationale="Signposted at intake: " + ending.signpost.split(".")[0] + ".",
        )
    if interview.value("staff_agrees") is not False:
        return None
    rules = interview.classification
    return ClassificationView(
        qualifies=Qualifies(interview.value("staff_qualifies")),
        route=Route(interview.value("staff_route")),
        categories=[c.value for c in rules.categories] if rules else [],
        body=list(rules.body) if rules else [],
        severity=rules.severity if rules else Severity.STANDARD,
        immediate_risk=interview.immediate_risk,
        # staff disagree on whether and where it goes, not on what the words suggest
        possible_immediate_risk=bool(rules and rules.possible_immediate_risk),
        reason=interview.value("staff_reason"),
    )


def _bodies(interview: Interview) -> list[Body]:
    chosen = interview.value("body")
    if chosen is None:
        question = interview.script.question("body")
        chosen = interview.derived(question) or []
    return [Body(b) for b in chosen]


def _place(interview: Interview) -> str | None:
    place = interview.value("establishment")
    if not isinstance(place, dict):
        return None
    return place.get("name") or place.get("text")


def evidence_answers(interview: Interview) -> EvidenceAnswers:
    """The evidence as last answered (an edit replaces what was ticked before), when the
    question still applies to the interview as reviewed."""
    if not interview.applies(interview.script.question("evidence")):
        return EvidenceAnswers()
    value = interview.value
    return EvidenceAnswers(
        kinds=list(value("evidence") or []),
        when_where=value("when_where"),
        staff=value("staff_involved"),
        said_on=date.fromisoformat(value("visit_date")) if value("visit_date") else None,
    )


def consent_giver(interview: Interview) -> ConsentGiver:
    """Whose word the consent answers are: the person's own, or whoever raised it for them."""
    raised = interview.value("raised_by")
    return ConsentGiver(raised) if raised in ON_BEHALF else ConsentGiver.PERSON


def consent_answers(interview: Interview) -> ConsentAnswers | None:
    """Consent as said at the interview; None when it came in writing: nobody was asked, so
    none is recorded and the office seeks the person's own at step 4 (consult the prisoner)."""
    if interview.written:
        return None
    value = interview.value
    return ConsentAnswers(
        given_by=consent_giver(interview),
        pursue=value("consent_pursue") is True,
        share_identity=value("consent_share_identity") is True,
        imb_enquiries=value("consent_imb_enquiries") is True,
        refer_without_consent=value("refer_without_consent") is True,
        justification=value("justification"),
    )


def reassurance_written_at(interview: Interview) -> datetime | None:
    """When the reassurance letter was written (a written allegation), if it was."""
    reply = interview.value("reply_letter")
    if not interview.written or not isinstance(reply, dict) or "written_at" not in reply:
        return None
    return datetime.fromisoformat(reply["written_at"])


def build_submission(
    interview: Interview,
    *,
    organisation: Organisation,
    establishment_id: int | None,
    draft_id: int | None = None,
) -> CaseSubmission:
    value = interview.value
    raised = value("raised_by") or "person"
    result = interview.classification
    contact = value("contact_date")
    triaged = risk_triage(interview)
    return CaseSubmission(
        draft_id=draft_id,
        receiving_organisation=organisation,
        establishment_id=establishment_id,
        place_text=_place(interview),
        raised_by=RaisedBy.ON_BEHALF if raised in ON_BEHALF else RaisedBy(raised),
        raised_by_detail=raised if raised in ON_BEHALF else None,
        staff_fears_reprisal=interview.staff_fears_reprisal,
        routes=interview.concern_routes(),
        person=PersonDetails(
            name=value("person_name"),
            prison_number=value("prison_number"),
            home_office_ref=value("home_office_ref"),
            age_band=value("age_band"),
            location=value("location"),
        ),
        bodies=_bodies(interview),
        communication_channel=value("channel"),
        communication_when=date.fromisoformat(contact) if contact else None,
        narrative=interview.account_text(),
        rules=rules_view(result) if result else None,
        staff_view=staff_view(interview),
        received_via=value("received_via"),
        reassurance_written_at=reassurance_written_at(interview),
        consent=consent_answers(interview),
        risk=risk_answers(interview),
        risk_level=triaged.level,
        risk_reasons=list(triaged.reasons),
        out_of_hearing=value("out_of_hearing"),
        language=interview.language,
        interpreter=value("interpreter"),
        interpreter_language=value("interpreter_language"),
        evidence=evidence_answers(interview),
    )


def routes_so_far(interview: Interview) -> list[Route]:
    """Every route the case would propose if submitted now, main first (a person confirms
    them at step 2); before there is an account, the routes the answers establish."""
    try:
        submission = build_submission(
            interview, organisation=Organisation.HMIP, establishment_id=None
        )
    except ValueError:
        routes = interview.concern_routes()
        if interview.staff_fears_reprisal:
            routes.append(Route.WHISTLEBLOWING)
        return routes
    return proposed_routes(submission)


def still_missing(interview: Interview) -> list[str]:
    """What the case panel lists as still to find out, in plain words."""
    titles = interview.script.section_title
    missing: list[str] = []
    for question in interview.remaining():
        label = f"{titles(question.section)}: {question.prompt.split('?')[0]}"
        missing.append(label)
    return missing
