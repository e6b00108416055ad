"""The cases counted (visible to the reader, demo or not, received in the period or the one
before it) and the SQL that differs between SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import ColumnElement, Date, Integer, cast, func, true
from sqlmodel import Session

from backoffice.access import visible_cases_filter
from backoffice.insights.period import Period, _moment
from intake.core.db.models import SanctionCase, table_of
from intake.core.users import Actor

# ---- SQL that differs between SQLite and PostgreSQL ------------------------------------------


@dataclass(frozen=True)
class _Sql:
    postgres: bool

    def month(self, moment: Any) -> Any:
        if self.postgres:
            return func.to_char(moment, "YYYY-MM")
        return func.strftime("%Y-%m", moment)

    def days(self, later: Any, earlier: Any) -> Any:
        """Whole calendar days from ``earlier`` to ``later`` (dates or moments)."""
        if self.postgres:
            return cast(later, Date) - cast(earlier, Date)
        return cast(func.julianday(func.date(later)) - func.julianday(func.date(earlier)), Integer)

    def items(self, column: Any) -> Any:
        """A JSON list column's items as rows (a ``value`` column), beside their case."""
        name = "json_array_elements_text" if self.postgres else "json_each"
        return getattr(func, name)(column).table_valued("value")


@dataclass(frozen=True)
class _Scope:
    """The cases counted: visible to the actor, demo or not, received in the period or the one
    before it (``current`` tells them apart)."""

    where: tuple[ColumnElement[bool], ...]
    current: ColumnElement[bool]
    compares: bool
    sql: _Sql


def _scope(session: Session, actor: Actor, period: Period, demo: bool) -> _Scope:
    cases = table_of(SanctionCase)
    earliest = period.previous.start if period.previous else period.start
    where = [visible_cases_filter(actor), cases.c.created_at < _moment(period.end + timedelta(1))]
    if earliest is not None:
        where.append(cases.c.created_at >= _moment(earliest))
    if not demo:
        where.append(~cases.c.is_demo)
    current = cases.c.created_at >= _moment(period.start) if period.start else true()
    bind = session.get_bind()
    return _Scope(
        where=tuple(where),
        current=current,
        compares=period.previous is not None,
        sql=_Sql(postgres=bind.dialect.name == "postgresql"),
    )
