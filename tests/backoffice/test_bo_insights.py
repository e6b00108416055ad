"""Insights (issue 16, point 1): counts and trends over real cases, exact to the case, for the
people who may see them and only over the cases they may see."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, and_, update
from sqlmodel import Session, select

from backoffice.insights import (
    STOPPED_OUTCOMES,
    Insights,
    Period,
    bar,
    build_insights,
    may_see_insights,
)
from backoffice.tracker import may_export
from backoffice.workflow.consent_flow import STOPPED
from intake.core.clock import today, utcnow
from intake.core.db.models import SanctionCase, WorkflowTask, table_of
from intake.core.errors import PermissionDenied, ValidationProblem
from intake.core.settings import Settings
from intake.core.submission import ConsentAnswers
from intake.core.users import Actor
from intake.core.vocabulary import Body, ConsentGiver, Organisation, RaisedBy, RiskLevel, Role
from tests.support.cli import cli_env, run_cli
from tests.support.factories import ActFn, Staff, SubmitFn

DECLINES = ConsentAnswers(pursue=False)
FAMILY = ConsentAnswers(
    given_by=ConsentGiver.FAMILY, pursue=True, share_identity=True, imb_enquiries=True
)


def _insights(engine: Engine, actor: Actor, **options: Any) -> Insights:
    with Session(engine) as session:
        return build_insights(session, actor=actor, **options)


def _counts(items: list[Any]) -> dict[str, int]:
    return {c.label: c.count for c in items}


def _case_id(session: Session, reference: str) -> int:
    case = session.exec(select(SanctionCase).where(SanctionCase.reference == reference)).one()
    assert case.id is not None
    return case.id


def _received(engine: Engine, reference: str, day: date) -> None:
    """Backdate a case's receipt (test data, outside the app's audited changes)."""
    cases = table_of(SanctionCase)
    with Session(engine) as session:
        case_id = _case_id(session, reference)
        moment = datetime.combine(day, time(12), tzinfo=UTC)
        session.execute(update(cases).where(cases.c.id == case_id).values(created_at=moment))
        session.commit()


def _task_times(engine: Engine, reference: str, step: int, **values: Any) -> None:
    """Set when the case's task of ``step`` opened, was done and was due."""
    tasks = table_of(WorkflowTask)
    with Session(engine) as session:
        case_id = _case_id(session, reference)
        where = and_(tasks.c.case_id == case_id, tasks.c.step == step, tasks.c.duty.is_(None))
        session.execute(update(tasks).where(where).values(**values))
        session.commit()


def _days_ago(days: int) -> datetime:
    return utcnow() - timedelta(days=days)


@pytest.fixture
def varied(staff: Staff, submit: SubmitFn) -> dict[str, str]:
    """Four real cases (three at the home Board, one away) and a demo case at home."""
    return {
        "a": submit(categories=["isolation", "threats"], bodies=[Body.IMB],
                    communication_channel="imb_application", risk_level=RiskLevel.HIGH),
        "b": submit(categories=["isolation"], bodies=[Body.IMB, Body.HMIP],
                    communication_channel="spoke_to_inspector"),
        "c": submit(categories=["threats"], bodies=[Body.HMIP],
                    communication_channel="spoke_to_inspector"),
        "d": submit(establishment_id=staff.away_id, categories=["transfer"], bodies=[Body.PPO],
                    communication_channel="ppo_complaint", risk_level=RiskLevel.IMMEDIATE),
        "demo": submit(categories=["humiliation"], is_demo=True),
    }  # fmt: skip


def test_counts_by_every_dimension_in_words(
    engine: Engine, staff: Staff, varied: dict[str, str], act: ActFn
) -> None:
    act(staff.imb, varied["c"], "does_not_qualify", outcome="complaint", note="Canteen",
        told=date.today(), confirm_close=True)  # fmt: skip
    found = _insights(engine, staff.hmip_lead)
    assert found.total == 4 and not found.includes_demo  # the demo case is left out
    assert found.scope == "all establishments"
    assert _counts(found.by_establishment) == {"HMP Wandsworth": 3, "HMP Belmarsh": 1}
    assert _counts(found.by_category) == {"isolation": 2, "threats": 2,
                                          "transfer to another establishment": 1}  # fmt: skip
    assert [(c.label, c.count) for c in found.by_body] == [("HMIP", 2), ("IMB", 2), ("PPO", 1)]
    assert _counts(found.by_channel) == {
        "Spoke to an inspector during an inspection": 2,
        "An IMB application, or spoke to a Board member": 1,
        "A letter or complaint to the PPO": 1,
    }
    assert [(c.label, c.count) for c in found.by_risk] == [
        ("immediate", 1), ("high", 1), ("standard", 2)
    ]  # fmt: skip
    assert _counts(found.by_outcome) == {"no outcome yet": 3, "does not qualify as a sanction": 1}
    assert found.by_month[-1].count == 4 and sum(m.count for m in found.by_month) == 4
    assert len(found.by_month) == 12  # the last 12 months, this one included


