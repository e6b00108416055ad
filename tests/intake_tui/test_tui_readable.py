"""Readable at 80x24 (issue 15, point 3): a refusal shows where the eye is, and a number key in a
list picks its option without answering the next question too."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import OptionList, Static

from intake.tui.app import IntakeApp
from intake.tui.screens.register import RegisterScreen
from intake.tui.widgets.answer_input import AnswerInput
from tests.support.intake_tui import (
    DraftAt,
    at_question,
    interview_screen,
    resume,
    screen_text,
    type_text,
    wait_until,
)


def _in_view(app: IntakeApp, widget: Static, scroller: str) -> bool:
    """Whether all of ``widget`` is inside the visible part of its scrolling container."""
    shown, seen = widget.region, app.screen.query_one(scroller).scrollable_content_region
    return bool(shown.height) and seen.y <= shown.y and shown.bottom <= seen.bottom


async def test_first_start_a_wrong_board_shows_its_message_in_view_at_80x24(
    make_app: Callable[[], IntakeApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, RegisterScreen))
        await type_text(pilot, "Alex Moss")
        await pilot.press("enter", "2", "enter", "1", "enter")  # IMB, intake
        await type_text(pilot, "Atlantis")
        await pilot.press("enter")
        problem = app.screen.query_one("#problem", Static)
        await wait_until(pilot, lambda: "Atlantis" in str(problem.content))
        await pilot.pause()
        assert _in_view(app, problem, "#register"), (problem.region, screen_text(app))
        # Under the field it is about, which keeps the focus to be typed again.
        board = app.screen.query_one("#board")
        assert board.has_focus and board.region.bottom <= problem.region.y


async def test_first_start_a_missing_name_shows_under_the_name(
    make_app: Callable[[], IntakeApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, RegisterScreen))
        await pilot.press("enter")
        problem = app.screen.query_one("#problem", Static)
        await pilot.pause()
        assert "Please type your name" in str(problem.content)
        assert _in_view(app, problem, "#register")
        assert app.screen.query_one("#name").region.bottom <= problem.region.y


async def test_a_number_key_picks_and_enter_answers_only_that_question(
    make_app: Callable[[], IntakeApp], draft_at: DraftAt
) -> None:
    draft_at("interpreter")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await resume(pilot, "interpreter")
        await pilot.press("3")  # picks "Yes, by telephone": nothing is answered yet
        await pilot.pause()
        interview = interview_screen(app).session.interview
        assert "interpreter" not in interview.answers
        assert app.screen.query_one(AnswerInput).query_one(OptionList).highlighted == 2
        await pilot.press("1", "enter")  # a second thought: "No, not needed"
        await at_question(pilot, "raised_by")
        await pilot.press("2", "enter")  # the habit: a number, then Enter
        await at_question(pilot, "concern_type")
        assert interview.value("interpreter") == "none"
        assert interview.value("raised_by") == "family"
        assert "concern_type" not in interview.answers  # the Enter did not carry over


async def test_the_number_then_enter_on_a_yes_no_question_answers_it_once(
    make_app: Callable[[], IntakeApp], draft_at: DraftAt
) -> None:
    draft_at("reassurance_given")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await resume(pilot, "reassurance_given")
        await pilot.press("y", "enter")
        await at_question(pilot, "interpreter")
        await pilot.pause()
        interview = interview_screen(app).session.interview
        assert interview.value("reassurance_given") is True
        assert "interpreter" not in interview.answers


async def test_a_stray_enter_never_answers_a_question_nothing_was_picked_in(
    make_app: Callable[[], IntakeApp], draft_at: DraftAt
) -> None:
    draft_at("interpreter")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await resume(pilot, "interpreter")
        picker = app.screen.query_one(AnswerInput).query_one(OptionList)
        assert picker.highlighted is None  # nothing picked for them
        await pilot.press("enter")  # e.g. one Enter too many after confirming a found answer
        await pilot.pause()
        interview = interview_screen(app).session.interview
        assert "interpreter" not in interview.answers
        assert "Pick one first" in " ".join(str(n.message) for n in app._notifications)
        await pilot.press("down", "enter")  # the first option, chosen on purpose
        await at_question(pilot, "raised_by")
        assert interview.value("interpreter") == "none"
