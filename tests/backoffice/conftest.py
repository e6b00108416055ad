"""Back-office fixtures: staff of each organisation and role, and cases submitted as intake does."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from backoffice.case_view import show_case
from backoffice.views import ActionResult, CaseView
from backoffice.workflow import take_action
from intake.reference.establishments import resolve_establishment_id
from intake.settings import Settings
from intake.submission import (
    CaseSubmission,
    ClassificationView,
    ConsentAnswers,
    PersonDetails,
    submit_case,
)
from intake.users import Actor, UserCreate, create_user
from intake.vocabulary import Organisation, Qualifies, RiskLevel, Role, Route, Severity

HOME = "HMP Wandsworth"
AWAY = "HMP Belmarsh"


@dataclass
class Staff:
    hmip: Actor
    hmip_supervisor: Actor
    hmip_supervisor2: Actor
    imb: Actor
    imb_away: Actor
    imb_supervisor: Actor
    ppo: Actor
    intake: Actor
    home_id: int
    away_id: int


def _user(session: Session, name: str, role: Role, org: Organisation, est: int | None) -> Actor:
    user = create_user(
        session, data=UserCreate(name=name, role=role, organisation=org, establishment_id=est)
    )
    return Actor.from_user(user)


@pytest.fixture
def staff(engine: Engine) -> Staff:
    with Session(engine) as session:
        home = resolve_establishment_id(session, HOME)
        away = resolve_establishment_id(session, AWAY)
        found = Staff(
            hmip=_user(session, "Hana Triage", Role.TRIAGE, Organisation.HMIP, None),
            hmip_supervisor=_user(session, "Sam Super", Role.SUPERVISOR, Organisation.HMIP, None),
            hmip_supervisor2=_user(session, "Sue Super", Role.SUPERVISOR, Organisation.HMIP, None),
            imb=_user(session, "Ian Board", Role.TRIAGE, Organisation.IMB, home),
            imb_away=_user(session, "Ivy Away", Role.TRIAGE, Organisation.IMB, away),
            imb_supervisor=_user(session, "Isla Super", Role.SUPERVISOR, Organisation.IMB, away),
            ppo=_user(session, "Pat Ombud", Role.TRIAGE, Organisation.PPO, None),
            intake=_user(session, "Ines Pector", Role.INTAKE, Organisation.HMIP, None),
            home_id=home,
            away_id=away,
        )
        session.commit()
    return found


def make_submission(establishment_id: int | None, **changes: Any) -> CaseSubmission:
    rules = ClassificationView(
        qualifies=changes.pop("qualifies", Qualifies.YES),
        categories=changes.pop("categories", ["isolation"]),
        body=["IMB"],
        severity=changes.pop("severity", Severity.STANDARD),
        route=changes.pop("route", Route.SANCTION_PROTOCOL),
        evidence=[{"label": "isolation", "text": "segregation", "start": 10, "end": 21}],
    )
    base: dict[str, Any] = {
        "receiving_organisation": Organisation.IMB,
        "establishment_id": establishment_id,
        "person": PersonDetails(name="Jordan Example", prison_number="A1234BC"),
        "narrative": "Put in the segregation unit the day after I spoke to the IMB.",
        "rules": rules,
        "consent": ConsentAnswers(pursue=True, share_identity=True, imb_enquiries=True),
        "risk_level": RiskLevel.STANDARD,
    }
    return CaseSubmission(**{**base, **changes})


SubmitFn = Callable[..., str]


@pytest.fixture
def submit(engine: Engine, settings: Settings, staff: Staff) -> SubmitFn:
    """Submit a case at the home establishment (override any field); returns its reference."""

    def _submit(**changes: Any) -> str:
        establishment = changes.pop("establishment_id", staff.home_id)
        with Session(engine) as session:
            case = submit_case(
                session,
                submission=make_submission(establishment, **changes),
                actor=staff.intake,
                settings=settings,
            )
            session.commit()
            return case.reference

    return _submit


ActFn = Callable[..., ActionResult]


@pytest.fixture
def act(engine: Engine, settings: Settings) -> ActFn:
    """Take one workflow action in its own session and commit, as a user of the CLI would."""

    def _act(actor: Actor, reference: str, action: str, **inputs: Any) -> ActionResult:
        with Session(engine) as session:
            result = take_action(
                session,
                actor=actor,
                reference=reference,
                action=action,
                settings=settings,
                **inputs,
            )
            session.commit()
            return result

    return _act


@pytest.fixture
def view(engine: Engine, staff: Staff) -> Callable[[str], CaseView]:
    """The case as a supervisor (who sees everything) reads it now."""

    def _view(reference: str) -> CaseView:
        with Session(engine) as session:
            return show_case(session, actor=staff.hmip_supervisor, reference=reference)

    return _view


def open_titles(case: CaseView) -> list[str]:
    return [t.title for t in case.tasks if t.is_open]
