"""A letter to the person (issue 16): choose a letter the case may have now, read it filled from
the case, edit it, and save it on the case; optionally write it as PDF or text too.

The letter kinds the case may not have now are said below the choice with the reason. Saving
keeps the words exactly as they are in the box. Cancel (esc) saves nothing.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path

from textual import on, work
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
    #: Why the letter was saved on the case but not written as a file.
    not_written: str | None = None


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
        #: Each letter kind's words as last seen in the box: choosing another kind and coming
        #: back brings the edits back.
        self.drafts: dict[str, str] = {}
        self.shown: str = self.allowed[0].kind

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
            yield TextArea("", id="text", soft_wrap=True, show_line_numbers=False, read_only=True)
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
        if not isinstance(event.value, str) or event.value == self.shown:
            return
        box = self.query_one("#text", TextArea)
        if not box.read_only:
            self.drafts[self.shown] = box.text
        self.shown = event.value
        if event.value in self.drafts:
            self._show(self.drafts[event.value])
        else:
            self._fill(event.value)

    @work(exclusive=True, group="fill", exit_on_error=False)
    async def _fill(self, kind: str) -> None:
        """The letter filled from the case, read off the UI thread. The box takes no keys
        until it is filled, so nothing typed is overwritten."""
        box = self.query_one("#text", TextArea)
        box.read_only = True
        reference = self.case.summary.reference
        try:
            text = await asyncio.to_thread(self.service.fill_letter, reference, LetterKind(kind))
        except SanctionsError as exc:
            self.notify(str(exc), title="No letter", severity="warning", timeout=8)
            return
        if kind == self.shown:
            self._show(text)

    def _show(self, text: str) -> None:
        box = self.query_one("#text", TextArea)
        box.load_text(text)
        box.move_cursor((0, 0))
        box.read_only = False

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
        box = self.query_one("#text", TextArea)
        if box.read_only:
            self.notify("The letter is still being filled.", title="Not yet", timeout=4)
            return
        text, kind = box.text, self.kind
        self.submit_through(lambda: self._saved(kind, text, fmt), not_done="Not saved")

    def _saved(self, kind: LetterKind, text: str, fmt: str | None) -> SavedLetter:
        """Save on the case, then write the file if asked (runs in a worker thread)."""
        reference = self.case.summary.reference
        letter = self.service.save_letter(reference, kind, text)
        if fmt is None:
            return SavedLetter(letter)
        try:
            written = self.service.write_letter_to_folder(reference, letter, fmt)
        except SanctionsError as exc:  # saved all the same: say so, and what was not written
            return SavedLetter(letter, not_written=str(exc))
        return SavedLetter(letter, written)
