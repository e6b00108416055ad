"""Cases by establishment, category, body contacted, channel, risk level, outcome and month: one
GROUP BY each, the period beside the one before it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import FromClause, func, select, true
from sqlalchemy import case as when
from sqlmodel import Session

from backoffice.insights.figures import Count, MonthCount
from backoffice.insights.period import Period, _months_before
from backoffice.insights.scope import _Scope
from intake.core.db.models import Establishment, SanctionCase, table_of
from intake.core.vocabulary import (
    Body,
    Outcome,
    RiskLevel,
    SanctionCategory,
    answer_label,
    label_of,
)

NO_OUTCOME = "no outcome yet"
NOT_IN_DIRECTORY = "elsewhere (not in the directory)"
NOT_SAID = "not said"


def _grouped(
    session: Session, scope: _Scope, key: Any, source: FromClause | None = None
) -> list[tuple[Any, int, int | None]]:
    """(key, count in the period, count in the period before) for each value of ``key``."""
    cases = table_of(SanctionCase)
    now = func.sum(when((scope.current, 1), else_=0))
    query = (
        select(key, now, func.count())
        .select_from(source if source is not None else cases)
        .where(*scope.where)
        .group_by(key)
    )
    found = []
    for value, current, both in session.execute(query):
        current = int(current or 0)
        previous = int(both) - current if scope.compares else None
        if current or previous:
            found.append((value, current, previous))
    return found


def _counts(rows: Iterable[tuple[Any, int, int | None]], label: Any) -> list[Count]:
    """Counts with their labels, most first (then by label)."""
    counts = [
        Count(key="" if key is None else str(key), label=label(key), count=n, previous=p)
        for key, n, p in rows
    ]
    return sorted(counts, key=lambda c: (-c.count, c.label))


def _in_order(counts: list[Count], order: Sequence[str]) -> list[Count]:
    rank = {key: i for i, key in enumerate(order)}
    return sorted(counts, key=lambda c: (rank.get(c.key, len(rank)), c.label))


def _by_establishment(session: Session, scope: _Scope) -> list[Count]:
    cases = table_of(SanctionCase)
    place = table_of(Establishment)
    source = cases.outerjoin(place, place.c.id == cases.c.establishment_id)
    rows = _grouped(session, scope, place.c.name, source)
    return _counts(rows, lambda name: name or NOT_IN_DIRECTORY)


def _by_list(session: Session, scope: _Scope, column: Any) -> list[tuple[Any, int, int | None]]:
    cases = table_of(SanctionCase)
    items = scope.sql.items(column)
    return _grouped(session, scope, items.c.value, cases.join(items, true()))


def _by_category(session: Session, scope: _Scope) -> list[Count]:
    rows = _by_list(session, scope, table_of(SanctionCase).c.categories)
    counts = _counts(rows, lambda code: label_of(SanctionCategory, code))
    return counts


def _by_body(session: Session, scope: _Scope) -> list[Count]:
    rows = _by_list(session, scope, table_of(SanctionCase).c.bodies)
    counts = _counts(rows, lambda code: code or NOT_SAID)
    return _in_order(counts, [b.value for b in Body])


def _by_channel(session: Session, scope: _Scope) -> list[Count]:
    rows = _grouped(session, scope, table_of(SanctionCase).c.communication_channel)
    return _counts(rows, lambda code: answer_label("channel", code, missing=NOT_SAID))


def _by_risk(session: Session, scope: _Scope) -> list[Count]:
    rows = _grouped(session, scope, table_of(SanctionCase).c.risk_level)
    counts = _counts(rows, lambda code: label_of(RiskLevel, code))
    return _in_order(counts, [r.value for r in RiskLevel])


def _by_outcome(session: Session, scope: _Scope) -> list[Count]:
    rows = _grouped(session, scope, table_of(SanctionCase).c.outcome)
    return _counts(rows, lambda code: label_of(Outcome, code, missing=NO_OUTCOME))


def _by_month(session: Session, scope: _Scope, period: Period) -> list[MonthCount]:
    cases = table_of(SanctionCase)
    month = scope.sql.month(cases.c.created_at)
    query = select(month, func.count()).where(*scope.where, scope.current).group_by(month)
    found = {str(m): int(n) for m, n in session.execute(query)}
    if not found and period.start is None:
        return []
    first = period.start or date.fromisoformat(min(found) + "-01")
    months = []
    at = date(first.year, first.month, 1)
    while at <= period.end:
        key = f"{at.year:04d}-{at.month:02d}"
        months.append(MonthCount(month=key, count=found.get(key, 0)))
        at = _months_before(at, -1)
    return months
