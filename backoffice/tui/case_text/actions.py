"""The numbered actions possible now, as text (keys 1-9)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from backoffice.tui.case_text.style import MUTED, REFUSED_KEY
from backoffice.view_models import AvailableAction


def actions_text(actions: Iterable[AvailableAction]) -> Text:
    """The numbered actions possible now (keys 1-9), those of other people dimmed."""
    text = Text()
    found = list(actions)
    if not found:
        text.append("No action is possible now.", style=MUTED)
        return text
    for number, action in enumerate(found[:9], start=1):
        where = f"step {action.step}" if action.step else "duty"
        style = "" if action.allowed else MUTED
        text.append(f" {number} ", style="bold reverse" if action.allowed else REFUSED_KEY)
        refused = "" if action.allowed else " - refused now"
        text.append(f" {action.label} ({where}){refused}", style)
        text.append("\n")
    text.rstrip()
    return text
