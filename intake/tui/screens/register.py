"""First start on a laptop: the interviewer's name, organisation, role (and Board), remembered."""

from __future__ import annotations

from rich.text import Text
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from intake.core.errors import SanctionsError
from intake.core.settings import Settings
from intake.core.users import Actor
from intake.core.vocabulary import Organisation, Role
from intake.interview.profile import (
    FIRST_START_ROLES,
    board_establishment,
    register_first_user,
)
from intake.look.themes import PROBLEM_MARK
from intake.tui.widgets.controls import Accept, AnswerLine, ChoicePicker

ORGANISATIONS = list(Organisation)


class RegisterScreen(Screen[Actor]):
    """Asks once, in order: name, organisation, role, and for the IMB the Board's establishment.

    The form scrolls: at 80x24 with the Board's question shown it is taller than the screen,
    and whichever field has the focus is kept in view.
    """

    def __init__(self, engine: Engine, settings: Settings) -> None:
        super().__init__()
        self.engine = engine
        self.settings = settings
        self.organisation: Organisation | None = None
        self.role: Role | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="register", classes="form"):
            yield Static(
                Text("First start on this laptop: who will be interviewing?", style="bold"),
                classes="form-title",
                markup=False,
            )
            yield Static(Text("Your name"), markup=False)
            yield AnswerLine(placeholder="e.g. Sam Patel", id="name")
            yield Static(Text("Your organisation (its number or ↑↓, then Enter)"), markup=False)
            labels = [f"{o.value}: {o.full_name}" for o in ORGANISATIONS]
            yield ChoicePicker(labels, id="organisation")
            yield Static(Text("Your role (its number or ↑↓, then Enter)"), markup=False)
            yield ChoicePicker([label for _, label in FIRST_START_ROLES], id="role")
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
            self._problem("Please type your name (at least two letters).", near="#name")
            return
        self._problem("")
        self.query_one("#organisation").focus()

    @on(Accept, "#organisation")
    def _organisation_chosen(self, event: Accept) -> None:
        event.stop()
        self.organisation = ORGANISATIONS[int(event.text) - 1]
        imb = self.organisation == Organisation.IMB
        for widget_id in ("#board-label", "#board"):
            self.query_one(widget_id).display = imb
        self._problem("")  # an earlier "choose your organisation" is answered
        self.query_one("#role").focus()

    @on(Accept, "#role")
    def _role_chosen(self, event: Accept) -> None:
        event.stop()
        self.role = FIRST_START_ROLES[int(event.text) - 1][0]
        if self.organisation is None:
            self._problem("Please choose your organisation first.", near="#organisation")
            self.query_one("#organisation").focus()
        elif self.organisation == Organisation.IMB:
            self._problem("")  # an earlier "choose your role" is answered
            self.query_one("#board").focus()
        else:
            self._register("")

    @on(Input.Submitted, "#board")
    def _board_given(self, event: Input.Submitted) -> None:
        event.stop()
        self._register(event.value)

    def _problem(self, message: str, near: str | None = None) -> None:
        """The message just under the field it is about (``near``), scrolled into view: at
        80x24 the end of the form is out of sight."""
        problem = self.query_one("#problem", Static)
        problem.update(Text(f"{PROBLEM_MARK} {message}" if message else ""))
        problem.set_class(bool(message), "shown")
        if not message:
            return
        if near is not None:
            self.query_one("#register").move_child(problem, after=self.query_one(near))
        self.call_after_refresh(problem.scroll_visible, animate=False)

    def _field_of(self, organisation: Organisation) -> str:
        """The field a refusal of the whole form is most likely about."""
        return "#board" if organisation == Organisation.IMB else "#role"

    def _register(self, board: str) -> None:
        name = self.query_one("#name", Input).value
        if len(name.strip()) < 2:
            self._problem("Please type your name (at least two letters).", near="#name")
            self.query_one("#name").focus()
            return
        if self.organisation is None or self.role is None:
            self._problem("Please choose your organisation and your role.", near="#role")
            return
        self._save(name, self.organisation, self.role, board)

    @work(thread=True, exclusive=True, group="register")
    def _save(self, name: str, organisation: Organisation, role: Role, board: str) -> None:
        try:
            establishment_id = None
            if organisation == Organisation.IMB:
                establishment_id = board_establishment(self.engine, board)
            actor = register_first_user(
                self.engine,
                self.settings,
                name=name.strip(),
                organisation=organisation,
                role=role,
                establishment_id=establishment_id,
            )
        except (SanctionsError, SQLAlchemyError) as exc:
            self.app.call_from_thread(self._problem, str(exc), self._field_of(organisation))
            return
        self.app.call_from_thread(self.dismiss, actor)
