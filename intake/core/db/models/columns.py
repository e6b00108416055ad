"""Column helpers shared by the table modules: JSON, text and enum-valued columns (stored as
their string values), new UUIDs, and a table model's Table."""

from __future__ import annotations

import uuid as uuid_module
from typing import Any

from sqlalchemy import JSON, Column, String, Table, Text
from sqlmodel import Field, SQLModel


def table_of(model: type[SQLModel]) -> Table:
    """A table model's Table (SQLModel's types do not declare ``__table__``)."""
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


def new_uuid() -> str:
    return str(uuid_module.uuid4())


def json_column(default: Any = None, *, nullable: bool = False) -> Any:
    factory = list if default is None else default
    return Field(default_factory=factory, sa_column=Column(JSON, nullable=nullable))


def text_column(*, nullable: bool = True) -> Any:
    return Field(default=None if nullable else "", sa_column=Column(Text, nullable=nullable))


def enum_column(default: str | None = None, *, length: int = 32, index: bool = False) -> Any:
    return Field(default=default, sa_type=String(length), index=index)
