"""An earlier case offered as the same person: link it, or set it aside with a reason.

Nothing is merged. Setting it aside needs a reason (the dialog stays open without one);
Cancel (esc) leaves both cases as they were.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from backoffice.service import BackofficeService
from backoffice.tui.dialog import ServiceDialog
from backoffice.view_models import CaseView, EarlierCaseView
from backoffice.wording import status_words
from intake.core.vocabulary import LinkDecision

REASON_NEEDED = "Say why they are not the same person: everyone who sees the case will read it."


class LinkModal(ServiceDialog[CaseView]):
    """Decide on one earlier case offered as possibly the same person and place."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "link", "Link", priority=True),
        Binding("ctrl+n", "not_same", "Not the same", priority=True),
    ]

    def __init__(self, service: BackofficeService, case: CaseView, earlier: EarlierCaseView):
        super().__init__()
        self.service = service
        self.case = case
        self.earlier = earlier

    def compose(self) -> ComposeResult:
        e = self.earlier
        with Vertical(classes="dialog"):
            yield Static(f"{self.case.summary.reference} and {e.reference}", classes="dialog-title")
            yield Static(
                f"{e.reference} was received {e.received:%d %b %Y} ({status_words(e.status)}): "
                f"{', '.join(e.reasons)}. Linking records that they are about the same person "
                "and matter; nothing is merged.",
                classes="hint",
            )
            yield Input(id="reason", placeholder="reason (needed if not the same)", compact=True)
            with Horizontal(classes="buttons"):
                yield Button("Link", id="link", variant="primary", compact=True)
                yield Button("Not the same", id="not-same", variant="warning", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    @on(Button.Pressed, "#link")
    def action_link(self) -> None:
        self.after_typing(lambda: self._decide(LinkDecision.LINKED))

    @on(Button.Pressed, "#not-same")
    def action_not_same(self) -> None:
        self.after_typing(lambda: self._decide(LinkDecision.NOT_SAME))

    def _decide(self, decision: LinkDecision) -> None:
        reason = self.query_one("#reason", Input).value.strip() or None
        if decision is LinkDecision.NOT_SAME and reason is None:
            self.notify(REASON_NEEDED, title="Reason required", severity="error")
            self.query_one("#reason", Input).focus()
            return
        self.submit_through(
            lambda: self.service.link_earlier_case(
                self.case.summary.reference, self.earlier.reference, decision, reason
            ),
            not_done="Not recorded",
        )
