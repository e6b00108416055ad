"""Closing is deliberate: the question before a case closes, and a supervisor's reopening."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlmodel import Session
from textual.pilot import Pilot
from textual.widgets import Select, Static

from backoffice.case_view import show_case
from backoffice.tui.action_modal import ActionModal
from backoffice.tui.case_screen import CaseScreen
from backoffice.tui.confirm_modal import ConfirmCloseModal
from backoffice.view_models import CaseView
from intake.core.establishments import resolve_establishment_id
from intake.core.settings import Settings
from intake.core.submission import submit_case
from intake.core.vocabulary import Qualifies, Route
from tests.support.backoffice_tui import (
    AppFactory,
    case_shown,
    demo_actor,
    notifications,
    open_case,
    queue_ready,
    text_of,
    wait_until,
)
from tests.support.factories import make_submission

SIZE = (80, 24)
IMB_TRIAGE = "DEMO IMB Triage"  # HMP Wandsworth's Board: the receiving organisation
IMB_SUPERVISOR = "DEMO IMB Supervisor"


@pytest.fixture
def complaint(demo_engine: Engine, settings: Settings) -> str:
    """A canteen complaint the rules call "no", received by the IMB, waiting at step 2."""
    with Session(demo_engine) as session:
        place = resolve_establishment_id(session, "HMP Wandsworth")
        submission = make_submission(
            place, qualifies=Qualifies.NO, route=Route.COMPLAINT,
            narrative="My canteen order was wrong again this week.",
        )  # fmt: skip
        case = submit_case(
            session, submission=submission, actor=demo_actor(session, "DEMO IMB Intake"),
            settings=settings,
        )  # fmt: skip
        session.commit()
        return case.reference


def _now(engine: Engine, reference: str) -> CaseView:
    with Session(engine) as session:
        return show_case(session, actor=demo_actor(session, IMB_TRIAGE), reference=reference)


async def _fill_does_not_qualify(pilot: Pilot[None], screen: CaseScreen) -> None:
    app = pilot.app
    names = [a.name for a in screen.actions]
    await pilot.press(str(names.index("does_not_qualify") + 1))
    await wait_until(pilot, lambda: isinstance(app.screen, ActionModal))
    modal = app.screen
    warnings = modal.query(".warning").results(Static)
    assert "This closes the case" in "\n".join(str(w.content) for w in warnings)
    modal.query_one("#outcome", Select).value = "complaint"
    modal.query_one("#note").focus()
    await pilot.press(*"Told him about COMP1 on the wing")


async def test_closing_asks_first_and_going_back_changes_nothing(
    make_app: AppFactory, complaint: str, demo_engine: Engine
) -> None:
    app = make_app(IMB_TRIAGE)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case(pilot, complaint)
        await _fill_does_not_qualify(pilot, screen)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmCloseModal))
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, ActionModal))
        assert "The case stays open" in notifications(app)
        assert _now(demo_engine, complaint).summary.status == "received"

        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmCloseModal))
        await pilot.press("y")
        screen = await case_shown(pilot, complaint)
        await wait_until(pilot, lambda: "signposted" in text_of(screen, "#head"))
        now = _now(demo_engine, complaint)
        assert (now.summary.status, now.outcome) == ("signposted", "not_qualifying")


async def test_a_supervisor_reopens_a_closed_case_with_a_reason(
    make_app: AppFactory, complaint: str, demo_engine: Engine
) -> None:
    first = make_app(IMB_TRIAGE)
    async with first.run_test(size=SIZE) as pilot:
        screen = await open_case(pilot, complaint)
        await _fill_does_not_qualify(pilot, screen)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(first.screen, ConfirmCloseModal))
        await pilot.press("y")
        await wait_until(pilot, lambda: _now(demo_engine, complaint).summary.status != "received")
    app = make_app(IMB_SUPERVISOR)
    async with app.run_test(size=SIZE) as pilot:
        await queue_ready(pilot)  # closed cases are not in the open queue: open it directly
        app.push_screen(CaseScreen(app.service, complaint))
        screen = await case_shown(pilot, complaint)
        names = [a.name for a in screen.actions]
        await pilot.press(str(names.index("reopen") + 1))
        await wait_until(pilot, lambda: isinstance(app.screen, ActionModal))
        await pilot.press("ctrl+s")  # a reason is required
        await wait_until(pilot, lambda: "needs a note" in notifications(app))
        assert isinstance(app.screen, ActionModal)
        await pilot.press(*"He did link it to his IMB application", "ctrl+s")
        screen = await case_shown(pilot, complaint)
        await wait_until(pilot, lambda: "received" in text_of(screen, "#head"))
        now = _now(demo_engine, complaint)
        assert now.summary.status == "received" and now.current_step == 2
        assert any(
            e.action == "reopen" and "IMB application" in (e.reason or "") for e in now.audit
        )


async def test_ctrl_s_straight_after_a_burst_of_typing_keeps_the_whole_note(
    make_app: AppFactory, complaint: str, demo_engine: Engine
) -> None:
    from textual import events
    from textual.widgets import TextArea

    note = "He linked it to his IMB application on the day it was made."
    app = make_app(IMB_TRIAGE)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case(pilot, complaint)
        names = [a.name for a in screen.actions]
        await pilot.press(str(names.index("confirm_qualifies") + 1))
        await wait_until(pilot, lambda: isinstance(app.focused, TextArea))
        for char in note:
            app.post_message(events.Key("space" if char == " " else char, char))
        app.post_message(events.Key("ctrl+s", None))
        await wait_until(pilot, lambda: _now(demo_engine, complaint).summary.status == "confirmed")
        # and the screen has shown it (its reload done before the app is closed)
        await wait_until(pilot, lambda: "confirmed" in text_of(screen, "#head"))
        confirmed = [
            e for e in _now(demo_engine, complaint).audit if e.action == "confirm_qualifies"
        ]
        assert confirmed[0].reason == note


async def test_a_case_that_arrives_as_its_screen_is_taken_down_is_dropped_quietly(
    make_app: AppFactory, complaint: str
) -> None:
    """The app quit (or the screen closed) while the case was being fetched: the answer finds
    no screen to show it on, and nothing fails."""
    app = make_app(IMB_TRIAGE)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case(pilot, complaint)
        await screen.query_one("#head").remove()  # as the app takes the screen down
        await screen.load().wait()
        assert not screen.query("#head")
