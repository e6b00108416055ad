"""The immediate-risk banner: shown at once, on whatever step, with what to do now."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class RiskBanner(Static):
    """Hidden until there is an immediate risk; F3 folds it to one line and back."""

    DEFAULT_CSS = """
    RiskBanner { display: none; }
    RiskBanner.shown { display: block; }
    """

    def __init__(self, action_text: str, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._action_text = " ".join(action_text.split())
        self.folded = False

    def set_risk(self, immediate: bool) -> None:
        self.set_class(immediate, "shown")
        self._render_text()

    def toggle_fold(self) -> None:
        self.folded = not self.folded
        self._render_text()

    def _render_text(self) -> None:
        if self.folded:
            first = self._action_text.split(".")[0:2]
            self.update(Text(". ".join(first) + ".  (F3: show all)"))
        else:
            self.update(Text(self._action_text + "  (F3: fold)"))
