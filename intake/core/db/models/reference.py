"""Establishments, the staff of the three bodies, and each year's case reference counter."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Integer, String
from sqlmodel import Field, SQLModel

from intake.core.clock import utcnow
from intake.core.db.models.columns import enum_column, json_column


class Establishment(SQLModel, table=True):
    """A place of detention the protocol covers (reference data)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=String(120), unique=True)
    code: str | None = Field(default=None, sa_type=String(6), index=True)
    type: str = enum_column(length=8)
    also_yoi: bool = False
    country: str = Field(sa_type=String(32))
    operator: str = Field(sa_type=String(64))
    aliases: list[str] = json_column()


class User(SQLModel, table=True):
    """A member of staff of one of the three bodies."""

    __tablename__ = "app_user"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=String(120), unique=True)
    role: str = enum_column(length=16)
    organisation: str = enum_column(length=8)
    establishment_id: int | None = Field(default=None, foreign_key="establishment.id")
    active: bool = True
    is_demo: bool = False
    created_at: datetime = Field(default_factory=utcnow)
    #: The operating-system login this person uses on the embedded SQLite default; several
    #: users may share one (a shared office laptop) and then choose among themselves.
    os_login: str | None = Field(default=None, sa_type=String(64), index=True)
    #: Their own PostgreSQL login role (teams): the app maps ``current_user`` to this user.
    db_role: str | None = Field(default=None, sa_type=String(63), unique=True, index=True)
    deactivated_at: datetime | None = None


class ReferenceCounter(SQLModel, table=True):
    """The last case number issued in a year; incremented under a row lock."""

    __tablename__ = "reference_counter"

    year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    last: int = 0


case_version = Column("version", Integer, nullable=False, default=1)
