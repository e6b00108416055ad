"""Pattern alerts and overdue recommendations at 80x24: the banner on a lead's queue, `a` opens
the alerts, `n` records what was done; the lead's app escalates the demo's overdue
recommendations as it opens, and the queue and the case say a recommendation is overdue."""

from __future__ import annotations

from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from backoffice.tui.alerts_screen import AlertsScreen, RecordAlertModal
from backoffice.tui.queue_screen import QueueScreen
from tests.support.backoffice_tui import (
    HMIP_TRIAGE,
    IMB_SUPERVISOR,
    AppFactory,
    notifications,
    open_case,
    queue_ready,
    screen_text,
    text_of,
    wait_until,
)
from tests.support.tui import plain

SIZE = (80, 24)
LEAD = "DEMO HMIP Lead"
PEOPLE_PARTS = ("Alex", "Jordan", "Morgan", "Okafor", "Patel", "Nowak", "A0000DM")


def _alerts_shown(app: object) -> AlertsScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, AlertsScreen)
    return screen


async def _open_alerts(pilot: Pilot[None]) -> AlertsScreen:
    """Press "a" on the queue and wait for the screen to show what it counted."""
    app = pilot.app
    await pilot.press("a")
    await wait_until(pilot, lambda: isinstance(app.screen, AlertsScreen)
                     and app.screen.alerts is not None)  # fmt: skip
    assert isinstance(app.screen, AlertsScreen)
    return app.screen


def _labels(screen: AlertsScreen) -> list[str]:
    table: DataTable[Text] = screen.query_one("#alerts", DataTable)
    return [plain(table.get_row_at(i)[1]) for i in range(table.row_count)]


async def test_a_lead_sees_the_alerts_and_records_what_was_done(make_app: AppFactory) -> None:
    app = make_app(LEAD)
    async with app.run_test(size=SIZE) as pilot:
        queue = await queue_ready(pilot)
        await wait_until(pilot, lambda: queue.query_one("#alerts-banner").display)
        assert "pattern alerts: a to see them" in text_of(queue, "#alerts-banner")
        await wait_until(pilot, lambda: "escalated to the lead" in notifications(app))
        screen = await _open_alerts(pilot)
        labels = _labels(screen)
        assert "HMP Wandsworth" in labels
        assert "Staff described as Price at HMP Wandsworth" in labels
        shown = screen_text(app)
        assert not any(part in shown for part in PEOPLE_PARTS)  # no one's identity
        staff_row = labels.index("Staff described as Price at HMP Wandsworth")
        for _ in range(staff_row):
            await pilot.press("down")
        assert "staff-" in text_of(screen, "#alert-detail")
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordAlertModal))
        await pilot.press(*"Raised with the Governor", "enter")
        await wait_until(pilot, lambda: "Recorded what was done" in notifications(app))
        await wait_until(pilot, lambda: "Raised with the Governor" in
                         text_of(_alerts_shown(app), "#alert-detail"))  # fmt: skip
        await pilot.press("escape")
        await queue_ready(pilot)


async def test_an_imb_board_sees_its_own_and_may_not_record(make_app: AppFactory) -> None:
    app = make_app(IMB_SUPERVISOR)
    async with app.run_test(size=SIZE) as pilot:
        await queue_ready(pilot)
        screen = await _open_alerts(pilot)
        assert "HMP Wandsworth (your Board)" in text_of(screen, "#alerts-summary")
        assert all("Wandsworth" in label for label in _labels(screen))
        await pilot.press("n")
        await wait_until(pilot, lambda: "Leads record what was done" in notifications(app))
        assert not isinstance(app.screen, RecordAlertModal)


async def test_triage_has_no_banner_and_no_alerts(make_app: AppFactory) -> None:
    app = make_app(HMIP_TRIAGE)
    async with app.run_test(size=SIZE) as pilot:
        queue = await queue_ready(pilot)
        await pilot.press("a")
        await wait_until(pilot, lambda: "for supervisors and leads" in notifications(app))
        assert isinstance(app.screen, QueueScreen)
        assert not queue.query_one("#alerts-banner").display


async def test_an_overdue_recommendation_is_said_in_the_queue_and_the_case(
    make_app: AppFactory,
) -> None:
    app = make_app(LEAD)
    # the demo's overdue formal report (this lead's listing escalates it too)
    reference = app.service.recommendations(overdue_only=True).rows[0].reference
    async with app.run_test(size=SIZE) as pilot:
        await open_case(pilot, reference)
        assert "RECOMMENDATION OVERDUE(2)" in screen_text(app)
        await pilot.press("escape")
        queue = await queue_ready(pilot)
        queue.query_one("#search", Input).value = reference
        await wait_until(pilot, lambda: queue.shown_references()[:1] == [reference])
        assert queue.page is not None and queue.page.rows[0].overdue_recommendations == 2
        table: DataTable[Text] = queue.query_one("#queue", DataTable)
        assert plain(table.get_row_at(0)[5]).endswith("R")


async def test_alerts_counted_as_their_screen_is_taken_down_are_dropped_quietly(
    make_app: AppFactory,
) -> None:
    """The app quit while the alerts were being counted: nothing fails."""
    app = make_app(LEAD)
    async with app.run_test(size=SIZE) as pilot:
        await queue_ready(pilot)
        screen = await _open_alerts(pilot)
        await screen.query_one("#alerts-summary").remove()  # as the app takes it down
        await screen.load().wait()
        assert not screen.query("#alerts-summary")
