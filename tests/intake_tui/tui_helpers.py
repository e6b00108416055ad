"""Driving the intake TUI as a person would: keys in, what is on screen out."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

from rich.console import Console
from rich.text import Text
from textual import events
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from intake.interview.script import Kind, Question
from intake.tui.app import IntakeApp
from intake.tui.screens.interview import InterviewScreen
from intake.tui.widgets.answer_input import AnswerInput

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
    "establishment": "Wandsworth",
    "visit_date": "",
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
    "vulnerabilities": "8",
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


async def wait_until(pilot: Pilot[None], check: Callable[[], object], tries: int = 200) -> None:
    """Let the app run until ``check()`` holds (workers, timers, screens settling)."""
    for _ in range(tries):
        if check():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never happened: {check}")


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


def _answer_box_focused(app: object) -> bool:
    focused = getattr(app, "focused", None)
    return focused is not None and any(isinstance(n, AnswerInput) for n in focused.ancestors)


async def give(pilot: Pilot[None], question: Question, answer: str) -> None:
    """Answer with the keys a person would press for this kind of question."""
    await wait_until(pilot, lambda: _answer_box_focused(pilot.app))
    if question.kind in (Kind.CHOICE, Kind.YES_NO):
        await pilot.press(answer)
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


def shown_problem(app: IntakeApp) -> str:
    boxes = app.screen.query(AnswerInput)
    if not boxes:
        return ""
    problem = boxes.first().query_one("#problem", Static)
    return str(problem.render()) if problem.has_class("shown") else ""


def plain(renderable: object) -> str:
    """What a renderable shows, as plain text (wide, so lines are not wrapped)."""
    if isinstance(renderable, str | Text | Content):
        return str(renderable)
    console = Console(file=io.StringIO(), width=400, color_system=None)
    with console.capture() as captured:
        console.print(renderable)
    return captured.get()


def screen_text(app: IntakeApp) -> str:
    """The words the current screen shows: its texts and the entries of its lists."""
    parts = [plain(w.content) for w in app.screen.query(Static) if w.display]
    for listing in app.screen.query(OptionList):
        options = (listing.get_option_at_index(i) for i in range(listing.option_count))
        parts += [plain(option.prompt) for option in options]
    return "\n".join(parts)
