"""Never lose a word: a torn-down app offers its draft back, unfinished narrative included."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine
from textual.widgets import OptionList, TextArea

from intake.interview.drafts import DraftStore
from intake.tui.app import IntakeApp
from intake.tui.screens.drafts import DraftsModal
from intake.tui.screens.resume import ResumeModal
from tests.support.intake_tui import (
    DraftAt,
    at_question,
    interview_screen,
    paste,
    resume,
    screen_text,
    type_text,
    wait_until,
)

FIRST_PART = "They moved me to the block the day after I saw the IMB. "


async def test_resume_after_a_crash_brings_back_answers_and_unfinished_narrative(
    make_app: Callable[[], IntakeApp], draft_at: DraftAt, engine: Engine
) -> None:
    store = DraftStore(engine)
    draft_at("narrative")
    first = make_app()
    async with first.run_test(size=(80, 24)) as pilot:
        await resume(pilot, "narrative")
        await paste(pilot, FIRST_PART)
        await type_text(pilot, "Officer")

        def autosaved() -> bool:
            drafts = store.open_drafts()
            text = store.load(drafts[0].id).pending_text if drafts else None
            return text == FIRST_PART + "Officer"

        await wait_until(pilot, autosaved)
        # The app is torn down here without quitting or submitting, as if killed.

    second = make_app()
    async with second.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(second.screen, ResumeModal))
        await wait_until(pilot, lambda: "unfinished text" in screen_text(second))
        await pilot.press("r", "enter")
        question = await at_question(pilot)
        assert question.key == "narrative"
        screen = interview_screen(second)
        assert screen.query_one(TextArea).text == FIRST_PART + "Officer"
        assert screen.session.interview.value("person_name") == "John Smith"
        shown = screen_text(second)
        assert "John Smith" in shown and "A1234BC" in shown
        assert "Recovered the unfinished text" in shown


async def test_starting_new_keeps_the_draft_and_the_drafts_list_discards_it(
    make_app: Callable[[], IntakeApp], draft_at: DraftAt, engine: Engine
) -> None:
    store = DraftStore(engine)
    draft_at("person_name")  # an interview left at the person's name
    old = store.open_drafts()[0].id

    second = make_app()
    async with second.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(second.screen, ResumeModal))
        await pilot.press("n", "enter")
        await at_question(pilot, "received_via")
        await pilot.press("f4")
        await wait_until(pilot, lambda: isinstance(second.screen, DraftsModal))
        drafts_modal = second.screen
        assert isinstance(drafts_modal, DraftsModal)
        listing = drafts_modal.query_one(OptionList)
        await wait_until(pilot, lambda: listing.option_count == 2)
        assert "on screen now" in screen_text(second)
        index = next(i for i, d in enumerate(drafts_modal.drafts) if d.id == old)
        listing.highlighted = index
        await pilot.press("d")
        assert "Press d again" in screen_text(second)
        await pilot.press("d")
        await wait_until(pilot, lambda: listing.option_count == 1)
        await pilot.press("escape")
        await at_question(pilot, "received_via")
    assert [d.id for d in store.open_drafts()] != [old]
    assert old not in [d.id for d in store.open_drafts()]
