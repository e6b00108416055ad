"""Driving the intake TUI (``App.run_test()`` and Pilot) as a person would: keys in, what is on
screen out; and unfinished interviews saved straight to the database, to resume at a question.

``answer_all`` answers question after question with the keys a person presses (from question 1,
or from wherever a resumed draft stands). ``saved_draft`` saves the answers to every question
before the one under test as the app saves them (the same ``InterviewSession``, without the
keys), and ``resume`` starts from it by choosing "Resume" on the app's first screen.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

from sqlalchemy import Engine
from sqlmodel import Session, select
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Static

from intake.core.db.models import SanctionCase
from intake.core.settings import Settings
from intake.core.users import Actor
from intake.interview.answers import parse_answer
from intake.interview.drafts import DraftStore
from intake.interview.script import Kind, Question
from intake.interview.session import InterviewSession
from intake.tui.app import IntakeApp
from intake.tui.screens.done import DoneScreen
from intake.tui.screens.interview.screen import InterviewScreen
from intake.tui.screens.resume import ResumeModal
from intake.tui.screens.review import ReviewScreen
from intake.tui.widgets.answer_input import AnswerInput
from tests.support.tui import plain as plain
from tests.support.tui import screen_text as screen_text
from tests.support.tui import wait_until as wait_until

TODAY = date(2026, 11, 23)
QUALIFYING = (
    "I told the IMB about the food on my wing. Two days later Officer Jones put me in "
    "segregation and said it was because I went to the IMB. He threatened to move me."
)
RISK = (
    "After I spoke to the inspectors, officers said they will get me tonight. Officer Reid "
    "said I am going to get hurt because I talked to the inspectors. I am scared they will "
    "kill me and I want to kill myself."
)

COMMON = {
    "received_via": "1",
    "establishment": "Wandsworth",
    "visit_date": "",
    "out_of_hearing": "y",
    "reassurance_given": "y",
    "interpreter": "1",
    "raised_by": "1",
    "concern_type": "1",
    "person_name": "John Smith",
    "prison_number": "A1234BC",
    "age_band": "3",
    "location": "B wing",
    "body": "2",
    "channel": "2",
    "contact_date": "two weeks ago",
    "link_reason": "The officer said it was for going to the IMB.",
    "when_where": "last Monday on B wing",
    "staff_involved": "Officer Jones",
    "witnesses": "skip",
    "evidence": "1 2",
    "still_happening": "n",
    "immediate_danger": "n",
    "self_harm": "n",
    # Asked only with an immediate risk:
    "action_taken": "Told the duty governor, Ms Khan, in person",
    "action_at": "14:30 today",
    "injuries": "n",
    "vulnerabilities": "9",
    "move_coming": "1",
    "consent_pursue": "y",
    "consent_share_identity": "y",
    "consent_imb_enquiries": "y",
    "staff_agrees": "y",
}

LINE_KINDS = (
    Kind.TEXT,
    Kind.DATE,
    Kind.ESTABLISHMENT,
    Kind.PRISON_NUMBER,
    Kind.HOME_OFFICE_REF,
)


def interview_screen(app: IntakeApp) -> InterviewScreen:
    screen = app.screen
    assert isinstance(screen, InterviewScreen), f"on {type(screen).__name__}"
    return screen


async def at_question(pilot: Pilot[None], key: str | None = None) -> Question:
    """Wait until the interview shows an answer box (for ``key``, if given)."""
    app = pilot.app

    def ready() -> bool:
        if not isinstance(app.screen, InterviewScreen):
            return False
        boxes = app.screen.query(AnswerInput)
        return bool(boxes) and (key is None or boxes.first().question.key == key)

    await wait_until(pilot, ready)
    return app.screen.query_one(AnswerInput).question


async def type_text(pilot: Pilot[None], text: str) -> None:
    keys = ["enter" if char == "\n" else char for char in text]
    await pilot.press(*keys)


async def paste(pilot: Pilot[None], text: str) -> None:
    """A bracketed paste, as the terminal delivers it to the app (once a box has the focus)."""
    await wait_until(pilot, lambda: _answer_box_focused(pilot.app))
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


def _answer_box_focused(app: App[Any]) -> bool:
    focused = app.focused
    return focused is not None and any(isinstance(n, AnswerInput) for n in focused.ancestors)


async def give(pilot: Pilot[None], question: Question, answer: str) -> None:
    """Answer with the keys a person would press for this kind of question."""
    await wait_until(pilot, lambda: _answer_box_focused(pilot.app))
    if confirms_found(pilot.app, question, answer):
        await pilot.press("enter")  # shown as found: Enter confirms it
    elif question.kind in (Kind.CHOICE, Kind.YES_NO):
        await pilot.press(answer, "enter")
    elif question.kind == Kind.MULTI:
        await pilot.press(*answer.split(), "enter")
    elif question.kind in (Kind.NARRATIVE, Kind.LONG_TEXT):
        await paste(pilot, answer)
        await pilot.press("f5")
    elif len(answer) > 12:
        await paste(pilot, answer)
        await pilot.press("enter")
    else:
        await type_text(pilot, answer)
        await pilot.press("enter")
    await pilot.pause()


def confirms_found(app: App[Any], question: Question, answer: str) -> bool:
    """The answer is the one the interview already shows as found (only Enter is needed; a
    number pressed in a list of ticks would untick it)."""
    if question.found is None or question.kind != Kind.MULTI:
        return False
    interview = app.screen.session.interview  # type: ignore[attr-defined]
    text = accepted_text(question, answer)
    parsed = parse_answer(question, text, directory=interview.directory, today=interview.today)
    return bool(parsed.value == question.found.value)


async def answer_all(
    pilot: Pilot[None], answers: dict[str, str], *, stop_at: str | None = None
) -> list[str]:
    """Answer every question asked (until ``stop_at`` is asked), from ``answers`` by key."""
    asked: list[str] = []
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, InterviewScreen))
    while True:
        await wait_until(
            pilot,
            lambda: not isinstance(app.screen, InterviewScreen) or app.screen.query(AnswerInput),
        )
        if not isinstance(app.screen, InterviewScreen):
            return asked
        question = app.screen.query_one(AnswerInput).question
        if question.key == stop_at:
            return asked
        assert question.key in answers, f"unexpected question {question.key}: {question.prompt}"
        assert len(asked) < 60, "the interview does not end"
        before = len(app.screen.session.interview.answers)
        await give(pilot, question, answers[question.key])
        problem = shown_problem(app)
        assert not problem, f"{question.key}: {problem}"
        assert len(app.screen.session.interview.answers) >= before
        asked.append(question.key)


def shown_problem(app: App[Any]) -> str:
    boxes = app.screen.query(AnswerInput)
    if not boxes:
        return ""
    problem = boxes.first().query_one("#problem", Static)
    shown = problem.has_class("shown") and not problem.has_class("note")
    return str(problem.render()) if shown else ""


def only_case(engine: Engine) -> SanctionCase:
    """The one case in the database (there must be exactly one)."""
    with Session(engine) as session:
        cases = session.exec(select(SanctionCase)).all()
        assert len(cases) == 1
        return cases[0]


async def submit_from_review(pilot: Pilot[None], app: IntakeApp) -> str:
    """Ctrl+S on the review; the reference the done screen shows."""
    await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen))
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: isinstance(app.screen, DoneScreen))
    done = app.screen
    assert isinstance(done, DoneScreen)
    assert done.reference in screen_text(app)
    return done.reference


# ---- starting from a saved draft ----


class DraftAt(Protocol):
    """The ``draft_at`` fixture: ``draft_at(stop_at, answers=COMMON)`` saves a draft; its id."""

    def __call__(self, stop_at: str, answers: dict[str, str] = ...) -> int: ...


def accepted_text(question: Question, keys: str) -> str:
    """The answer the control hands the interview when ``keys`` are pressed (see ``give``):
    a choice's number, 1 or 2 for yes or no, the numbers ticked, or the words typed."""
    if question.kind == Kind.YES_NO:
        return {"y": "1", "n": "2"}[keys]
    if question.kind == Kind.MULTI:
        return ", ".join(str(n) for n in sorted({int(k) for k in keys.split()}))
    return keys


def saved_draft(
    engine: Engine, settings: Settings, actor: Actor, answers: dict[str, str], *, stop_at: str
) -> int:
    """An unfinished interview of ``actor``, saved as the app saves one: every question asked
    before ``stop_at`` answered from ``answers`` (by key, as for ``answer_all``). Its id."""
    session = InterviewSession.start(
        DraftStore(engine), actor=actor, settings=settings, today=TODAY
    )
    while (question := session.interview.current()) is not None and question.key != stop_at:
        assert question.key in answers, f"unexpected question {question.key}: {question.prompt}"
        session.answer(question, accepted_text(question, answers[question.key]))
    assert question is not None, f"the interview ended before {stop_at} was asked"
    return session.draft_id


async def resume(pilot: Pilot[None], key: str | None = None) -> Question:
    """Choose "Resume" when the app offers the unfinished interview; the question it asks
    (``key``, if given)."""
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, ResumeModal))
    await pilot.press("r", "enter")
    return await at_question(pilot, key)
