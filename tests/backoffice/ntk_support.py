"""What the need-to-know tests share: a person easy to spot, cases of every kind, checks."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, select

from backoffice.queue import QueueFilters, list_queue
from backoffice.view_models import CaseView, QueuePage
from intake.core.audit import change_case
from intake.core.db.models import Answer, InterviewDraft, SanctionCase
from intake.core.settings import Settings
from intake.core.submission import ClassificationView, PersonDetails, submit_case
from intake.core.users import SYSTEM, Actor
from intake.core.vocabulary import Body, Qualifies, Route
from tests.support.factories import make_submission

NAME, NUMBER, LOCATION = "Jordan Example", "A1234BC", "B wing cell 12"
NARRATIVE = (
    "Jordan Example (A1234BC) was moved to the segregation unit from B wing cell 12 "
    "the day after he spoke to the IMB."
)
#: What must never reach a reader the case is pseudonymised for, anywhere in the case view.
IDENTIFYING = ("Jordan", "Example", "JORDAN", "jordan", NUMBER, "A1234 BC", "cell 12")

NAMED, PSEUDONYM, HIDDEN = "named", "pseudonym", "not found"


def _details(**changes: Any) -> dict[str, Any]:
    rules = ClassificationView(
        qualifies=Qualifies.YES,
        categories=["isolation"],
        body=[Body.IMB],
        route=Route.SANCTION_PROTOCOL,
        evidence=[{"label": "isolation", "text": "Jordan Example (A1234BC) was moved"}],
        rationale="Jordan Example names the segregation unit",
    )
    return {
        "person": PersonDetails(name=NAME, prison_number=NUMBER, location=LOCATION),
        "narrative": NARRATIVE,
        "rules": rules,
        **changes,
    }


def _with_transcript(engine: Engine, settings: Settings, actor: Actor, establishment: int) -> str:
    """A case submitted from a guided interview, so it has a transcript naming the person."""
    with Session(engine) as session:
        draft = InterviewDraft(user_id=actor.id)
        session.add(draft)
        session.flush()
        assert draft.id is not None
        for seq, (key, question, answer) in enumerate(
            [
                ("person_name", "What is the person's name?", NAME),
                ("prison_number", "Their prison number?", NUMBER),
                ("location", "Where are they held?", LOCATION),
            ],
            start=1,
        ):
            session.add(
                Answer(draft_id=draft.id, seq=seq, key=key, question=question, answer=answer)
            )
        submission = make_submission(establishment, draft_id=draft.id, **_details())
        case = submit_case(session, submission=submission, actor=actor, settings=settings)
        session.commit()
        return case.reference


def _hand_to(engine: Engine, reference: str, *organisations: str) -> None:
    """The case handed to other organisations (the workflow will do this; here, directly)."""
    with Session(engine) as session:
        case = session.exec(select(SanctionCase).where(SanctionCase.reference == reference)).one()
        change_case(
            session,
            case,
            actor=SYSTEM,
            action="handed",
            changes={"identified_to": [*organisations]},
        )
        session.commit()


def _listed(session: Session, actor: Actor) -> QueuePage:
    every = QueueFilters(open_only=False)
    return list_queue(session, actor=actor, filters=every, page_size=200)


def _assert_named(view: CaseView) -> None:
    person = view.person
    assert view.identified and view.identity_note is None
    assert (person.name, person.prison_number, person.location) == (NAME, NUMBER, LOCATION)
    assert NAME in view.narrative and view.summary.identified


def _assert_pseudonymised(view: CaseView) -> None:
    person = view.person
    assert not view.identified and not view.summary.identified
    assert view.identity_note and view.identity_note.startswith("Pseudonymised")
    assert person.name is None and person.location is None
    assert (person.pseudonym or "").startswith("PERSON-")
    assert (person.prison_number or "").startswith("PN-")
    assert "[PERSON]" in view.narrative and "[LOCATION]" in view.narrative
    shown = view.model_dump_json()
    assert not [word for word in IDENTIFYING if word in shown]
