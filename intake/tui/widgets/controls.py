"""The input controls an answer can need. Each cleans pasted text and posts `Accept` upward."""

from __future__ import annotations

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.dom import DOMNode
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Input, OptionList, SelectionList, TextArea
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import Option, OptionDoesNotExist

from intake.core.validation import clean_prose, clean_text
from intake.tui.widgets.rich_text import hanging


class Accept(Message):
    """The control's answer, as text the engine understands (a number, words, or prose)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    @property
    def control(self) -> DOMNode | None:
        """The control that posted it (so `@on(Accept, "#id")` can tell controls apart)."""
        sender = self._sender
        return sender if isinstance(sender, DOMNode) else None


class Cleaned(Message):
    """Pasted text held control characters or terminal escape sequences, now removed."""

    def __init__(self, removed: int) -> None:
        super().__init__()
        self.removed = removed


def _clean_paste(text: str) -> tuple[str, int]:
    cleaned = clean_text(text.replace("\r\n", "\n").replace("\t", " "))
    removed = len(text.replace("\r\n", "\n")) - len(cleaned)
    return cleaned, max(removed, 0)


class AnswerLine(Input):
    """A one-line answer. A multi-line paste is joined into one line, never cut short."""

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()
        event.stop()
        cleaned, removed = _clean_paste(event.text)
        line = " ".join(part.strip() for part in cleaned.splitlines() if part.strip())
        if removed:
            self.post_message(Cleaned(removed))
        if line:
            start, end = self.selection
            self.replace(line, min(start, end), max(start, end))


class AnswerArea(TextArea):
    """Prose over several lines (the narrative); Enter is a new line, F5 or Ctrl+S accepts."""

    BINDINGS = [  # noqa: RUF012
        Binding(
            "f5,ctrl+s,ctrl+enter,ctrl+j",
            "accept",
            "Accept",
            priority=True,
            tooltip="the text typed is the answer",
        ),
    ]

    def action_accept(self) -> None:
        # A priority binding runs as soon as the key arrives, ahead of keys still queued for
        # this widget (fast typing, a burst from a terminal): read the text only after them,
        # so no word typed before F5 is left out.
        self.call_later(self._accept_now)

    def _accept_now(self) -> None:
        self.post_message(Accept(self.text))

    async def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()
        event.stop()
        if self.read_only:
            return
        # Prose keeps everything pasted (tabs, blank lines): only terminal codes go.
        cleaned = clean_prose(event.text)
        removed = len(event.text.replace("\r\n", "\n")) - len(cleaned)
        if removed > 0:
            self.post_message(Cleaned(removed))
        start, end = self.selection
        result = self.replace(cleaned, start, end)
        self.move_cursor(result.end_location)


def numbered(index: int, label: str) -> Text:
    line = Text()
    line.append(f"{index}  ", style="bold")
    line.append(label)
    return line


NOTHING_PICKED = "Pick one first: its number (or ↑↓), then Enter."


class ChoicePicker(OptionList):
    """One choice from a list: its number (or y / n for yes and no) or the arrows pick it,
    Enter (or a click) chooses it.

    A key only picks: were it to choose at once, the Enter that often follows it ("2", Enter)
    would reach the next question and answer it with whatever is picked there. With
    ``pick_first`` False nothing is picked until the person picks: an Enter meant for the
    question before (confirming a found answer) never answers this one ("yes" to consent).
    """

    BINDINGS = [Binding("enter", "select", "Choose", show=False)]  # noqa: RUF012

    def __init__(
        self,
        labels: list[str],
        *,
        shortcuts: dict[str, int] | None = None,
        highlighted: int | None = None,
        pick_first: bool = True,
        id: str | None = None,
    ) -> None:
        options = [Option(hanging(str(i), Text(label))) for i, label in enumerate(labels, 1)]
        super().__init__(*options, id=id)
        self._shortcuts = shortcuts or {}
        self._initial = highlighted if highlighted is not None or not pick_first else 0

    def on_mount(self) -> None:
        self.highlighted = self._initial

    def action_select(self) -> None:
        if self.highlighted is None:
            self.app.bell()
            self.notify(NOTHING_PICKED, severity="warning", timeout=4)
            return
        super().action_select()

    def on_key(self, event: events.Key) -> None:
        index = self._index_for(event.character)
        if index is not None:
            event.stop()
            event.prevent_default()
            self.highlighted = index

    def _index_for(self, character: str | None) -> int | None:
        if not character:
            return None
        if character.lower() in self._shortcuts:
            return self._shortcuts[character.lower()]
        if character.isdigit() and 1 <= int(character) <= self.option_count:
            return int(character) - 1
        return None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(Accept(str(event.option_index + 1)))


class MultiPicker(SelectionList[int]):
    """Several choices: Space or a number ticks one, Enter accepts what is ticked."""

    BINDINGS = [  # noqa: RUF012
        Binding("enter", "accept", "Done", show=False),
    ]

    def __init__(
        self, labels: list[str], *, selected: set[int] | None = None, id: str | None = None
    ) -> None:
        chosen = selected or set()
        items = [(numbered(i, label), i, i in chosen) for i, label in enumerate(labels, 1)]
        super().__init__(*items, id=id)

    def on_key(self, event: events.Key) -> None:
        character = event.character
        if character and character.isdigit() and 1 <= int(character) <= self.option_count:
            event.stop()
            event.prevent_default()
            self.highlighted = int(character) - 1
            self.toggle(int(character))

    def render_line(self, y: int) -> Strip:
        """Textual draws every box with an "X" and tells ticked from unticked by colour alone:
        an unticked box is drawn empty, so the tick reads without colour too."""
        line = super().render_line(y)
        segments = list(line)
        if len(segments) < 2 or segments[1].text != ToggleButton.BUTTON_INNER:
            return line
        try:
            choice = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return line
        if choice.value in self.selected:
            return line
        segments[1] = Segment(" " * len(ToggleButton.BUTTON_INNER), segments[1].style)
        return Strip(segments, line.cell_length)

    def action_accept(self) -> None:
        self.post_message(Accept(", ".join(str(v) for v in sorted(self.selected))))
