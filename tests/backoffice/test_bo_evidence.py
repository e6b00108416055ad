"""Evidence that expires (issue 15, point 7): CCTV, body-worn video or an injury record ticked
at the interview opens one task, due soon, saying what to ask of whom; the office records it
done through the workflow like any other duty."""

from __future__ import annotations

import json
import subprocess
from datetime import timedelta

import pytest
from sqlalchemy import Engine, update
from sqlmodel import Session, col, select

from intake.core.clock import utcnow
from intake.core.db.models import AuditEvent, SanctionCase, WorkflowTask
from intake.core.evidence import evidence_words
from intake.core.settings import Settings
from intake.core.users import Actor
from intake.interview.drafts import DraftStore
from intake.interview.script import load_script
from intake.interview.session import InterviewSession
from tests.support.cli import cli_env, run_cli
from tests.support.factories import Staff
from tests.support.intake_tui import COMMON, QUALIFYING, TODAY, accepted_text

PRESERVE = "preserve_evidence"


def interviewed(
    engine: Engine,
    settings: Settings,
    actor: Actor,
    *,
    evidence: str,
    edited_to: str | None = None,
    **answers: str,
) -> str:
    """A whole interview through the session both front ends use, submitted; its reference.
    ``evidence`` is the keys pressed (``"1 4"``: CCTV and injuries); ``edited_to`` changes it at
    the review, before submitting."""
    given = {**COMMON, "narrative": QUALIFYING, "evidence": evidence, **answers}
    session = InterviewSession.start(
        DraftStore(engine), actor=actor, settings=settings, today=TODAY
    )
    while (question := session.interview.current()) is not None:
        session.answer(question, accepted_text(question, given[question.key]))
    if edited_to is not None:
        question = session.interview.question("evidence")
        session.answer(question, accepted_text(question, edited_to), editing=True)
    return session.submit()


def tasks_of(engine: Engine, reference: str) -> list[WorkflowTask]:
    with Session(engine) as session:
        case = session.exec(select(SanctionCase).where(SanctionCase.reference == reference)).one()
        query = select(WorkflowTask).where(WorkflowTask.case_id == case.id)
        return list(session.exec(query.order_by(col(WorkflowTask.id))).all())


def preserve_tasks(engine: Engine, reference: str) -> list[WorkflowTask]:
    return [t for t in tasks_of(engine, reference) if t.duty == PRESERVE]


