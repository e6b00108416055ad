"""Unfinished interviews: open one, start a new one, or discard one (d twice)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from intake.interview.drafts import DraftStore, DraftSummary
from intake.tui.screens.resume import describe


@dataclass(frozen=True)
class DraftsOutcome:
    """What to do after the list closes: open a draft, or start a new interview."""

    open_id: int | None = None
    new: bool = False


class DraftsModal(ModalScreen[DraftsOutcome | None]):
    """Lists this interviewer's open drafts; the one on screen is marked."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "close", "Close"),
        Binding("d", "discard", "Discard"),
        Binding("n", "new", "New interview"),
    ]

    def __init__(self, store: DraftStore, *, user_id: int | None, current_id: int | None) -> None:
        super().__init__()
        self.store = store
        self.user_id = user_id
        self.current_id = current_id
        self.drafts: list[DraftSummary] = []
        self._armed: int | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="drafts-box", classes="dialog"):
            yield OptionList(id="drafts")
            yield Static("", id="drafts-note", markup=False)
            yield Static(
                Text("Enter opens · n new interview · d twice discards · Esc closes"),
                classes="hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one("#drafts-box").border_title = "Unfinished interviews"
        self.query_one("#drafts").focus()
        self._load()

    @work(thread=True, exclusive=True, group="drafts")
    def _load(self) -> None:
        drafts = self.store.open_drafts(user_id=self.user_id)
        self.app.call_from_thread(self._show, drafts)

    def _show(self, drafts: list[DraftSummary]) -> None:
        self.drafts = drafts
        listing = self.query_one("#drafts", OptionList)
        listing.clear_options()
        for draft in drafts:
            here = "  ← on screen now" if draft.id == self.current_id else ""
            listing.add_option(Option(Text(f"#{draft.id}  {describe(draft)}{here}")))
        if not drafts:
            self._note("No unfinished interviews.")

    def _note(self, message: str) -> None:
        self.query_one("#drafts-note", Static).update(Text(message))

    def _highlighted(self) -> DraftSummary | None:
        index = self.query_one("#drafts", OptionList).highlighted
        return self.drafts[index] if index is not None and index < len(self.drafts) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        draft = self.drafts[event.option_index]
        if draft.id == self.current_id:
            self.dismiss(None)
        else:
            self.dismiss(DraftsOutcome(open_id=draft.id))

    def action_discard(self) -> None:
        draft = self._highlighted()
        if draft is None:
            return
        if self._armed != draft.id:
            self._armed = draft.id
            self._note(f"Press d again to discard #{draft.id}. It cannot be resumed afterwards.")
            return
        self._armed = None
        self._discard(draft.id)

    @work(thread=True, exclusive=True, group="drafts")
    def _discard(self, draft_id: int) -> None:
        self.store.discard(draft_id)
        if draft_id == self.current_id:
            self.app.call_from_thread(self.dismiss, DraftsOutcome(new=True))
            return
        self.app.call_from_thread(self._note, f"Discarded #{draft_id}.")
        self._load()

    def action_new(self) -> None:
        self.dismiss(DraftsOutcome(new=True))

    def action_close(self) -> None:
        self.dismiss(None)
