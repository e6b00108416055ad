"""Driving the back-office TUI as a person would, and reading what it shows."""

from __future__ import annotations

import io
from collections.abc import Callable

from rich.console import Console
from rich.text import Text
from textual.content import Content
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import OptionList, Static

from backoffice.tui.app import BackofficeApp
from backoffice.tui.case_screen import CaseScreen
from backoffice.tui.queue_screen import QueueScreen

HMIP_TRIAGE = "DEMO HMIP Triage"
HMIP_SUPERVISOR = "DEMO HMIP Supervisor"
IMB_TRIAGE = "DEMO IMB Triage"  # of HMP Wandsworth
IMB_SUPERVISOR = "DEMO IMB Supervisor"  # of HMP Wandsworth


async def wait_until(pilot: Pilot[None], check: Callable[[], object], tries: int = 250) -> None:
    """Let the app run until ``check()`` holds (workers, timers, screens settling)."""
    for _ in range(tries):
        if check():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never happened: {check.__doc__ or check}")


def plain(renderable: object) -> str:
    if isinstance(renderable, str | Text | Content):
        return str(renderable)
    console = Console(file=io.StringIO(), width=400, color_system=None)
    with console.capture() as captured:
        console.print(renderable)
    return captured.get()


def text_of(screen: Screen[object], selector: str) -> str:
    return plain(screen.query_one(selector, Static).content)


def screen_text(app: BackofficeApp) -> str:
    """The words the current screen shows: its texts and the entries of its lists."""
    parts = [plain(w.content) for w in app.screen.query(Static) if w.display]
    for listing in app.screen.query(OptionList):
        options = (listing.get_option_at_index(i) for i in range(listing.option_count))
        parts += [plain(option.prompt) for option in options]
    return "\n".join(parts)


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
