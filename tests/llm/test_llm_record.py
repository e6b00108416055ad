"""The model's reading kept as an advisory CaseClassification row: the case itself is unchanged."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session, select

from intake.classifier import classify
from intake.core.db.models import AuditEvent, CaseClassification, SanctionCase
from intake.core.identity import system_login
from intake.core.settings import Settings
from intake.core.submission import (
    CaseSubmission,
    ClassificationView,
    ConsentAnswers,
    PersonDetails,
    submit_case,
)
from intake.core.users import Actor, UserCreate, create_user
from intake.core.vocabulary import (
    Body,
    Organisation,
    Qualifies,
    RiskLevel,
    Role,
    Route,
    Severity,
)
from intake.llm import Assistant
from intake.llm.record import record_advice
from tests.support.llm_server import NARRATIVE, FakeLlm, json_reply

CASE_FIELDS = ("status", "qualifies", "categories", "route", "severity", "risk_level", "overridden")


def _submit(session: Session, settings: Settings) -> tuple[SanctionCase, Actor]:
    user = create_user(
        session,
        data=UserCreate(
            os_login=system_login(),
            name="Ines Pector",
            role=Role.INTAKE,
            organisation=Organisation.HMIP,
        ),
    )
    actor = Actor.from_user(user)
    submission = CaseSubmission(
        receiving_organisation=Organisation.HMIP,
        person=PersonDetails(name="John Smith", prison_number="A1234BC"),
        narrative=NARRATIVE,
        rules=ClassificationView(
            qualifies=Qualifies.YES,
            categories=["isolation"],
            body=[Body.IMB],
            severity=Severity.SERIOUS,
            route=Route.SANCTION_PROTOCOL,
        ),
        consent=ConsentAnswers(pursue=True, share_identity=True, imb_enquiries=True),
        risk_level=RiskLevel.STANDARD,
    )
    case = submit_case(session, submission=submission, actor=actor, settings=settings)
    session.commit()
    return case, actor


async def test_advice_is_recorded_beside_the_rules_without_changing_the_case(
    engine: Engine, settings: Settings, assistant: Assistant, fake_llm: FakeLlm
) -> None:
    fake_llm.script(
        json_reply(
            {
                "qualifies": "no",
                "categories": ["threats"],
                "body": ["IMB"],
                "staff": ["officer"],
                "immediate_risk": True,
            }
        )
    )
    advice = await assistant.advise(NARRATIVE, classify(NARRATIVE))
    with Session(engine) as session:
        case, actor = _submit(session, settings)
        before = {name: getattr(case, name) for name in CASE_FIELDS}
        record_advice(session, case, advice, actor=actor)
        session.commit()
        case = session.exec(select(SanctionCase)).one()
        assert {name: getattr(case, name) for name in CASE_FIELDS} == before
        rows = session.exec(
            select(CaseClassification).where(CaseClassification.source == "llm")
        ).all()
        (row,) = rows
        assert (row.qualifies, row.categories, row.immediate_risk) == ("no", ["threats"], True)
        assert row.route == case.route
        assert "qualifies: rules yes; model no" in (row.rationale or "")
        events = session.exec(
            select(AuditEvent).where(AuditEvent.action == "classification_llm")
        ).all()
        assert len(events) == 1
        assert events[0].reason == "advisory: needs triage"
