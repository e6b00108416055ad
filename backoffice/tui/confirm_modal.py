"""Closing is deliberate: a question before an action that ends a case (default: go back)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmCloseModal(ModalScreen[bool]):
    """Ask "close this case?"; dismisses True only when the person chooses to close it."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "back", "Go back"),
        Binding("y", "close_case", "Close it"),
        Binding("n", "back", "Go back"),
    ]

    def __init__(self, reference: str, label: str) -> None:
        super().__init__()
        self.reference = reference
        self.label = label

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm-close"):
            yield Static(f"Close {self.reference}?", classes="dialog-title", markup=False)
            yield Static(
                f"{self.label}.\nThis ends the case. A supervisor of the receiving "
                "organisation can reopen it, with a reason.",
                markup=False,
            )
            yield Static("y close it · n or esc go back", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Go back", id="back", variant="primary", compact=True)
                yield Button("Close the case", id="close-case", variant="error", compact=True)

    def on_mount(self) -> None:
        self.query_one("#back", Button).focus()

    @on(Button.Pressed, "#close-case")
    def action_close_case(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.dismiss(False)
