"""The parts around the questions: first start, the user list, live assessment, review edits."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session
from textual.widgets import OptionList, Static

from intake.core.identity import system_login
from intake.core.settings import Settings
from intake.core.users import Actor, UserCreate, create_user
from intake.core.vocabulary import Organisation, Role
from intake.interview.drafts import DraftStore
from intake.interview.profile import remembered_name
from intake.tui.app import IntakeApp
from intake.tui.screens.edit import EditAnswerModal
from intake.tui.screens.identify import PickUserScreen
from intake.tui.screens.register import RegisterScreen
from intake.tui.screens.review import ReviewScreen
from intake.tui.widgets.case_panel import CasePanel
from intake.tui.widgets.conversation import ConversationLog
from intake.tui.widgets.risk_banner import RiskBanner
from tests.support.intake_tui import (
    COMMON,
    QUALIFYING,
    RISK,
    DraftAt,
    answer_all,
    at_question,
    interview_screen,
    paste,
    resume,
    screen_text,
    type_text,
    wait_until,
)


async def test_first_start_registers_and_remembers_the_interviewer(
    make_app: Callable[[], IntakeApp], settings: Settings
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, RegisterScreen))
        await pilot.press("enter")
        assert "Please type your name" in screen_text(app)
        await type_text(pilot, "Alex Moss")
        await pilot.press("enter", "2", "enter", "3", "enter")
        assert "Board" in screen_text(app)
        await type_text(pilot, "Atlantis")
        await pilot.press("enter")
        await wait_until(
            pilot,
            lambda: (
                "no establishment" in screen_text(app).lower()
                or "does not name" in screen_text(app)
            ),
        )
        await pilot.press("ctrl+u")
        await type_text(pilot, "Wandsworth")
        await pilot.press("enter")
        await at_question(pilot, "received_via")
        assert app.actor is not None and app.actor.organisation == Organisation.IMB
        assert app.actor.role == Role.SUPERVISOR  # the role chosen, remembered with the name
    assert remembered_name(settings) == "Alex Moss"


async def test_first_start_clears_a_problem_once_it_is_answered(
    make_app: Callable[[], IntakeApp],
) -> None:
    """Enter on the Board field before a role is chosen asks for the role; choosing it takes
    the request away (it used to stay on screen under the role list)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, RegisterScreen))
        await type_text(pilot, "Alex Moss")
        await pilot.press("enter", "2", "enter", "tab", "enter")
        await wait_until(pilot, showing(app, "Please choose your organisation and your role"))
        await pilot.press("shift+tab", "1", "enter")
        await wait_until(pilot, lambda: "Please choose" not in screen_text(app))
        assert app.screen.focused is not None and app.screen.focused.id == "board"


def showing(app: IntakeApp, text: str) -> Callable[[], bool]:
    return lambda: text in screen_text(app)


async def test_first_start_says_why_a_board_establishment_is_not_taken(
    make_app: Callable[[], IntakeApp], engine: Engine
) -> None:
    from intake.core.identity import has_users

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, RegisterScreen))
        await type_text(pilot, "Alex Moss")
        await pilot.press("enter", "2", "enter", "3", "enter")
        for typed, shown in [
            ("Isle of Man", "prison on the Isle of Man is not covered"),
            ("Brook", "could be several places: Brook House IRC; Colnbrook IRC"),
            ("Isle of Dogs", "Nearest: HMP Isle of Wight"),
        ]:
            await type_text(pilot, typed)
            await pilot.press("enter")
            await wait_until(pilot, showing(app, shown))
            assert isinstance(app.screen, RegisterScreen)
            await pilot.press("ctrl+u")
        with Session(engine) as session:
            assert not has_users(session)  # nothing was registered
        await type_text(pilot, "Dungavel House")
        await pilot.press("enter")
        await at_question(pilot, "received_via")
        assert app.actor is not None and app.actor.establishment_id is not None


async def test_a_shared_database_lists_its_users(
    make_app: Callable[[], IntakeApp], engine: Engine, settings: Settings
) -> None:
    from sqlmodel import Session

    with Session(engine) as session:
        for name in ("Bea Ray", "Cal Wu"):
            data = UserCreate(
                os_login=system_login(), name=name, role=Role.INTAKE, organisation=Organisation.PPO
            )
            create_user(session, data=data)
        session.commit()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, PickUserScreen))
        await pilot.press("down", "enter")
        await at_question(pilot, "received_via")
        assert app.actor is not None and app.actor.name == "Cal Wu"
    assert remembered_name(settings) == "Cal Wu"


