"""Who is interviewing. A laptop remembers its user; a shared database lists them."""

from __future__ import annotations

import json
from pathlib import Path

from rapidfuzz import fuzz, process, utils
from sqlalchemy import Engine
from sqlmodel import Session, select

from intake.db.models import User
from intake.errors import ValidationProblem
from intake.settings import Settings
from intake.users import Actor, UserCreate, create_user
from intake.vocabulary import Organisation, Role

#: The roles a first start offers, with words an interviewer recognises (admin is set up
#: in the back office, never chosen on a laptop).
FIRST_START_ROLES: list[tuple[Role, str]] = [
    (Role.INTAKE, "Intake: I interview people (inspector, Board member, investigator)"),
    (Role.TRIAGE, "Triage: I take cases forward in the office"),
    (Role.SUPERVISOR, "Supervisor: I confirm referrals without consent and overrides"),
    (Role.LEAD, "Lead: I lead my organisation's sanctions work"),
]


def _profile_file(settings: Settings) -> Path:
    return settings.data_dir / "profile.json"


def remembered_name(settings: Settings) -> str | None:
    try:
        return json.loads(_profile_file(settings).read_text(encoding="utf-8")).get("user")
    except (OSError, ValueError):
        return None


def remember(settings: Settings, actor: Actor) -> None:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    _profile_file(settings).write_text(json.dumps({"user": actor.name}), encoding="utf-8")


def active_users(engine: Engine) -> list[Actor]:
    with Session(engine) as session:
        users = session.exec(select(User).where(User.active).order_by(User.name)).all()
        return [Actor.from_user(u) for u in users]


def find_interviewer(engine: Engine, name: str) -> Actor:
    """The user a typed name means (fuzzy), or a clear message."""
    users = active_users(engine)
    if not users:
        raise ValidationProblem("there are no users yet")
    names = [u.name for u in users]
    best = process.extract(name, names, scorer=fuzz.WRatio, processor=utils.default_process)
    if best and best[0][1] >= 85 and (len(best) == 1 or best[0][1] > best[1][1]):
        return users[best[0][2]]
    raise ValidationProblem(f"{name!r} is not one of the users: {', '.join(names)}")


def current_interviewer(engine: Engine, settings: Settings) -> Actor | None:
    """The user this laptop remembers, if they still exist."""
    name = remembered_name(settings)
    if not name:
        return None
    return next((u for u in active_users(engine) if u.name == name), None)


def register_first_user(
    engine: Engine,
    settings: Settings,
    *,
    name: str,
    organisation: Organisation,
    role: Role = Role.INTAKE,
    establishment_id: int | None = None,
) -> Actor:
    """First start on a laptop: create the user once and remember them."""
    try:
        data = UserCreate(
            name=name, role=role, organisation=organisation, establishment_id=establishment_id
        )
    except ValueError as exc:
        raise ValidationProblem(str(exc).splitlines()[-1]) from exc
    with Session(engine) as session:
        actor = Actor.from_user(create_user(session, data=data))
        session.commit()
    remember(settings, actor)
    return actor
