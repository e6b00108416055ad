"""Who is interviewing. A laptop remembers its user; a shared database lists them."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy import Engine
from sqlmodel import Session

from intake.core.db.models import Establishment
from intake.core.errors import PermissionDenied, ValidationProblem
from intake.core.establishments import resolve_establishment_id
from intake.core.identity import current_login, has_users, system_login, users_of
from intake.core.served import served_login
from intake.core.settings import Settings
from intake.core.users import Actor, UserCreate, create_user
from intake.core.vocabulary import Organisation, Role

#: The roles a first start offers, with words an interviewer recognises (admin is set up
#: in the back office, never chosen on a laptop).
FIRST_START_ROLES: list[tuple[Role, str]] = [
    (Role.INTAKE, "Intake: I interview people (inspector, Board member, investigator)"),
    (Role.TRIAGE, "Triage: I take cases forward in the office"),
    (Role.SUPERVISOR, "Supervisor: I confirm referrals without consent and overrides"),
    (Role.LEAD, "Lead: I lead my organisation's sanctions work"),
]


def _profile_file(settings: Settings) -> Path:
    """This laptop's remembered user; a browser server remembers one for each login it serves."""
    served = served_login()
    return settings.data_dir / (f"profile-{served}.json" if served else "profile.json")


def remembered_name(settings: Settings) -> str | None:
    try:
        return json.loads(_profile_file(settings).read_text(encoding="utf-8")).get("user")
    except (OSError, ValueError):
        return None


def remember(settings: Settings, actor: Actor) -> None:
    from intake.core.files import private_dir, write_private_bytes

    private_dir(settings.data_dir)
    write_private_bytes(_profile_file(settings), json.dumps({"user": actor.name}).encode())


def active_users(engine: Engine) -> list[Actor]:
    """The people who may interview from this login (``intake.core.identity``).

    Empty on a new database (the first start registers the first user); a login that is not
    mapped to anyone on a database that has users is refused: an administrator adds people.
    """
    with Session(engine) as session:
        login = current_login(session)
        users = [Actor.from_user(u) for u in users_of(session, login)]
        if not users and has_users(session):
            raise PermissionDenied(
                f"the {login.words} is not a user of this system: ask an administrator to add "
                f"you (backoffice users add 'Your Name' --role intake --organisation ... "
                f"--login {login.name})"
            )
        return users


def find_interviewer(engine: Engine, name: str) -> Actor:
    """One of this login's users, by their name as written (case and spaces aside)."""
    users = active_users(engine)
    if not users:
        raise ValidationProblem("there are no users yet")
    wanted = " ".join(name.split()).casefold()
    found = [u for u in users if " ".join(u.name.split()).casefold() == wanted]
    if found:
        return found[0]
    names = ", ".join(u.name for u in users)
    raise ValidationProblem(f"{name.strip()!r} is not one of the people using this login: {names}")


def current_interviewer(engine: Engine, settings: Settings) -> Actor | None:
    """The user this laptop remembers, if they still exist."""
    name = remembered_name(settings)
    if not name:
        return None
    return next((u for u in active_users(engine) if u.name == name), None)


def board_establishment(engine: Engine, text: str) -> int:
    """The establishment an IMB member's Board is at, from its name as typed (fuzzy; a
    ValidationProblem when nothing or more than one fits)."""
    with Session(engine) as session:
        return resolve_establishment_id(session, text)


def first_user_name(text: str) -> str:
    """The name typed at a first start, checked as it is typed (so a refused one is asked
    again at once, before the questions after it)."""
    try:
        data = UserCreate(name=text, role=Role.INTAKE, organisation=Organisation.HMIP)
    except ValidationError as exc:
        why = exc.errors()[0]["msg"].removeprefix("Value error, ")
        raise ValidationProblem(f"your name: {why}") from exc
    return data.name


def register_first_user(
    engine: Engine,
    settings: Settings,
    *,
    name: str,
    organisation: Organisation,
    role: Role = Role.INTAKE,
    establishment_id: int | None = None,
) -> Actor:
    """First start on a new database: its first user, signing in by this computer login.

    Everyone after them is added by an administrator (``backoffice users add``)."""
    try:
        data = UserCreate(
            name=name, role=role, organisation=organisation, establishment_id=establishment_id,
            os_login=system_login(),
        )  # fmt: skip
    except ValueError as exc:
        raise ValidationProblem(str(exc).splitlines()[-1]) from exc
    with Session(engine) as session:
        if has_users(session):
            raise PermissionDenied(
                "this database already has users: ask an administrator to add you "
                f"(backoffice users add 'Your Name' ... --login {system_login()})"
            )
        actor = Actor.from_user(create_user(session, data=data))
        session.commit()
    remember(settings, actor)
    return actor


def home_establishment(engine: Engine, actor: Actor) -> str | None:
    """An IMB member's own Board's establishment, by name (remembered from their first start
    or set by an administrator); None for anyone else."""
    if actor.organisation is not Organisation.IMB or actor.establishment_id is None:
        return None
    with Session(engine) as session:
        place = session.get(Establishment, actor.establishment_id)
        return place.name if place is not None else None
