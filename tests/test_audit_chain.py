"""The audit's hash chains: sealing, verification, the quick check, the upgrade of a database
that had events before the chains, and audit rows that cannot be altered (both databases)."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import pairwise

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, col, select

from intake.core.audit import change_case
from intake.core.audit_chain import (
    ACCESS_CHAIN,
    event_hash,
    genesis,
    quick_check,
    record_access,
    search_fingerprint,
    verify_all,
    verify_chain,
)
from intake.core.db.engine import create_db_engine, open_database
from intake.core.db.models import AuditChainHead, AuditEvent, SanctionCase
from intake.core.settings import Settings
from intake.core.users import Actor, UserCreate, create_user
from intake.core.vocabulary import Organisation, Role
from tests.support.database import ON_POSTGRES
from tests.support.migrations import migrate


def _actor(engine: Engine) -> Actor:
    with Session(engine) as session:
        user = create_user(
            session,
            data=UserCreate(name="Ada Admin", role=Role.ADMIN, organisation=Organisation.HMIP),
        )
        session.commit()
        return Actor.from_user(user)


def test_user_events_are_sealed_on_the_access_chain(engine: Engine) -> None:
    actor = _actor(engine)
    with Session(engine) as session:
        record_access(session, actor=actor, action="case.read", entity="case", entity_id=7)
        record_access(session, actor=actor, action="queue.search", entity="case",
                      details=search_fingerprint("Jordan Example"))  # fmt: skip
        events = session.exec(
            select(AuditEvent).where(AuditEvent.chain == ACCESS_CHAIN).order_by(col(AuditEvent.id))
        ).all()
        head = session.get(AuditChainHead, ACCESS_CHAIN)
    assert len(events) >= 2
    first = events[0]
    assert first.prev_hash == genesis(ACCESS_CHAIN)
    for before, after in pairwise(events):
        assert after.prev_hash == before.hash
    for item in events:
        assert event_hash(item.model_dump()) == item.hash
    assert head is not None and head.hash == events[-1].hash and head.count == len(events)
    assert "Jordan" not in str(events[-1].after)
    with engine.connect() as connection:
        assert verify_all(connection) == []
        assert quick_check(connection) is None


def test_the_time_comes_from_the_database(engine: Engine) -> None:
    actor = _actor(engine)
    with Session(engine) as session:
        item = AuditEvent(
            actor_id=actor.id, actor_name=actor.name, action="x", entity="user",
            at=datetime(2001, 1, 1, tzinfo=UTC),
        )  # fmt: skip
        session.add(item)
        session.commit()
        session.refresh(item)
        assert item.at.year >= 2026  # the clock of the database, not what Python sent


def _raw(engine: Engine, sql: str) -> None:
    with engine.begin() as connection:
        if not ON_POSTGRES:
            connection.exec_driver_sql("DROP TRIGGER IF EXISTS audit_event_no_update")
            connection.exec_driver_sql("DROP TRIGGER IF EXISTS audit_event_no_delete")
        else:  # only the owner can do this; the app's roles cannot
            connection.exec_driver_sql("ALTER TABLE audit_event DISABLE TRIGGER USER")
        connection.exec_driver_sql(sql)
        if ON_POSTGRES:
            connection.exec_driver_sql("ALTER TABLE audit_event ENABLE TRIGGER USER")


def test_a_changed_event_is_found_by_the_quick_check_of_its_case(
    engine: Engine, settings: Settings
) -> None:
    from tests.support.offline import submit_some

    submit_some(engine, settings, 1)
    with Session(engine) as session:
        case = session.exec(select(SanctionCase)).one()
        chain = f"case:{case.id}"
        first = session.exec(select(AuditEvent.id).where(AuditEvent.chain == chain)).first()
    _raw(engine, f"UPDATE audit_event SET reason = 'edited' WHERE id = {first}")
    with engine.connect() as connection:
        found = verify_chain(connection, chain)
        assert found is not None and found.event_id == first and found.kind == "changed"
        assert quick_check(connection, case_id=case.id) == found
        assert [b.chain for b in verify_all(connection)] == [chain]


def test_upgrading_a_database_with_events_chains_them(settings: Settings) -> None:
    url = settings.effective_database_url
    old = create_db_engine(url)
    now = datetime.now(UTC)
    migrate(old, "0005")
    with old.begin() as connection:
        for action in ("one", "two"):
            connection.execute(
                text(
                    "INSERT INTO audit_event (actor_name, at, action, entity, before, after)"
                    " VALUES ('Old Hand', :now, :action, 'user', NULL, :after)"
                ),
                {"now": now, "action": action, "after": '{"k": [1, "x"]}'},
            )
    old.dispose()
    engine = open_database(settings)
    try:
        with engine.connect() as connection:
            assert verify_all(connection) == []
            assert quick_check(connection) is None
        actor = _actor(engine)
        with Session(engine) as session:
            record_access(session, actor=actor, action="after.upgrade", entity="user")
        with engine.connect() as connection:
            assert verify_all(connection) == []
    finally:
        engine.dispose()


def test_case_changes_chain_per_case(engine: Engine, settings: Settings) -> None:
    from tests.support.offline import submit_some

    submit_some(engine, settings, 2)
    actor = _actor(engine)
    with Session(engine) as session:
        case = session.exec(select(SanctionCase).order_by(col(SanctionCase.id))).first()
        assert case is not None
        change_case(session, case, actor=actor, action="note", changes={"is_demo": False})
        session.commit()
        chains = set(session.exec(select(AuditEvent.chain)).all())
    assert {"case:1", "case:2"} <= chains
    with engine.connect() as connection:
        assert verify_all(connection) == []


@pytest.mark.postgres_only
def test_postgres_refuses_update_and_delete_of_audit_rows(engine: Engine) -> None:
    actor = _actor(engine)
    with Session(engine) as session:
        record_access(session, actor=actor, action="case.read", entity="case")
    for sql in ("UPDATE audit_event SET reason = 'x'", "DELETE FROM audit_event"):
        with (
            pytest.raises(DBAPIError, match="cannot be changed or deleted"),
            engine.begin() as connection,
        ):
            connection.exec_driver_sql(sql)
    with engine.connect() as connection:
        default = connection.exec_driver_sql(
            "SELECT column_default FROM information_schema.columns"
            " WHERE table_name = 'audit_event' AND column_name = 'at'"
        ).scalar()
    assert default is not None
    assert "clock_timestamp" in default


@pytest.mark.sqlite_only
def test_sqlite_refuses_update_and_delete_of_audit_rows(engine: Engine) -> None:
    actor = _actor(engine)
    with Session(engine) as session:
        record_access(session, actor=actor, action="case.read", entity="case")
    for sql in ("UPDATE audit_event SET reason = 'x'", "DELETE FROM audit_event"):
        with (
            pytest.raises(DBAPIError, match="cannot be changed or deleted"),
            engine.begin() as connection,
        ):
            connection.exec_driver_sql(sql)
