"""Case references such as SAN-2026-00042: one counter row a year, incremented under a lock."""

from __future__ import annotations

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from intake.core.db.models import ReferenceCounter, table_of

PREFIX = "SAN"


def format_reference(year: int, number: int) -> str:
    return f"{PREFIX}-{year}-{number:05d}"


def next_reference(session: Session, year: int) -> str:
    """Issue the next reference for ``year``; never repeats, even under concurrent use.

    The UPDATE takes the row lock (PostgreSQL) or the write lock (SQLite) until the
    transaction ends, so two writers cannot read the same number.
    """
    table = table_of(ReferenceCounter)
    bump = (
        update(table)
        .where(table.c.year == year)
        .values(last=table.c.last + 1)
        .returning(table.c.last)
    )
    number = session.execute(bump).scalar()
    if number is None:
        try:
            with session.begin_nested():
                session.execute(insert(table).values(year=year, last=1))
            number = 1
        except IntegrityError:
            number = session.execute(bump).scalar_one()
    return format_reference(year, number)


def peek_last(session: Session, year: int) -> int:
    table = table_of(ReferenceCounter)
    return session.execute(select(table.c.last).where(table.c.year == year)).scalar() or 0
