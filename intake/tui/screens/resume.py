"""On start, when unfinished interviews exist: resume the latest, start new, or discard it."""

from __future__ import annotations

from enum import StrEnum

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from intake.core.clock import local_time
from intake.interview.drafts import DraftSummary
from intake.tui.widgets.controls import Accept, ChoicePicker


class ResumeChoice(StrEnum):
    RESUME = "resume"
    NEW = "new"
    DISCARD = "discard"


CHOICES = [
    (ResumeChoice.RESUME, "Resume it"),
    (ResumeChoice.NEW, "Start a new interview (keep it as a draft)"),
    (ResumeChoice.DISCARD, "Discard it and start a new interview"),
]


def describe(draft: DraftSummary) -> str:
    unfinished = " and unfinished text" if draft.has_pending_text else ""
    stopped = f" {draft.stopped}." if draft.stopped else ""
    return (
        f"{draft.person or 'No name yet'} at {draft.establishment or 'no place yet'}: "
        f"{draft.answered} answers{unfinished}, saved {local_time(draft.updated_at):%d %b %H:%M}."
        + stopped
    )


class ResumeModal(ModalScreen[ResumeChoice]):
    """Offers the latest unfinished interview; r, n or d, or arrows and Enter."""

    BINDINGS = [Binding("escape", "resume", "Resume")]  # noqa: RUF012

    def __init__(self, latest: DraftSummary, count: int) -> None:
        super().__init__()
        self.latest = latest
        self.count = count

    def compose(self) -> ComposeResult:
        with Vertical(id="resume-box", classes="dialog"):
            many = f"You have {self.count} unfinished interviews. The latest:"
            lead = many if self.count > 1 else "You have an unfinished interview:"
            yield Static(Text(lead, style="bold"), markup=False)
            yield Static(Text(describe(self.latest)), markup=False)
            shortcuts = {"r": 0, "n": 1, "d": 2}
            yield ChoicePicker([label for _, label in CHOICES], shortcuts=shortcuts)
            hint = "r resume · n new · d discard, then Enter"
            yield Static(Text(hint), classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#resume-box").border_title = "Unfinished interview"
        self.query_one(ChoicePicker).focus()

    def on_accept(self, event: Accept) -> None:
        event.stop()
        self.dismiss(CHOICES[int(event.text) - 1][0])

    def action_resume(self) -> None:
        self.dismiss(ResumeChoice.RESUME)
