"""Recommendations that bite (issue 16 point 5): each with an owner, a measurable outcome, a
due date and the establishment's response; overdue ones in the queue and the case, escalated to
the lead after the grace period (once), and listed for leads."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, col, select

from backoffice.case_view import show_case
from backoffice.queue import list_queue
from backoffice.view_models import CaseView
from intake.core.db.models import AuditEvent, Recommendation, WorkflowTask
from intake.core.errors import ValidationProblem
from intake.core.settings import Settings
from tests.support.cli import cli_env, run_cli
from tests.support.factories import ActFn, Staff, SubmitFn

IN_A_MONTH = (date.today() + timedelta(days=30)).isoformat()
RETRAIN = (
    f"Retrain B wing staff on the protocol | owner: Governor | outcome: every B wing officer "
    f"trained, shown by the training record | due: {IN_A_MONTH}"
)
APOLOGY = "Apologise to the prisoner in writing | outcome: a copy of the letter sent"


def _proved(act: ActFn, staff: Staff, ref: str) -> None:
    act(staff.hmip, ref, "confirm_qualifies")
    act(staff.hmip, ref, "log_on_tracker")
    act(staff.imb, ref, "consult_prisoner", outcome="consents")
    act(staff.imb, ref, "imb_enquiries", note="Spoke to him; he is safe.")
    act(staff.imb, ref, "imb_briefing", note="Briefing sent", outcome="suggest_investigation")
    act(staff.ppo, ref, "decide_to_investigate")
    act(staff.ppo, ref, "share_conclusion", outcome="proved", note="CCTV confirms it")


@pytest.fixture
def reported(act: ActFn, staff: Staff, submit: SubmitFn) -> str:
    """A proved case whose formal report made the two recommendations above."""
    ref = submit()
    _proved(act, staff, ref)
    act(staff.ppo, ref, "submit_formal_report", recommendations=[RETRAIN, APOLOGY])
    return ref


def _as_imb(engine: Engine, staff: Staff, ref: str) -> CaseView:
    """The case as the IMB, which received it, reads it (identified)."""
    with Session(engine) as session:
        return show_case(session, actor=staff.imb, reference=ref)


def _due_days_ago(engine: Engine, days: int) -> None:
    """Time passes: every recommendation falls due ``days`` ago (as on a real database)."""
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE recommendation SET due = :due"),
            {"due": date.today() - timedelta(days=days)},
        )


def test_each_recommendation_has_an_owner_outcome_and_due_date(
    act: ActFn, staff: Staff, submit: SubmitFn, reported: str, engine: Engine
) -> None:
    ref = submit()
    _proved(act, staff, ref)
    with pytest.raises(ValidationProblem, match="no measurable outcome"):
        act(staff.ppo, ref, "submit_formal_report", recommendations=["Retrain staff"])
    with pytest.raises(ValidationProblem, match="is not owner, outcome or due"):
        act(staff.ppo, ref, "submit_formal_report",
            recommendations=["Retrain | outcome: trained | by: Friday"])  # fmt: skip
    past = (date.today() - timedelta(days=1)).isoformat()
    with pytest.raises(ValidationProblem, match="in the past"):
        act(staff.ppo, ref, "submit_formal_report",
            recommendations=[f"Retrain | outcome: trained | due: {past}"])  # fmt: skip

    view = _as_imb(engine, staff, reported)
    first, second = view.recommendations
    assert (first.owner, first.due.isoformat() if first.due else None) == ("Governor", IN_A_MONTH)
    assert first.outcome == "every B wing officer trained, shown by the training record"
    assert second.owner == "HMP Wandsworth" and second.due is not None  # the defaults
    assert [r.status for r in view.recommendations] == ["made", "made"]


def test_the_establishments_response_and_the_evidence_it_was_met(
    act: ActFn, staff: Staff, reported: str, settings: Settings, engine: Engine
) -> None:
    recs = _as_imb(engine, staff, reported).recommendations
    with pytest.raises(ValidationProblem, match="needs an outcome"):
        act(staff.ppo, reported, "record_recommendation_response",
            recommendation_id=recs[0].id, note="Governor's letter")  # fmt: skip
    accepted = act(
        staff.ppo, reported, "record_recommendation_response", recommendation_id=recs[0].id,
        outcome="accepted", note="Governor's letter of today",
    )  # fmt: skip
    assert not accepted.escalation_proposed
    rejected = act(
        staff.ppo, reported, "record_recommendation_response", recommendation_id=recs[1].id,
        outcome="rejected", note="The Governor says no apology is due",
    )  # fmt: skip
    assert rejected.escalation_proposed  # a rejection is escalated at once
    first, second = rejected.case.recommendations
    assert (first.status, first.response, first.response_by) == (
        "accepted", "accepted", staff.ppo.name,
    )  # fmt: skip
    assert (second.status, second.response_reason) == (
        "rejected", "The Governor says no apology is due",
    )  # fmt: skip
    with pytest.raises(ValidationProblem, match="needs a note"):
        act(staff.hmip, reported, "complete_recommendation", recommendation_id=first.id)
    met = act(
        staff.hmip, reported, "complete_recommendation", recommendation_id=first.id,
        note="Training record seen on inspection: 42 of 42 officers",
    )  # fmt: skip
    done = met.case.recommendations[0]
    assert (done.status, done.evidence) == (
        "met", "Training record seen on inspection: 42 of 42 officers",
    )  # fmt: skip
    shown = run_cli("backoffice", "--as", "Pat Ombud", "show", reported,
                    env=cli_env(settings))  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    out = shown.stdout
    assert "outcome to show: every B wing officer trained" in out
    assert "establishment's response: Accepted" in out
    assert "establishment's response: Rejected" in out and "no apology is due" in out
    assert "met " in out and "42 of 42 officers" in out


def test_an_overdue_recommendation_is_shown_as_such_in_the_queue_and_the_case(
    engine: Engine, staff: Staff, reported: str, settings: Settings
) -> None:
    _due_days_ago(engine, 20)
    with Session(engine) as session:
        page = list_queue(session, actor=staff.ppo_supervisor)
    row = next(r for r in page.rows if r.reference == reported)
    assert row.overdue and row.overdue_recommendations == 2
    env = cli_env(settings)
    queue = run_cli("backoffice", "--as", "Pia Super", "queue", "--overdue", env=env)
    assert queue.returncode == 0, queue.stderr
    line = next(x for x in queue.stdout.splitlines() if x.startswith(reported))
    assert "RECOMMENDATION-OVERDUE(2)" in line
    shown = run_cli("backoffice", "--as", "Pia Super", "show", reported, env=env)
    assert "[OVERDUE 20d]" in shown.stdout


def test_the_review_escalates_each_overdue_recommendation_once_after_the_grace_period(
    engine: Engine, staff: Staff, reported: str, settings: Settings
) -> None:
    env = cli_env(settings)
    _due_days_ago(engine, 10)  # overdue, but within the 14 days' grace
    first = run_cli("backoffice", "--as", "Dee Deputy", "recommendations", "review", env=env)
    assert first.returncode == 0, first.stderr
    assert "no recommendation to escalate" in first.stdout
    shorter = {**env, "SANCTIONS_DEADLINES__RECOMMENDATION_GRACE": "7"}  # settable
    second = run_cli("backoffice", "--as", "Dee Deputy", "recommendations", "review",
                     env=shorter)  # fmt: skip
    assert second.returncode == 0, second.stderr
    lines = second.stdout.strip().splitlines()
    assert lines == [
        f"{reported}: recommendation 1 10 days overdue: escalation opened for the PPO lead",
        f"{reported}: recommendation 2 10 days overdue: added to the escalation already open "
        "for the PPO lead",
    ]
    again = run_cli("backoffice", "--as", "Dee Deputy", "recommendations", "review",
                    env=shorter)  # fmt: skip
    assert "no recommendation to escalate" in again.stdout  # idempotent
    with Session(engine) as session:
        tasks = session.exec(select(WorkflowTask).where(WorkflowTask.duty == "escalate")).all()
        assert len(tasks) == 1 and tasks[0].owner_organisation == "PPO"
        assert tasks[0].title.startswith("Escalate to the PPO lead: recommendation 1 is 10 days")
        assert all(r.escalated_at for r in session.exec(select(Recommendation)).all())
        events = session.exec(
            select(AuditEvent.action).where(
                col(AuditEvent.action).in_(["recommendation_escalated", "recommendations.review"])
            )
        ).all()
    assert events.count("recommendation_escalated") == 2
    assert events.count("recommendations.review") == 3  # every run is audited
    shown = run_cli("backoffice", "--as", "Pia Super", "show", reported, env=env)
    assert "escalated" in shown.stdout and "PROPOSED" in shown.stdout


def test_leads_list_recommendations_and_their_listing_runs_the_review(
    engine: Engine, staff: Staff, reported: str, settings: Settings, submit: SubmitFn
) -> None:
    env = cli_env(settings)
    _due_days_ago(engine, 30)
    listed = run_cli("backoffice", "--as", "Dee Deputy", "recommendations", "--overdue",
                     "--json", env=env)  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    data = json.loads(listed.stdout)
    assert [r["reference"] for r in data["rows"]] == [reported, reported]
    assert data["rows"][0]["recommendation"]["days_overdue"] == 30
    assert len(data["review"]["escalated"]) == 2  # a lead's listing escalated them
    plain = run_cli("backoffice", "--as", "Pia Super", "recommendations", env=env)
    assert plain.returncode == 0, plain.stderr
    assert "2 recommendation(s), 2 overdue" in plain.stdout
    assert "[OVERDUE 30d, escalated" in plain.stdout
    # an IMB Board's supervisor lists their Board's only; the other Board's sees none
    home = run_cli("backoffice", "--as", "Hugh Boardchair", "recommendations", env=env)
    away = run_cli("backoffice", "--as", "Isla Super", "recommendations", env=env)
    assert reported in home.stdout and "no recommendations" in away.stdout
