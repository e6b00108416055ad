"""Who you are comes from the system: a fresh install, its first admin, staff, and a leaver.

On SQLite the person is the computer login (users mapped to it; `--as` chooses among several
sharing one, audited). On PostgreSQL a person's own login role is mapped to their user.
"""

from __future__ import annotations

import os
import subprocess
import uuid

import pytest
from sqlalchemy import Engine, create_engine, make_url, text
from sqlmodel import Session, col, select

from intake.core.db.models import AuditEvent, User
from intake.core.identity import current_login, resolve_actor, system_login
from intake.core.settings import Settings
from intake.core.users import UserCreate, create_user
from intake.core.vocabulary import Organisation, Role
from tests.support.cli import BIN, cli_env, run_cli

ME = system_login()


@pytest.fixture
def env(settings: Settings, engine: Engine) -> dict[str, str]:
    return cli_env(settings, SANCTIONS_USER="")


def bo(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("backoffice", *args, env=env)


def _refused(result: subprocess.CompletedProcess[str], text_: str) -> None:
    assert result.returncode == 3, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and text_ in lines[0] and "Traceback" not in result.stderr


def _actions(engine: Engine, action: str) -> list[AuditEvent]:
    with Session(engine) as session:
        return list(session.exec(select(AuditEvent).where(col(AuditEvent.action) == action)))


def test_fresh_install_first_admin_two_staff_and_a_leaver(
    env: dict[str, str], engine: Engine
) -> None:
    _refused(bo(env, "queue"), f"login '{ME}' is not a user of this system")
    first_triage = bo(env, "users", "add", "Tia Triage", "--role", "triage",
                      "--organisation", "HMIP")  # fmt: skip
    assert first_triage.returncode == 1 and "first one to add is an administrator" in (
        first_triage.stderr
    )
    admin = bo(env, "users", "add", "Ada Admin", "--role", "admin", "--organisation", "HMIP")
    assert admin.returncode == 0 and f"signs in by login {ME}" in admin.stdout
    assert bo(env, "users", "list").returncode == 0  # the only user of this login: no --as

    added = bo(env, "users", "add", "Tia Triage", "--role", "triage", "--organisation",
               "HMIP", "--login", ME)  # fmt: skip
    assert added.returncode == 0, added.stderr
    other = bo(env, "--as", "Ada Admin", "users", "add", "Otto Office", "--role", "triage",
               "--organisation", "HMIP", "--login", "otto")  # fmt: skip
    assert other.returncode == 0, other.stderr
    _refused(bo(env, "queue"), "several people use the login")
    assert bo(env, "--as", "Tia Triage", "queue").returncode == 0
    assert _actions(engine, "identity_chosen"), "choosing among a shared login is audited"
    _refused(bo(env, "--as", "Otto Office", "queue"), "'Otto Office' is not a user of the login")
    wrong = bo(env, "--as", "Nobody", "queue")
    _refused(wrong, "'Nobody' is not a user")
    assert "Ada Admin" not in wrong.stderr and "Tia Triage" not in wrong.stderr

    _refused(bo(env, "--as", "Tia Triage", "users", "add", "Eve", "--role", "admin",
                "--organisation", "HMIP", "--login", ME), "admin")  # fmt: skip
    _refused(bo(env, "--as", "Ada Admin", "users", "add", "Ivo", "--role", "triage",
                "--organisation", "IMB", "--establishment", "Wandsworth", "--login", "ivo"),
             "may add only HMIP staff")  # fmt: skip
    # a database the three bodies share: the first administrator of another body, then no more
    first = bo(env, "--as", "Ada Admin", "users", "add", "Ivy Admin", "--role", "admin",
               "--organisation", "IMB", "--login", "ivy")  # fmt: skip
    assert first.returncode == 0, first.stderr
    _refused(bo(env, "--as", "Ada Admin", "users", "add", "Ian Admin", "--role", "admin",
                "--organisation", "IMB", "--login", "ian"), "may add only HMIP staff")  # fmt: skip
    left = bo(env, "--as", "Ada Admin", "users", "deactivate", "Tia Triage", "--reason", "left")
    assert left.returncode == 0, left.stderr
    _refused(bo(env, "--as", "Tia Triage", "queue"), "'Tia Triage' is not a user")
    assert bo(env, "queue").returncode == 0  # only Ada is left on this login: no --as needed
    assert [(e.after or {}).get("name") for e in _actions(engine, "user_added")] == [
        "Ada Admin",
        "Tia Triage",
        "Otto Office",
        "Ivy Admin",
    ]
    (gone,) = _actions(engine, "user_deactivated")
    assert gone.after is not None
    assert gone.actor_name == "Ada Admin" and gone.after["reason"] == "left"


@pytest.mark.postgres_only
def test_on_postgresql_a_persons_own_role_is_who_they_are(
    engine: Engine, settings: Settings
) -> None:
    role = f"staff_{uuid.uuid4().hex[:8]}"
    url = make_url(settings.effective_database_url)
    with engine.begin() as connection:
        connection.execute(text(f"CREATE ROLE {role} LOGIN PASSWORD 'secret-{role}'"))
        connection.execute(text(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {role}"))
        connection.execute(text(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {role}"))
    with Session(engine) as session:
        create_user(
            session,
            data=UserCreate(
                name="Pat Own Role", role=Role.TRIAGE, organisation=Organisation.PPO, db_role=role
            ),
        )
        create_user(
            session,
            data=UserCreate(
                name="Sol Shared", role=Role.TRIAGE, organisation=Organisation.PPO, os_login=ME
            ),
        )
        session.commit()
    own = create_engine(url.set(username=role, password=f"secret-{role}"))
    try:
        with Session(own) as session:
            assert current_login(session).kind == "db"
            assert resolve_actor(session).name == "Pat Own Role"
            with pytest.raises(Exception, match="not a user of the database login"):
                resolve_actor(session, "Sol Shared")  # no --as to anyone else there
    finally:
        own.dispose()
        with engine.begin() as connection:
            connection.execute(text(f"DROP OWNED BY {role}"))
            connection.execute(text(f"DROP ROLE {role}"))


def test_the_intake_refuses_a_login_nobody_mapped_once_a_database_has_users(
    env: dict[str, str], engine: Engine
) -> None:
    with Session(engine) as session:
        data = UserCreate(
            name="Ada Admin", role=Role.ADMIN, organisation=Organisation.HMIP, os_login="ada"
        )
        create_user(session, data=data)
        session.commit()
    result = subprocess.run(
        [str(BIN / "intake"), "chat"], input="Sam Patel\n", capture_output=True, text=True,
        env={**os.environ, **env}, timeout=60,
    )  # fmt: skip
    assert result.returncode == 3, (result.stdout, result.stderr)
    assert f"the login '{ME}' is not a user of this system" in result.stderr
    assert "Ada Admin" not in result.stderr + result.stdout
    with Session(engine) as session:
        assert [u.name for u in session.exec(select(User))] == ["Ada Admin"]  # nobody added


def test_a_database_from_before_sign_in_mappings_gets_its_first_administrator(
    env: dict[str, str], engine: Engine
) -> None:
    with Session(engine) as session:  # users as migration 0005 finds them: nobody mapped
        for name, role in (("Old Admin", Role.ADMIN), ("Old Triage", Role.TRIAGE)):
            data = UserCreate(name=name, role=role, organisation=Organisation.HMIP)
            create_user(session, data=data)
        session.commit()
    _refused(bo(env, "--as", "Old Triage", "queue"), "is not a user of this system")
    added = bo(env, "users", "add", "New Admin", "--role", "admin", "--organisation", "HMIP")
    assert added.returncode == 0, added.stderr
    mapped = bo(env, "users", "map", "Old Triage", "--login", ME)
    assert mapped.returncode == 0, mapped.stderr
    assert bo(env, "--as", "Old Triage", "queue").returncode == 0
    _refused(bo(env, "--as", "Old Triage", "users", "map", "Old Admin", "--login", ME), "admin")
    assert [e.action for e in _actions(engine, "user_mapped")] == ["user_mapped"]
