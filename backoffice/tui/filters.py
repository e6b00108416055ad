"""The queue's filters: status, establishment, organisation, overdue and overridden.

The establishment typed is looked up (fuzzy, in the database) the way every dialog sends its
change: in a worker thread (:class:`~backoffice.tui.dialog.ServiceDialog`), so a slow database
never holds the screen; a name that fits no place, or several, keeps the dialog and what was typed.
"""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from backoffice.service import BackofficeService, QueueQuery
from backoffice.tui.dialog import ServiceDialog
from intake.core.vocabulary import CaseStatus, Organisation

OPEN, ALL, ANY = "open", "all", "any"
STATUS_CHOICES = [
    ("open cases (any status)", OPEN),
    ("all, including closed", ALL),
    *[(s.label, s.value) for s in CaseStatus],
]
ORG_CHOICES = [("any organisation", ANY), *[(o.value, o.value) for o in Organisation]]
OVERRIDDEN_CHOICES = [("overridden or not", ANY), ("overridden", "yes"), ("not overridden", "no")]


def _status_value(request: QueueQuery) -> str:
    if request.statuses:
        return request.statuses[0]
    return ALL if request.include_closed else OPEN


def _overridden_value(request: QueueQuery) -> str:
    return {True: "yes", False: "no", None: ANY}[request.overridden]


class FilterModal(ServiceDialog[QueueQuery]):
    """Choose what the queue shows; returns the new request (page 1, same search)."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "apply", "Apply", priority=True),
        Binding("ctrl+r", "clear", "Clear filters", priority=True, tooltip="all open cases"),
    ]

    def __init__(self, service: BackofficeService, request: QueueQuery) -> None:
        super().__init__()
        self.service = service
        self.request = request

    def compose(self) -> ComposeResult:
        r = self.request
        with Vertical(classes="dialog"):
            yield Static("Filter the queue", classes="dialog-title")
            with Grid(classes="fields"):
                yield Label("Status")
                yield Select(STATUS_CHOICES, value=_status_value(r), allow_blank=False,
                             id="status", compact=True)  # fmt: skip
                yield Label("Establishment")
                yield Input(r.establishment or "", placeholder="any: name, alias or code",
                            id="establishment", compact=True)  # fmt: skip
                yield Label("Organisation")
                yield Select(ORG_CHOICES, value=r.organisation or ANY, allow_blank=False,
                             id="organisation", compact=True)  # fmt: skip
                yield Label("Overdue")
                yield Checkbox("only cases with a task past due", r.overdue, id="overdue",
                               compact=True)  # fmt: skip
                yield Label("Overridden")
                yield Select(OVERRIDDEN_CHOICES, value=_overridden_value(r), allow_blank=False,
                             id="overridden", compact=True)  # fmt: skip
            yield Static("ctrl+s apply · ctrl+r clear · esc cancel", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Apply", id="apply", variant="primary", compact=True)
                yield Button("Clear", id="clear", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#status", Select).focus()

    def _chosen(self) -> QueueQuery:
        """The request the boxes describe, the establishment as typed (not yet looked up)."""
        status = str(self.query_one("#status", Select).value)
        org = str(self.query_one("#organisation", Select).value)
        overridden = str(self.query_one("#overridden", Select).value)
        return replace(
            self.request,
            statuses=() if status in (OPEN, ALL) else (status,),
            include_closed=status == ALL,
            organisation=None if org == ANY else org,
            overdue=self.query_one("#overdue", Checkbox).value,
            overridden={"yes": True, "no": False}.get(overridden),
            establishment=None,
            establishment_id=None,
            page=1,
        )

    @on(Button.Pressed, "#apply")
    @on(Input.Submitted, "#establishment")
    def action_apply(self) -> None:
        chosen = self._chosen()
        text = self.query_one("#establishment", Input).value.strip()
        if not text:
            self.dismiss(chosen)
            return
        service = self.service

        def looked_up() -> QueueQuery:
            found, name = service.establishment(text)
            return replace(chosen, establishment=name, establishment_id=found)

        self.submit_through(looked_up, not_done="Establishment")

    @on(Button.Pressed, "#clear")
    def action_clear(self) -> None:
        if not self.submitting:
            self.dismiss(QueueQuery(search=self.request.search))
