"""What every back-office dialog shares (``ServiceDialog``): its change goes to the database off
the UI thread, is sent once, cannot be cancelled half-way, and a failure keeps what was typed."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Button, Input, Select, TextArea

from backoffice.case_view import show_case
from backoffice.letters import LetterKind
from backoffice.tui.letter_modal import LetterModal
from backoffice.tui.transfer_modal import TransferModal
from backoffice.view_models import LetterChoice
from intake.core.settings import Settings
from tests.backoffice_tui.test_bo_tui_letters import _written as written_to_the_board
from tests.support.backoffice_tui import (
    HMIP_SUPERVISOR,
    HMIP_TRIAGE,
    IMB_TRIAGE,
    AppFactory,
    demo_actor,
    notifications,
    open_case,
    submit_at_wandsworth,
    text_of,
    wait_until,
)

SIZE = (80, 24)


def _establishment(engine: Engine, reference: str) -> str | None:
    with Session(engine) as session:
        actor = demo_actor(session, HMIP_SUPERVISOR)
        return show_case(session, actor=actor, reference=reference).summary.establishment


async def _move_to_belmarsh(pilot: Pilot[None], reference: str) -> tuple[Screen[Any], Screen[Any]]:
    """Open the case, record its person's move to HMP Belmarsh and send it (Ctrl+S): the case
    screen and the transfer dialog."""
    app = pilot.app
    screen = await open_case(pilot, reference)
    await pilot.press("m")
    await wait_until(pilot, lambda: isinstance(app.screen, TransferModal))
    modal = app.screen
    await pilot.press(*"HMP Belmarsh", "tab", *"Moved on Monday", "ctrl+s")
    return screen, modal


async def test_a_slow_save_keeps_the_screen_answering_and_is_sent_once(
    make_app: AppFactory,
    demo_engine: Engine,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reference = submit_at_wandsworth(demo_engine, settings)
    app = make_app(HMIP_TRIAGE)
    real = app.service.record_transfer
    release, calls = threading.Event(), []

    def slow(*args: Any) -> Any:  # a busy database server
        calls.append(args)
        release.wait(30)
        return real(*args)

    monkeypatch.setattr(app.service, "record_transfer", slow)
    try:
        async with app.run_test(size=SIZE) as pilot:
            screen, modal = await _move_to_belmarsh(pilot, reference)
            await wait_until(pilot, lambda: calls)
            assert all(b.disabled for b in modal.query(Button))
            await pilot.press("ctrl+s", "escape")  # again, then cancel: neither is taken
            await wait_until(pilot, lambda: "Still saving" in notifications(app))
            assert app.screen is modal and len(calls) == 1
            release.set()
            await wait_until(pilot, lambda: app.screen is screen)
            await wait_until(pilot, lambda: "Belmarsh" in text_of(screen, "#head"))
    finally:
        release.set()
    assert len(calls) == 1
    assert _establishment(demo_engine, reference) == "HMP Belmarsh"


async def test_a_failed_save_keeps_the_dialog_and_what_was_typed(
    make_app: AppFactory,
    demo_engine: Engine,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reference = submit_at_wandsworth(demo_engine, settings)
    app = make_app(HMIP_TRIAGE)
    real = app.service.record_transfer

    def lost(*args: Any) -> Any:
        raise OperationalError("UPDATE case", {}, Exception("server closed the connection"))

    monkeypatch.setattr(app.service, "record_transfer", lost)
    async with app.run_test(size=SIZE) as pilot:
        screen, modal = await _move_to_belmarsh(pilot, reference)
        await wait_until(pilot, lambda: "What you typed is still here" in notifications(app))
        assert app.screen is modal
        assert [modal.query_one(b, Input).value for b in ("#to", "#note")] == [
            "HMP Belmarsh",
            "Moved on Monday",
        ]
        assert not any(b.disabled for b in modal.query(Button))
        monkeypatch.setattr(app.service, "record_transfer", real)
        await pilot.press("ctrl+s")  # the connection is back: the same words go through
        await wait_until(pilot, lambda: app.screen is screen)
    assert _establishment(demo_engine, reference) == "HMP Belmarsh"


async def test_edits_to_a_letter_come_back_after_choosing_another_kind(
    make_app: AppFactory,
    demo_engine: Engine,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Choosing another letter and coming back brings the edits back (they used to be lost).
    A second kind is let through here: reaching a step-6 letter takes the Ombudsman's decision."""
    reference = written_to_the_board(demo_engine, settings)
    app = make_app(IMB_TRIAGE)
    real = app.service.fill_letter
    second = LetterKind.NO_INVESTIGATION

    def fill(ref: str, kind: LetterKind) -> str:
        return (
            "Dear Jordan Example, the Ombudsman has decided." if kind is second else real(ref, kind)
        )

    monkeypatch.setattr(app.service, "fill_letter", fill)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_case(pilot, reference)
        assert view.view is not None
        choices = [
            LetterChoice(kind=k.value, title=k.value, allowed=k in (LetterKind.REASSURANCE, second))
            for k in LetterKind
        ]
        app.push_screen(LetterModal(app.service, view.view, choices))
        await wait_until(pilot, lambda: isinstance(app.screen, LetterModal))
        modal = app.screen
        await wait_until(pilot, lambda: modal.query("#text"))
        box = modal.query_one("#text", TextArea)
        await wait_until(pilot, lambda: "Dear Jordan Example," in box.text and not box.read_only)
        await pilot.press(*"Mended: ")
        await wait_until(pilot, lambda: box.text.startswith("Mended: "))
        edited = box.text
        modal.query_one("#kind", Select).value = second.value
        await wait_until(pilot, lambda: "Ombudsman has decided" in box.text)
        modal.query_one("#kind", Select).value = LetterKind.REASSURANCE.value
        await wait_until(pilot, lambda: box.text == edited)
