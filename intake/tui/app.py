"""The intake TUI: identify the interviewer, offer drafts, interview, review, submit.

A thin skin over the engine (`intake.interview`): it asks the engine what to ask, gives it
what staff type, and keeps the draft saved through `DraftStore`. No domain logic lives here.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import date
from functools import partial
from typing import TypedDict

from rich.text import Text
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Header, Static

from intake.core.clock import local_today
from intake.core.errors import SanctionsError
from intake.core.settings import Settings
from intake.core.users import Actor
from intake.interview.drafts import DraftStore
from intake.interview.profile import active_users, current_interviewer, remember
from intake.interview.session import Imported, InterviewSession, warm_up
from intake.llm import Assistant, LlmError
from intake.look.app import LOOK_CSS, AccessibleApp
from intake.tui.screens.done import DoneScreen
from intake.tui.screens.drafts import DraftsModal, DraftsOutcome
from intake.tui.screens.identify import PickUserScreen
from intake.tui.screens.interview.screen import InterviewScreen
from intake.tui.screens.register import RegisterScreen
from intake.tui.screens.resume import ResumeChoice, ResumeModal


class _SessionOptions(TypedDict):
    """What starting and resuming an interview session both take."""

    actor: Actor
    settings: Settings
    today: date


class IntakeApp(AccessibleApp):
    """The guided interview, for one interviewer on one laptop."""

    TITLE = "Sanctions intake"
    CSS_PATH = ["intake.tcss", LOOK_CSS]  # noqa: RUF012
    BINDINGS = [  # noqa: RUF012
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(
        self,
        *,
        settings: Settings,
        engine: Engine,
        today: date | None = None,
        imported: Imported | None = None,
        language: str | None = None,
    ) -> None:
        super().__init__(settings=settings)
        #: The language chosen at the start (``intake --language cy``) for a new interview.
        self.language = language
        #: A letter's text to take as the account of a new interview (``intake --import``).
        self.imported = imported
        self.engine = engine
        self.today = today or local_today()
        self.store = DraftStore(engine)
        self.assistant, self.assistant_problem = _assistant(settings)
        self.actor: Actor | None = None
        self.session: InterviewSession | None = None
        self._quit_anyway = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="welcome", classes="form"):
            yield Static(Text("Sanctions intake", style="bold"), classes="form-title")
            yield Static(
                Text(
                    "For allegations that a prisoner or detainee was punished for contacting "
                    "HM Inspectorate of Prisons, an Independent Monitoring Board or the "
                    "Prisons and Probation Ombudsman."
                ),
                markup=False,
            )
            yield Static(Text("Starting…"), id="status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.run_worker(partial(warm_up, self.today), thread=True, group="warm-up")
        if self.assistant_problem:
            self.notify(self.assistant_problem, severity="warning", timeout=10)
        self.begin()

    # -- the flow -------------------------------------------------------------------------

    @work(exclusive=True, group="flow")
    async def begin(self) -> None:
        """Identify the interviewer, offer their drafts, open the interview."""
        try:
            if self.actor is None:
                self.actor = await self._identify()
            self.use_theme_of(self.actor.name)
            self.sub_title = f"{self.actor.name} · {self.actor.organisation.value}"
            draft_id = None if self.imported else await self._offer_drafts(self.actor)
            await self._open_interview(draft_id)
        except (SanctionsError, SQLAlchemyError) as exc:
            self._status(f"Could not start: {exc}")

    async def _identify(self) -> Actor:
        remembered = await asyncio.to_thread(current_interviewer, self.engine, self.settings)
        if remembered is not None:
            return remembered
        users = await asyncio.to_thread(active_users, self.engine)
        if not users:
            return await self.push_screen_wait(RegisterScreen(self.engine, self.settings))
        actor = await self.push_screen_wait(PickUserScreen(users))
        await asyncio.to_thread(remember, self.settings, actor)
        return actor

    async def _offer_drafts(self, actor: Actor) -> int | None:
        drafts = await asyncio.to_thread(self.store.open_drafts, user_id=actor.id)
        if not drafts:
            return None
        choice = await self.push_screen_wait(ResumeModal(drafts[0], len(drafts)))
        if choice == ResumeChoice.RESUME:
            return drafts[0].id
        if choice == ResumeChoice.DISCARD:
            await asyncio.to_thread(self.store.discard, drafts[0].id)
        return None

    async def _open_interview(self, draft_id: int | None) -> None:
        assert self.actor is not None
        options: _SessionOptions = {
            "actor": self.actor,
            "settings": self.settings,
            "today": self.today,
        }
        if draft_id is None:
            imported, self.imported = self.imported, None  # one new interview takes it
            start = partial(
                InterviewSession.start, self.store, imported=imported, language=self.language
            )
            session = await asyncio.to_thread(partial(start, **options))
        else:
            session = await asyncio.to_thread(
                InterviewSession.resume, self.store, draft_id, **options
            )
        await self._to_base()
        self.session = session
        await self.push_screen(InterviewScreen(session))

    async def _to_base(self) -> None:
        """Back to the start screen, saving any unfinished text on the way."""
        self.flush_unsaved()
        while len(self.screen_stack) > 1:
            await self.pop_screen()

    def _status(self, message: str) -> None:
        self.query_one("#status", Static).update(Text(message))

    def flush_unsaved(self) -> bool:
        """Save text typed but not yet accepted; False if it could not be saved."""
        screens = [s for s in self.screen_stack if isinstance(s, InterviewScreen)]
        return all([screen.flush_unsaved() for screen in screens])

    # -- called by screens ----------------------------------------------------------------

    async def show_done(self, session: InterviewSession, reference: str) -> None:
        """The case is written: leave the interview and show its reference."""
        self.session = None
        self.clear_notifications()
        await self._to_base()
        self._status(f"Last case submitted: {reference}")
        await self.push_screen(DoneScreen(session.interview, reference))

    async def show_stopped(self, session: InterviewSession) -> None:
        """The interview is stopped (an interpreter is needed) and kept: say what to do."""
        from intake.tui.screens.stopped import StoppedScreen

        self.session = None
        await self._to_base()
        self._status(session.stop_summary() or "Stopped.")
        await self.push_screen(StoppedScreen(session.interview))

    def action_new_interview(self) -> None:
        self.run_worker(self._open_interview(None), exclusive=True, group="flow")

    def action_drafts(self) -> None:
        if self.actor is None:
            return
        current = self.session.draft_id if self.session else None
        modal = DraftsModal(self.store, user_id=self.actor.id, current_id=current)
        self.push_screen(modal, self._after_drafts)

    def _after_drafts(self, outcome: DraftsOutcome | None) -> None:
        if outcome is None:
            return
        self.run_worker(self._open_interview(outcome.open_id), exclusive=True, group="flow")

    async def action_quit(self) -> None:
        """Everything answered is already saved; keep unfinished text too, then leave."""
        if not self.flush_unsaved() and not self._quit_anyway:
            self._quit_anyway = True
            self.notify(
                "The unfinished text could not be saved. Copy it, or press Ctrl+Q again "
                "to quit anyway.",
                severity="error",
                timeout=15,
            )
            return
        self.exit()


def _assistant(settings: Settings) -> tuple[Assistant | None, str | None]:
    """The optional language model (None when not configured, or with a one-line problem)."""
    try:
        return Assistant.from_settings(settings), None
    except LlmError as exc:
        return None, exc.notice


def create_app(
    *,
    settings: Settings,
    engine: Engine,
    today: date | None = None,
    imported: Imported | None = None,
    language: str | None = None,
) -> IntakeApp:
    """The one way to build the app, for the CLI and the tests alike."""
    return IntakeApp(
        settings=settings, engine=engine, today=today, imported=imported, language=language
    )


def run_intake_app(
    settings: Settings,
    engine: Engine,
    notices: Sequence[str] = (),
    imported: Imported | None = None,
    language: str | None = None,
) -> None:
    """`intake` with no sub-command: run the interview on the opened (migrated) database;
    with ``imported``, a new interview whose account is that letter's text; in ``language``."""
    app = create_app(settings=settings, engine=engine, imported=imported, language=language)
    for notice in notices:  # offline, or offline cases sent now the server is back
        app.call_later(app.notify, notice, timeout=20, severity="warning")
    app.run()
