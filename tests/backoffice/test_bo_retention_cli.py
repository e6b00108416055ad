"""Retention: review, legal hold and controlled disposal (services and the command line)."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from backoffice import retention
from backoffice.case_view import show_case
from backoffice.tracker import tracker_rows
from intake.core.audit import change_case
from intake.core.db.models import (
    Answer,
    AuditEvent,
    CaseClassification,
    ConsentRecord,
    SanctionCase,
    TrackerEntry,
    WorkflowTask,
)
from intake.core.errors import PermissionDenied, ValidationProblem
from intake.core.settings import Settings
from intake.core.users import Actor
from intake.core.vocabulary import Organisation, Role
from tests.support.cli import cli_env, run_cli
from tests.support.factories import Staff, SubmitFn, make_user

NAME = "Jordan Example"
NOTE = "Told Jordan's sister on the phone"


@pytest.fixture
def admin(engine: Engine) -> Actor:
    with Session(engine) as session:
        actor = make_user(session, "Ada Admin", Role.ADMIN, Organisation.HMIP)
        session.commit()
    return actor


def _close(engine: Engine, actor: Actor, reference: str, *, years_ago: float) -> None:
    """Close a case some years ago, with notes in its records (as staff would have typed)."""
    closed = datetime.now(UTC) - timedelta(days=365.25 * years_ago)
    with Session(engine) as session:
        case = session.exec(select(SanctionCase).where(SanctionCase.reference == reference)).one()
        assert case.id is not None
        for task in session.exec(select(WorkflowTask).where(WorkflowTask.case_id == case.id)):
            task.note = NOTE
            session.add(task)
        session.add(TrackerEntry(case_id=case.id, note=NOTE, step_dates={"3": "2019-01-02"}))
        session.add(
            Answer(
                draft_id=_draft(session, case.id),
                case_id=case.id,
                seq=1,
                key="name",
                question="Your name?",
                answer=NAME,
            )
        )
        change_case(
            session,
            case,
            actor=actor,
            action="close",
            changes={"status": "closed", "closed_at": closed, "outcome": "unfounded"},
        )
        session.commit()


def _draft(session: Session, case_id: int | None) -> int:
    from intake.core.db.models import InterviewDraft, PendingChunk

    draft = InterviewDraft(
        state={"name": NAME}, pending_key="narrative", status="submitted", case_id=case_id
    )
    session.add(draft)
    session.flush()
    assert draft.id is not None
    session.add(PendingChunk(draft_id=draft.id, text=NAME))
    return draft.id


def test_review_lists_due_cases_by_organisation_schedule(
    engine: Engine, settings: Settings, staff: Staff, submit: SubmitFn, admin: Actor
) -> None:
    old = submit()
    recent = submit()
    ppo = submit(receiving_organisation=Organisation.PPO)
    open_case = submit()
    _close(engine, staff.hmip_supervisor, old, years_ago=7)
    _close(engine, staff.hmip_supervisor, recent, years_ago=2)
    _close(engine, staff.hmip_supervisor, ppo, years_ago=7)
    custom = settings.model_copy(
        update={"retention": settings.retention.model_copy(update={"ppo": 10})}
    )
    assert custom.retention_years_for("PPO") == 10 and custom.retention_years_for("IMB") == 6
    with Session(engine) as session:
        found = retention.review(session, admin, custom)
        assert [d.reference for d in found.due] == [old]
        found = retention.review(session, admin, settings)
        assert {d.reference for d in found.due} == {old, ppo}
        assert open_case not in {d.reference for d in found.due}
        # need to know: an IMB lead sees every Board's; triage may not review
        assert {d.reference for d in retention.review(session, staff.imb_lead, settings).due} == {
            old,
            ppo,
        }
        with pytest.raises(PermissionDenied):
            retention.review(session, staff.hmip, settings)


def test_hold_stops_disposal_and_dispose_removes_personal_data(
    engine: Engine, settings: Settings, staff: Staff, submit: SubmitFn, admin: Actor
) -> None:
    ref = submit(interpreter="telephone", interpreter_language="Tigrinya (Asmara)")
    _close(engine, staff.hmip_supervisor, ref, years_ago=7)
    with Session(engine) as session:
        with pytest.raises(PermissionDenied):  # HMIP supervisor, IMB case
            retention.set_hold(session, staff.hmip_supervisor, ref, hold=True, reason="claim")
        retention.set_hold(session, staff.imb_home_supervisor, ref, hold=True, reason="claim")
        session.commit()
        found = retention.review(session, admin, settings)
        assert found.due == [] and [h.reference for h in found.held] == [ref]
        with pytest.raises(ValidationProblem, match="legal hold"):
            retention.dispose(session, admin, settings, reason="schedule", references=[ref])
        with pytest.raises(PermissionDenied):
            retention.dispose(session, staff.imb_lead, settings, reason="x", all_due=True)
        retention.set_hold(session, staff.imb_lead, ref, hold=False, reason="settled")
        session.commit()
        done = retention.dispose(session, admin, settings, reason="6-year schedule", all_due=True)
        session.commit()
        assert [d.reference for d in done] == [ref]
    with Session(engine) as session:
        case = session.exec(select(SanctionCase).where(SanctionCase.reference == ref)).one()
        assert case.person_name is None and case.prison_number is None and case.narrative == ""
        assert case.interpreter_language is None and case.interpreter == "telephone"
        assert case.disposed_at is not None
        assert case.categories and case.receiving_organisation == "IMB" and case.outcome
        assert session.exec(select(Answer).where(Answer.case_id == case.id)).all() == []
        for task in session.exec(select(WorkflowTask).where(WorkflowTask.case_id == case.id)):
            assert task.note is None
        entry = session.exec(select(TrackerEntry).where(TrackerEntry.case_id == case.id)).one()
        assert entry.note is None and entry.step_dates == {"3": "2019-01-02"}
        for row in session.exec(
            select(CaseClassification).where(CaseClassification.case_id == case.id)
        ):
            assert row.evidence == [] and row.rationale is None
        for consent in session.exec(select(ConsentRecord).where(ConsentRecord.case_id == case.id)):
            assert consent.note is None
        event = session.exec(select(AuditEvent).where(AuditEvent.action == "dispose")).one()
        assert event.reason == "6-year schedule" and event.actor_name == "Ada Admin"
        text = json.dumps(event.after)
        assert NAME not in text and "A1234BC" not in text and NOTE not in text
        assert event.after is not None and event.after["removed"]["sanction_case.person_name"] == 1
        assert event.after["removed"]["answer"] == 1
        holds = session.exec(
            select(AuditEvent).where(col(AuditEvent.action).like("legal_hold%"))
        ).all()
        assert len(holds) == 2
        assert retention.review(session, admin, settings).due == []
        with pytest.raises(ValidationProblem, match="already disposed"):
            retention.dispose(session, admin, settings, reason="again", references=[ref])
        # what stays still reads: the case view, the queue and the tracker
        shown = show_case(session, actor=staff.imb_lead, reference=ref)
        assert ref in shown.model_dump_json() and NAME not in shown.model_dump_json()
        rows = list(tracker_rows(session, actor=staff.hmip_supervisor))
        assert rows and not any(NAME in str(cell) for row in rows for cell in row)


def test_old_before_restore_copies_follow_the_longest_schedule(
    tmp_path: Path, settings: Settings
) -> None:
    database = tmp_path / "sanctions.db"
    database.write_bytes(b"")
    old = tmp_path / "sanctions.db.before-restore-20150101T000000"
    new = tmp_path / f"sanctions.db.before-restore-{datetime.now(UTC):%Y%m%dT%H%M%S}"
    for path in (old, new):
        path.write_bytes(b"x")
    custom = settings.model_copy(
        update={"retention": settings.retention.model_copy(update={"hmip": 12})}
    )
    copies = retention.before_restore_copies(database, custom)
    assert [(c.path, c.due) for c in copies] == [(old, False), (new, False)]
    copies = retention.before_restore_copies(database, settings)
    assert [(c.path, c.due) for c in copies] == [(old, True), (new, False)]
    assert retention.dispose_copies(database, settings) == [old]
    assert not old.exists() and new.exists()


def test_retention_from_the_command_line(
    engine: Engine, settings: Settings, staff: Staff, submit: SubmitFn, admin: Actor
) -> None:
    ref = submit()
    _close(engine, staff.hmip_supervisor, ref, years_ago=7)
    env = cli_env(settings)

    def bo(*args: str) -> subprocess.CompletedProcess[str]:
        return run_cli("backoffice", "--as", "Ada Admin", *args, env=env)

    result = bo("retention", "review", "--json")
    assert result.returncode == 0, result.stderr
    assert [d["reference"] for d in json.loads(result.stdout)["due"]] == [ref]
    result = bo("retention", "dispose", "--reason", "schedule", "--all-due")
    assert result.returncode != 0 and "--confirm" in result.stderr
    result = bo("retention", "dispose", "--reason", "schedule", "--reference", ref, "--confirm")
    assert result.returncode == 0, result.stderr
    assert ref in result.stdout and NAME not in result.stdout
    result = bo("retention", "review")
    assert result.returncode == 0 and "due for disposal: 0" in result.stdout
    result = run_cli(
        "backoffice", "--as", "Hana Triage", "retention", "hold", ref, "--reason", "x", env=env
    )
    assert result.returncode == 3, result.stderr


def test_submission_audit_holds_no_free_text(engine: Engine, submit: SubmitFn) -> None:
    """What disposal cannot remove from the audit trail is kept out of it at submission."""
    submit()
    with Session(engine) as session:
        events = session.exec(
            select(AuditEvent).where(col(AuditEvent.action).like("%_recorded"))
        ).all()
    assert events
    for event in events:
        assert "segregation" not in json.dumps(event.after), event.action
    evidence = [e.after["evidence"] for e in events if e.after and "evidence" in e.after]
    assert evidence and all(item == {"items": 1} for item in evidence)
