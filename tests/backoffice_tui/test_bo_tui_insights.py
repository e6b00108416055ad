"""The insights screen at 80x24: opened with `i` from the queue, the figures on tabs, the monthly
trend and the categories plotted, and an IMB Board seeing only its own establishment."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TabbedContent
from textual_plotext import PlotextPlot

from backoffice.tui.insights_screen import InsightsScreen, PeriodModal
from tests.support.backoffice_tui import (
    IMB_TRIAGE,
    AppFactory,
    notifications,
    queue_ready,
    text_of,
    wait_until,
)
from tests.support.tui import plain

SIZE = (80, 24)
LEAD = "DEMO HMIP Lead"


async def _open_insights(pilot: Pilot[None]) -> InsightsScreen:
    """Press "i" on the queue and wait for the screen to show what it counted."""
    app = pilot.app
    await pilot.press("i")
    await wait_until(pilot, lambda: isinstance(app.screen, InsightsScreen)
                     and app.screen.insights is not None)  # fmt: skip
    assert isinstance(app.screen, InsightsScreen)
    return app.screen


def _column(screen: InsightsScreen, table_id: str, column: int = 0) -> list[str]:
    table: DataTable[Text] = screen.query_one(f"#{table_id}", DataTable)
    return [plain(table.get_row_at(i)[column]) for i in range(table.row_count)]


def _plot_text(screen: InsightsScreen, plot_id: str) -> str:
    return plain(screen.query_one(f"#{plot_id}", PlotextPlot).render())


async def test_insights_open_from_the_queue_with_plots_and_tables(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(LEAD)
    expected = app.service.insights()
    async with app.run_test(size=SIZE) as pilot:
        await queue_ready(pilot)
        screen = await _open_insights(pilot)
        summary = text_of(screen, "#insights-summary")
        assert "all establishments" in summary and f"{expected.total} cases" in summary
        assert "DEMO data" in summary  # the demo's database counts its demo cases

        trend = _plot_text(screen, "trend-plot")
        assert "Cases received each month" in trend and "█" in trend
        shot = Path(app.save_screenshot(filename="insights-trend.svg", path=str(tmp_path)))
        assert "Risk/outcome" in shot.read_text(encoding="utf-8")

        screen.query_one(TabbedContent).active = "categories"
        await pilot.pause()
        top = expected.by_category[0]
        assert top.label[:20] in _plot_text(screen, "category-plot")
        assert _column(screen, "by-category")[0] == top.label
        assert _column(screen, "by-category", 1)[0] == str(top.count)

        screen.query_one(TabbedContent).active = "places"
        await pilot.pause()
        places = _column(screen, "by-establishment")
        assert places == [c.label for c in expected.by_establishment]
        assert "HMP Wandsworth" in places

        screen.query_one(TabbedContent).active = "steps"
        await pilot.pause()
        assert _column(screen, "step-times")[0].startswith("Step 2: Confirm")
        assert "Confirm it qualifies as a sanction" in text_of(screen, "#step-detail")

        screen.query_one(TabbedContent).active = "consent"
        await pilot.pause()
        assert f"{expected.consent.confirmed} confirmed" in text_of(screen, "#consent-figures")

        await pilot.press("escape")
        await queue_ready(pilot)


async def test_an_imb_board_sees_only_its_establishment(make_app: AppFactory) -> None:
    app = make_app(IMB_TRIAGE)
    async with app.run_test(size=SIZE) as pilot:
        await queue_ready(pilot)
        screen = await _open_insights(pilot)
        assert "HMP Wandsworth (your Board)" in text_of(screen, "#insights-summary")
        assert _column(screen, "by-establishment") == ["HMP Wandsworth"]


async def test_the_period_is_chosen_and_a_bad_date_is_said(make_app: AppFactory) -> None:
    app = make_app(LEAD)
    async with app.run_test(size=SIZE) as pilot:
        await queue_ready(pilot)
        screen = await _open_insights(pilot)
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, PeriodModal))
        await pilot.press(*"2020-02-30", "enter", "enter")  # Enter: on to "To", then apply
        await wait_until(pilot, lambda: "not a date" in notifications(app))
        assert isinstance(app.screen, PeriodModal)  # still open, to correct it
        app.screen.query_one("#from", Input).value = "2020-01-01"
        app.screen.query_one("#to", Input).value = "2020-12-31"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "2020-01-01 to 2020-12-31" in
                         text_of(screen, "#insights-summary"))  # fmt: skip
        assert "2020-12-31 · 0 cases" in text_of(screen, "#insights-summary")
        assert len(screen.insights.by_month if screen.insights else []) == 12


async def test_figures_counted_as_their_screen_is_taken_down_are_dropped_quietly(
    make_app: AppFactory,
) -> None:
    """The app quit while the figures were being counted: nothing fails."""
    app = make_app(LEAD)
    async with app.run_test(size=SIZE) as pilot:
        await queue_ready(pilot)
        screen = await _open_insights(pilot)
        await screen.query_one("#insights-summary").remove()  # as the app takes it down
        await screen._fetch(None, None).wait()
        assert not screen.query("#insights-summary")
