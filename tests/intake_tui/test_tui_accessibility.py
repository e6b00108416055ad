"""Accessibility of the intake at 80x24: the high-contrast theme switched from the first
screen and kept for the interviewer, risk and evidence in words and marks in either theme, and
every key of every screen in the command palette."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.widgets import Static

from intake.core.settings import Settings
from intake.core.users import Actor
from intake.look.themes import DEFAULT, HIGH_CONTRAST, NOTE_MARK, PROBLEM_MARK
from intake.tui.app import IntakeApp
from intake.tui.screens.done import DoneScreen
from intake.tui.screens.drafts import DraftsModal
from intake.tui.screens.edit import EditAnswerModal
from intake.tui.screens.identify import PickUserScreen
from intake.tui.screens.register import RegisterScreen
from intake.tui.screens.resume import ResumeModal
from intake.tui.screens.review import ReviewScreen
from intake.tui.screens.stopped import StoppedScreen
from intake.tui.widgets.answer_input import AnswerInput
from intake.tui.widgets.case_panel import CasePanel
from tests.support.a11y import buttons_needing_a_mouse, keys_missing_from_palette, palette_actions
from tests.support.intake_tui import (
    COMMON,
    RISK,
    DraftAt,
    at_question,
    interview_screen,
    plain,
    resume,
    type_text,
    wait_until,
)

SIZE = (80, 24)


def _choices(settings: Settings) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((settings.data_dir / "appearance.json").read_text())
    return data


async def test_high_contrast_chosen_at_the_first_start_is_the_new_interviewers(
    make_app: Callable[[], IntakeApp], settings: Settings
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, RegisterScreen))
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"high contrast")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.theme_choice == HIGH_CONTRAST)
        await wait_until(pilot, lambda: isinstance(app.screen, RegisterScreen))
        await type_text(pilot, "Alex Moss")
        await pilot.press("enter", "1", "enter", "1", "enter")  # HMIP, intake
        await wait_until(pilot, lambda: app.actor is not None and app.theme_user == "Alex Moss")
        assert app.theme_choice == HIGH_CONTRAST
    assert _choices(settings) == {"users": {"Alex Moss": HIGH_CONTRAST}, "last": HIGH_CONTRAST}
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: again.theme_user == "Alex Moss")
        assert again.theme_choice == HIGH_CONTRAST
        await pilot.press("f9")  # anywhere, even in the answer box
        await pilot.pause()
        assert again.theme_choice == DEFAULT
    assert _choices(settings)["users"] == {"Alex Moss": DEFAULT}


@pytest.mark.parametrize("theme", [DEFAULT, HIGH_CONTRAST])
async def test_risk_and_evidence_are_in_words_and_marks_in_either_theme(
    make_app: Callable[[], IntakeApp], draft_at: DraftAt, theme: str
) -> None:
    draft_at("still_happening", dict(COMMON, narrative=RISK))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.set_theme_choice(theme)
        await resume(pilot, "still_happening")
        screen = interview_screen(app)
        banner = plain(screen.query_one("#risk", Static).content)
        assert banner.startswith("IMMEDIATE RISK")
        panel = screen.query_one(CasePanel)
        facts = plain(panel.query_one("#panel-facts", Static).content)
        assert "HIGH" in facts or "IMMEDIATE" in facts  # the level, in capitals
        assert "immediate" in facts  # and the immediate risk beside it, in words
        assessment = plain(panel.query_one("#panel-assessment", Static).content)
        assert "Risk      immediate" in assessment or "Risk immediate" in assessment
        assert "[kill myself]" in assessment or "[" in assessment.split("Evidence", 1)[1]
        # A refused answer is marked, not only coloured; a note is marked otherwise.
        box = screen.query_one(AnswerInput)
        box.show_problem("not one of the choices")
        assert plain(box.query_one("#problem", Static).content).startswith(PROBLEM_MARK)
        box.show_note("found in the account")
        assert plain(box.query_one("#problem", Static).content).startswith(NOTE_MARK)


def _check(app: IntakeApp, found: dict[str, int]) -> None:
    name = type(app.screen).__name__
    assert keys_missing_from_palette(app) == [], name
    assert buttons_needing_a_mouse(app) == [], name
    found[name] = palette_actions(app)


async def test_every_key_of_every_screen_is_in_the_palette(
    make_app: Callable[[], IntakeApp], draft_at: DraftAt, interviewer: Actor
) -> None:
    draft_at("narrative")
    found: dict[str, int] = {}
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ResumeModal))
        _check(app, found)
        await pilot.press("r", "enter")
        await at_question(pilot, "narrative")
        _check(app, found)  # the narrative's box: F5 accepts
        await pilot.press("f4")
        await wait_until(pilot, lambda: isinstance(app.screen, DraftsModal))
        _check(app, found)
        await pilot.press("escape")
        await pilot.press("f6")
        await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        review = app.screen
        _check(app, found)
        await pilot.press("e")
        await pilot.pause(0.2)
        if not isinstance(app.screen, EditAnswerModal):  # on a heading: the next entry
            await pilot.press("down", "e")
        await wait_until(pilot, lambda: isinstance(app.screen, EditAnswerModal))
        _check(app, found)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is review)
        session = interview_screen_session(app)
        for screen in (
            DoneScreen(session.interview, "SAN-2026-00001"),
            StoppedScreen(session.interview),
            PickUserScreen([interviewer]),
        ):
            await app.push_screen(screen)
            await pilot.pause()
            _check(app, found)
            await app.pop_screen()
    expected = {"ResumeModal", "InterviewScreen", "DraftsModal", "ReviewScreen",
                "EditAnswerModal", "DoneScreen", "StoppedScreen", "PickUserScreen"}  # fmt: skip
    assert expected <= set(found), found
    print("palette actions per screen:", found)


def interview_screen_session(app: IntakeApp) -> Any:
    assert app.session is not None
    return app.session


async def test_a_tick_box_reads_ticked_or_not_without_colour() -> None:
    """Textual draws every box with an "X" and shows the tick by colour alone; an unticked box
    is drawn empty."""
    from textual.app import App, ComposeResult

    from intake.tui.widgets.controls import MultiPicker

    class Boxes(App[None]):
        def compose(self) -> ComposeResult:
            yield MultiPicker(["The inspectors", "The Board", "The Ombudsman"], selected={2})

    app = Boxes()
    async with app.run_test(size=(60, 8)) as pilot:
        picker = app.query_one(MultiPicker)
        rows = [picker.render_line(y).text for y in range(3)]
        assert "X" not in rows[0] and "X" in rows[1] and "X" not in rows[2]
        picker.focus()
        await pilot.press("1")
        assert "X" in picker.render_line(0).text