def test_a_database_of_demo_cases_only_counts_them_and_says_so(
    engine: Engine, staff: Staff, submit: SubmitFn
) -> None:
    submit(is_demo=True)
    submit(is_demo=True, establishment_id=staff.away_id)
    found = _insights(engine, staff.hmip_lead)
    assert found.includes_demo and found.total == 2
    with Session(engine) as session:
        real = build_insights(session, actor=staff.hmip_lead, demo_database=True)
    assert real.total == 2


def test_an_imb_board_counts_only_its_own_establishment(
    engine: Engine, staff: Staff, varied: dict[str, str]
) -> None:
    board = _insights(engine, staff.imb)
    assert board.scope == "HMP Wandsworth (your Board)"
    assert board.total == 3
    assert _counts(board.by_establishment) == {"HMP Wandsworth": 3}
    assert _counts(board.by_category) == {"isolation": 2, "threats": 2}
    away = _insights(engine, staff.imb_supervisor)
    assert away.total == 1 and _counts(away.by_establishment) == {"HMP Belmarsh": 1}
    assert _insights(engine, staff.hmip_lead).total == 4
    assert _insights(engine, staff.imb_lead).total == 4  # the IMB national lead: every Board


@pytest.mark.parametrize("who", ["ppo", "intake"])
def test_ppo_triage_and_intake_staff_may_not_see_insights(
    engine: Engine, staff: Staff, who: str
) -> None:
    with pytest.raises(PermissionDenied, match="may not see insights"):
        _insights(engine, getattr(staff, who))


def test_whoever_may_export_the_tracker_may_see_insights() -> None:
    for role in Role:
        for org in Organisation:
            actor = Actor(id=1, name="x", role=role, organisation=org)
            try:
                may_export(actor)
            except PermissionDenied:
                continue
            may_see_insights(actor)  # never refused


def test_the_period_and_the_one_before_it(
    engine: Engine, staff: Staff, varied: dict[str, str]
) -> None:
    on = today()
    _received(engine, varied["a"], on - timedelta(days=15))  # the 10 days before the period
    _received(engine, varied["b"], on - timedelta(days=40))  # before both
    found = _insights(engine, staff.hmip_lead, date_from=on - timedelta(days=9), date_to=on)
    assert (found.previous_from, found.previous_to) == (on - timedelta(19), on - timedelta(10))
    assert (found.total, found.previous_total) == (2, 1)
    wandsworth = next(c for c in found.by_establishment if c.label == "HMP Wandsworth")
    assert (wandsworth.count, wandsworth.previous) == (1, 1)
    threats = next(c for c in found.by_category if c.label == "threats")
    assert (threats.count, threats.previous) == (1, 1)
    assert [c.label for c in found.by_category].count("isolation") == 0  # none in the period


def test_months_are_counted_in_the_trend(
    engine: Engine, staff: Staff, varied: dict[str, str]
) -> None:
    first = today().replace(day=1)
    earlier = (first - timedelta(days=40)).replace(day=15)  # the middle of a month back
    _received(engine, varied["a"], earlier)
    months = {m.month: m.count for m in _insights(engine, staff.hmip_lead).by_month}
    assert months[earlier.strftime("%Y-%m")] == 1
    assert months[first.strftime("%Y-%m")] == 3


def test_a_bad_period_is_refused() -> None:
    with pytest.raises(ValidationProblem, match="is after"):
        Period.of(date(2026, 5, 1), date(2026, 4, 1))
    default = Period.of(None, None, on=date(2026, 3, 14))
    assert (default.start, default.end) == (date(2025, 4, 1), date(2026, 3, 14))


def test_time_per_step_against_its_deadline(
    engine: Engine, staff: Staff, submit: SubmitFn, act: ActFn
) -> None:
    late, on_time, still_open = submit(), submit(), submit()
    act(staff.imb, late, "confirm_qualifies")
    act(staff.imb, on_time, "confirm_qualifies")
    # late: opened 10 days ago, allowed 5, done 2 days ago (8 days, 3 past its due date)
    _task_times(engine, late, 2, created_at=_days_ago(10), done_at=_days_ago(2),
                due=today() - timedelta(days=5))  # fmt: skip
    # on time: opened 4 days ago, allowed 7, done yesterday (3 days)
    _task_times(engine, on_time, 2, created_at=_days_ago(4), done_at=_days_ago(1),
                due=today() + timedelta(days=3))  # fmt: skip
    _task_times(engine, still_open, 2, due=today() - timedelta(days=1))  # overdue
    steps = {s.step: s for s in _insights(engine, staff.hmip_lead).steps if s.duty is None}
    two = steps[2]
    assert (two.opened, two.done, two.late, two.open, two.overdue) == (3, 2, 1, 1, 1)
    assert two.median_days == 5.5  # 3 and 8 days
    assert two.median_allowed_days == 6  # 5 and 7 days
    assert two.label.startswith("Step 2: Confirm it qualifies")
    three = steps[3]  # logging on the tracker, opened by the two confirmations
    assert (three.opened, three.done, three.open, three.median_days) == (2, 0, 2, None)


