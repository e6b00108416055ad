"""A letter to the person (issue 16): choose a letter the case may have now, read it filled from
the case, edit it, and save it on the case; optionally write it as PDF or text too.

The letter kinds the case may not have now are said below the choice with the reason. Saving
keeps the words exactly as they are in the box. Cancel (esc) saves nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Select, Static, TextArea

from backoffice.letters import LetterKind
from backoffice.service import BackofficeService
from backoffice.tui.dialog import ServiceDialog
from backoffice.view_models import CaseView, LetterChoice, LetterView
from intake.core.errors import SanctionsError


@dataclass(frozen=True)
class SavedLetter:
    letter: LetterView
    written: Path | None = None


class LetterModal(ServiceDialog[SavedLetter]):
    """Write a letter to the person and save it on the case."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding(
            "f2",
            "save_pdf",
            "Save + PDF",
            priority=True,
            tooltip="save it on the case and write it as a PDF file",
        ),
        Binding(
            "f3",
            "save_text",
            "Save + text",
            priority=True,
            tooltip="save it on the case and write it as a text file",
        ),
    ]

    def __init__(
        self, service: BackofficeService, case: CaseView, choices: list[LetterChoice]
    ) -> None:
        super().__init__()
        self.service = service
        self.case = case
        self.choices = choices
        self.allowed = [c for c in choices if c.allowed]

    def compose(self) -> ComposeResult:
        s = self.case.summary
        refused = [c for c in self.choices if not c.allowed]
        with Vertical(classes="dialog letter-dialog"):
            yield Static(f"{s.reference}: a letter to the person", classes="dialog-title")
            yield Select(
                [(c.title, c.kind) for c in self.allowed],
                value=self.allowed[0].kind,
                allow_blank=False,
                id="kind",
                compact=True,
            )
            yield TextArea("", id="text", soft_wrap=True, show_line_numbers=False)
            yield Static(
                "Edit it as you need; it is saved exactly as it is. Not now: "
                + (", ".join(c.kind.replace("_", " ") for c in refused) or "-"),
                classes="hint",
                id="not-now",
                markup=False,
            )
            with Horizontal(classes="buttons"):
                yield Button("Save", id="save", variant="primary", compact=True)
                yield Button("Save + PDF", id="save-pdf", compact=True)
                yield Button("Save + text", id="save-text", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        self._fill(self.allowed[0].kind)
        self.query_one("#text", TextArea).focus()

    @on(Select.Changed, "#kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self._fill(event.value)

    def _fill(self, kind: str) -> None:
        try:
            text = self.service.fill_letter(self.case.summary.reference, LetterKind(kind))
        except SanctionsError as exc:
            self.notify(str(exc), title="No letter", severity="warning", timeout=8)
            return
        box = self.query_one("#text", TextArea)
        box.load_text(text)
        box.move_cursor((0, 0))

    @property
    def kind(self) -> LetterKind:
        value = self.query_one("#kind", Select).value
        return LetterKind(str(value))

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#save-pdf")
    def action_save_pdf(self) -> None:
        self.action_save("pdf")

    @on(Button.Pressed, "#save-text")
    def action_save_text(self) -> None:
        self.action_save("txt")

    def action_save(self, fmt: str | None = None) -> None:
        self.after_typing(lambda: self._save(fmt))

    def _save(self, fmt: str | None) -> None:
        text = self.query_one("#text", TextArea).text
        self.submit_through(lambda: self._saved(text, fmt), not_done="Not saved")

    def _saved(self, text: str, fmt: str | None) -> SavedLetter:
        reference = self.case.summary.reference
        letter = self.service.save_letter(reference, self.kind, text)
        if fmt is None:
            return SavedLetter(letter)
        try:
            written = self.service.write_letter_to_folder(reference, letter, fmt)
        except SanctionsError as exc:  # saved all the same: say so, and what was not written
            self.notify(f"Saved on the case, but not written: {exc}", severity="warning")
            return SavedLetter(letter)
        return SavedLetter(letter, written)
