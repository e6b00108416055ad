"""What both TUI drivers share: letting an app settle, and reading what its screen shows."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.text import Text
from textual.app import App
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import OptionList, Static


async def wait_until(pilot: Pilot[None], check: Callable[[], object], tries: int = 200) -> None:
    """Let the app run until ``check()`` holds (workers, timers, screens settling)."""
    for _ in range(tries):
        if check():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never happened: {check.__doc__ or check}")


def plain(renderable: object) -> str:
    """What a renderable shows, as plain text (wide, so lines are not wrapped)."""
    if isinstance(renderable, str | Text | Content):
        return str(renderable)
    console = Console(file=io.StringIO(), width=400, color_system=None)
    with console.capture() as captured:
        console.print(renderable)
    return captured.get()


def screen_text(app: App[Any]) -> str:
    """The words the current screen shows: its texts and the entries of its lists."""
    parts = [plain(w.content) for w in app.screen.query(Static) if w.display]
    for listing in app.screen.query(OptionList):
        options = (listing.get_option_at_index(i) for i in range(listing.option_count))
        parts += [plain(option.prompt) for option in options]
    return "\n".join(parts)
