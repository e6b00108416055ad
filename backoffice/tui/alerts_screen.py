"""Pattern alerts at 80x24 (``a`` on the queue): one row an alert, the highlighted one's cases
and what was done below; ``n`` records what was done (leads). Nothing here decides who sees
what: the alerts come from the service (:mod:`backoffice.alerts`)."""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Input, Static

from backoffice.alerts import AlertList, PatternAlert
from backoffice.service import BackofficeService
from backoffice.tui.dialog import ServiceDialog
from backoffice.tui.shown import still_shows
from intake.core.errors import SanctionsError

KINDS = {"establishment": "Place", "wing": "Wing", "staff": "Staff"}
# (label, key, width): 80 columns less the cell padding and the scroll bar.
COLUMNS = (("Kind", "kind", 5), ("Alert", "label", 46), ("Cases", "count", 5), ("Done", "done", 5))


def alert_detail(alert: PatternAlert) -> str:
    """The highlighted alert: its cases and what was done (a note only for its organisation)."""
    lines = [
        f"{alert.key} · received {alert.first_received:%d %b} to {alert.last_received:%d %b}",
        "cases: " + ", ".join(alert.references),
    ]
    for action in alert.actions:
        note = action.note or f"(a note by {action.organisation})"
        lines.append(f"done {action.recorded_at:%d %b} by {action.recorded_by or '-'}: {note}")
    if not alert.actions:
        lines.append("nothing recorded yet")
    return "\n".join(lines)


class RecordAlertModal(ServiceDialog[PatternAlert]):
    """A lead records what was done about one alert."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "submit", "Record", priority=True),
    ]

    def __init__(self, service: BackofficeService, alert: PatternAlert) -> None:
        super().__init__()
        self.service = service
        self.alert = alert

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(f"What was done: {self.alert.label}", classes="dialog-title",
                         markup=False)  # fmt: skip
            yield Static("Seen by your organisation; others see that something was done.",
                         classes="hint")  # fmt: skip
            yield Input(id="alert-note", placeholder="what was done, by whom", compact=True)
            with Horizontal(classes="buttons"):
                yield Button("Record", id="submit", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#alert-note", Input).focus()

    @on(Button.Pressed, "#submit")
    @on(Input.Submitted)
    def action_submit(self) -> None:
        self.after_typing(self._submit)

    def _submit(self) -> None:
        note = self.query_one("#alert-note", Input).value
        if not note.strip():
            self.notify("Say what was done.", title="Needed", severity="error")
            return
        self.submit_through(
            lambda: self.service.record_alert_action(self.alert.key, note), not_done="Not recorded"
        )


class AlertsScreen(Screen[None]):
    """The pattern alerts the user may see."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "app.pop_screen", "Back"),
        Binding("n", "record", "Record what was done"),
        Binding("r", "reload", "Reload"),
    ]

    def __init__(self, service: BackofficeService) -> None:
        super().__init__()
        self.service = service
        self.alerts: AlertList | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("loading…", id="alerts-summary", markup=False)
        table: DataTable[Text] = DataTable(id="alerts", cursor_type="row", zebra_stripes=True)
        for label, key, width in COLUMNS:
            table.add_column(label, key=key, width=width)
        yield table
        yield Static("", id="alert-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self.load()

    @work(exclusive=True, group="alerts")
    async def load(self) -> None:
        try:
            found = await asyncio.to_thread(self.service.alerts)
        except SanctionsError as exc:
            self.notify(str(exc), title="Pattern alerts", severity="error")
            self.query_one("#alerts-summary", Static).update(str(exc))
            return
        if not still_shows(self, "#alerts-summary"):
            return
        self.alerts = found
        self._show(found)

    def _show(self, found: AlertList) -> None:
        demo = " · DEMO" if found.includes_demo else ""
        self.query_one("#alerts-summary", Static).update(
            f"{len(found.alerts)} alerts · {found.scope} · last {found.window_days} days · "
            f"{found.min_cases}+ allegations{demo}"
        )
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        for alert in found.alerts:
            table.add_row(
                Text(KINDS.get(alert.kind, alert.kind)),
                Text(alert.label),
                Text(str(alert.count), justify="right"),
                Text().append("yes" if alert.actions else "", "sanctions.open"),
                key=alert.key,
            )
        if found.alerts:
            table.move_cursor(row=min(keep, len(found.alerts) - 1))
            self._detail(found.alerts[table.cursor_row])
        else:
            self.query_one("#alert-detail", Static).update("no alerts")

    def _detail(self, alert: PatternAlert) -> None:
        self.query_one("#alert-detail", Static).update(alert_detail(alert))

    def current(self) -> PatternAlert | None:
        if self.alerts is None or not self.alerts.alerts:
            return None
        row = self.query_one(DataTable).cursor_row
        return self.alerts.alerts[min(max(row, 0), len(self.alerts.alerts) - 1)]

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        alert = self.current()
        if alert is not None:
            self._detail(alert)

    def action_reload(self) -> None:
        self.load()

    def action_record(self) -> None:
        alert = self.current()
        if alert is None:
            self.notify("No alert to record anything about.", timeout=3)
            return
        if not self.service.may_record_alerts():
            self.notify("Leads record what was done about an alert.", timeout=4)
            return

        def recorded(result: PatternAlert | None) -> None:
            if result is not None:
                self.notify(f"Recorded what was done: {result.label}", title="Pattern alert")
                self.load()

        self.app.push_screen(RecordAlertModal(self.service, alert), recorded)
