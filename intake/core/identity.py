"""Who is acting, from the system rather than from a typed name.

- **PostgreSQL (teams):** each person connects as their own login role; the user whose
  ``db_role`` is ``current_user`` is the one acting. A superuser connection (the owner's
  maintenance login, or a test cluster) has no such user and falls back to the rule below.
- **SQLite (the embedded default):** the operating-system login; the users mapped to it
  (``os_login``). When one login serves several people (a shared office laptop), they choose
  among themselves with ``--as NAME`` (an exact name), and the choice is audited.
- **A browser session behind the organisation's proxy** (``intake serve``): the login the proxy
  signed in, verified by ``intake.core.served``; never on PostgreSQL, where each person has
  their own role.

A name that is not one of the users of this login is refused with exit status 3 and no list
of names; deactivated users (leavers) are never found.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import text
from sqlmodel import Session, col, func, select

from intake.core.db.models import User
from intake.core.errors import PermissionDenied
from intake.core.served import served_login
from intake.core.users import Actor


def system_login() -> str:
    """The operating-system login running this process, or the one a browser session behind
    the organisation's proxy was verified for (``intake.core.served``)."""
    served = served_login()
    return served if served is not None else getpass.getuser()


@dataclass(frozen=True)
class Login:
    """How this process is logged in: an OS login (SQLite) or a database role (PostgreSQL)."""

    kind: Literal["os", "db"]
    name: str

    @property
    def words(self) -> str:
        return f"database login '{self.name}'" if self.kind == "db" else f"login '{self.name}'"


def current_login(session: Session) -> Login:
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        role, superuser = session.execute(
            text("SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user")
        ).one()
        if served_login() is not None:
            raise PermissionDenied(
                "a browser session behind a proxy works on the embedded SQLite database only: "
                "on a team's PostgreSQL server each person signs in with their own role"
            )
        if not superuser:
            return Login("db", str(role))
    return Login("os", system_login())


def users_of(session: Session, login: Login) -> list[User]:
    """The active users this login may act as."""
    column = User.db_role if login.kind == "db" else User.os_login
    query = select(User).where(col(column) == login.name, col(User.active)).order_by(User.name)
    return list(session.exec(query).all())


def has_users(session: Session) -> bool:
    return bool(session.exec(select(func.count()).select_from(User)).one())


def anyone_signs_in(session: Session) -> bool:
    """Whether any active user is mapped to a login (not so on a database upgraded from
    before the mappings, until its first administrator maps them)."""
    signs_in = col(User.os_login).is_not(None) | col(User.db_role).is_not(None)
    return session.exec(select(User.id).where(col(User.active), signs_in)).first() is not None


def _not_a_user(login: Login) -> PermissionDenied:
    flag = "--db-role" if login.kind == "db" else "--login"
    return PermissionDenied(
        f"the {login.words} is not a user of this system: ask an administrator to add you "
        f"(backoffice users add 'Your Name' --role ... --organisation ... {flag} {login.name})"
    )


def resolve_actor(session: Session, chosen: str | None = None) -> Actor:
    """The person acting: the one user of this login, or the one they chose among several."""
    login = current_login(session)
    users = users_of(session, login)
    if not users:
        raise _not_a_user(login)
    if not chosen or not chosen.strip():
        if len(users) == 1:
            return Actor.from_user(users[0])
        names = ", ".join(u.name for u in users)
        raise PermissionDenied(
            f"several people use the {login.words}: say which with --as NAME ({names})"
        )
    found = [u for u in users if u.name == chosen.strip()]
    if not found:
        raise PermissionDenied(f"{chosen.strip()!r} is not a user of the {login.words}")
    actor = Actor.from_user(found[0])
    if len(users) > 1:
        record_identity_choice(session, actor, login)
    return actor


def record_identity_choice(session: Session, actor: Actor, login: Login) -> None:
    """A person chose who they are among those sharing a login: audited on the access chain."""
    from intake.core.audit_chain import record_access

    record_access(
        session, actor=actor, action="identity_chosen", entity="user", entity_id=actor.id,
        details={"login": login.name, "kind": login.kind},
    )  # fmt: skip
