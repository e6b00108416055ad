"""First start on a laptop: the interviewer's name, organisation (and Board), remembered."""

from __future__ import annotations

from rich.text import Text
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from intake.errors import SanctionsError
from intake.interview.profile import register_first_user
from intake.reference.establishments import resolve_establishment_id
from intake.settings import Settings
from intake.tui.widgets.controls import Accept, AnswerLine, ChoicePicker
from intake.users import Actor
from intake.vocabulary import Organisation

ORGANISATIONS = list(Organisation)


class RegisterScreen(Screen[Actor]):
    """Asks once, in order: name, organisation, and for the IMB the Board's establishment."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        super().__init__()
        self.engine = engine
        self.settings = settings
        self.organisation: Organisation | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="register", classes="form"):
            yield Static(
                Text("First start on this laptop: who will be interviewing?", style="bold"),
                classes="form-title",
                markup=False,
            )
            yield Static(Text("Your name"), markup=False)
            yield AnswerLine(placeholder="e.g. Sam Patel", id="name")
            yield Static(Text("Your organisation (↑↓ then Enter, or its number)"), markup=False)
            labels = [f"{o.value}: {o.full_name}" for o in ORGANISATIONS]
            yield ChoicePicker(labels, id="organisation")
            yield Static(Text("Which establishment is your Board at?"), id="board-label")
            yield AnswerLine(placeholder="e.g. Wandsworth", id="board")
            yield Static("", id="problem", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "First start"
        for widget_id in ("#board-label", "#board"):
            self.query_one(widget_id).display = False
        self.query_one("#name").focus()

    @on(Input.Submitted, "#name")
    def _name_given(self, event: Input.Submitted) -> None:
        event.stop()
        if len(event.value.strip()) < 2:
            self._problem("Please type your name (at least two letters).")
            return
        self._problem("")
        self.query_one("#organisation").focus()

    def on_accept(self, event: Accept) -> None:
        event.stop()
        self.organisation = ORGANISATIONS[int(event.text) - 1]
        imb = self.organisation == Organisation.IMB
        for widget_id in ("#board-label", "#board"):
            self.query_one(widget_id).display = imb
        if imb:
            self.query_one("#board").focus()
        else:
            self._register(self.query_one("#name", Input).value, self.organisation, "")

    @on(Input.Submitted, "#board")
    def _board_given(self, event: Input.Submitted) -> None:
        event.stop()
        if self.organisation is not None:
            self._register(self.query_one("#name", Input).value, self.organisation, event.value)

    def _problem(self, message: str) -> None:
        problem = self.query_one("#problem", Static)
        problem.update(Text(message))
        problem.set_class(bool(message), "shown")

    @work(thread=True, exclusive=True, group="register")
    def _register(self, name: str, organisation: Organisation, board: str) -> None:
        try:
            establishment_id = None
            if organisation == Organisation.IMB:
                with Session(self.engine) as session:
                    establishment_id = resolve_establishment_id(session, board)
            actor = register_first_user(
                self.engine,
                self.settings,
                name=name.strip(),
                organisation=organisation,
                establishment_id=establishment_id,
            )
        except (SanctionsError, SQLAlchemyError) as exc:
            self.app.call_from_thread(self._problem, str(exc))
            return
        self.app.call_from_thread(self.dismiss, actor)
