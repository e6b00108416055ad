"""The queue's filters: status, establishment, organisation, overdue and overridden."""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from backoffice.service import BackofficeService, QueueQuery
from intake.core.errors import SanctionsError
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


class FilterModal(ModalScreen[QueueQuery | None]):
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
        status = str(self.query_one("#status", Select).value)
        org = str(self.query_one("#organisation", Select).value)
        overridden = str(self.query_one("#overridden", Select).value)
        text = self.query_one("#establishment", Input).value.strip()
        place = self.service.establishment(text) if text else None
        return replace(
            self.request,
            statuses=() if status in (OPEN, ALL) else (status,),
            include_closed=status == ALL,
            organisation=None if org == ANY else org,
            overdue=self.query_one("#overdue", Checkbox).value,
            overridden={"yes": True, "no": False}.get(overridden),
            establishment=place[1] if place else None,
            establishment_id=place[0] if place else None,
            page=1,
        )

    @on(Button.Pressed, "#apply")
    @on(Input.Submitted, "#establishment")
    def action_apply(self) -> None:
        try:
            chosen = self._chosen()
        except SanctionsError as exc:
            self.notify(str(exc), title="Establishment", severity="error")
            self.query_one("#establishment", Input).focus()
            return
        self.dismiss(chosen)

    @on(Button.Pressed, "#clear")
    def action_clear(self) -> None:
        self.dismiss(QueueQuery(search=self.request.search))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
