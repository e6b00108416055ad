"""Stopped and kept: an interpreter is needed; what to do now, and start another or quit."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from intake.interview.engine import Interview
from intake.tui.widgets.rich_text import reflow


def summary(interview: Interview) -> Text:
    stop = interview.stopped()
    text = Text()
    if stop is None:
        return text
    text.append(interview.stop_summary(stop) + ".", style="bold")
    text.append(
        "\n\nNo account and no consent were taken. Everything noted is kept as an unfinished "
        "interview: resume it (F4 lists them, and `intake` offers it when it starts) when the "
        "interpreter is there."
    )
    text.append("\n\n" + reflow(interview.say_text(stop.say)))
    return text


class StoppedScreen(Screen[None]):
    """The end of an interview stopped for want of an interpreter (kept as a draft)."""

    BINDINGS = [  # noqa: RUF012
        Binding("n", "app.new_interview", "Start another"),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self, interview: Interview) -> None:
        super().__init__()
        self.interview = interview

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="stopped", classes="form"):
            yield Static(summary(self.interview), id="stopped-text", markup=False)
            yield Static(Text("n starts another interview · q quits"), classes="hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Stopped: kept to pick up later"
        self.query_one("#stopped", VerticalScroll).focus()
