"""Submitted: the case reference, where it goes next, and start another or quit."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from intake.interview.engine import Interview
from intake.interview.outcome import risk_level, routes_so_far, staff_view
from intake.interview.panel import risk_banner
from intake.tui.widgets.rich_text import reflow


def summary(interview: Interview, reference: str) -> Text:
    text = Text()
    text.append("Submitted. Case reference  ", style="bold")
    text.append(reference, style="bold reverse")
    banner = risk_banner(interview, immediate=interview.immediate_risk)
    if banner:
        text.append("\n\n" + banner, style="bold")
    text.append(f"\n\nRisk level: {risk_level(interview).label}.")
    if interview.value("refer_without_consent") is True:
        text.append(
            "\nTelling a senior manager without consent: recorded with your reason; a second "
            "person, a supervisor or lead of your organisation, must confirm it."
        )
    text.append("\n\nA person in the office confirms where it goes:")
    for route in routes_so_far(interview):
        text.append("\n\n• ")
        text.append(route.label[0].upper() + route.label[1:], style="bold")
        signpost = interview.signpost(route)
        if signpost:
            text.append("\n" + reflow(signpost))
    view = staff_view(interview)
    result = interview.classification
    if view is not None and result is not None and interview.ending() is None:
        text.append(f"\n\nYour view: {view.route.label}; the rules said {result.route.label}.")
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
        with VerticalScroll(id="done", classes="form"):
            yield Static(summary(self.interview, self.reference), id="done-text", markup=False)
            yield Static(Text("n starts another interview · q quits"), classes="hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Submitted {self.reference}"
        self.query_one("#done", VerticalScroll).focus()
