"""Whether a screen can still show what a worker brought back."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen


def still_shows(screen: Screen[Any], selector: str) -> bool:
    """False once the screen was closed, or the app began to quit, while a worker fetched:
    ``selector`` (a widget the screen composes) is gone then, and the answer is dropped."""
    return screen.is_attached and bool(screen.query(selector))
