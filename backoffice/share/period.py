"""The six-monthly period a share covers: ``2026H1``, ``2026H2``; shared once it has ended."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from intake.core.clock import today
from intake.core.errors import ValidationProblem

_PERIOD = re.compile(r"^(\d{4})H([12])$")


@dataclass(frozen=True)
class SharePeriod:
    """A six-monthly period: ``2026H1`` is 1 January to 30 June 2026, ``2026H2`` the rest."""

    year: int
    half: int

    @property
    def name(self) -> str:
        return f"{self.year}H{self.half}"

    @property
    def start(self) -> date:
        return date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def end(self) -> date:
        return date(self.year, 6, 30) if self.half == 1 else date(self.year, 12, 31)

    def words(self) -> str:
        return f"{self.name} (received {self.start.isoformat()} to {self.end.isoformat()})"


def parse_period(text: str) -> SharePeriod:
    """``2026H1`` or ``2026H2`` (any case, spaces around ignored); anything else is refused."""
    found = _PERIOD.match((text or "").strip().upper())
    if found is None or not 2000 <= int(found.group(1)) <= 2999:
        raise ValidationProblem(
            f"period {text!r} is not a six-monthly period: write the year then H1 "
            "(1 January to 30 June) or H2 (1 July to 31 December), e.g. 2026H1"
        )
    return SharePeriod(int(found.group(1)), int(found.group(2)))


def last_ended_period(on: date | None = None) -> SharePeriod:
    """The last six-monthly period that has ended by ``on`` (today)."""
    on = on or today()
    return SharePeriod(on.year, 1) if on.month >= 7 else SharePeriod(on.year - 1, 2)


def check_ended(period: SharePeriod, on: date | None = None) -> None:
    """A period is shared once it has ended (a pack made earlier would miss cases)."""
    on = on or today()
    if period.end >= on:
        after = date(period.end.year + 1, 1, 1) if period.half == 2 else date(period.year, 7, 1)
        raise ValidationProblem(
            f"{period.name} has not ended (it runs to {period.end.isoformat()}): its log is "
            f"shared from {after.isoformat()}"
        )
