"""Issue 15 in the intake TUI, as a person at 80x24 would see it: evidence that expires gets a
task on the submitted case (point 7); without an interpreter the interview stops and is kept,
and goes on once one is there (point 4)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine
from sqlmodel import Session, select

from intake.core.db.models import SanctionCase, WorkflowTask
from intake.core.settings import Settings
from intake.core.users import Actor
from intake.interview.drafts import DraftStore
from intake.interview.session import InterviewSession
from intake.tui.app import IntakeApp
from intake.tui.screens.stopped import StoppedScreen
from tests.support.intake_tui import (
    COMMON,
    QUALIFYING,
    TODAY,
    DraftAt,
    accepted_text,
    answer_all,
    at_question,
    give,
    interview_screen,
    resume,
    screen_text,
    submit_from_review,
    wait_until,
)

STOPPED = "Stopped: an interpreter is needed (Polish)"


async def test_cctv_and_injuries_ticked_give_the_case_a_preservation_task(
    make_app: Callable[[], IntakeApp], draft_at: DraftAt, engine: Engine
) -> None:
    draft_at("evidence", {**COMMON, "narrative": QUALIFYING})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        question = await resume(pilot, "evidence")
        await give(pilot, question, "1 4")
        await answer_all(pilot, {**COMMON, "narrative": QUALIFYING})
        reference = await submit_from_review(pilot, app)
    with Session(engine) as session:
        case = session.exec(select(SanctionCase)).one()
        assert case.reference == reference
        query = select(WorkflowTask).where(WorkflowTask.duty == "preserve_evidence")
        (task,) = session.exec(query).all()
    assert task.title.endswith("CCTV, injury record (F213)")
    assert "healthcare" in (task.note or "")


async def test_no_interpreter_stops_says_what_to_do_and_keeps_the_draft(
    make_app: Callable[[], IntakeApp], draft_at: DraftAt, engine: Engine
) -> None:
    draft_at("interpreter")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        question = await resume(pilot, "interpreter")
        await give(pilot, question, "4")
        question = await at_question(pilot, "interpreter_language")
        shown = screen_text(app)
        assert "Stop: they need an interpreter and none is here" in shown
        assert "Do not take their account" in shown
        await give(pilot, question, "Polish")
        await give(pilot, await at_question(pilot, "person_name"), "Jan Kowalski")
        await give(pilot, await at_question(pilot, "prison_number"), "unknown")
        stop_question = await at_question(pilot, "stop:no_interpreter")
        assert f"{STOPPED}: no account and no consent" in " ".join(screen_text(app).split())
        await give(pilot, stop_question, "2")  # stop here and keep it
        await wait_until(pilot, lambda: isinstance(app.screen, StoppedScreen))
        shown = " ".join(screen_text(app).split())
        assert f"{STOPPED}." in shown and "No account and no consent were taken" in shown
        assert "Safer Custody" in shown
    (draft,) = DraftStore(engine).open_drafts()
    assert draft.stopped == STOPPED
    with Session(engine) as session:
        assert session.exec(select(SanctionCase)).all() == []


async def test_resumed_with_an_interpreter_it_goes_on_from_the_reassurance(
    make_app: Callable[[], IntakeApp], engine: Engine, settings: Settings, interviewer: Actor
) -> None:
    stopped = {
        **COMMON, "interpreter": "4", "interpreter_language": "Polish",
        "person_name": "Jan Kowalski", "prison_number": "unknown",
    }  # fmt: skip
    kept = InterviewSession.start(
        DraftStore(engine), actor=interviewer, settings=settings, today=TODAY
    )
    while (question := kept.interview.current()) is not None:  # stopped: nothing left to ask
        kept.answer(question, accepted_text(question, stopped[question.key]))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        stop_question = await resume(pilot, "stop:no_interpreter")
        assert STOPPED in " ".join(screen_text(app).split())
        await give(pilot, stop_question, "1")  # an interpreter is here now
        question = await at_question(pilot, "interpreter")
        await give(pilot, question, "3")  # by telephone
        await at_question(pilot, "reassurance_given")
        assert "Before we start" in screen_text(app)
        screen = interview_screen(app)
        assert screen.session.stop is None
        assert screen.session.interview.value("interpreter_language") == "Polish"
    (draft,) = DraftStore(engine).open_drafts()
    assert draft.stopped is None