async def test_the_narrative_is_assessed_live_as_it_is_typed(
    make_app: Callable[[], IntakeApp], draft_at: DraftAt
) -> None:
    draft_at("narrative")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await resume(pilot, "narrative")
        panel = app.screen.query_one(CasePanel)
        await paste(pilot, "After I spoke to the IMB, officers put me in segregation ")
        await type_text(pilot, "because of it.")
        await wait_until(pilot, lambda: "Assessment (live)" in str(panel.children[1].border_title))
        shown = screen_text(app)
        assert "IMB" in shown and "isolation" in shown.lower()
        assert "narrative" not in interview_screen(app).session.interview.answers


async def test_immediate_risk_in_the_narrative_shows_the_banner_at_once(
    make_app: Callable[[], IntakeApp], draft_at: DraftAt, tmp_path: Path
) -> None:
    draft_at("narrative")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await resume(pilot, "narrative")
        banner = app.screen.query_one(RiskBanner)
        assert not banner.display
        await paste(pilot, RISK)
        await wait_until(pilot, lambda: banner.display)
        await pilot.pause()
        assert "duty governor" in str(banner.render())
        # One compact banner that stays: the full wording is said once in the conversation.
        assert 1 <= banner.region.height <= 2
        assert "will watch over them" in screen_text(app)
        app.save_screenshot("risk.svg", str(tmp_path))
    assert "IMMEDIATE" in (tmp_path / "risk.svg").read_text()


async def test_an_indirect_cue_of_risk_asks_staff_to_ask_now(
    make_app: Callable[[], IntakeApp], draft_at: DraftAt
) -> None:
    draft_at("narrative")
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await resume(pilot, "narrative")
        panel = app.screen.query_one(CasePanel)
        await paste(
            pilot,
            "Since I wrote to the PPO my visits stopped. I've given my radio away to the lad "
            "next door.",
        )
        await wait_until(pilot, lambda: "Assessment (live)" in str(panel.children[1].border_title))
        await pilot.pause()
        shown = screen_text(app)
        assert "possible: ask now" in shown  # in words, beside the risk row
        assert "POSSIBLE RISK: ASK NOW" in shown  # said once in the conversation
        assert not app.screen.query_one(RiskBanner).display  # not an immediate risk


async def test_the_panel_can_be_hidden_at_80_columns(
    make_app: Callable[[], IntakeApp], interviewer: Actor
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await at_question(pilot, "received_via")
        panel = app.screen.query_one(CasePanel)
        assert panel.display and panel.outer_size.width >= 28
        await pilot.press("f2")
        assert not panel.display


async def test_an_answer_is_changed_from_the_review(
    make_app: Callable[[], IntakeApp], draft_at: DraftAt, engine: Engine
) -> None:
    draft_at("raised_by")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await resume(pilot, "raised_by")
        await answer_all(pilot, {**COMMON, "raised_by": "6"})
        await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        listing = app.screen.query_one("#review", OptionList)
        await wait_until(pilot, lambda: listing.option_count > 0)
        listing.highlighted = listing.get_option_index("raised_by")
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, EditAnswerModal))
        await pilot.press("1", "enter")
        # The whistleblowing signpost no longer applies: the questions carry on.
        await at_question(pilot, "concern_type")
        session = interview_screen(app).session
        assert session.interview.value("raised_by") == "person"
    draft = DraftStore(engine).load(session.draft_id)
    assert draft.answers["raised_by"]["value"] == "person"


async def test_words_to_say_after_a_refusal_are_in_view_when_they_appear(
    make_app: Callable[[], IntakeApp], draft_at: DraftAt
) -> None:
    answers = {**COMMON, "narrative": QUALIFYING, "consent_pursue": "n"}
    draft_at("consent_pursue", answers)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await resume(pilot, "consent_pursue")
        await answer_all(pilot, answers, stop_at="staff_agrees")
        log = app.screen.query_one(ConversationLog)
        said = [w for w in log.query(Static) if w.border_title == "Tell them"]
        assert said, "the words to raise it later are said"
        await pilot.pause()
        top = said[-1].region.y
        assert log.region.y <= top < log.region.bottom  # in view, not above the next turn
