"""The back-office TUI: the triage queue, a case, its actions and overrides.

A thin skin over the services (through :class:`BackofficeService`): what a user sees and may
do is decided there, exactly as for the `backoffice` CLI.
"""

from __future__ import annotations

from sqlalchemy import Engine
from textual.binding import Binding
from textual.screen import Screen

from backoffice.service import BackofficeService
from backoffice.tui.queue_screen import QueueScreen
from intake.core.settings import Settings
from intake.look.app import LOOK_CSS, AccessibleApp


class BackofficeApp(AccessibleApp):
    """Triage for one member of staff."""

    TITLE = "Sanctions back office"
    CSS_PATH = ["backoffice.tcss", LOOK_CSS]  # noqa: RUF012
    BINDINGS = [  # noqa: RUF012
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, service: BackofficeService) -> None:
        super().__init__(settings=service.settings)
        self.service = service
        self.use_theme_of(service.actor.name)

    def get_default_screen(self) -> Screen[None]:
        return QueueScreen(self.service)

    def on_mount(self) -> None:
        a = self.service.actor
        self.sub_title = f"{a.name} · {a.role.value} · {a.organisation.value}"


def run_backoffice_app(engine: Engine, settings: Settings, acting: str | None) -> None:
    """Start the app as the person logged in (``acting``: --as among several on one login)."""
    service = BackofficeService.for_user(engine, settings, acting)
    BackofficeApp(service).run()
