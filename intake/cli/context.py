"""The intake's command-line context: when the central database cannot be reached the laptop
keeps working on its outbox, and once the server is back what was kept is sent (``intake sync``
does the same on demand)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine

from intake.cli.support import AppContext
from intake.core.db.engine import error_reason


@dataclass
class IntakeContext(AppContext):
    """The settings and database, or the outbox when the server is out of reach."""

    #: The intake may fall back to the laptop's outbox when the central database is unreachable.
    offline_allowed: bool = False
    offline: bool = False
    notices: list[str] = field(default_factory=list)

    def _unreachable(self, exc: Exception) -> Engine:
        if not self.offline_allowed:
            raise exc
        return self._go_offline(exc)

    def _opened(self, engine: Engine) -> None:
        if self.offline_allowed:
            self._send_outbox(engine)

    def _go_offline(self, exc: Exception) -> Engine:
        from intake.core.db.outbox import open_outbox

        self.offline = True
        reason = error_reason(exc.__cause__ or exc).rsplit(": ", 1)[-1]
        self.notices.append(
            f"Working offline: the central database is unreachable ({reason}). Cases are kept "
            "on this laptop with a provisional reference until `intake sync` sends them."
        )
        return open_outbox(self.settings)

    def _send_outbox(self, central: Engine) -> None:
        """Back online: send what was recorded offline, and say so."""
        from intake.core.db.outbox import open_outbox, outbox_path
        from intake.sync import pending_count, sync_outbox

        if not outbox_path(self.settings).exists():
            return
        local = open_outbox(self.settings)
        try:
            if pending_count(local):
                report = sync_outbox(local, central, self.settings)
                self.notices += [f"Offline cases: {line}" for line in report.lines()]
        finally:
            local.dispose()
