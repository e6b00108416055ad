"""The conversation so far: section headings, questions, answers, the words staff say."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static


class ConversationLog(VerticalScroll, can_focus=True):
    """A scrolling transcript. Every entry is plain `Text`: nothing typed is read as markup."""

    DEFAULT_CSS = """
    ConversationLog { height: 1fr; }
    ConversationLog > Static { width: 1fr; height: auto; }
    """

    def _add(self, content: RenderableType, *classes: str) -> Static:
        entry = Static(content, classes=" ".join(classes), markup=False)
        self.mount(entry)
        self.call_after_refresh(self.scroll_end, animate=False)
        return entry

    def add_section(self, title: str) -> None:
        self._add(Text(title), "section")

    def add_question(self, prompt: str, help_text: str | None = None) -> None:
        text = Text(prompt)
        if help_text:
            text.append("\n" + help_text, style="italic")
        self._add(text, "question")

    def add_answer(self, display: str) -> None:
        self._add(Text(display), "answer")

    def add_say(self, text: str, *, reassurance: bool = False) -> None:
        """Words for staff to say or do; the reassurance gets its own calm panel."""
        kind = "reassurance" if reassurance else "say"
        title = "Say this to them" if reassurance else "Note"
        entry = self._add(Text(text.rstrip()), kind)
        entry.border_title = title

    def add_renderable(self, content: RenderableType, *classes: str, title: str = "") -> None:
        entry = self._add(content, *classes)
        if title:
            entry.border_title = title

    def add_signpost(self, text: str) -> None:
        entry = self._add(Text(text.rstrip()), "signpost")
        entry.border_title = "Where this goes instead"

    def add_note(self, text: str) -> None:
        self._add(Text(text), "note")

    def add_problem(self, text: str) -> None:
        self._add(Text(text), "problem")
