"""Staff accounts: added and deactivated by an administrator of their organisation, audited.

While a database has no administrator (a new one, or a laptop whose first start registered
its interviewer), its first administrator may be added by the person logged in, mapped to their
own login; every later change needs an administrator. Leavers are deactivated, never
deleted, so the audit trail keeps naming who did what.
"""

from __future__ import annotations

from pydantic import BaseModel
from sqlmodel import Session, col, select

from backoffice.access import require
from intake.core.audit_chain import record_access
from intake.core.clock import utcnow
from intake.core.db.models import User
from intake.core.errors import NotFoundError, PermissionDenied, ValidationProblem
from intake.core.users import Actor, UserCreate, create_user
from intake.core.validation import required_text
from intake.core.vocabulary import Organisation, Role


class UserRecord(BaseModel):
    """A user as `users list` shows them."""

    name: str
    role: str
    organisation: str
    establishment_id: int | None
    os_login: str | None
    db_role: str | None
    active: bool


def _audit(session: Session, actor: Actor | None, action: str, user: User, **after: object) -> None:
    """A change to a user, on the access chain, committed with the change itself."""
    record_access(
        session, actor=actor or user, action=action, entity="user", entity_id=user.id,
        details={"name": user.name, **after}, separate=False,
    )  # fmt: skip


def require_admin(actor: Actor, *, what: str) -> None:
    require(actor, what=what, roles=[Role.ADMIN])


def has_admin(session: Session, organisation: Organisation | None = None) -> bool:
    """An active administrator who can sign in (a database upgraded from before sign-in
    mappings has users but nobody mapped: it gets its first administrator as a new one), of
    ``organisation`` when one is given."""
    signs_in = col(User.os_login).is_not(None) | col(User.db_role).is_not(None)
    query = select(User.id).where(User.role == Role.ADMIN.value, col(User.active), signs_in)
    if organisation is not None:
        query = query.where(User.organisation == organisation.value)
    return session.exec(query).first() is not None


def _may_add(session: Session, actor: Actor, data: UserCreate) -> None:
    """An administrator adds their own organisation's staff, and, on a database the three
    bodies share, the first administrator of an organisation that has none yet (who then adds
    that organisation's staff)."""
    require_admin(actor, what="add users")
    if data.organisation == actor.organisation:
        return
    first_of_theirs = data.role == Role.ADMIN and not has_admin(session, data.organisation)
    if not first_of_theirs:
        raise PermissionDenied(
            f"{actor.name} ({actor.organisation.value}) may add only "
            f"{actor.organisation.value} staff, and the first administrator of an "
            "organisation that has none yet"
        )


def add_user(session: Session, *, actor: Actor | None, data: UserCreate) -> User:
    """Add a member of staff; ``actor`` None only for a database's first administrator."""
    if actor is None:
        if has_admin(session):
            raise PermissionDenied("adding a user needs an administrator")
        if data.role != Role.ADMIN:
            raise ValidationProblem(
                "this database has no administrator yet: the first one to add is an "
                "administrator (--role admin), who then adds everyone else"
            )
    else:
        _may_add(session, actor, data)
    if not (data.os_login or data.db_role):
        raise ValidationProblem(
            "say how they sign in: --login (their computer login) or --db-role (their "
            "PostgreSQL role); without one nobody can act as them"
        )
    user = create_user(session, data=data)
    _audit(
        session, actor, "user_added", user, role=user.role, organisation=user.organisation,
        os_login=user.os_login, db_role=user.db_role,
    )  # fmt: skip
    return user


def deactivate_user(session: Session, *, actor: Actor, name: str, reason: str) -> User:
    """A leaver: they can no longer act; their name stays on what they did."""
    require_admin(actor, what="deactivate users")
    why = required_text(reason, what="the reason")
    user = session.exec(select(User).where(User.name == name.strip())).first()
    if user is None or user.organisation != actor.organisation.value:
        raise NotFoundError(f"no {actor.organisation.value} user called {name.strip()!r}")
    if not user.active:
        raise ValidationProblem(f"{user.name} is already deactivated")
    if user.id == actor.id:
        raise ValidationProblem("another administrator must deactivate you")
    user.active = False
    user.deactivated_at = utcnow()
    _audit(session, actor, "user_deactivated", user, reason=why)
    return user


def map_user(
    session: Session, *, actor: Actor, name: str, os_login: str | None, db_role: str | None
) -> User:
    """Say how someone signs in (e.g. staff from before sign-in mappings, a new laptop)."""
    require_admin(actor, what="map users to their sign-in")
    user = session.exec(select(User).where(User.name == name.strip())).first()
    if user is None or user.organisation != actor.organisation.value or not user.active:
        raise NotFoundError(f"no active {actor.organisation.value} user called {name.strip()!r}")
    if not (os_login or db_role):
        raise ValidationProblem("say how they sign in: --login and/or --db-role")
    before = {"os_login": user.os_login, "db_role": user.db_role}
    user.os_login = os_login or user.os_login
    user.db_role = db_role or user.db_role
    _audit(session, actor, "user_mapped", user, before=before, os_login=user.os_login,
           db_role=user.db_role)  # fmt: skip
    return user


def list_users(session: Session, *, actor: Actor) -> list[UserRecord]:
    require_admin(actor, what="list users")
    rows = session.exec(select(User).order_by(col(User.name))).all()
    return [UserRecord.model_validate(u, from_attributes=True) for u in rows]
