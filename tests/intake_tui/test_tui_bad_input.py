"""Bad input: a clear message, the answer not taken, and nothing typed lost.

Each test resumes an interview saved just before the question it tries (``draft_at``)."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input, Static, TextArea

from intake.tui.app import IntakeApp
from intake.tui.screens.review import ReviewScreen
from intake.tui.widgets.answer_input import AnswerInput
from tests.support.intake_tui import (
    DraftAt,
    at_question,
    interview_screen,
    paste,
    resume,
    screen_text,
    shown_problem,
    type_text,
)


async def test_malformed_prison_number(
    make_app: Callable[[], IntakeApp], draft_at: DraftAt
) -> None:
    draft_at("prison_number")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await resume(pilot, "prison_number")
        await type_text(pilot, "1234ABC")
        await pilot.press("enter")
        assert "such as A1234BC" in shown_problem(app)
        assert (await at_question(pilot)).key == "prison_number"
        assert app.screen.query_one(Input).value == "1234ABC"
        assert "prison_number" not in interview_screen(app).session.interview.answers
        await pilot.press("ctrl+u", *"a1234bc", "enter")
        assert (await at_question(pilot)).key == "age_band"
        assert "A1234BC" in screen_text(app)


async def test_date_in_the_future(make_app: Callable[[], IntakeApp], draft_at: DraftAt) -> None:
    draft_at("visit_date")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await resume(pilot, "visit_date")
        await type_text(pilot, "31/12/2026")
        await pilot.press("enter")
        assert "is in the future" in shown_problem(app)
        assert app.screen.query_one(Input).value == "31/12/2026"
        assert (await at_question(pilot)).key == "visit_date"


async def test_empty_required_answer(make_app: Callable[[], IntakeApp], draft_at: DraftAt) -> None:
    draft_at("person_name")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await resume(pilot, "person_name")
        await pilot.press("space", "space", "enter")
        assert "is needed" in shown_problem(app)
        assert (await at_question(pilot)).key == "person_name"


async def test_empty_narrative_and_multi_choice_with_nothing_ticked(
    make_app: Callable[[], IntakeApp], draft_at: DraftAt
) -> None:
    draft_at("narrative")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await resume(pilot, "narrative")
        await pilot.press("f5")
        assert "is needed" in shown_problem(app)
        assert (await at_question(pilot)).key == "narrative"


async def test_a_100_kb_paste_is_refused_but_kept(
    make_app: Callable[[], IntakeApp], draft_at: DraftAt
) -> None:
    huge = ("They took my letters to the IMB away. " * 2700)[:100_000]
    draft_at("narrative")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await resume(pilot, "narrative")
        await paste(pilot, huge)
        await pilot.press("f5")
        assert "100,000 characters" in shown_problem(app)
        assert app.screen.query_one(TextArea).text == huge
        assert (await at_question(pilot)).key == "narrative"


async def test_control_characters_in_a_paste_are_removed_and_said(
    make_app: Callable[[], IntakeApp], draft_at: DraftAt
) -> None:
    draft_at("person_name")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await resume(pilot, "person_name")
        await paste(pilot, "John\x00 Sm\x07ith\x08")
        assert "Removed 3 control character" in shown_problem(app)
        assert app.screen.query_one(Input).value == "John Smith"
        await pilot.press("enter")
        assert (await at_question(pilot)).key == "prison_number"


async def test_escape_sequences_and_markup_in_the_narrative_are_shown_literally(
    make_app: Callable[[], IntakeApp], draft_at: DraftAt
) -> None:
    typed = (
        "[bold red]They[/] locked me up after I wrote to the PPO \x1b[31mred\x1b[0m \x1b]0;x\x07."
    )
    draft_at("narrative")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await resume(pilot, "narrative")
        await paste(pilot, typed)
        assert "terminal codes" in shown_problem(app)
        area = app.screen.query_one(TextArea)
        assert "\x1b" not in area.text and "[bold red]They[/]" in area.text
        await pilot.press("f5")
        await at_question(pilot)
        log_entries = [str(s.render()) for s in app.screen.query("ConversationLog > Static")]
        assert any("[bold red]They[/] locked me up" in entry for entry in log_entries)
        await pilot.press("f6")
        assert isinstance(app.screen, ReviewScreen)
        # literal on the review too (the words after it may carry evidence brackets)
        assert "[bold red]They[/] locked" in screen_text(app)


async def test_markup_in_a_short_answer_is_literal(
    make_app: Callable[[], IntakeApp], draft_at: DraftAt
) -> None:
    draft_at("person_name")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await resume(pilot, "person_name")
        await paste(pilot, "[link=http://x]Jo[/link] [b]Smith")
        await pilot.press("enter")
        await at_question(pilot, "prison_number")
        answers = [str(s.render()) for s in app.screen.query(Static).filter(".answer")]
        assert "[link=http://x]Jo[/link] [b]Smith" in answers


async def test_f5_straight_after_a_burst_of_typing_keeps_every_word(
    make_app: Callable[[], IntakeApp], draft_at: DraftAt
) -> None:
    """F5 is a priority key: it must not overtake keys still waiting for the narrative box
    (a fast typist, or a terminal delivering a burst), or the end of the account is lost."""
    from textual import events

    from tests.support.intake_tui import wait_until

    draft_at("narrative")
    app = make_app()
    words = "Officer Bell took my job the day after my IMB application."
    async with app.run_test(size=(80, 24)) as pilot:
        await resume(pilot, "narrative")
        await wait_until(pilot, lambda: isinstance(app.focused, TextArea))
        for char in words:
            app.post_message(events.Key("space" if char == " " else char, char))
        app.post_message(events.Key("f5", None))
        await wait_until(
            pilot, lambda: "narrative" in interview_screen(app).session.interview.answers
        )
        assert interview_screen(app).session.interview.value("narrative") == words


async def test_an_establishment_that_fits_several_or_none_is_not_guessed(
    make_app: Callable[[], IntakeApp], draft_at: DraftAt
) -> None:
    draft_at("establishment")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await resume(pilot, "establishment")
        await type_text(pilot, "Brook")
        hint = app.screen.query_one(AnswerInput).query_one("#hint", Static)
        await pilot.pause(0.3)  # the hint follows what is typed
        assert "Several places fit" in str(hint.render())
        await pilot.press("enter")
        shown = shown_problem(app)
        assert "could be several places" in shown
        assert "Brook House IRC" in shown and "Colnbrook IRC" in shown
        assert (await at_question(pilot)).key == "establishment"
        assert "establishment" not in interview_screen(app).session.interview.answers
        await pilot.press("ctrl+u")
        await type_text(pilot, "Isle of Dogs")
        await pilot.press("enter")
        assert "no establishment found for 'Isle of Dogs'" in shown_problem(app)
        assert "HMP Isle of Wight" in shown_problem(app)
        assert (await at_question(pilot)).key == "establishment"
        assert "establishment" not in interview_screen(app).session.interview.answers
        await pilot.press("ctrl+u")
        await type_text(pilot, "Manchester Airport holding room")
        await pilot.press("enter")
        assert (await at_question(pilot)).key != "establishment"
        answer = interview_screen(app).session.interview.answers["establishment"]
        assert answer.value == {"name": "Manchester Airport holding rooms", "type": "holding"}
