"""Staff, users and cases made directly in the database, as the tests need them.

``make_user`` adds one person; ``make_staff`` the whole cast of the back-office tests (each
organisation and role, at the home and away establishments); ``make_submission`` a case as the
intake submits it (override any field); ``add_interviewer`` the intake user of the team tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Engine
from sqlmodel import Session

from backoffice.view_models import ActionResult, CaseView
from intake.core.establishments import resolve_establishment_id
from intake.core.identity import system_login
from intake.core.submission import (
    CaseSubmission,
    ClassificationView,
    ConsentAnswers,
    PersonDetails,
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

HOME = "HMP Wandsworth"
AWAY = "HMP Belmarsh"
#: The interviewer of the team (offline, live queue, backup) tests.
INTERVIEWER = "Olu Offline"


@dataclass
class Staff:
    hmip: Actor
    hmip_supervisor: Actor
    hmip_supervisor2: Actor
    imb: Actor
    imb_away: Actor
    imb_supervisor: Actor
    imb_home_supervisor: Actor
    imb_lead: Actor
    ppo: Actor
    ppo_supervisor: Actor
    hmip_lead: Actor
    intake: Actor
    intake2: Actor
    home_id: int
    away_id: int


def make_user(
    session: Session, name: str, role: Role, org: Organisation, est: int | None = None
) -> Actor:
    """A user of this computer's login (the caller commits)."""
    user = create_user(
        session,
        data=UserCreate(
            os_login=system_login(), name=name, role=role, organisation=org, establishment_id=est
        ),
    )
    return Actor.from_user(user)


def make_staff(engine: Engine) -> Staff:
    """The back-office tests' staff: each organisation and role; the IMB's at a Board."""
    with Session(engine) as session:
        home = resolve_establishment_id(session, HOME)
        away = resolve_establishment_id(session, AWAY)
        found = Staff(
            hmip=make_user(session, "Hana Triage", Role.TRIAGE, Organisation.HMIP),
            hmip_supervisor=make_user(session, "Sam Super", Role.SUPERVISOR, Organisation.HMIP),
            hmip_supervisor2=make_user(session, "Sue Super", Role.SUPERVISOR, Organisation.HMIP),
            imb=make_user(session, "Ian Board", Role.TRIAGE, Organisation.IMB, home),
            imb_away=make_user(session, "Ivy Away", Role.TRIAGE, Organisation.IMB, away),
            imb_supervisor=make_user(
                session, "Isla Super", Role.SUPERVISOR, Organisation.IMB, away
            ),
            imb_home_supervisor=make_user(
                session, "Hugh Boardchair", Role.SUPERVISOR, Organisation.IMB, home
            ),
            imb_lead=make_user(session, "Nia National", Role.LEAD, Organisation.IMB),
            ppo=make_user(session, "Pat Ombud", Role.TRIAGE, Organisation.PPO),
            ppo_supervisor=make_user(session, "Pia Super", Role.SUPERVISOR, Organisation.PPO),
            hmip_lead=make_user(session, "Dee Deputy", Role.LEAD, Organisation.HMIP),
            intake=make_user(session, "Ines Pector", Role.INTAKE, Organisation.HMIP),
            intake2=make_user(session, "Otto Other", Role.INTAKE, Organisation.HMIP),
            home_id=home,
            away_id=away,
        )
        session.commit()
    return found


def add_interviewer(engine: Engine) -> Actor:
    """The team tests' interviewer (HMIP intake), committed."""
    with Session(engine) as session:
        actor = make_user(session, INTERVIEWER, Role.INTAKE, Organisation.HMIP)
        session.commit()
        return actor


def make_submission(establishment_id: int | None, **changes: Any) -> CaseSubmission:
    rules = ClassificationView(
        qualifies=changes.pop("qualifies", Qualifies.YES),
        categories=changes.pop("categories", ["isolation"]),
        body=[Body.IMB],
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


#: Only an indirect cue of a risk (a radio given away): the rules say "ask now".
ASK_NOW_NARRATIVE = (
    "Since I wrote to the Ombudsman my visits were cancelled and I have given my radio away to "
    "the lad next door."
)
#: The same account without the cue: no risk seen.
PLAIN_NARRATIVE = (
    "Since I wrote to the Ombudsman my visits were cancelled twice and my letters arrive opened."
)


def classified(narrative: str) -> dict[str, Any]:
    """Submission fields for ``narrative`` with the rules' own reading of it (as the interview
    builds them), for ``make_submission`` or the ``submit`` fixture."""
    from intake.classifier import classify
    from intake.interview.outcome import rules_view

    return {"narrative": narrative, "rules": rules_view(classify(narrative))}


class SubmitFn(Protocol):
    """The ``submit`` fixture: a case submitted as the intake does (override any field of
    ``make_submission``, or ``establishment_id``); its reference."""

    def __call__(self, **changes: Any) -> str: ...


class ActFn(Protocol):
    """The ``act`` fixture: one workflow action (``note=``, ``outcome=``, ``confirm_close=``...
    as ``take_action`` takes them), committed."""

    def __call__(
        self, actor: Actor, reference: str, action: str, **inputs: Any
    ) -> ActionResult: ...


#: The ``view`` fixture: the case as a supervisor (who sees everything) reads it now.
ViewFn = Callable[[str], CaseView]


def open_titles(case: CaseView) -> list[str]:
    return [t.title for t in case.tasks if t.is_open]


def logged_on_tracker(engine: Engine, references: Iterable[str]) -> None:
    """Put cases on the HMIP sanctions tracker as step 3 would (rows only: for tests of the
    export, whose cases need not go through the workflow)."""
    from sqlmodel import select

    from intake.core.db.models import SanctionCase, TrackerEntry

    with Session(engine) as session:
        for reference in references:
            case = session.exec(select(SanctionCase).where(SanctionCase.reference == reference))
            found = case.one()
            assert found.id is not None
            session.add(TrackerEntry(case_id=found.id))
        session.commit()
