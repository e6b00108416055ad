"""A case at 80x24: its parts, taking an action, refusals, the palette and an override."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlmodel import Session
from textual.command import CommandPalette
from textual.widgets import DataTable, Input, Select, TabbedContent

from backoffice.case_view import show_case
from backoffice.overrides import record_triage_view
from backoffice.tui.action_modal import ActionModal
from backoffice.tui.case_screen import CaseScreen
from backoffice.tui.override_modal import OverrideModal
from backoffice.view_models import CaseView
from intake.core.establishments import resolve_establishment_id
from intake.core.settings import Settings
from intake.core.submission import submit_case
from tests.support.backoffice_tui import (
    HMIP_SUPERVISOR,
    HMIP_TRIAGE,
    IMB_SUPERVISOR,
    AppFactory,
    case_shown,
    demo_actor,
    notifications,
    open_case,
    queue_shows,
    screen_text,
    text_of,
    wait_until,
)
from tests.support.factories import make_submission

SIZE = (80, 24)
NARRATIVE = "Put in the segregation unit the day after I spoke to the IMB about the wing."


@pytest.fixture
def reference(demo_engine: Engine, settings: Settings) -> str:
    """A new case at HMP Wandsworth, submitted by IMB intake staff, waiting at step 2."""
    with Session(demo_engine) as session:
        place = resolve_establishment_id(session, "HMP Wandsworth")
        case = submit_case(
            session,
            submission=make_submission(place, narrative=NARRATIVE),
            actor=demo_actor(session, "DEMO IMB Intake"),
            settings=settings,
        )
        session.commit()
        return case.reference


def _now(engine: Engine, reference: str) -> CaseView:
    with Session(engine) as session:
        return show_case(session, actor=demo_actor(session, HMIP_SUPERVISOR), reference=reference)


async def test_a_case_shows_its_parts(make_app: AppFactory, reference: str) -> None:
    app = make_app(HMIP_TRIAGE)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case(pilot, reference)
        head = text_of(screen, "#head")
        assert reference in head and "received" in head and "step 2" in head
        summary = text_of(screen, "#summary-text")
        assert "Consent" in summary and "pursue yes" in summary and "Risk" in summary
        assert "the person consents" in summary  # the consent state, in one line
        # HMIP triage reads a case the IMB received: pseudonymised, and it says so
        assert "PSEUDONYMISED" in head and "PERSON-" in summary
        assert "Pseudonymised: identity only for IMB" in summary
        assert "Jordan" not in summary and "A1234BC" not in summary
        assert NARRATIVE in text_of(screen, "#narrative-text")
        history = text_of(screen, "#classification-text")
        assert "RULES" in history and '"segregation" → isolation' in history
        tasks = text_of(screen, "#tasks-text")
        assert "[open] step 2: Confirm it qualifies" in tasks and "due" in tasks
        assert "case submitted" in text_of(screen, "#audit-text")
        assert "interview transcript" in text_of(screen, "#transcript-text")
        assert "Confirm it qualifies" in screen_text(app)

        tabs = screen.query_one(TabbedContent)
        assert tabs.active == "summary"
        await pilot.press("tab")
        assert tabs.active == "narrative"
        await pilot.press("a")
        assert tabs.active == "actions"


async def test_taking_an_action_and_the_refusals(
    make_app: AppFactory, reference: str, demo_engine: Engine
) -> None:
    app = make_app(HMIP_TRIAGE)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case(pilot, reference)
        await pilot.press("o")  # a triager may not override
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        assert "is for supervisor users" in notifications(app)

        names = [a.name for a in screen.actions]
        await pilot.press(str(names.index("confirm_qualifies") + 1))
        await wait_until(pilot, lambda: isinstance(app.screen, ActionModal))
        await pilot.press(*"Clear link to the IMB visit", "ctrl+s")
        screen = await case_shown(pilot, reference)
        await wait_until(pilot, lambda: "confirmed" in text_of(screen, "#head"))
        audit = text_of(screen, "#audit-text")
        assert "DEMO HMIP Triage Confirm it qualifies as a sanction" in audit
        assert "Clear link to the IMB visit" in audit
        assert _now(demo_engine, reference).summary.status == "confirmed"

        # inform_hmip is for IMB or PPO staff: refused with the reason, nothing sent
        await wait_until(pilot, lambda: "inform_hmip" in [a.name for a in screen.actions])
        names = [a.name for a in screen.actions]
        await pilot.press(str(names.index("inform_hmip") + 1))
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        assert "this is for IMB or PPO staff" in notifications(app)

        # someone else changes the case while it is open: the action is refused, not lost
        with Session(demo_engine) as session:
            record_triage_view(
                session, actor=demo_actor(session, IMB_SUPERVISOR), reference=reference,
                changes={"severity": "serious"}, reason="seen the wing log",
            )  # fmt: skip
            session.commit()
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"log the case", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ActionModal))
        await pilot.press("ctrl+s")
        await case_shown(pilot, reference)
        assert "changed by someone else" in notifications(app)
        after = _now(demo_engine, reference)
        assert after.summary.status == "confirmed"
        assert "log_on_tracker" not in [e.action for e in after.audit]

        await pilot.press("escape")
        queue = await queue_shows(pilot, lambda s: bool(s.page and s.page.rows))
        assert queue.page is not None
        row = next(r for r in queue.page.rows if r.reference == reference)
        assert row.status == "confirmed"


async def test_an_override_needs_a_reason_and_marks_the_queue(
    make_app: AppFactory, reference: str, demo_engine: Engine
) -> None:
    app = make_app(IMB_SUPERVISOR)  # the IMB received it: its supervisors override
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case(pilot, reference)
        await pilot.press("o")
        await wait_until(pilot, lambda: isinstance(app.screen, OverrideModal))
        modal = app.screen
        modal.query_one("#risk", Select).focus()
        await pilot.press("enter", "up", "enter")  # standard -> high
        assert modal.query_one("#risk", Select).value == "high"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is modal
        assert "needs a reason" in notifications(app)
        assert not _now(demo_engine, reference).summary.overridden

        modal.query_one("#reason", Input).focus()
        await pilot.press(*"Threats on the wing since", "ctrl+s")
        screen = await case_shown(pilot, reference)
        await wait_until(pilot, lambda: "OVERRIDDEN" in text_of(screen, "#head"))
        assert "risk high" in text_of(screen, "#head")
        history = text_of(screen, "#classification-text")
        assert "OVERRIDE" in history and "Threats on the wing since" in history
        now = _now(demo_engine, reference)
        assert now.summary.overridden and now.summary.risk_level == "high"

        await pilot.press("escape")
        queue = await queue_shows(pilot, lambda s: bool(s.page and s.page.rows))
        assert queue.page is not None
        row = next(r for r in queue.page.rows if r.reference == reference)
        assert row.overridden
        assert "OVR" in "".join(
            str(c) for c in queue.query_one("#queue", DataTable).get_row(reference)
        )
