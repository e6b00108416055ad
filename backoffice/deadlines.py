"""When a task is overdue, and how a proposed escalation is marked: read by the case view and
the queue, written by the workflow (so the read models need nothing from the workflow)."""

from __future__ import annotations

from datetime import date

from intake.core.clock import today

#: The outcome of an open escalate task the system (or a colleague) proposed.
PROPOSED = "proposed"


def is_overdue(due: date | None, done: object, *, on: date | None = None) -> bool:
    """Open and past its due date (``on``: the UTC date to judge by, today by default)."""
    return done is None and due is not None and due < (on or today())


def days_overdue(due: date | None, done: object, *, on: date | None = None) -> int:
    """Whole days an open item is past its due date (0 when it is not overdue)."""
    if not is_overdue(due, done, on=on):
        return 0
    assert due is not None
    return ((on or today()) - due).days
