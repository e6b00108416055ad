"""One clock for both apps.

Times are stored in UTC, timezone-aware (:func:`utcnow`). Deadlines, overdue flags and the
dates of workflow steps use the UTC date (:func:`today`), so every office and server agrees
on when a task falls due. What a person reads or types is in this computer's time zone: the
date of an interview or of the person being told (:func:`local_today`), a stored time shown
on screen (:func:`local_time`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime


def utcnow() -> datetime:
    """Now, timezone-aware UTC, as the database's datetime columns require."""
    return datetime.now(UTC)


def today() -> date:
    """Today's date in UTC: the one date deadlines and overdue flags use."""
    return utcnow().date()


def local_today() -> date:
    """Today's date where the person is: the date of an interview, the date someone was told."""
    return datetime.now().astimezone().date()


def local_time(moment: datetime) -> datetime:
    """A stored time (UTC, perhaps without its zone) in this computer's time zone."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone()
