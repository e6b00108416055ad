"""Submitted: the case reference, where it goes next, and start another or quit."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from intake.interview.engine import Interview
from intake.interview.outcome import risk_level, staff_view
from intake.tui.widgets.render import reflow


def summary(interview: Interview, reference: str) -> Text:
    text = Text()
    text.append("Submitted.\n\n", style="bold")
    text.append("Case reference  ")
    text.append(reference, style="bold reverse")
    text.append("\n\n")
    ending = interview.ending()
    result = interview.classification
    if ending is not None:
        text.append("Recorded as signposted: ")
        text.append(ending.route.value.replace("_", " "), style="bold")
        text.append("\n" + reflow(ending.signpost))
    elif result is not None:
        view = staff_view(interview)
        route = view.route if view is not None else result.route
        text.append("Route: ")
        text.append(route.value.replace("_", " "), style="bold")
        if view is not None:
            text.append(" (your view; the rules said " + result.route.value.replace("_", " ") + ")")
        words = interview.texts.signposts.get(route.value, "")
        if words and "{" not in words:
            text.append("\n" + reflow(words))
    text.append(f"\n\nRisk level: {risk_level(interview).value}.")
    if interview.value("refer_without_consent") is True:
        text.append("\nReferred without consent: a supervisor will be asked to confirm.")
    if interview.immediate_risk:
        text.append("\n\n" + reflow(interview.texts.immediate_action), style="bold")
    return text


class DoneScreen(Screen[None]):
    """The end of one interview."""

    BINDINGS = [  # noqa: RUF012
        Binding("n", "app.new_interview", "Start another"),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self, interview: Interview, reference: str) -> None:
        super().__init__()
        self.interview = interview
        self.reference = reference

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="done", classes="form"):
            yield Static(summary(self.interview, self.reference), id="done-text", markup=False)
            yield Static(Text("n starts another interview · q quits"), classes="hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Submitted {self.reference}"
