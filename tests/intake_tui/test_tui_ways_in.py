"""The TUI at 80x24 for issue 15 points 1 and 2: a letter gets its reassurance back in writing
(Enter writes it to the file offered), and what the account gives is offered, Enter confirms."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine

from intake.core.settings import Settings
from intake.core.vocabulary import Organisation
from intake.interview.profile import register_first_user
from intake.interview.session import Imported
from intake.tui.app import IntakeApp, create_app
from intake.tui.widgets.answer_input import AnswerInput
from tests.support.intake_tui import (
    COMMON,
    QUALIFYING,
    TODAY,
    DraftAt,
    answer_all,
    at_question,
    only_case,
    resume,
    screen_text,
    submit_from_review,
    wait_until,
)

LETTER = {
    **COMMON,
    "received_via": "3",
    "raised_by": "4",
    "narrative": QUALIFYING,
    "reply_letter": "",
}


async def test_a_letter_writes_its_reply_and_asks_no_consent(
    make_app: Callable[[], IntakeApp], draft_at: DraftAt, engine: Engine, settings: Settings
) -> None:
    draft_at("reply_letter", answers=LETTER)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        question = await resume(pilot, "reply_letter")
        assert question.found is not None
        offered = question.found.display
        assert offered.startswith(str(settings.data_dir / "letters" / "reassurance-john-smith"))
        assert "It came in writing" in screen_text(app)
        box = app.screen.query_one(AnswerInput)
        assert box.typed == offered  # the path is there: Enter writes it
        await pilot.press("enter")
        asked = await answer_all(pilot, LETTER)
        assert asked == ["staff_agrees"]
        await submit_from_review(pilot, app)
    letter = Path(offered).read_text(encoding="utf-8")
    assert "Dear John Smith," in letter and "HMP Wandsworth" in letter
    assert "the letter your solicitor sent us for you" in letter
    case = only_case(engine)
    assert case.received_via == "letter" and case.reassurance_written_at is not None
    assert case.raised_by_detail == "lawyer"


async def test_the_body_found_in_the_account_is_confirmed_with_enter(
    make_app: Callable[[], IntakeApp], draft_at: DraftAt
) -> None:
    draft_at("body", answers={**COMMON, "narrative": QUALIFYING})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        question = await resume(pilot, "body")
        assert question.found is not None and question.found.value == ["IMB"]
        await wait_until(pilot, lambda: "From the account" in screen_text(app))
        assert "Enter confirms it" in screen_text(app)
        await pilot.press("enter")
        await at_question(pilot, "channel")
        assert app.screen.session.interview.value("body") == ["IMB"]  # type: ignore[attr-defined]


async def test_an_imported_letter_is_the_account(engine: Engine, settings: Settings) -> None:
    register_first_user(engine, settings, name="Pat Ombud", organisation=Organisation.PPO)
    text = "Dear PPO,\n\n\tMy visits stopped after I complained to the Ombudsman.\n\nA. Person\n"
    app = create_app(
        settings=settings, engine=engine, today=TODAY, imported=Imported("letter.txt", text)
    )
    async with app.run_test(size=(80, 24)) as pilot:
        question = await at_question(pilot, "received_via")
        assert question.found is not None and question.found.value == "letter"
        assert "The account is the text of letter.txt" in screen_text(app)
        await pilot.press("enter")
        await at_question(pilot, "establishment")
        session = app.screen.session  # type: ignore[attr-defined]
        assert session.interview.value("narrative") == text
        assert session.interview.value("received_via") == "letter"
