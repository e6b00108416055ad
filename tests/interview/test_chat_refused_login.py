"""`intake chat` on a database that already has users, from a login nobody mapped: refused at
once (exit 3, one line, no names), before any first-start question."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from intake.core.settings import Settings
from intake.core.users import UserCreate, create_user
from intake.core.vocabulary import Organisation, Role
from tests.support.chat import BEFORE_NARRATIVE
from tests.support.cli import cli_env, run_cli


def test_an_unmapped_login_is_refused_before_any_first_start_question(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    with Session(engine) as session:
        for name in ("Ana Admin", "Ivo Intake"):
            data = UserCreate(
                name=name, role=Role.INTAKE, organisation=Organisation.HMIP, os_login="someone-else"
            )
            create_user(session, data=data)
        session.commit()
    env = cli_env(settings)
    # A script that would answer the first start's questions, if they were asked.
    result = run_cli("intake", "chat", env=env, input="\n".join(BEFORE_NARRATIVE) + "\n")
    assert result.returncode == 3, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "is not a user of this system" in lines[0]
    assert "First start" not in result.stdout and "Your name?" not in result.stdout
    assert "Who is interviewing" not in result.stdout
    for name in ("Ana Admin", "Ivo Intake"):
        assert name not in result.stdout + result.stderr
