"""Driving the back-office TUI (``App.run_test()`` and Pilot) as a person would, and reading
what it shows; the demo staff it is started as."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from sqlalchemy import Engine
from sqlmodel import Session, select
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Static

from backoffice.tui.app import BackofficeApp
from backoffice.tui.case_screen import CaseScreen
from backoffice.tui.queue_screen import QueueScreen
from intake.core.db.models import User
from intake.core.settings import Settings
from intake.core.users import Actor
from tests.support import tui
from tests.support.tui import plain
from tests.support.tui import screen_text as screen_text  # with the driver, for the tests


class AppFactory(Protocol):
    """The ``make_app`` fixture: the app as `backoffice --as NAME` starts it (optionally with
    smaller queue pages)."""

    def __call__(self, name: str, page_size: int | None = None) -> BackofficeApp: ...


HMIP_TRIAGE = "DEMO HMIP Triage"
HMIP_SUPERVISOR = "DEMO HMIP Supervisor"
IMB_TRIAGE = "DEMO IMB Triage"  # of HMP Wandsworth
IMB_SUPERVISOR = "DEMO IMB Supervisor"  # of HMP Wandsworth


async def wait_until(pilot: Pilot[None], check: Callable[[], object], tries: int = 250) -> None:
    """Let the app run until ``check()`` holds (workers, timers, screens settling)."""
    await tui.wait_until(pilot, check, tries)


def text_of(screen: Screen[Any], selector: str) -> str:
    return plain(screen.query_one(selector, Static).content)


def demo_actor(session: Session, name: str) -> Actor:
    """One of the demo's staff (``DEMO IMB Intake``, ``HMIP_SUPERVISOR``...) as an actor."""
    return Actor.from_user(session.exec(select(User).where(User.name == name)).one())


def notifications(app: BackofficeApp) -> str:
    return "\n".join(f"{n.title}: {n.message}" for n in app._notifications)


async def queue_ready(pilot: Pilot[None]) -> QueueScreen:
    """The queue screen once its first page is shown."""
    app = pilot.app

    def shown() -> bool:
        return isinstance(app.screen, QueueScreen) and app.screen.page is not None

    await wait_until(pilot, shown)
    assert isinstance(app.screen, QueueScreen)
    return app.screen


async def queue_shows(pilot: Pilot[None], check: Callable[[QueueScreen], bool]) -> QueueScreen:
    screen = await queue_ready(pilot)
    await wait_until(pilot, lambda: not screen.is_loading() and check(screen))
    return screen


async def open_case(pilot: Pilot[None], reference: str) -> CaseScreen:
    """Search the queue for the reference, pick it, and wait for the case to show."""
    screen = await queue_ready(pilot)
    await pilot.press("slash", *reference, "enter")
    await wait_until(pilot, lambda: screen.shown_references()[:1] == [reference])
    await pilot.press("enter")
    return await case_shown(pilot, reference)


async def case_shown(pilot: Pilot[None], reference: str) -> CaseScreen:
    app = pilot.app

    def loaded() -> bool:
        s = app.screen
        return isinstance(s, CaseScreen) and s.view is not None and s.reference == reference

    await wait_until(pilot, loaded)
    assert isinstance(app.screen, CaseScreen)
    return app.screen


def submit_at_wandsworth(engine: Engine, settings: Settings) -> str:
    """A new case at HMP Wandsworth from the demo's IMB intake user (the person of
    ``make_submission``: each call is the same person again); returns its reference."""
    from intake.core.establishments import resolve_establishment_id
    from intake.core.submission import submit_case
    from tests.support.factories import make_submission

    with Session(engine) as session:
        place = resolve_establishment_id(session, "HMP Wandsworth")
        case = submit_case(
            session,
            submission=make_submission(place),
            actor=demo_actor(session, "DEMO IMB Intake"),
            settings=settings,
        )
        session.commit()
        return case.reference
