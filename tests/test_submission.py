from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError
from sqlalchemy import Engine
from sqlmodel import Session, select

from intake.core.db.models import (
    AuditEvent,
    CaseClassification,
    ConsentRecord,
    RiskAssessment,
    SanctionCase,
    WorkflowTask,
)
from intake.core.risk import risk_rank
from intake.core.settings import Settings
from intake.core.submission import CaseSubmission, ClassificationView, ConsentAnswers, submit_case
from intake.core.users import Actor
from intake.core.vocabulary import Body, Organisation, Qualifies, RiskLevel, Role, Route

INSPECTOR = Actor(id=None, name="Ines Pector", role=Role.INTAKE, organisation=Organisation.HMIP)


def _submission(**changes: Any) -> CaseSubmission:
    base: dict[str, Any] = {
        "receiving_organisation": Organisation.HMIP,
        "narrative": "Moved to the seg the day after I spoke to the inspectors.",
        "rules": ClassificationView(
            qualifies=Qualifies.YES,
            categories=["isolation"],
            body=[Body.HMIP],
            route=Route.SANCTION_PROTOCOL,
        ),
        "consent": ConsentAnswers(pursue=True, share_identity=True, imb_enquiries=True),
        "risk_level": RiskLevel.HIGH,
    }
    return CaseSubmission(**{**base, **changes})


def test_submission_writes_everything_in_one_go(engine: Engine, settings: Settings) -> None:
    with Session(engine) as session:
        case = submit_case(session, submission=_submission(), actor=INSPECTOR, settings=settings)
        session.commit()
        reference = case.reference
    with Session(engine) as session:
        stored = session.exec(select(SanctionCase)).one()
        assert stored.reference == reference
        assert reference.startswith("SAN-") and reference.endswith("-00001")
        assert stored.status == "received"
        assert stored.risk_rank == risk_rank(RiskLevel.HIGH)
        assert stored.possible_immediate_risk is False
        assert session.exec(select(CaseClassification)).one().source == "rules"
        assert session.exec(select(ConsentRecord)).one().pursue is True
        assert session.exec(select(RiskAssessment)).one().level == "high"
        assert session.exec(select(WorkflowTask)).one().step == 2
        actions = [e.action for e in session.exec(select(AuditEvent)).all()]
    assert actions[0] == "case_submitted"
    assert "consent_record_recorded" in actions and "task_opened" in actions


def test_not_qualifying_case_waits_at_step_2_with_its_signpost(
    engine: Engine, settings: Settings
) -> None:
    rules = ClassificationView(qualifies=Qualifies.NO, route=Route.COMPLAINT)
    with Session(engine) as session:
        case = submit_case(
            session, submission=_submission(rules=rules), actor=INSPECTOR, settings=settings
        )
        session.commit()
        assert case.status == "received"  # a person confirms it at step 2: nothing closes itself
        assert case.route == "complaint"
        tasks = session.exec(select(WorkflowTask)).all()
        assert [(t.step, t.route) for t in tasks] == [(2, None), (None, "complaint")]


def test_a_sanction_and_a_death_in_custody_carry_both_routes(
    engine: Engine, settings: Settings
) -> None:
    submission = _submission(routes=[Route.SANCTION_PROTOCOL, Route.DEATH_IN_CUSTODY])
    with Session(engine) as session:
        case = submit_case(session, submission=submission, actor=INSPECTOR, settings=settings)
        session.commit()
        assert case.routes == ["sanction_protocol", "death_in_custody"]


def test_referral_without_consent_needs_justification() -> None:
    with pytest.raises(ValidationError, match="justification"):
        ConsentAnswers(refer_without_consent=True)


def test_a_possible_immediate_risk_is_stored_and_ranks_first_within_its_level(
    engine: Engine, settings: Settings
) -> None:
    """The rules' "ask now" reaches the case and its classification row; the case's rank puts
    it before other cases of its risk level and never above a higher level."""
    rules = ClassificationView(
        qualifies=Qualifies.YES, route=Route.SANCTION_PROTOCOL, possible_immediate_risk=True
    )
    with Session(engine) as session:
        case = submit_case(
            session, submission=_submission(rules=rules), actor=INSPECTOR, settings=settings
        )
        session.commit()
        assert case.possible_immediate_risk is True
        assert session.exec(select(CaseClassification)).one().possible_immediate_risk is True
        assert case.risk_rank == risk_rank(RiskLevel.HIGH, possible_immediate_risk=True)
    ranks = [
        risk_rank(RiskLevel.IMMEDIATE),
        risk_rank(RiskLevel.HIGH, possible_immediate_risk=True),
        risk_rank(RiskLevel.HIGH),
        risk_rank(RiskLevel.STANDARD, possible_immediate_risk=True),
        risk_rank(RiskLevel.STANDARD),
    ]
    assert ranks == sorted(set(ranks))
    assert risk_rank(RiskLevel.IMMEDIATE, possible_immediate_risk=True) == ranks[0]


def test_an_immediate_risk_is_always_a_possible_one() -> None:
    view = ClassificationView(
        qualifies=Qualifies.YES, route=Route.SANCTION_PROTOCOL, immediate_risk=True
    )
    assert view.possible_immediate_risk is True
