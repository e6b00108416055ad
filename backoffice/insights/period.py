"""The period of receipt counted: by default the last 12 months, this one included, and the
same number of days just before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from intake.core.clock import today
from intake.core.errors import ValidationProblem

DEFAULT_MONTHS = 12


@dataclass(frozen=True)
class Period:
    """Cases received from ``start`` (None: since the first) to ``end``, both days included."""

    start: date | None
    end: date

    @classmethod
    def of(cls, date_from: date | None, date_to: date | None, *, on: date | None = None) -> Period:
        """The period asked for; neither date given: the last 12 months, this one included."""
        on = on or today()
        if date_from is None and date_to is None:
            first = date(on.year, on.month, 1)
            return cls(start=_months_before(first, DEFAULT_MONTHS - 1), end=on)
        end = date_to or on
        if date_from is not None and date_from > end:
            raise ValidationProblem(
                f"--from {date_from.isoformat()} is after --to {end.isoformat()}"
            )
        return cls(start=date_from, end=end)

    @property
    def previous(self) -> Period | None:
        """The same number of days just before (none for a period without a start)."""
        if self.start is None:
            return None
        days = (self.end - self.start).days + 1
        return Period(start=self.start - timedelta(days=days), end=self.start - timedelta(days=1))


def _months_before(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def _moment(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)