def test_tasks_stopped_without_consent_are_not_time_taken(
    engine: Engine, staff: Staff, submit: SubmitFn, act: ActFn
) -> None:
    assert STOPPED in STOPPED_OUTCOMES
    ref = submit()
    act(staff.imb, ref, "confirm_qualifies")
    act(staff.hmip, ref, "log_on_tracker")
    act(staff.imb, ref, "consult_prisoner", outcome="consents")
    act(staff.imb, ref, "record_consent", outcome="declines", note="Changed their mind")
    steps = {(s.step, s.duty): s for s in _insights(engine, staff.hmip_lead).steps}
    briefing = steps[(5, None)]
    assert (briefing.opened, briefing.done, briefing.stopped) == (1, 0, 1)
    assert briefing.median_days is None


def test_share_of_confirmed_cases_where_consent_was_declined(
    engine: Engine, staff: Staff, submit: SubmitFn, act: ActFn
) -> None:
    consents = submit()
    declined_at_intake = submit(consent=DECLINES)
    declined_at_step_4 = submit()
    family = submit(consent=FAMILY, raised_by=RaisedBy.ON_BEHALF, raised_by_detail="family")
    submit(consent=DECLINES)  # not confirmed yet: not counted
    for ref in (consents, declined_at_intake, declined_at_step_4, family):
        act(staff.imb, ref, "confirm_qualifies")
    act(staff.hmip, declined_at_step_4, "log_on_tracker")
    act(staff.imb, declined_at_step_4, "consult_prisoner", outcome="declines")
    c = _insights(engine, staff.hmip_lead).consent
    assert (c.confirmed, c.declined, c.consents, c.not_from_person) == (4, 2, 1, 1)
    assert c.declined_share == 0.5


def test_repeat_establishments(engine: Engine, staff: Staff, varied: dict[str, str]) -> None:
    found = _insights(engine, staff.hmip_lead)
    assert found.repeat_threshold == 3
    assert [(c.label, c.count) for c in found.repeat_establishments] == [("HMP Wandsworth", 3)]
    every = _insights(engine, staff.hmip_lead, repeat=1).repeat_establishments
    assert _counts(every) == {"HMP Wandsworth": 3, "HMP Belmarsh": 1}  # one case is a count too


def test_no_figure_names_anyone(engine: Engine, staff: Staff, varied: dict[str, str]) -> None:
    text = _insights(engine, staff.hmip_lead).model_dump_json()
    assert "Jordan" not in text and "A1234BC" not in text and "SAN-" not in text


def test_a_text_bar_grows_with_the_count() -> None:
    assert bar(10, 10, 20) == "█" * 20
    assert bar(1, 100, 20) == "█"  # never hidden
    assert bar(0, 10, 20) == ""


# ---- the command line ------------------------------------------------------------------------


def test_the_command_prints_a_table_a_dimension_in_words(
    settings: Settings, varied: dict[str, str]
) -> None:
    result = run_cli("backoffice", "--as", "Dee Deputy", "insights", env=cli_env(settings))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Insights: all establishments · received ")
    for title in (
        "By establishment",
        "By category",
        "By body contacted",
        "By risk level",
        "By outcome",
        "Repeat establishments (3 or more",
        "Consent",
        "Time per step",
    ):
        assert title in out, title  # fmt: skip
    rows: dict[str, str] = {}  # the first table a label appears in
    for line in out.splitlines():
        if "█" in line:
            rows.setdefault(line.split("  ")[1].strip(), line)
    assert rows["HMP Wandsworth"].rstrip().endswith(" 3       0     +3")  # this period, before
    assert "Spoke to an inspector during an inspection" in rows
    assert "spoke_to_inspector" not in out and "imb_application" not in out  # labels, not codes
    assert "Step 2: Confirm it qualifies" in out


def test_the_command_as_json_counts_only_what_the_user_may_see(
    settings: Settings, varied: dict[str, str]
) -> None:
    env = cli_env(settings)
    lead = run_cli("backoffice", "--as", "Dee Deputy", "insights", "--json", env=env)
    board = run_cli("backoffice", "--as", "Ian Board", "insights", "--json", env=env)
    assert lead.returncode == 0 and board.returncode == 0, (lead.stderr, board.stderr)
    everything, own = json.loads(lead.stdout), json.loads(board.stdout)
    assert (everything["total"], own["total"]) == (4, 3)
    assert {c["key"]: c["count"] for c in own["by_category"]} == {"isolation": 2, "threats": 2}
    assert own["scope"] == "HMP Wandsworth (your Board)"
    assert everything["consent"]["declined_share"] is None  # none confirmed yet


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--from", "2026-13-01"), "--from '2026-13-01' is not a date like 2026-03-31"),
        (
            ("--from", "2026-05-01", "--to", "2026-04-01"),
            "--from 2026-05-01 is after --to 2026-04-01",
        ),
    ],
)
def test_a_bad_date_is_refused_in_one_line(
    settings: Settings, staff: Staff, args: tuple[str, ...], says: str
) -> None:
    result = run_cli("backoffice", "--as", "Dee Deputy", "insights", *args, env=cli_env(settings))
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: {says}"
    assert result.stdout == ""
