"""The person was moved to another establishment: the case and its IMB monitoring follow them.

Where to and a note are both needed (the dialog stays open without them); a place the look-up
cannot name for certain keeps the dialog open with its message. Cancel (esc) changes nothing.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from backoffice.service import BackofficeService
from backoffice.tui.dialog import ServiceDialog
from backoffice.view_models import CaseView


class TransferModal(ServiceDialog[CaseView]):
    """Record a move to another establishment."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "submit", "Record the move", priority=True),
    ]

    def __init__(self, service: BackofficeService, case: CaseView) -> None:
        super().__init__()
        self.service = service
        self.case = case

    def compose(self) -> ComposeResult:
        s = self.case.summary
        with Vertical(classes="dialog"):
            yield Static(
                f"{s.reference} moved from {s.establishment or '-'}", classes="dialog-title"
            )
            yield Static(
                "The case and its IMB monitoring follow the person: the new establishment's "
                "Board sees it from now on, the old Board no longer does.",
                classes="hint",
            )
            yield Input(id="to", placeholder="moved to (establishment)", compact=True)
            yield Input(id="note", placeholder="when, and what is known of why", compact=True)
            with Horizontal(classes="buttons"):
                yield Button("Record the move", id="submit", variant="warning", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#to", Input).focus()

    @on(Button.Pressed, "#submit")
    @on(Input.Submitted)
    def action_submit(self) -> None:
        self.after_typing(self._submit)

    def _submit(self) -> None:
        for box, what in (("#to", "where they were moved to"), ("#note", "a note of the move")):
            if not self.query_one(box, Input).value.strip():
                self.notify(f"Say {what}.", title="Needed", severity="error")
                self.query_one(box, Input).focus()
                return
        to, note = (self.query_one(b, Input).value for b in ("#to", "#note"))
        self.submit_through(
            lambda: self.service.record_transfer(self.case.summary.reference, to, note),
            not_done="Not recorded",
        )