def bo(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("backoffice", *args, env=cli_env(settings))


# ---- at submission --------------------------------------------------------------------------


def test_cctv_and_injuries_open_one_task_due_in_two_days(
    engine: Engine, settings: Settings, staff: Staff
) -> None:
    ref = interviewed(engine, settings, staff.intake, evidence="1 4")
    (task,) = preserve_tasks(engine, ref)
    assert task.title.endswith("CCTV, injury record (F213)")
    assert task.owner_organisation == "HMIP"  # the organisation that received it
    assert task.due == utcnow().date() + timedelta(days=evidence_words().deadline_days)
    assert evidence_words().deadline_days == 2
    note = task.note or ""
    assert "security department" in note and "CCTV footage" in note
    assert "last Monday on B wing, as said on 23 Nov 2026" in note  # "last Monday" is dated
    assert "healthcare" in note and "F213" in note
    assert "may name them" in note  # the person's own consent to share their identity
    assert task.done_at is None
    with Session(engine) as session:
        opened = session.exec(
            select(AuditEvent).where(
                AuditEvent.action == "task_opened", AuditEvent.entity_id == task.id
            )
        ).one()
    assert (opened.after or {}).get("evidence") == ["cctv", "injuries_recorded"]
    assert "B wing" not in json.dumps(opened.after)  # what staff typed stays out of the audit


def test_body_worn_video_names_the_staff_and_without_consent_says_not_to_name(
    engine: Engine, settings: Settings, staff: Staff
) -> None:
    ref = interviewed(
        engine, settings, staff.intake, evidence="2", consent_share_identity="n",
        when_where="skip",
    )  # fmt: skip
    (task,) = preserve_tasks(engine, ref)
    assert task.title.endswith(": body-worn video")
    note = task.note or ""
    assert "body-worn video of the staff there at the time (Officer Jones)" in note
    assert "Do not name the person" in note


@pytest.mark.parametrize("keys", ["3", "5"])
def test_documents_or_none_open_no_task(
    engine: Engine, settings: Settings, staff: Staff, keys: str
) -> None:
    ref = interviewed(engine, settings, staff.intake, evidence=keys)
    assert preserve_tasks(engine, ref) == []
    assert [t.step for t in tasks_of(engine, ref)] == [2]


def test_only_the_final_answer_counts(engine: Engine, settings: Settings, staff: Staff) -> None:
    dropped = interviewed(engine, settings, staff.intake, evidence="1 2", edited_to="3")
    assert preserve_tasks(engine, dropped) == []
    added = interviewed(engine, settings, staff.intake, evidence="5", edited_to="2 4")
    (task,) = preserve_tasks(engine, added)
    assert task.title.endswith("body-worn video, injury record (F213)")
    assert "CCTV" not in task.title


def test_every_kind_in_the_data_is_a_choice_of_the_interview() -> None:
    choices = {c.value for c in load_script().question("evidence").choices}
    assert set(evidence_words().kinds) <= choices
    assert {"documents", "none"} & set(evidence_words().kinds) == set()


# ---- in the back office ---------------------------------------------------------------------


def test_the_task_shows_with_what_to_ask_and_is_recorded_done_by_the_receiving_org(
    engine: Engine, settings: Settings, staff: Staff
) -> None:
    ref = interviewed(engine, settings, staff.intake, evidence="1 2 4")
    shown = bo(settings, "--as", "Hana Triage", "show", ref)
    assert shown.returncode == 0, shown.stderr
    due = (utcnow().date() + timedelta(days=2)).isoformat()
    assert "[open] duty: Ask for evidence to be kept" in shown.stdout
    assert f"(owner HMIP, due {due})" in shown.stdout
    assert "Ask healthcare to keep the record of the injuries" in shown.stdout

    steps = bo(settings, "--as", "Hana Triage", "steps", ref)
    assert steps.returncode == 0 and PRESERVE in steps.stdout  # before step 2 is done

    refused = bo(settings, "--as", "Ian Board", "act", ref, PRESERVE, "--outcome", "requested",
                 "--note", "asked")  # fmt: skip
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    no_note = bo(settings, "--as", "Hana Triage", "act", ref, PRESERVE, "--outcome", "requested")
    assert no_note.returncode == 1 and "needs a note" in no_note.stderr

    done = bo(
        settings, "--as", "Hana Triage", "act", ref, PRESERVE, "--outcome", "requested",
        "--note", "Emailed security (Ms Ray) and healthcare at 10:05 to keep CCTV, BWV and F213",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    (task,) = preserve_tasks(engine, ref)
    assert task.done_at is not None and task.outcome == "requested"
    assert task.done_by_id == staff.hmip.id
    case = json.loads(bo(settings, "--as", "Hana Triage", "show", ref, "--json").stdout)
    actions = [e["action"] for e in case["audit"]]
    assert PRESERVE in actions and "task_closed" in actions
    assert case["summary"]["status"] == "received"  # it does not move the protocol's step
    again = bo(settings, "--as", "Hana Triage", "show", ref)
    assert "[done] duty: Ask for evidence to be kept" in again.stdout
    assert "Ask healthcare" not in again.stdout  # once done, what to ask is no longer shown


def test_overdue_in_the_queue_and_the_case(
    engine: Engine, settings: Settings, staff: Staff
) -> None:
    ref = interviewed(engine, settings, staff.intake, evidence="1")
    yesterday = utcnow().date() - timedelta(days=1)
    with Session(engine) as session:
        # (a test shortcut: time passing, not a user's change)
        session.execute(
            update(WorkflowTask).where(col(WorkflowTask.duty) == PRESERVE).values(due=yesterday)
        )
        session.commit()
    queue = bo(settings, "--as", "Hana Triage", "queue", "--overdue")
    assert queue.returncode == 0, queue.stderr
    assert ref in queue.stdout and "OVERDUE(1)" in queue.stdout
    shown = bo(settings, "--as", "Hana Triage", "show", ref)
    assert "[OVERDUE] duty: Ask for evidence to be kept" in shown.stdout
