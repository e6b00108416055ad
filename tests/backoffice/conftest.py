"""Back-office fixtures: staff of each organisation and role, and cases submitted as intake does."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from backoffice.case_view import show_case
from backoffice.view_models import ActionResult, CaseView
from backoffice.workflow import take_action
from intake.core.settings import Settings
from intake.core.submission import submit_case
from intake.core.users import Actor
from intake.core.vocabulary import Organisation, Role
from tests.backoffice.ntk_support import _details, _hand_to, _with_transcript
from tests.support.factories import (
    ActFn,
    Staff,
    SubmitFn,
    ViewFn,
    make_staff,
    make_submission,
    make_user,
)


@pytest.fixture
def staff(engine: Engine) -> Staff:
    return make_staff(engine)


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
def view(engine: Engine, staff: Staff) -> ViewFn:
    """The case as a supervisor (who sees everything) reads it now."""

    def _view(reference: str) -> CaseView:
        with Session(engine) as session:
            return show_case(session, actor=staff.hmip_supervisor, reference=reference)

    return _view


# ---- need to know (test_bo_need_to_know*.py) ----


@pytest.fixture
def people(engine: Engine, staff: Staff) -> dict[str, Actor]:
    """Every member of staff of the matrix, by a short key (the staff fixture's plus admins)."""
    found = {name: getattr(staff, name) for name in staff.__dataclass_fields__}
    with Session(engine) as session:
        found |= {
            "hmip_admin": make_user(session, "Ada Admin", Role.ADMIN, Organisation.HMIP),
            "imb_admin": make_user(session, "Ina Admin", Role.ADMIN, Organisation.IMB),
            "imb_admin_home": make_user(
                session, "Ike Admin", Role.ADMIN, Organisation.IMB, staff.home_id
            ),
        }
        session.commit()
    return {k: v for k, v in found.items() if isinstance(v, Actor)}


@pytest.fixture
def cases(engine: Engine, settings: Settings, staff: Staff, submit: SubmitFn) -> dict[str, str]:
    """Cases at the home and away establishments, received by each body, one handed to the PPO."""
    found = {
        "home": _with_transcript(engine, settings, staff.intake, staff.home_id),
        "away": submit(establishment_id=staff.away_id, **_details()),
        "hmip": submit(receiving_organisation=Organisation.HMIP, **_details()),
        "ppo": submit(receiving_organisation=Organisation.PPO, **_details()),
        "handed": submit(**_details()),
    }
    _hand_to(engine, found["handed"], "PPO")
    with Session(engine) as session:
        case = submit_case(
            session,
            submission=make_submission(staff.home_id, **_details()),
            actor=staff.intake2,
            settings=settings,
        )
        session.commit()
        found["by_intake2"] = case.reference
    return found
