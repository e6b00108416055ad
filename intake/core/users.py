"""Who is acting: the person behind every change, with their role, organisation and scope."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlmodel import Session, select

from intake.core.db.models import User
from intake.core.errors import NotFoundError, ValidationProblem
from intake.core.vocabulary import Organisation, Role


@dataclass(frozen=True)
class Actor:
    """A user as the services see them (never an ORM row)."""

    id: int | None
    name: str
    role: Role
    organisation: Organisation
    establishment_id: int | None = None

    @classmethod
    def from_user(cls, user: User) -> Actor:
        return cls(
            id=user.id,
            name=user.name,
            role=Role(user.role),
            organisation=Organisation(user.organisation),
            establishment_id=user.establishment_id,
        )


SYSTEM = Actor(id=None, name="system", role=Role.ADMIN, organisation=Organisation.HMIP)


class UserCreate(BaseModel):
    """Validated input for a new user."""

    model_config = ConfigDict(str_strip_whitespace=True)

    name: str = Field(min_length=2, max_length=120)
    role: Role
    organisation: Organisation
    establishment_id: int | None = None
    is_demo: bool = False
    #: The operating-system login they use (SQLite), and their own database role (PostgreSQL).
    os_login: str | None = Field(default=None, max_length=64)
    db_role: str | None = Field(default=None, max_length=63, pattern=r"^[a-z_][a-z0-9_]*$")

    @field_validator("name")
    @classmethod
    def _printable(cls, value: str) -> str:
        if not value.isprintable():
            raise ValueError("the name contains control characters")
        return value


def create_user(session: Session, *, data: UserCreate) -> User:
    if session.exec(select(User).where(User.name == data.name)).first():
        raise ValidationProblem(f"a user called {data.name!r} already exists")
    if (
        data.organisation == Organisation.IMB
        and data.role not in (Role.ADMIN, Role.LEAD)
        and not data.establishment_id
    ):
        raise ValidationProblem(
            "an IMB user needs the establishment of their Board "
            "(only the IMB national lead sees every Board's cases)"
        )
    user = User(
        name=data.name,
        role=data.role.value,
        organisation=data.organisation.value,
        establishment_id=data.establishment_id,
        is_demo=data.is_demo,
        os_login=data.os_login or None,
        db_role=data.db_role or None,
    )
    session.add(user)
    session.flush()
    return user


def find_user(session: Session, *, name: str) -> User:
    user = session.exec(select(User).where(User.name == name, User.active)).first()
    if user is None:
        raise NotFoundError(f"no active user called {name!r}")
    return user
