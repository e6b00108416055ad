"""The interview in Welsh through the TUI (issue 17, point 2): at a Welsh prison the language is
offered as a labelled choice reached from the keyboard; then what is said to the person shows
in Welsh with its English, staff's questions stay English, and the case records the language."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine
from textual.widgets import Static

from intake.core.users import Actor
from intake.tui.app import IntakeApp
from intake.tui.widgets.answer_input import AnswerInput
from intake.tui.widgets.conversation import ConversationLog
from tests.support.intake_tui import (
    COMMON,
    QUALIFYING,
    answer_all,
    at_question,
    only_case,
    plain,
    submit_from_review,
)

WELSH = {**COMMON, "establishment": "Cardiff", "language": "2", "narrative": QUALIFYING}


def _log_text(app: IntakeApp) -> str:
    log = app.screen.query_one(ConversationLog)
    parts = [plain(child.content) for child in log.query(Static)]
    titles = [str(child.border_title or "") for child in log.query(Static)]
    return "\n".join(titles + parts)


async def test_a_welsh_interview_is_said_in_welsh_and_recorded(
    make_app: Callable[[], IntakeApp], interviewer: Actor, engine: Engine
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await answer_all(pilot, WELSH, stop_at="language")
        choice = app.screen.query_one(AnswerInput)
        assert choice.question.prompt == "Which language is the interview in?"
        assert [c.label for c in choice.question.choices] == ["English", "Welsh (Cymraeg)"]
        await answer_all(pilot, WELSH, stop_at="reassurance_given")
        words = _log_text(app)
        assert "Say this to them, in Welsh" in words
        assert "Cyn inni ddechrau, rwyf am ichi wybod tri pheth:" in words
        assert "In English (for you, not to read out):" in words
        assert "Before we start" in words
        await answer_all(pilot, WELSH, stop_at="person_name")
        assert "Beth yw eich enw?" in _log_text(app)
        assert (await at_question(pilot)).prompt == "The person's name?"  # staff's, English
        await answer_all(pilot, WELSH)
        await submit_from_review(pilot, app)
    case = only_case(engine)
    assert (case.language, case.interpreter) == ("cy", "none")


async def test_an_interview_in_england_is_not_asked_its_language(
    make_app: Callable[[], IntakeApp], interviewer: Actor, engine: Engine
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        asked = await answer_all(pilot, {**COMMON, "narrative": QUALIFYING})
        await submit_from_review(pilot, app)
    assert "language" not in asked
    assert only_case(engine).language == "en"
