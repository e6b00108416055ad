"""The intake TUI. Until the guided interview lands, a start screen that says so."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

if TYPE_CHECKING:
    from intake.cli_support import AppContext


class IntakeApp(App[None]):
    TITLE = "Sanctions intake"
    BINDINGS = [("q", "quit", "Quit")]  # noqa: RUF012

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            "The guided interview is being built (issue 4).\n"
            "Meanwhile `intake classify` checks an allegation's narrative.",
            id="start",
        )
        yield Footer()


def run_intake_app(context: AppContext) -> None:
    context.engine  # noqa: B018  (opens and migrates the database before the screen starts)
    IntakeApp().run()
