"""Heightened risk (issue 15, point 6) in the intake TUI at 80x24: a removal, release or
transfer date that has passed is refused with the date and changes nothing; a date to come
raises the risk and the case panel says why; "not out of staff hearing" is noted in the panel.
Each test resumes an interview saved just before the question it tries (``draft_at``)."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input, Static

from intake.tui.app import IntakeApp
from intake.tui.screens.review import ReviewScreen
from intake.tui.widgets.case_panel import CasePanel
from tests.support.intake_tui import (
    COMMON,
    DraftAt,
    at_question,
    interview_screen,
    plain,
    resume,
    screen_text,
    shown_problem,
    type_text,
    wait_until,
)

#: No force, segregation or strip-search, no risk words: standard unless the answers raise it.
PLAIN = (
    "I wrote to the PPO about my canteen. The week after, the SO stopped my visits and said "
    "it was because I wrote to the PPO."
)
ANSWERS = {**COMMON, "narrative": PLAIN, "evidence": "5", "move_coming": "3"}  # a release


def panel_text(app: IntakeApp) -> str:
    panel = app.screen.query_one(CasePanel)
    return "\n".join(plain(w.content) for w in panel.query(Static))


async def test_a_move_date_that_has_passed_is_refused_then_one_to_come_raises_the_risk(
    make_app: Callable[[], IntakeApp], draft_at: DraftAt
) -> None:
    draft_at("move_date", ANSWERS)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        question = await resume(pilot, "move_date")
        assert question.prompt.startswith("When is it due?")
        assert "'next Friday'" in screen_text(app)  # the hint is about days to come
        await type_text(pilot, "yesterday")
        await pilot.press("enter")
        assert shown_problem(app) == (
            "⚠ 22 November 2026 has passed; give the date it is due (today or later)"
        )  # marked as a problem, not only by its colour
        assert app.screen.query_one(Input).value == "yesterday"
        assert (await at_question(pilot)).key == "move_date"
        session = interview_screen(app).session
        assert "move_date" not in session.interview.answers
        assert "Release due" not in panel_text(app) and " STANDARD " in panel_text(app)

        await pilot.press("ctrl+u", *"next friday", "enter")
        assert (await at_question(pilot)).key == "consent_pursue"
        await wait_until(pilot, lambda: "Release due on 27 November 2026" in panel_text(app))
        assert " HIGH " in panel_text(app)


async def test_not_out_of_staff_hearing_is_noted_in_the_panel(
    make_app: Callable[[], IntakeApp], draft_at: DraftAt
) -> None:
    draft_at("out_of_hearing", ANSWERS)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        question = await resume(pilot, "out_of_hearing")
        assert question.help and "may not feel free to speak" in question.help
        await pilot.press("n", "enter")
        assert (await at_question(pilot)).key == "reassurance_given"
        await wait_until(pilot, lambda: "Staff can hear" in panel_text(app))
        assert "they may not speak freely" in panel_text(app)


async def test_the_review_lists_why_the_risk_is_high(
    make_app: Callable[[], IntakeApp], draft_at: DraftAt
) -> None:
    draft_at("staff_agrees", {**ANSWERS, "move_date": "next friday", "vulnerabilities": "2"})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await resume(pilot, "staff_agrees")
        await pilot.press("y", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        shown = screen_text(app)
        assert "• pregnant" in shown
        assert "• Release due on 27 November 2026 (in 4 days)" in shown
