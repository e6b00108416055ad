"""Taking one workflow action: its outcome, a note and any extra input, then the service."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from backoffice.service import BackofficeService
from backoffice.text import parse_date
from backoffice.tui.confirm_modal import ConfirmCloseModal
from backoffice.tui.dialog import ServiceDialog
from backoffice.view_models import ActionResult, AvailableAction, CaseView
from intake.core.clock import local_today


def _who(action: AvailableAction) -> str:
    where = f"step {action.step}: {action.step_label}" if action.step else "a parallel duty"
    return f"{where} · who: {action.who}"


def _outcome_choices(action: AvailableAction) -> list[tuple[str, str]]:
    return [(o.label + ("" if o.allowed else " (refused now)"), o.name) for o in action.outcomes]


class ActionModal(ServiceDialog[ActionResult]):
    """Ask for what the action needs and take it through the workflow service."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "submit", "Take action", priority=True),
    ]

    def __init__(self, service: BackofficeService, case: CaseView, action: AvailableAction) -> None:
        super().__init__()
        self.service = service
        self.case = case
        self.action = action

    def _wants(self, name: str) -> bool:
        return name in self.action.needs or name in self.action.accepts

    def compose(self) -> ComposeResult:
        a = self.action
        with Vertical(classes="dialog"):
            yield Static(f"{self.case.summary.reference}: {a.label}", classes="dialog-title",
                         markup=False)  # fmt: skip
            yield Static(_who(a), classes="hint", markup=False)
            if a.closes_case:
                yield Static("This closes the case: you will be asked to confirm.",
                             classes="warning", markup=False)  # fmt: skip
            inputs = list(self._inputs())
            if inputs:
                with Grid(classes="fields"):
                    yield from inputs
            note = "Note (required)" if a.note_required else "Note (optional)"
            yield Label(note)
            yield TextArea(id="note", compact=True)
            if self._wants("recommendations"):
                yield Label("Recommendations, one a line: text | owner: who | "
                            "outcome: what shows it is done | due: YYYY-MM-DD")  # fmt: skip
                yield TextArea(id="recommendations", compact=True)
            yield Static("ctrl+s take the action · esc cancel", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Take action", id="submit", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def _inputs(self) -> ComposeResult:
        a = self.action
        if a.outcomes:
            yield Label("Outcome" + ("" if a.outcome_required else " (optional)"))
            yield Select(_outcome_choices(a), prompt="choose an outcome", id="outcome",
                         compact=True)  # fmt: skip
        if self._wants("due"):
            yield Label("Due date")
            yield Input(placeholder="YYYY-MM-DD (or leave for the default)", id="due",
                        compact=True)  # fmt: skip
        if self._wants("told"):
            yield Label("Date told")
            yield Input(value=local_today().isoformat(), placeholder="YYYY-MM-DD", id="told",
                        compact=True)  # fmt: skip
        if self._wants("recommendation_id"):
            open_ones = [(f"{r.seq}. {r.text}", r.id) for r in self.case.recommendations
                         if r.done_at is None]  # fmt: skip
            yield Label("Recommendation")
            yield Select(open_ones, prompt="which recommendation", id="recommendation",
                         compact=True)  # fmt: skip

    def on_mount(self) -> None:
        first = self.query("Select, Input, TextArea").first()
        first.focus()

    def _value(self, selector: str) -> object | None:
        found = self.query(selector)
        if not found:
            return None
        widget = found.first()
        if isinstance(widget, Select):
            return None if widget.is_blank() else widget.value
        if isinstance(widget, TextArea):
            return widget.text
        if isinstance(widget, Input):
            return widget.value
        return None

    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        self.after_typing(self._submit)

    def _submit(self) -> None:
        if not self.action.closes_case:
            self._take(confirm_close=False)
            return
        reference, label = self.case.summary.reference, self.action.label
        self.app.push_screen(ConfirmCloseModal(reference, label), self._confirmed)

    def _confirmed(self, close: bool | None) -> None:
        if close:
            self._take(confirm_close=True)
        else:
            self.notify("The case stays open.", title="Not closed", timeout=4)

    def _take(self, *, confirm_close: bool) -> None:
        due_text = str(self._value("#due") or "").strip()
        told_text = str(self._value("#told") or "").strip()
        lines = str(self._value("#recommendations") or "").splitlines()
        chosen = self._value("#recommendation")
        note = str(self._value("#note") or "")
        outcome = str(self._value("#outcome") or "") or None
        self.submit_through(
            lambda: self.service.act(
                self.case.summary.reference,
                self.action.name,
                version=self.case.summary.version,
                note=note,
                outcome=outcome,
                due=parse_date(due_text, what="the due date") if due_text else None,
                told=parse_date(told_text, what="the date told") if told_text else None,
                recommendations=[line.strip() for line in lines if line.strip()],
                recommendation_id=int(chosen) if isinstance(chosen, int) else None,
                confirm_close=confirm_close,
            ),
            not_done="Not yet",
        )
