"""The immediate-risk banner: one or two rows that stay on screen while the risk lasts.

The full wording of what to do is said once in the conversation; the banner keeps the
essentials in view: act now, what was done and when, or that nothing has been done yet.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class RiskBanner(Static):
    """Hidden until there is an immediate risk; never taller than two rows."""

    DEFAULT_CSS = """
    RiskBanner { display: none; height: auto; max-height: 2; }
    RiskBanner.shown { display: block; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def show_banner(self, text: str) -> None:
        """Show ``text`` (the engine's banner line), or hide the banner when it is empty."""
        self.set_class(bool(text), "shown")
        self.update(Text(text, overflow="ellipsis"))
