"""`backoffice audit verify | acknowledge`, the refusal on a broken chain, audited reads and a
restore that checks the backup's chains: tampered with sqlite3, driven as a user would."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from intake.core.db.models import AuditAcknowledgement, AuditEvent, SanctionCase
from intake.core.identity import system_login
from intake.core.settings import Settings
from intake.core.users import UserCreate, create_user
from intake.core.vocabulary import Organisation, Role
from tests.support.cli import cli_env, run_cli
from tests.support.factories import ActFn, Staff, SubmitFn

pytestmark = pytest.mark.sqlite_only  # the tampering is done with sqlite3 on the file


@pytest.fixture
def env(engine: Engine, settings: Settings, staff: Staff) -> dict[str, str]:
    with Session(engine) as session:
        data = UserCreate(
            os_login=system_login(),
            name="Ada Admin",
            role=Role.ADMIN,
            organisation=Organisation.HMIP,
        )
        create_user(session, data=data)
        session.commit()
    return cli_env(settings, SANCTIONS_USER="Ada Admin")


def bo(
    env: dict[str, str], *args: str, user: str | None = None
) -> subprocess.CompletedProcess[str]:
    return run_cli("backoffice", *args, env={**env, **({"SANCTIONS_USER": user} if user else {})})


def tamper(settings: Settings, *statements: str) -> None:
    """What someone with the file and sqlite3 can do: drop the guards, then edit."""
    path = settings.effective_database_url.removeprefix("sqlite:///")
    with closing(sqlite3.connect(path)) as db:
        db.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
        db.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
        for statement in statements:
            db.execute(statement)
        db.commit()


def case_events(engine: Engine, reference: str) -> tuple[int, list[int]]:
    with Session(engine) as session:
        case = session.exec(select(SanctionCase).where(SanctionCase.reference == reference)).one()
        ids = session.exec(
            select(AuditEvent.id)
            .where(AuditEvent.chain == f"case:{case.id}")
            .order_by(col(AuditEvent.id))
        ).all()
        assert case.id is not None
        return case.id, [event_id for event_id in ids if event_id is not None]  # stored: all set


def _inside(env: dict[str, str], name: str) -> Path:
    """A file in the data folder (a backup there is not encrypted, so sqlite3 can edit it)."""
    folder = Path(env["SANCTIONS_DATA_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


def _one_line(result: subprocess.CompletedProcess[str], code: int, *texts: str) -> None:
    assert result.returncode == code, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    for text in texts:
        assert text in lines[0], lines[0]
    assert "Traceback" not in result.stderr


def _acted(submit: SubmitFn, act: ActFn, staff: Staff) -> str:
    reference = submit()
    act(staff.hmip, reference, "confirm_qualifies")
    return reference


def test_intact_database_verifies_and_work_goes_on(
    env: dict[str, str], submit: SubmitFn, staff: Staff
) -> None:
    reference = submit()
    result = bo(env, "audit", "verify")
    assert result.returncode == 0, result.stderr
    assert "intact" in result.stdout
    data = json.loads(bo(env, "audit", "verify", "--json").stdout)
    assert data["intact"] is True and data["breaks"] == []
    assert bo(env, "show", reference, user="Hana Triage").returncode == 0


def test_a_changed_reason_is_named_refused_until_acknowledged(
    engine: Engine, settings: Settings, env: dict[str, str], submit: SubmitFn, staff: Staff
) -> None:
    reference = submit()
    case_id, ids = case_events(engine, reference)
    tamper(settings, f"UPDATE audit_event SET reason = 'nothing to see' WHERE id = {ids[0]}")

    verify = bo(env, "audit", "verify")
    assert verify.returncode == 1
    lines = verify.stdout.strip().splitlines()
    assert lines == [lines[0]] and f"case:{case_id}" in lines[0] and f"event {ids[0]}" in lines[0]
    assert "changed" in lines[0]

    # Every case command, and the app, refuse with one line naming chain, event and the remedy.
    for args in (("show", reference), ("steps", reference), ("queue",)):
        _one_line(
            bo(env, *args, user="Hana Triage"),
            5,
            f"case:{case_id}",
            f"event {ids[0]}",
            "audit acknowledge",
        )
    # Only an admin acknowledges; a lead may verify but not acknowledge.
    assert bo(env, "audit", "verify", user="Dee Deputy").returncode == 1
    denied = bo(
        env,
        "audit",
        "acknowledge",
        "--chain",
        f"case:{case_id}",
        "--reason",
        "x",
        user="Dee Deputy",
    )
    _one_line(denied, 3, "admin")
    assert bo(env, "audit", "verify", user="Hana Triage").returncode == 3

    done = bo(
        env,
        "audit",
        "acknowledge",
        "--chain",
        f"case:{case_id}",
        "--reason",
        "restored from the paper file",
    )
    assert done.returncode == 0, done.stderr
    assert bo(env, "show", reference, user="Hana Triage").returncode == 0
    assert bo(env, "audit", "verify").returncode == 0
    with Session(engine) as session:
        ack = session.exec(select(AuditAcknowledgement)).one()
        assert (ack.chain, ack.event_id) == (f"case:{case_id}", ids[0])
        assert ack.reason == "restored from the paper file"
        audited = session.exec(
            select(AuditEvent).where(AuditEvent.action == "audit.acknowledge")
        ).one()
        assert audited.actor_name == "Ada Admin" and audited.chain == "access"


def test_deleted_reattributed_and_all_deleted_are_named(
    engine: Engine,
    settings: Settings,
    env: dict[str, str],
    submit: SubmitFn,
    staff: Staff,
    act: ActFn,
) -> None:
    gap = _acted(submit, act, staff)
    moved = _acted(submit, act, staff)
    wiped = _acted(submit, act, staff)
    tail = _acted(submit, act, staff)
    gap_id, gap_ids = case_events(engine, gap)
    moved_id, moved_ids = case_events(engine, moved)
    wiped_id, _ = case_events(engine, wiped)
    tail_id, tail_ids = case_events(engine, tail)
    assert len(gap_ids) >= 2
    tamper(
        settings,
        f"DELETE FROM audit_event WHERE id = {gap_ids[0]}",
        f"UPDATE audit_event SET actor_name = 'Sam Super' WHERE id = {moved_ids[-1]}",
        f"DELETE FROM audit_event WHERE case_id = {wiped_id}",
        f"DELETE FROM audit_event WHERE id = {tail_ids[-1]}",
        # the close that the review made by hand
        f"UPDATE sanction_case SET status = 'closed' WHERE id = {wiped_id}",
    )
    result = bo(env, "audit", "verify", "--json")
    assert result.returncode == 1
    found = {b["chain"]: b for b in json.loads(result.stdout)["breaks"]}
    assert found[f"case:{gap_id}"]["event_id"] == gap_ids[1]
    assert found[f"case:{gap_id}"]["kind"] == "deleted"
    assert found[f"case:{moved_id}"]["event_id"] == moved_ids[-1]
    assert found[f"case:{moved_id}"]["kind"] == "re-attributed"
    assert found[f"case:{wiped_id}"]["event_id"] is None
    assert found[f"case:{tail_id}"]["event_id"] == tail_ids[-2]
    plain = bo(env, "audit", "verify")
    assert len(plain.stdout.strip().splitlines()) == 4
    _one_line(bo(env, "show", wiped, user="Hana Triage"), 5, f"case:{wiped_id}", "acknowledge")


def test_reads_searches_exports_backup_and_restore_are_audited(
    engine: Engine, env: dict[str, str], submit: SubmitFn, staff: Staff, tmp_path: Path
) -> None:
    reference = submit()
    assert bo(env, "show", reference, user="Hana Triage").returncode == 0
    assert bo(env, "queue", "--search", "Jordan Example", user="Hana Triage").returncode == 0
    assert bo(env, "queue", user="Hana Triage").returncode == 0  # a page view is not audited
    out = tmp_path / "t.csv"
    secret = {**env, "SANCTIONS_EXPORT_PASSPHRASE": "correct horse battery staple"}
    exported = bo(
        secret, "tracker", "export", "--format", "csv", "--out", str(out), user="Dee Deputy"
    )
    assert exported.returncode == 0, exported.stderr
    backup = _inside(env, "b.db")
    assert bo(env, "backup", "--out", str(backup)).returncode == 0
    restored = bo(env, "restore", str(backup), "--yes")
    assert restored.returncode == 0, restored.stderr
    with Session(engine) as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.chain == "access")).all()
    actions = [e.action for e in events]
    assert "case.read" in actions and "queue.search" in actions
    assert "tracker_exported" in actions and "restore" in actions
    assert actions.count("queue.search") == 1
    search = next(e for e in events if e.action == "queue.search")
    assert search.after is not None
    assert "Jordan" not in json.dumps(search.after) and search.after["length"] == 14
    read = next(e for e in events if e.action == "case.read")
    assert read.actor_name == "Hana Triage" and read.case_id is not None
    assert bo(env, "audit", "verify").returncode == 0


def test_restore_refuses_a_backup_whose_audit_was_deleted(
    engine: Engine, settings: Settings, env: dict[str, str], submit: SubmitFn, tmp_path: Path
) -> None:
    submit()
    backup = _inside(env, "b.db")
    assert bo(env, "backup", "--out", str(backup)).returncode == 0
    with closing(sqlite3.connect(backup)) as db:
        db.execute("DROP TRIGGER audit_event_no_delete")
        db.execute("DELETE FROM audit_event")
        db.commit()
    refused = bo(env, "restore", str(backup), "--yes")
    _one_line(refused, 1, "broken", "--accept-broken-audit")
    no_reason = bo(env, "restore", str(backup), "--yes", "--accept-broken-audit")
    assert no_reason.returncode == 1
    triage = bo(
        env,
        "restore",
        str(backup),
        "--yes",
        "--accept-broken-audit",
        "--reason",
        "x",
        user="Hana Triage",
    )
    assert triage.returncode == 3
    accepted = bo(
        env,
        "restore",
        str(backup),
        "--yes",
        "--accept-broken-audit",
        "--reason",
        "the only copy left after the disk failed",
    )
    assert accepted.returncode == 0, accepted.stderr
    with Session(engine) as session:
        restore = session.exec(select(AuditEvent).where(AuditEvent.action == "restore")).one()
        assert restore.after is not None
        assert restore.after["reason"] == "the only copy left after the disk failed"
        assert session.exec(select(AuditAcknowledgement)).all()
    assert bo(env, "audit", "verify").returncode == 0
    assert bo(env, "queue", user="Hana Triage").returncode == 0


def test_a_draft_sent_to_the_model_is_audited(
    engine: Engine, submit: SubmitFn, staff: Staff
) -> None:
    from backoffice.case_view import show_case
    from backoffice.drafting import audit_draft

    reference = submit()
    with Session(engine) as session:
        view = show_case(session, actor=staff.hmip, reference=reference)
    audit_draft((session, staff.hmip), view, "briefing")
    with Session(engine) as session:
        sent = session.exec(
            select(AuditEvent).where(AuditEvent.action == "draft.sent_to_model")
        ).one()
    assert sent.actor_name == "Hana Triage" and sent.chain == "access"
    assert sent.after == {"draft": "briefing", "reference": reference}
