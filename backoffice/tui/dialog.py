"""What the back office's dialogs share: sending the change through a service, and cancelling.

The service call runs in a worker thread, never on the UI thread: a slow database (a busy
PostgreSQL server, a letter written as PDF) leaves the screen drawing and the keys answered.
While it runs the dialog's buttons are disabled, a second Submit is not sent and Cancel waits:
the change may already be made, so the dialog cannot say it was not.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TypeVar

from textual import on, work
from textual.screen import ModalScreen
from textual.widgets import Button

from intake.core.errors import ConflictError, PermissionDenied, SanctionsError

T = TypeVar("T")

log = logging.getLogger(__name__)


class ServiceDialog(ModalScreen[T | None]):
    """A dialog whose Submit goes through one service call."""

    def after_typing(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the keys already typed into the focused box are in it.

        Ctrl+S is a priority key: it is handled as it arrives, ahead of keys still queued for
        the box (a fast typist, a terminal's burst), so reading the box at once could miss the
        end of a note or a reason.
        """
        (self.app.focused or self).call_later(callback)

    #: A change is on its way to the service.
    submitting: bool = False

    def submit_through(self, call: Callable[[], T], *, not_done: str) -> None:
        """Close with the call's result. A conflict or refusal closes it having changed nothing;
        any other problem (bad input, not possible yet) keeps it open with the reason.

        ``call`` runs in a thread: it must not read the dialog's widgets (read them first)."""
        if self.submitting:
            return
        self._busy(True)
        self._send(call, not_done)

    @work(group="submit", exit_on_error=False)
    async def _send(self, call: Callable[[], T], not_done: str) -> None:
        try:
            result = await asyncio.to_thread(call)
        except (ConflictError, PermissionDenied) as exc:
            self.notify(str(exc), title="Nothing was changed", severity="error", timeout=10)
            self.dismiss(None)
            return
        except SanctionsError as exc:
            self.notify(str(exc), title=not_done, severity="warning", timeout=8)
            return
        except Exception as exc:  # a lost connection, a full disk: say so, keep what was typed
            log.exception("a dialog's change failed")
            self.notify(
                f"{type(exc).__name__}: {exc}. What you typed is still here; try again.",
                title=not_done,
                severity="error",
                timeout=12,
            )
            return
        finally:
            self._busy(False)
        self.dismiss(result)

    def _busy(self, busy: bool) -> None:
        self.submitting = busy
        for button in self.query(Button):
            button.disabled = busy

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if self.submitting:
            self.notify("Saving: a moment.", title="Still saving", timeout=3)
            return
        self.dismiss(None)
