from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from intake.core.audit import UnauditedChange, change_case, record_case_event
from intake.core.case_references import next_reference
from intake.core.db.models import AuditEvent, SanctionCase
from intake.core.errors import ConflictError
from intake.core.users import Actor
from intake.core.vocabulary import Organisation, Role

ALICE = Actor(id=None, name="Alice Triage", role=Role.TRIAGE, organisation=Organisation.HMIP)


def _new_case(session: Session) -> SanctionCase:
    case = SanctionCase(
        reference=next_reference(session, 2026), receiving_organisation="IMB", narrative="text"
    )
    record_case_event(session, case, actor=ALICE, action="case_created", after={"status": "x"})
    session.commit()
    return case


def test_change_records_who_what_before_after_why(engine: Engine) -> None:
    with Session(engine) as session:
        case = _new_case(session)
        change_case(
            session,
            case,
            actor=ALICE,
            action="status_changed",
            changes={"status": "confirmed"},
            reason="qualifies",
        )
        session.commit()
        events = session.exec(select(AuditEvent).order_by(col(AuditEvent.id))).all()
    assert [e.action for e in events] == ["case_created", "status_changed"]
    last = events[-1]
    assert last.actor_name == "Alice Triage"
    assert last.before == {"status": "received"}
    assert last.after == {"status": "confirmed"}
    assert last.reason == "qualifies"
    assert last.at is not None


def test_writing_a_case_without_audit_is_refused(engine: Engine) -> None:
    with Session(engine) as session:
        case = _new_case(session)
        case.status = "closed"
        with pytest.raises(UnauditedChange):
            session.commit()


def test_new_case_without_audit_is_refused(engine: Engine) -> None:
    with Session(engine) as session:
        session.add(SanctionCase(reference="SAN-2026-99999", receiving_organisation="IMB"))
        with pytest.raises(UnauditedChange):
            session.commit()


def test_stale_version_is_a_conflict(engine: Engine) -> None:
    with Session(engine) as session:
        case = _new_case(session)
        seen = case.version
        change_case(session, case, actor=ALICE, action="a", changes={"status": "confirmed"})
        session.commit()
        assert case.version == (seen or 0) + 1
        with pytest.raises(ConflictError, match="changed by someone else"):
            change_case(
                session,
                case,
                actor=ALICE,
                action="b",
                changes={"status": "logged"},
                expected_version=seen,
            )
        assert case.status == "confirmed"


def test_references_are_sequential_and_unique_across_threads(engine: Engine) -> None:
    def issue(_: int) -> str:
        with Session(engine) as session:
            reference = next_reference(session, 2026)
            session.commit()
            return reference

    with ThreadPoolExecutor(max_workers=4) as pool:
        references = list(pool.map(issue, range(40)))
    assert len(set(references)) == 40
    assert sorted(references)[0] == "SAN-2026-00001"
    assert sorted(references)[-1] == "SAN-2026-00040"
