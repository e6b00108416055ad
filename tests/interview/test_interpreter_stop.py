"""An interpreter needed but not available (issue 15, point 4): the interview stops before the
account and consent, says what to do, notes only what can be noted, and the draft records why,
so it is picked up with an interpreter; through the session both front ends use."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from intake.core.db.models import Answer, InterviewDraft, SanctionCase
from intake.core.errors import ValidationProblem
from intake.core.settings import Settings
from intake.core.users import Actor
from intake.core.vocabulary import Organisation, Role
from intake.interview.drafts import DraftStore
from intake.interview.panel import case_panel
from intake.interview.script import Question, load_script, load_texts
from intake.interview.session import InterviewSession
from intake.interview.stops import GO_ON, KEEP
from tests.support.factories import make_user
from tests.support.intake_tui import COMMON, QUALIFYING, TODAY, accepted_text

NOT_AVAILABLE = "4"  # "Needed but not available"
BY_TELEPHONE = "3"
STOPPED = "Stopped: an interpreter is needed (Polish)"


@pytest.fixture
def interviewer(engine: Engine) -> Actor:
    with Session(engine) as session:
        actor = make_user(session, "Ines Pector", Role.INTAKE, Organisation.HMIP)
        session.commit()
        return actor


def start(engine: Engine, settings: Settings, actor: Actor) -> InterviewSession:
    return InterviewSession.start(DraftStore(engine), actor=actor, settings=settings, today=TODAY)


def answer_until_done(session: InterviewSession, answers: dict[str, str]) -> list[str]:
    """Answer every question asked, as the front ends do; the keys asked."""
    asked = []
    while (question := session.interview.current()) is not None:
        session.answer(question, accepted_text(question, answers[question.key]))
        asked.append(question.key)
    return asked


def answer_until(session: InterviewSession, answers: dict[str, str], key: str) -> Question:
    """Answer every question before ``key``; the question ``key``."""
    while (question := session.interview.current()) is not None and question.key != key:
        session.answer(question, accepted_text(question, answers[question.key]))
    assert question is not None, f"{key} was never asked"
    return question


STOPPED_ANSWERS = {
    **COMMON,
    "interpreter": NOT_AVAILABLE,
    "interpreter_language": "Polish",
    "person_name": "Jan Kowalski",
    "prison_number": "unknown",
}


def test_no_interpreter_stops_before_the_account_and_consent(
    engine: Engine, settings: Settings, interviewer: Actor
) -> None:
    session = start(engine, settings, interviewer)
    asked = answer_until_done(session, STOPPED_ANSWERS)
    assert asked == [
        "received_via", "establishment", "visit_date", "out_of_hearing", "reassurance_given",
        "interpreter",
        "interpreter_language", "person_name", "prison_number",
    ]  # fmt: skip
    stop = session.stop
    assert stop is not None and stop.id == "no_interpreter"
    assert session.stop_summary() == STOPPED
    words = " ".join(session.interview.say_text(stop.say).split())
    assert "Do not take their account or their consent" in words
    assert "Rearrange the interview with an interpreter" in words and "Big Word" in words
    assert "Safer Custody" in words
    choices = [c.value for c in session.interview.stop_question(stop).choices]
    assert choices == [GO_ON, KEEP]
    assert case_panel(session.interview).stopped == STOPPED

    with pytest.raises(ValidationProblem, match="an interpreter is needed"):
        session.submit()
    with Session(engine) as db:
        assert db.exec(select(SanctionCase)).all() == []

    (draft,) = DraftStore(engine).open_drafts()
    assert draft.stopped == STOPPED and draft.person == "Jan Kowalski"


def test_the_stop_is_recorded_as_soon_as_it_is_said_and_the_language_when_noted(
    engine: Engine, settings: Settings, interviewer: Actor
) -> None:
    session = start(engine, settings, interviewer)
    question = answer_until(session, STOPPED_ANSWERS, "interpreter_language")
    (draft,) = DraftStore(engine).open_drafts()
    assert draft.stopped == "Stopped: an interpreter is needed (not noted yet)"
    session.answer(question, "Polish")
    (draft,) = DraftStore(engine).open_drafts()
    assert draft.stopped == STOPPED


def test_resumed_with_an_interpreter_it_says_the_reassurance_again_and_goes_on(
    engine: Engine, settings: Settings, interviewer: Actor
) -> None:
    store = DraftStore(engine)
    first = start(engine, settings, interviewer)
    answer_until_done(first, STOPPED_ANSWERS)

    later = InterviewSession.resume(
        store, first.draft_id, actor=interviewer, settings=settings, today=TODAY
    )
    stop = later.stop
    assert stop is not None and later.interview.current() is None  # what now: go on or keep
    again = later.interview.question(stop.resume)
    later.answer(again, BY_TELEPHONE, editing=True)
    assert later.stop is None
    # Said without understanding the first time: said again, through the interpreter.
    assert later.interview.current().key == "reassurance_given"  # type: ignore[union-attr]
    (draft,) = store.open_drafts()
    assert draft.stopped is None
    with Session(engine) as db:
        state = db.get(InterviewDraft, first.draft_id).state  # type: ignore[union-attr]
    (record,) = state["stops"]
    assert record["summary"] == STOPPED and record["lifted_at"] is not None

    rest = {**STOPPED_ANSWERS, "interpreter": BY_TELEPHONE, "narrative": QUALIFYING}
    asked = answer_until_done(later, rest)
    assert asked[0] == "reassurance_given" and "interpreter_language" not in asked
    assert {"narrative", "consent_pursue"} <= set(asked)
    reference = later.submit()
    with Session(engine) as db:
        case = db.exec(select(SanctionCase)).one()
        assert case.reference == reference
        said = [a.answer for a in db.exec(select(Answer).where(Answer.case_id == case.id))]
    # The case's transcript keeps that the first interview was stopped, and the language.
    assert "Needed but not available" in said and "Yes, by telephone" in said
    assert "Polish" in said


def test_still_no_interpreter_keeps_it_stopped(
    engine: Engine, settings: Settings, interviewer: Actor
) -> None:
    session = start(engine, settings, interviewer)
    answer_until_done(session, STOPPED_ANSWERS)
    stop = session.stop
    assert stop is not None
    session.answer(session.interview.question(stop.resume), NOT_AVAILABLE, editing=True)
    assert session.stop_summary() == STOPPED
    assert session.interview.current() is None
    assert session.interview.value("reassurance_given") is True  # nothing asked again yet


def test_an_interpreter_there_asks_the_language_and_goes_on(
    engine: Engine, settings: Settings, interviewer: Actor
) -> None:
    session = start(engine, settings, interviewer)
    given = {**COMMON, "interpreter": BY_TELEPHONE, "interpreter_language": "Tigrinya"}
    answer_until(session, given, "raised_by")
    assert session.stop is None
    assert session.interview.value("interpreter_language") == "Tigrinya"


def test_the_stop_in_the_data_names_real_questions_and_texts() -> None:
    script = load_script()
    (stop,) = script.stops
    keys = {q.key for q in script.questions}
    assert {stop.resume, *stop.asks, *stop.ask_again} <= keys
    assert getattr(load_texts(), stop.say)
    assert "narrative" not in stop.asks and "consent_pursue" not in stop.asks
