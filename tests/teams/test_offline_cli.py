"""A team's laptop, as a user meets it: the server goes away, the intake carries on, `intake sync`
sends the cases once the server is back, even after a sync killed half-way."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, func, make_url
from sqlmodel import Session, select

import backoffice.workflow.engine as workflow_engine
from backoffice.cli.main import cli
from backoffice.workflow.context import ActionContext
from intake.cli.context import IntakeContext
from intake.core.db.models import AuditEvent, SanctionCase
from intake.core.identity import system_login
from intake.core.settings import Settings, load_settings
from intake.core.users import UserCreate, create_user
from intake.core.vocabulary import Organisation, Role
from tests.support.cli import BIN, run_cli
from tests.support.factories import add_interviewer
from tests.support.offline import Relay, record_offline_cases, submit_some

pytestmark = pytest.mark.postgres_only


@pytest.fixture
def relay(settings: Settings) -> Iterator[Relay]:
    url = make_url(settings.effective_database_url)
    relay = Relay(url.host or "127.0.0.1", url.port or 5432)
    yield relay
    relay.stop()


def _laptop(settings: Settings, relay: Relay, tmp_path: Path) -> tuple[Settings, dict[str, str]]:
    url = relay.url(settings.effective_database_url)
    data = tmp_path / "laptop"
    env = {"SANCTIONS_DATABASE_URL": url, "SANCTIONS_DATA_DIR": str(data)}
    return load_settings(database_url=url, data_dir=data), env


def _add_triage(engine: Engine) -> None:
    with Session(engine) as session:
        data = UserCreate(
            os_login=system_login(),
            name="Tara Triage",
            role=Role.TRIAGE,
            organisation=Organisation.HMIP,
        )
        create_user(session, data=data)
        session.commit()


def _count(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(SanctionCase)).one()


def test_offline_intake_appears_once_in_the_central_queue(
    engine: Engine, settings: Settings, relay: Relay, tmp_path: Path
) -> None:
    add_interviewer(engine)
    _add_triage(engine)
    laptop, env = _laptop(settings, relay, tmp_path)
    context = IntakeContext(offline_allowed=True, _settings=laptop)  # the server is down
    local = context.engine
    assert context.offline and "Working offline" in context.notices[0]
    (provisional,) = record_offline_cases(local, laptop, 1)

    down = run_cli("intake", "sync", env=env)
    assert down.returncode == 2 and "cannot reach" in down.stderr and "Traceback" not in down.stderr
    assert _count(engine) == 0

    relay.start()
    sent = run_cli("intake", "sync", env=env)
    assert sent.returncode == 0, sent.stderr
    assert f"sent {provisional} -> SAN-" in sent.stdout
    queue = run_cli("backoffice", "--as", "Tara Triage", "queue", env=env)
    assert queue.stdout.count("SAN-") == 1 and provisional not in queue.stdout
    again = run_cli("intake", "sync", env=env)
    assert again.returncode == 0 and "Nothing to send" in again.stdout
    assert _count(engine) == 1


def test_a_sync_killed_half_way_completes_on_retry(
    engine: Engine, settings: Settings, relay: Relay, tmp_path: Path
) -> None:
    add_interviewer(engine)
    laptop, env = _laptop(settings, relay, tmp_path)
    context = IntakeContext(offline_allowed=True, _settings=laptop)
    record_offline_cases(context.engine, laptop, 40)
    context.engine.dispose()
    relay.start()
    sync = subprocess.Popen(
        [str(BIN / "intake"), "sync"], env={**os.environ, **env},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while _count(engine) < 3 and time.monotonic() < deadline and sync.poll() is None:
        time.sleep(0.005)
    sync.send_signal(signal.SIGKILL)
    sync.wait()
    assert 0 < _count(engine) < 40, "the kill came too late to test anything"

    retry = run_cli("intake", "sync", env=env)
    assert retry.returncode == 0, retry.stderr
    with Session(engine) as session:
        uuids = session.exec(select(SanctionCase.uuid)).all()
    assert len(uuids) == 40 and len(set(uuids)) == 40


def test_a_connection_dropped_mid_action_saves_nothing_and_a_retry_works(
    engine: Engine,
    settings: Settings,
    relay: Relay,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _add_triage(engine)
    (reference,) = submit_some(engine, settings, 1)
    _, env = _laptop(settings, relay, tmp_path)
    relay.start()

    apply = workflow_engine.apply_action

    def network_goes(ctx: ActionContext) -> None:
        relay.cut()
        apply(ctx)

    monkeypatch.setattr(workflow_engine, "apply_action", network_goes)
    args = ["--as", "Tara Triage", "act", reference, "confirm_qualifies", "--note", "seen"]
    dropped = CliRunner().invoke(cli, args, env=env)
    assert dropped.exit_code == 1
    assert "lost the database connection" in dropped.output and "run the command again" in (
        dropped.output
    )
    with Session(engine) as session:
        assert session.exec(select(SanctionCase.status)).one() == "received"

    monkeypatch.undo()
    relay.start()
    retried = CliRunner().invoke(cli, args, env=env)
    assert retried.exit_code == 0, retried.output
    with Session(engine) as session:
        assert session.exec(select(SanctionCase.status)).one() == "confirmed"
        confirms = session.exec(
            select(func.count()).where(AuditEvent.action == "confirm_qualifies")
        ).one()
    assert confirms == 1
