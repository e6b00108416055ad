"""What the back office's dialogs share: sending the change through a service, and cancelling."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual import on
from textual.screen import ModalScreen
from textual.widgets import Button

from intake.core.errors import ConflictError, PermissionDenied, SanctionsError

T = TypeVar("T")


class ServiceDialog(ModalScreen[T | None]):
    """A dialog whose Submit goes through one service call."""

    def after_typing(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the keys already typed into the focused box are in it.

        Ctrl+S is a priority key: it is handled as it arrives, ahead of keys still queued for
        the box (a fast typist, a terminal's burst), so reading the box at once could miss the
        end of a note or a reason.
        """
        (self.app.focused or self).call_later(callback)

    def submit_through(self, call: Callable[[], T], *, not_done: str) -> None:
        """Close with the call's result. A conflict or refusal closes it having changed nothing;
        any other problem (bad input, not possible yet) keeps it open with the reason."""
        try:
            result = call()
        except (ConflictError, PermissionDenied) as exc:
            self.notify(str(exc), title="Nothing was changed", severity="error", timeout=10)
            self.dismiss(None)
            return
        except SanctionsError as exc:
            self.notify(str(exc), title=not_done, severity="warning", timeout=8)
            return
        self.dismiss(result)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
