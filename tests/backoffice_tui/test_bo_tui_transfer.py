"""Issue 15: the person was moved (m): the case and its monitoring follow them; a place the
look-up cannot name for certain keeps the dialog open with its message."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session
from textual.widgets import Input

from backoffice.case_view import show_case
from backoffice.tui.transfer_modal import TransferModal
from intake.core.settings import Settings
from tests.support.backoffice_tui import (
    HMIP_SUPERVISOR,
    HMIP_TRIAGE,
    AppFactory,
    demo_actor,
    notifications,
    open_case,
    submit_at_wandsworth,
    text_of,
    wait_until,
)

SIZE = (80, 24)


async def test_a_move_is_recorded_and_an_unclear_place_changes_nothing(
    make_app: AppFactory, demo_engine: Engine, settings: Settings
) -> None:
    reference = submit_at_wandsworth(demo_engine, settings)
    app = make_app(HMIP_TRIAGE)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case(pilot, reference)
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, TransferModal))
        modal = app.screen
        await pilot.press(*"Brook", "tab", *"Moved on Monday", "ctrl+s")
        await wait_until(pilot, lambda: "could be several places" in notifications(app))
        assert app.screen is modal

        to = modal.query_one("#to", Input)
        to.value = ""
        to.focus()
        await pilot.press(*"HMP Belmarsh", "ctrl+s")
        await wait_until(pilot, lambda: app.screen is screen)
        await wait_until(pilot, lambda: "Belmarsh" in text_of(screen, "#head"))
    with Session(demo_engine) as session:
        view = show_case(session, actor=demo_actor(session, HMIP_SUPERVISOR), reference=reference)
    assert view.summary.establishment == "HMP Belmarsh"
