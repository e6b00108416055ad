"""The conversation so far: section headings, questions, answers, the words staff say."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual import events
from textual.containers import VerticalScroll
from textual.widgets import Static

from intake.interview.spoken import Said
from intake.tui.widgets.rich_text import reflow, say_block


class ConversationLog(VerticalScroll, can_focus=True):
    """A scrolling transcript. Every entry is plain `Text`: nothing typed is read as markup."""

    DEFAULT_CSS = """
    ConversationLog { height: 1fr; }
    ConversationLog > Static { width: 1fr; height: auto; }
    """

    _turn_start: Static | None = None
    _in_turn = False
    #: The turn's start is words to say: later words in the same turn do not replace it.
    _start_is_words = False

    def begin_turn(self) -> None:
        """What is added next starts a new turn: keep its top in view, not just the end."""
        self._in_turn, self._turn_start, self._start_is_words = True, None, False

    def _words_start_turn(self, entry: Static, *, urgent: bool = False) -> None:
        """Words to say must be read whole: when the turn is taller than the view, its
        section heading scrolls away rather than the end of what to say. The first words
        of a turn (what to tell them now) stay in view before later ones, unless later
        words are urgent."""
        if self._in_turn and (urgent or not self._start_is_words):
            self._turn_start, self._start_is_words = entry, True

    def _add(self, content: RenderableType, *classes: str) -> Static:
        entry = Static(content, classes=" ".join(classes), markup=False)
        self.mount(entry)
        if self._in_turn and self._turn_start is None:
            self._turn_start = entry
        self.call_after_refresh(self._keep_in_view)
        return entry

    def _keep_in_view(self) -> None:
        if self._turn_start is not None and self._turn_start.is_attached:
            self.scroll_to_widget(self._turn_start, top=True, animate=False)
        else:
            self.scroll_end(animate=False)

    def on_resize(self, event: events.Resize) -> None:
        """The answer box grew or shrank (a problem shown, a longer list): keep the place."""
        self.call_after_refresh(self._keep_in_view)

    def add_section(self, title: str) -> None:
        self._add(Text(f"── {title} " + "─" * 60, no_wrap=True, overflow="crop"), "section")

    def add_exchange(self, prompt: str, display: str) -> None:
        """A question and the answer accepted for it."""
        self._in_turn, self._turn_start = False, None
        self._add(Text(prompt), "question")
        self._add(Text(display), "answer")

    def add_say(
        self, text: str, *, title: str, reassurance: bool = False, urgent: bool = False
    ) -> None:
        """Words for staff to say or do; the reassurance gets its own calm panel; urgent
        words (an immediate risk) come into view even in the middle of a turn."""
        entry = self._add(say_block(text), "reassurance" if reassurance else "say")
        entry.border_title = title
        self._words_start_turn(entry, urgent=urgent)

    def add_said(
        self, said: Said, *, title: str, reassurance: bool = False, short: bool = False
    ) -> None:
        """Words for the person in their language (issue 17), with their English under them
        for staff: what is being said, to check an interpreter or answer a question about it.
        ``short`` (a question): the English on one line under it."""
        if short:
            english = Text(f"English: {said.english}", style="italic")
            content = Group(say_block(said.words), english)
        else:
            note = Text("In English (for you, not to read out):", style="italic")
            content = Group(say_block(said.words), Text(""), note, say_block(said.english))
        entry = self._add(content, "reassurance" if reassurance else "say")
        below = "" if short else " (English below)"
        entry.border_title = f"{title}, in {said.short_name}{below}"
        self._words_start_turn(entry)

    def add_renderable(self, content: RenderableType, *classes: str, title: str = "") -> None:
        entry = self._add(content, *classes)
        if title:
            entry.border_title = title

    def add_signpost(self, text: str, *, title: str = "Where this goes instead") -> None:
        entry = self._add(Text(reflow(text)), "signpost")
        entry.border_title = title
        self._words_start_turn(entry)

    def add_note(self, text: str) -> None:
        self._add(Text(text), "note")

    def add_problem(self, text: str) -> None:
        self._add(Text(text), "problem")
