"""The queue screen at 80x24: order, paging, filters, search and need to know."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session
from textual.widgets import Button, Checkbox, Input

from backoffice.service import QueueQuery
from backoffice.tui.filters import FilterModal
from backoffice.tui.queue_screen import LIVE_SECONDS, QueueScreen
from backoffice.view_models import QueuePage, QueueRow
from intake.core.settings import Settings
from intake.core.submission import submit_case
from intake.core.users import SYSTEM
from intake.core.vocabulary import RiskLevel
from tests.support.backoffice_tui import (
    HMIP_TRIAGE,
    IMB_TRIAGE,
    AppFactory,
    notifications,
    queue_ready,
    queue_shows,
    text_of,
    wait_until,
)
from tests.support.factories import make_submission

SIZE = (80, 24)


def _in_queue_order(rows: list[QueueRow]) -> bool:
    """Risk first (within a level, "ask now" first), then oldest first."""
    keys = [(RiskLevel(r.risk_level).rank, not r.ask_now, -r.age_days) for r in rows]
    return keys == sorted(keys)


async def test_queue_is_ordered_by_risk_then_age_and_pages(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(HMIP_TRIAGE, page_size=8)
    async with app.run_test(size=SIZE) as pilot:
        screen = await queue_ready(pilot)
        assert screen.page is not None
        first = screen.page.rows
        assert len(first) == 8 and _in_queue_order(first)
        assert first[0].risk_level == "immediate"
        total = screen.page.total or 0  # (the demo's open cases; more than two pages of 8)
        pages = -(-total // 8)
        assert pages >= 3 and f"page 1/{pages} · {total} cases" in text_of(screen, "#summary")

        shot = app.save_screenshot(filename="queue-80x24.svg", path=str(tmp_path))
        svg = Path(shot).read_text(encoding="utf-8")
        assert first[0].reference in svg and "Establishment" in svg

        await pilot.press("pagedown")
        screen = await queue_shows(pilot, lambda s: s.page is not None and s.page.page == 2)
        assert screen.page is not None
        second = screen.page.rows
        assert f"page 2/{pages}" in text_of(screen, "#summary")
        assert not {r.reference for r in second} & {r.reference for r in first}
        assert _in_queue_order(first + second)

        await pilot.press("pageup")
        screen = await queue_shows(pilot, lambda s: s.page is not None and s.page.page == 1)
        assert screen.shown_references() == [r.reference for r in first]

        # on a slow database, enter twice at once: the case searched for opens, or nothing
        # yet; never the row that was under the cursor before the search
        fetch = app.service.queue

        def slow_queue(query: QueueQuery, *, page_size: int | None = None) -> QueuePage:
            time.sleep(0.4)
            return fetch(query, page_size=page_size)

        monkeypatch.setattr(app.service, "queue", slow_queue)
        wanted = first[-1].reference
        await pilot.press("slash", *wanted, "enter", "enter")
        await pilot.pause(0.6)
        assert getattr(app.screen, "reference", None) in (None, wanted)


async def test_filters_and_a_misspelt_establishment(make_app: AppFactory) -> None:
    app = make_app(HMIP_TRIAGE)
    async with app.run_test(size=SIZE) as pilot:
        screen = await queue_ready(pilot)
        everything = len(screen.shown_references())

        await pilot.press("f")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, FilterModal)
        modal.query_one("#overdue", Checkbox).focus()
        await pilot.press("space")
        modal.query_one("#establishment", Input).focus()
        await pilot.press(*"wandsworth", "enter")
        screen = await queue_shows(pilot, lambda s: bool(s.request.overdue))
        assert isinstance(app.screen, QueueScreen)
        rows = screen.page.rows if screen.page else []
        assert rows and len(rows) < everything
        assert all(r.overdue and r.establishment == "HMP Wandsworth" for r in rows)
        assert "HMP Wandsworth · overdue" in text_of(screen, "#summary")

        await pilot.press("x", "slash", *"wandswoth")
        screen = await queue_shows(pilot, lambda s: s.request.search == "wandswoth")
        found = screen.page.rows if screen.page else []
        assert found and all(r.establishment == "HMP Wandsworth" for r in found)
        assert any(not r.overdue for r in found)  # the filters were cleared

        await pilot.press("ctrl+a", "ctrl+k", *"segragation", "enter")
        screen = await queue_shows(pilot, lambda s: s.request.search == "segragation")
        found = screen.page.rows if screen.page else []
        # (a pseudonymised snippet is redacted, so the word may be cut a little earlier)
        assert found and all("segre" in r.snippet for r in found)


async def _filter_by(pilot: Any, place: str) -> FilterModal:
    await pilot.press("f")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, FilterModal))
    modal = pilot.app.screen
    modal.query_one("#establishment", Input).focus()
    await pilot.press(*place, "enter")
    return modal


async def test_the_establishment_is_looked_up_off_the_screen_and_once(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(HMIP_TRIAGE)
    real = app.service.establishment
    release, calls = threading.Event(), []

    def slow(text: str) -> tuple[int, str]:  # a busy database server
        calls.append(text)
        release.wait(30)
        return real(text)

    monkeypatch.setattr(app.service, "establishment", slow)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await queue_ready(pilot)
            modal = await _filter_by(pilot, "wandsworth")
            await wait_until(pilot, lambda: calls)
            assert all(b.disabled for b in modal.query(Button))
            await pilot.press("ctrl+s", "escape")  # again, then cancel: neither is taken
            await wait_until(pilot, lambda: "Still saving" in notifications(app))
            assert app.screen is modal
            release.set()
            screen = await queue_shows(pilot, lambda s: s.request.establishment is not None)
            assert screen.request.establishment == "HMP Wandsworth"
    finally:
        release.set()
    assert calls == ["wandsworth"]


async def test_a_name_that_fits_no_one_place_keeps_the_filters_and_what_was_typed(
    make_app: AppFactory,
) -> None:
    app = make_app(HMIP_TRIAGE)
    async with app.run_test(size=SIZE) as pilot:
        screen = await queue_ready(pilot)
        modal = await _filter_by(pilot, "Brook")
        await wait_until(pilot, lambda: "Establishment" in notifications(app))
        assert app.screen is modal
        assert modal.query_one("#establishment", Input).value == "Brook"
        assert not any(b.disabled for b in modal.query(Button))
        modal.query_one("#establishment", Input).value = "Brook House"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is screen)
        assert screen.request.establishment == "Brook House IRC"


async def test_an_imb_user_sees_only_their_establishment(make_app: AppFactory) -> None:
    app = make_app(IMB_TRIAGE)
    async with app.run_test(size=SIZE) as pilot:
        screen = await queue_ready(pilot)
        rows = screen.page.rows if screen.page else []
        assert rows and {r.establishment for r in rows} == {"HMP Wandsworth"}

        await pilot.press("slash", *"Belmarsh", "enter")
        screen = await queue_shows(pilot, lambda s: s.request.search == "Belmarsh")
        assert screen.shown_references() == []
        assert "no open cases match 'Belmarsh'" in text_of(screen, "#summary")


async def test_a_case_submitted_elsewhere_appears_without_a_key_pressed(
    make_app: AppFactory, demo_engine: Engine, settings: Settings
) -> None:
    app = make_app(HMIP_TRIAGE)
    async with app.run_test(size=SIZE) as pilot:
        screen = await queue_ready(pilot)
        before = screen.shown_references()
        await pilot.pause(LIVE_SECONDS + 0.5)  # the first mark is taken
        with Session(demo_engine) as session:  # an intake laptop, on the same database
            submission = make_submission(None, risk_level=RiskLevel.IMMEDIATE)
            case = submit_case(session, submission=submission, actor=SYSTEM, settings=settings)
            session.commit()
            reference = case.reference
        await wait_until(pilot, lambda: reference in screen.shown_references(), tries=400)
        assert reference not in before
        assert screen.page is not None and _in_queue_order(screen.page.rows)


async def test_slash_typed_into_the_focused_search_box_is_not_searched_for(
    make_app: AppFactory,
) -> None:
    """Back from a case the search box may still have the focus: "/" then a reference must
    search for the reference, not for "/" and the reference."""
    app = make_app(HMIP_TRIAGE)
    async with app.run_test(size=SIZE) as pilot:
        await queue_ready(pilot)
        box = app.screen.query_one("#search", Input)
        box.focus()
        await pilot.press("slash", *"00001")
        screen = await queue_shows(pilot, lambda s: s.request.search == "00001")
        assert box.value == "00001" and screen.shown_references() == ["SAN-2026-00001"]
