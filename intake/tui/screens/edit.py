"""Change one answer from the review: the same control, prefilled; the engine re-checks it."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from sqlalchemy.exc import SQLAlchemyError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from intake.core.errors import SanctionsError, ValidationProblem
from intake.interview.script import Kind, Question
from intake.interview.session import InterviewSession
from intake.tui.widgets.answer_input import AnswerInput

NOT_TEXT = ("(skipped)",)


def prefill(question: Question, value: Any, display: str) -> tuple[str, list[str]]:
    """What to put back in the control: text for a line or prose, values for pickers."""
    if question.kind == Kind.YES_NO:
        return "", (["yes" if value else "no"] if isinstance(value, bool) else [])
    if question.kind == Kind.CHOICE:
        return "", [value] if isinstance(value, str) else []
    if question.kind == Kind.MULTI:
        return "", list(value or [])
    if display in NOT_TEXT:
        return "", []
    if display == "not known":
        return "unknown", []
    return display, []


class EditAnswerModal(ModalScreen[bool]):
    """Re-answer one question; dismisses True when the new answer was accepted and saved."""

    BINDINGS = [Binding("escape", "cancel", "Keep the answer")]  # noqa: RUF012

    def __init__(self, session: InterviewSession, question: Question) -> None:
        super().__init__()
        self.session = session
        self.question = question

    def compose(self) -> ComposeResult:
        parsed = self.session.interview.answers.get(self.question.key)
        text, chosen = prefill(
            self.question, parsed.value if parsed else None, parsed.display if parsed else ""
        )
        with Vertical(id="edit-box"):
            yield AnswerInput(self.question, text=text, chosen=chosen)
            yield Static(Text("Esc keeps the answer as it was."), classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#edit-box").border_title = "Change an answer"
        self.query_one(AnswerInput).focus_control()

    def on_answer_input_answered(self, event: AnswerInput.Answered) -> None:
        event.stop()
        answer_input = self.query_one(AnswerInput)
        try:
            self.session.answer(self.question, event.text, editing=True)
        except ValidationProblem as problem:
            answer_input.show_problem(str(problem))
            return
        except (SanctionsError, SQLAlchemyError) as exc:
            answer_input.show_problem(f"Could not save the answer: {exc}")
            return
        self.dismiss(True)

    def on_answer_input_text_changed(self, event: AnswerInput.TextChanged) -> None:
        event.stop()

    def action_cancel(self) -> None:
        self.dismiss(False)
