"""The answer box under the conversation: the control that fits the question, and its hints.

Attributes down (the question, what to prefill, a problem to show), messages up (`Answered`
when staff accept an answer, `TextChanged` as prose is typed). It never calls the engine.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from intake.core.establishments import Lookup, default_directory
from intake.interview.script import Kind, Question
from intake.look.themes import NOTE_MARK, PROBLEM_MARK
from intake.tui.widgets.controls import (
    Accept,
    AnswerArea,
    AnswerLine,
    ChoicePicker,
    Cleaned,
    MultiPicker,
)

PROSE = (Kind.NARRATIVE, Kind.LONG_TEXT)
YES_NO_LABELS = ["Yes", "No"]
HINTS = {
    Kind.CHOICE: "its number or ↑↓, then Enter",
    Kind.YES_NO: "y or n (or ↑↓), then Enter",
    Kind.MULTI: "Space or a number ticks; Enter when done",
    Kind.NARRATIVE: "Enter = new line · F5 or Ctrl+S accepts · saved as you type",
    Kind.LONG_TEXT: "Enter = new line · F5 or Ctrl+S accepts",
    Kind.DATE: "Enter accepts · 'last Tuesday', 'two weeks ago', '12/10'",
    Kind.ESTABLISHMENT: "Enter accepts · name, local name or code",
}
FUTURE_DATE_HINT = "Enter accepts · 'next Friday', 'in two weeks', '24/12'"
PLACEHOLDERS = {
    Kind.DATE: "today",
    Kind.PRISON_NUMBER: "A1234BC",
    Kind.ESTABLISHMENT: "e.g. Wandsworth, the Scrubs, BWI",
}
SUGGEST_DELAY = 0.15


def establishment_hint(found: Lookup) -> str:
    """One line, as the name is typed, of what it would find (never a silent guess)."""
    if found.not_covered is not None:
        return f"Not covered: {found.not_covered.kind} ({found.not_covered.covered_by})"
    if found.ambiguous:
        return "Several places fit, type more: " + " · ".join(m.record.name for m in found.tied)
    if found.best is not None:
        return f"Matches: {found.best.name}"
    if found.suggestions:
        return "Not found. Nearest: " + " · ".join(m.record.name for m in found.suggestions)
    return "No match yet: try the name on the gate, or its code"


class AnswerInput(Vertical):
    """Takes one answer to one question."""

    class Answered(Message):
        """Staff accepted an answer (not yet checked: the engine decides)."""

        def __init__(self, question: Question, text: str) -> None:
            super().__init__()
            self.question = question
            self.text = text

    class TextChanged(Message):
        """Prose being typed changed (for live classification and autosave)."""

        def __init__(self, question: Question, text: str) -> None:
            super().__init__()
            self.question = question
            self.text = text

    def __init__(
        self,
        question: Question,
        *,
        text: str = "",
        chosen: list[str] | None = None,
        note: str = "",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.question = question
        self._text = text
        self._note = note
        self._chosen = chosen or []
        self._suggest_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        prompt = Text()
        prompt.append(self.question.prompt, style="bold")
        if self.question.help:
            prompt.append("\n" + self.question.help, style="italic")
        yield Static(prompt, id="prompt", markup=False)
        yield Static("", id="problem", markup=False)
        yield self._control()
        yield Static(Text(self._hint()), id="hint", markup=False)

    def _hint(self) -> str:
        if self.question.future:
            return FUTURE_DATE_HINT
        if self.question.kind in HINTS:
            return HINTS[self.question.kind]
        extra = " · or 'skip'" if self.question.allow_skip else ""
        return "Enter accepts" + extra

    def _control(self) -> Widget:
        question = self.question
        values = [c.value for c in question.choices]
        if question.kind == Kind.CHOICE:
            first = next((values.index(v) for v in self._chosen if v in values), None)
            labels = [c.label for c in question.choices]
            return ChoicePicker(labels, highlighted=first, pick_first=False, id="control")
        if question.kind == Kind.YES_NO:
            first = {"yes": 0, "no": 1}.get(self._chosen[0]) if self._chosen else None
            shortcuts = {"y": 0, "n": 1}
            return ChoicePicker(
                YES_NO_LABELS,
                shortcuts=shortcuts,
                highlighted=first,
                pick_first=False,
                id="control",
            )
        if question.kind == Kind.MULTI:
            ticked = {values.index(v) + 1 for v in self._chosen if v in values}
            labels = [c.label for c in question.choices]
            return MultiPicker(labels, selected=ticked, id="control")
        if question.kind in PROSE:
            return AnswerArea(self._text, id="control", soft_wrap=True)
        placeholder = "e.g. next Friday" if question.future else PLACEHOLDERS.get(question.kind, "")
        return AnswerLine(self._text, placeholder=placeholder, id="control")

    def on_mount(self) -> None:
        control = self.control
        if isinstance(control, TextArea):
            control.move_cursor(control.document.end)
        if self._note:
            self.show_note(self._note)

    @property
    def control(self) -> Widget:
        return self.query_one("#control")

    def focus_control(self) -> None:
        self.control.focus()

    @property
    def typed(self) -> str:
        """What is in the box now (prose or a line); empty for pickers."""
        control = self.control
        if isinstance(control, TextArea):
            return control.text
        if isinstance(control, Input):
            return control.value
        return ""

    def show_problem(self, message: str) -> None:
        """A gentle warning above the control (``⚠``: not colour alone); what was typed
        stays as it is."""
        self._show(f"{PROBLEM_MARK} {message}", note=False)

    def show_note(self, message: str) -> None:
        """Information, not a warning, in the same place (``ℹ``)."""
        self._show(f"{NOTE_MARK} {message}", note=True)

    def _show(self, words: str, *, note: bool) -> None:
        problem = self.query_one("#problem", Static)
        problem.update(Text(words))
        problem.add_class("shown")
        problem.set_class(note, "note")

    def on_accept(self, event: Accept) -> None:
        event.stop()
        self.post_message(self.Answered(self.question, event.text))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Answered(self.question, event.value))

    def on_cleaned(self, event: Cleaned) -> None:
        event.stop()
        self.show_problem(
            f"Removed {event.removed} control character(s) or terminal codes from the pasted "
            "text; the rest is kept."
        )

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.post_message(self.TextChanged(self.question, event.text_area.text))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.question.kind != Kind.ESTABLISHMENT:
            return
        if self._suggest_timer is not None:
            self._suggest_timer.stop()
        self._suggest_timer = self.set_timer(SUGGEST_DELAY, self._suggest)

    def _suggest(self) -> None:
        """Show which establishments the words typed so far would match."""
        hint = self.query_one("#hint", Static)
        typed = self.typed.strip()
        if len(typed) < 2:
            hint.update(Text(self._hint()))
            return
        hint.update(Text(establishment_hint(default_directory().lookup(typed, limit=3))))
