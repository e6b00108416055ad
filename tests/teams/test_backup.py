"""`backoffice backup` and `restore` on the embedded SQLite database, as an admin would use them."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from intake.core.db.models import SanctionCase
from intake.core.identity import system_login
from intake.core.settings import Settings
from intake.core.users import UserCreate, create_user
from intake.core.vocabulary import Organisation, Role
from tests.support.cli import cli_env, run_cli
from tests.support.offline import submit_some

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def env(engine: Engine, settings: Settings) -> dict[str, str]:
    with Session(engine) as session:
        for name, role in (("Ada Admin", Role.ADMIN), ("Tara Triage", Role.TRIAGE)):
            data = UserCreate(
                os_login=system_login(), name=name, role=role, organisation=Organisation.HMIP
            )
            create_user(session, data=data)
        session.commit()
    return cli_env(settings, SANCTIONS_USER="Ada Admin")


def _cases(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(SanctionCase)).one()


def test_backup_then_restore_brings_back_what_was_there(
    engine: Engine, settings: Settings, env: dict[str, str], tmp_path: Path
) -> None:
    submit_some(engine, settings, 2)
    out = tmp_path / "monday.db"
    made = run_cli("backoffice", "backup", "--out", str(out), "--no-encrypt", env=env)
    assert made.returncode == 0, made.stderr
    assert f"to {out}" in made.stdout and out.stat().st_size > 0

    submit_some(engine, settings, 3)
    assert _cases(engine) == 5
    engine.dispose()
    restored = run_cli("backoffice", "restore", str(out), "--yes", env=env)
    assert restored.returncode == 0, restored.stderr
    assert _cases(engine) == 2
    safety = Path(restored.stdout.rsplit(" in ", 1)[1].strip())
    assert safety.exists()


def test_bad_backups_and_non_admins_change_nothing(
    engine: Engine, settings: Settings, env: dict[str, str], tmp_path: Path
) -> None:
    submit_some(engine, settings, 1)
    junk = tmp_path / "junk.db"
    junk.write_text("not a database")
    refused = run_cli("backoffice", "restore", str(junk), "--yes", env=env)
    assert refused.returncode != 0 and "not a SQLite database" in refused.stderr
    missing = run_cli("backoffice", "restore", str(tmp_path / "nope.db"), "--yes", env=env)
    assert "does not exist" in missing.stderr
    triage = {**env, "SANCTIONS_USER": "Tara Triage"}
    denied = run_cli("backoffice", "backup", "--out", str(tmp_path / "b.db"), env=triage)
    assert denied.returncode == 3 and "only admins" in denied.stderr
    assert not (tmp_path / "b.db").exists()
    for result in (refused, missing, denied):
        assert "Traceback" not in result.stderr
    assert _cases(engine) == 1


def test_a_server_database_points_to_pg_dump(env: dict[str, str], tmp_path: Path) -> None:
    server = {**env, "SANCTIONS_DATABASE_URL": "postgresql+psycopg://u@127.0.0.1:1/sanctions"}
    told = run_cli("backoffice", "backup", "--out", str(tmp_path / "x"), env=server)
    assert told.returncode == 2 and "pg_dump" in told.stderr
