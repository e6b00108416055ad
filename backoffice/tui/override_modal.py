"""A supervisor's override: qualifies, categories, severity, risk and route, always with a reason.

Only the fields changed from the effective classification are sent. Without a reason the
dialog stays open and nothing is sent; Cancel (esc) leaves everything as it was.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from backoffice.service import BackofficeService
from backoffice.tui.dialog import ServiceDialog
from backoffice.view_models import CaseView
from intake.core.vocabulary import (
    Qualifies,
    RiskLevel,
    Route,
    SanctionCategory,
    Severity,
    labels_of,
)

#: Each field's choices as (label, code): people read the labels, the service gets the codes.
CHOICES: dict[str, list[tuple[str, str]]] = {
    "qualifies": [(q.label, q.value) for q in Qualifies],
    "severity": [(s.label, s.value) for s in Severity],
    "risk": [(r.label, r.value) for r in RiskLevel],
    "route": [(r.label, r.value) for r in Route],
}
_CATEGORY_CODES = {c.label.lower(): c.value for c in SanctionCategory}
REASON_NEEDED = "An override needs a reason: say why. Everyone who sees the case will read it."


def current_values(case: CaseView) -> dict[str, str]:
    s = case.summary
    return {
        "qualifies": s.qualifies,
        "categories": labels_of(SanctionCategory, s.categories, missing=""),
        "severity": s.severity,
        "risk": s.risk_level,
        "route": s.route,
    }


def category_codes(text: str) -> list[str]:
    """Categories typed by their labels (as shown) or codes, as codes; anything else is left
    for the service to refuse."""
    items = [p.strip().lower() for p in text.split(",") if p.strip()]
    return [_CATEGORY_CODES.get(item, item) for item in items]


def _same_categories(a: str, b: str) -> bool:
    return set(category_codes(a)) == set(category_codes(b))


class OverrideModal(ServiceDialog[CaseView]):
    """Change the effective classification of one case, with a reason seen by all."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "submit", "Override", priority=True),
    ]

    def __init__(self, service: BackofficeService, case: CaseView) -> None:
        super().__init__()
        self.service = service
        self.case = case
        self.before = current_values(case)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(f"Override {self.case.summary.reference}", classes="dialog-title")
            yield Static("The original stays on record; the reason is seen by all.",
                         classes="hint")  # fmt: skip
            with Grid(classes="fields"):
                for name in ("qualifies", "severity", "risk", "route"):
                    yield Label(name.capitalize())
                    yield Select(CHOICES[name], value=self.before[name],
                                 allow_blank=False, id=name, compact=True)  # fmt: skip
                yield Label("Categories")
                yield Input(self.before["categories"], id="categories", compact=True,
                            placeholder="comma-separated, or none")  # fmt: skip
                yield Label("Reason")
                yield Input(id="reason", placeholder="required: why you override", compact=True)
            yield Static("categories: " + "; ".join(c.label for c in SanctionCategory),
                         classes="hint")  # fmt: skip
            with Horizontal(classes="buttons"):
                yield Button("Override", id="submit", variant="warning", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#qualifies", Select).focus()

    def changes(self) -> dict[str, str]:
        """The fields set to something other than the effective classification."""
        found = {}
        for name in ("qualifies", "severity", "risk", "route"):
            value = str(self.query_one(f"#{name}", Select).value)
            if value != self.before[name]:
                found[name] = value
        categories = self.query_one("#categories", Input).value
        if not _same_categories(categories, self.before["categories"]):
            found["categories"] = ",".join(category_codes(categories)) or "none"
        return found

    @on(Button.Pressed, "#submit")
    @on(Input.Submitted)
    def action_submit(self) -> None:
        self.after_typing(self._submit)

    def _submit(self) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            self.notify(REASON_NEEDED, title="Reason required", severity="error")
            self.query_one("#reason", Input).focus()
            return
        changes = self.changes()
        self.submit_through(
            lambda: self.service.override(
                self.case.summary.reference, changes, reason, self.case.summary.version
            ),
            not_done="Not overridden",
        )
