"""A possible immediate risk in the TUI at 80x24: "ask now" in words beside the risk level, in
the queue's row and the case's header."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session
from textual.widgets import DataTable

from backoffice.tui.queue_screen import QueueScreen
from intake.classifier import classify
from intake.core.settings import Settings
from intake.core.submission import submit_case
from intake.core.users import SYSTEM
from tests.support.backoffice_tui import (
    HMIP_TRIAGE,
    AppFactory,
    open_case,
    plain,
    queue_ready,
    text_of,
)
from tests.support.factories import ASK_NOW_NARRATIVE, PLAIN_NARRATIVE, classified, make_submission

SIZE = (80, 24)


def _submit(engine: Engine, settings: Settings, narrative: str) -> str:
    with Session(engine) as session:
        submission = make_submission(None, **classified(narrative))
        case = submit_case(session, submission=submission, actor=SYSTEM, settings=settings)
        session.commit()
        return case.reference


def _risk_cell(screen: QueueScreen, reference: str) -> str:
    return plain(screen.query_one("#queue", DataTable).get_row(reference)[1])


async def test_ask_now_shows_in_the_queue_row_and_the_case_header(
    make_app: AppFactory, demo_engine: Engine, settings: Settings
) -> None:
    cue, without = classify(ASK_NOW_NARRATIVE), classify(PLAIN_NARRATIVE)
    assert cue.possible_immediate_risk and not cue.immediate_risk
    assert not without.possible_immediate_risk
    asking = _submit(demo_engine, settings, ASK_NOW_NARRATIVE)
    quiet = _submit(demo_engine, settings, PLAIN_NARRATIVE)
    app = make_app(HMIP_TRIAGE, page_size=60)
    async with app.run_test(size=SIZE) as pilot:
        screen = await queue_ready(pilot)
        shown = screen.shown_references()
        assert asking in shown and quiet in shown
        assert shown.index(asking) < shown.index(quiet)  # "ask now" first within standard
        assert _risk_cell(screen, asking) == "standard ask now"
        assert _risk_cell(screen, quiet) == "standard"
        assert screen.page is not None
        for row in screen.page.rows:  # the demo's cases too: the words follow the flag
            assert ("ask now" in _risk_cell(screen, row.reference)) == row.ask_now
        svg = app.export_screenshot()
        assert "ask&#160;now" in svg or "ask now" in svg  # on screen, not only in the table

        case = await open_case(pilot, asking)
        assert "risk standard, ask now" in text_of(case, "#head")
        assert "ask the person now" in text_of(case, "#summary-text")
        await pilot.press("escape")
        case = await open_case(pilot, quiet)
        assert "ask now" not in text_of(case, "#head")
        assert "ask the person now" not in text_of(case, "#summary-text")
