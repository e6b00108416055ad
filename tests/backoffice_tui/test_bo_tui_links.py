"""Issue 15: an earlier case about the same person is offered on the case screen; triage links
it or sets it aside with a reason (k), and nothing is merged."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session
from textual.widgets import Button, Input

from backoffice.case_view import show_case
from backoffice.tui.link_modal import LinkModal
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


async def test_an_earlier_case_is_offered_and_set_aside_only_with_a_reason(
    make_app: AppFactory, demo_engine: Engine, settings: Settings
) -> None:
    earlier = submit_at_wandsworth(demo_engine, settings)
    later = submit_at_wandsworth(demo_engine, settings)
    app = make_app(HMIP_TRIAGE)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case(pilot, later)
        await wait_until(pilot, lambda: earlier in text_of(screen, "#summary-text"))
        assert "same prison number" in text_of(screen, "#summary-text")
        await pilot.press("k")
        await wait_until(pilot, lambda: isinstance(app.screen, LinkModal))
        modal = app.screen
        modal.query_one("#not-same", Button).press()
        await pilot.pause()
        assert app.screen is modal and "Say why" in notifications(app)

        modal.query_one("#reason", Input).focus()
        await pilot.press(*"Twins on different wings")
        modal.query_one("#not-same", Button).press()
        await wait_until(pilot, lambda: app.screen is screen)
        await wait_until(pilot, lambda: "not the same" in text_of(screen, "#summary-text"))
        assert "Twins on different wings" in text_of(screen, "#summary-text")
    with Session(demo_engine) as session:
        view = show_case(session, actor=demo_actor(session, HMIP_SUPERVISOR), reference=later)
    assert view.earlier_cases == [] and view.links[0].earlier_reference == earlier


async def test_k_with_nothing_offered_says_so(
    make_app: AppFactory, demo_engine: Engine, settings: Settings
) -> None:
    only = submit_at_wandsworth(demo_engine, settings)
    app = make_app(HMIP_TRIAGE)
    async with app.run_test(size=SIZE) as pilot:
        await open_case(pilot, only)
        await pilot.press("k")
        await pilot.pause()
        assert "No earlier case" in notifications(app)
