"""A possible immediate risk ("ask now"): stored, shown in the queue and the case in words,
first within its risk level, and cleared only by a supervisor who sets the risk."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from backoffice.overrides import override_classification, record_triage_view
from backoffice.queue import list_queue
from backoffice.view_models import QueuePage
from intake.classifier import classify
from intake.core.db.models import CaseClassification, SanctionCase
from intake.core.risk import risk_rank
from intake.core.settings import Settings
from intake.core.users import Actor
from intake.core.vocabulary import RiskLevel
from tests.support.cli import cli_env, run_cli
from tests.support.factories import ASK_NOW_NARRATIVE, PLAIN_NARRATIVE, Staff, SubmitFn, classified


def test_the_narratives_are_read_as_these_tests_need() -> None:
    cue = classify(ASK_NOW_NARRATIVE)
    assert cue.possible_immediate_risk and not cue.immediate_risk, cue.rationale
    plain = classify(PLAIN_NARRATIVE)
    assert not plain.possible_immediate_risk and not plain.immediate_risk, plain.rationale


@pytest.fixture
def cases(submit: SubmitFn) -> dict[str, str]:
    """Oldest first: a plain standard case, a plain high one, then cases with the cue."""
    return {
        "plain": submit(**classified(PLAIN_NARRATIVE)),
        "high": submit(**classified(PLAIN_NARRATIVE), risk_level=RiskLevel.HIGH),
        "ask": submit(**classified(ASK_NOW_NARRATIVE)),
        "ask_immediate": submit(**classified(ASK_NOW_NARRATIVE), risk_level=RiskLevel.IMMEDIATE),
        "ask_high": submit(**classified(ASK_NOW_NARRATIVE), risk_level=RiskLevel.HIGH),
    }


def _queue(engine: Engine, actor: Actor) -> QueuePage:
    with Session(engine) as session:
        return list_queue(session, actor=actor)


def test_ask_now_shows_unless_the_risk_is_immediate_and_comes_first_in_its_level(
    engine: Engine, staff: Staff, cases: dict[str, str]
) -> None:
    page = _queue(engine, staff.hmip)
    assert [row.reference for row in page.rows] == [
        cases["ask_immediate"],
        cases["ask_high"],
        cases["high"],  # older, but without the cue: after the high case that asks
        cases["ask"],  # a standard case that asks never goes above a high one
        cases["plain"],
    ]
    rows = {row.reference: row for row in page.rows}
    assert rows[cases["ask"]].ask_now and rows[cases["ask_high"]].ask_now
    assert not rows[cases["plain"]].ask_now and not rows[cases["high"]].ask_now
    immediate = rows[cases["ask_immediate"]]
    assert immediate.possible_immediate_risk and not immediate.ask_now  # already immediate
    as_json = page.model_dump(mode="json")["rows"][3]
    assert (as_json["possible_immediate_risk"], as_json["ask_now"]) == (True, True)
    with Session(engine) as session:
        stored = session.exec(
            select(CaseClassification.possible_immediate_risk)
            .join(SanctionCase)
            .where(SanctionCase.reference == cases["ask"])
        ).one()
    assert stored is True


def test_the_command_line_says_ask_now_in_words(
    settings: Settings, staff: Staff, cases: dict[str, str]
) -> None:
    env = cli_env(settings)
    listed = run_cli("backoffice", "--as", "Hana Triage", "queue", env=env)
    assert listed.returncode == 0, listed.stderr
    lines = {line.split()[0]: line for line in listed.stdout.splitlines()[1:-1]}
    assert "standard, ask now" in lines[cases["ask"]]
    assert "high, ask now" in lines[cases["ask_high"]]
    for quiet in ("plain", "high", "ask_immediate"):
        assert "ask now" not in lines[cases[quiet]]
    shown = run_cli("backoffice", "--as", "Hana Triage", "show", cases["ask"], env=env)
    assert shown.returncode == 0, shown.stderr
    head, *rest = shown.stdout.splitlines()
    assert "risk standard, ask now" in head
    assert any("rules" in line and "possible immediate risk seen" in line for line in rest)
    plain = run_cli("backoffice", "--as", "Hana Triage", "show", cases["plain"], env=env)
    assert "ask now" not in plain.stdout and "possible immediate risk" not in plain.stdout


def _override(
    engine: Engine, actor: Actor, ref: str, changes: Mapping[str, str | Sequence[str]]
) -> None:
    with Session(engine) as session:
        override_classification(
            session, actor=actor, reference=ref, changes=changes, reason="Asked him on the phone"
        )
        session.commit()


def _case(engine: Engine, ref: str) -> SanctionCase:
    with Session(engine) as session:
        return session.exec(select(SanctionCase).where(SanctionCase.reference == ref)).one()


def test_only_a_risk_set_by_a_supervisor_clears_ask_now(
    engine: Engine, staff: Staff, cases: dict[str, str]
) -> None:
    ref = cases["ask"]
    with Session(engine) as session:  # triage's own view changes nothing on the case
        record_triage_view(
            session, actor=staff.imb, reference=ref, changes={"risk": "standard"},
            reason="Looks settled",
        )  # fmt: skip
        session.commit()
    assert _case(engine, ref).possible_immediate_risk is True
    _override(engine, staff.imb_home_supervisor, ref, {"severity": "serious"})
    kept = _case(engine, ref)
    assert kept.possible_immediate_risk is True
    assert kept.risk_rank == risk_rank(RiskLevel.STANDARD, possible_immediate_risk=True)
    _override(engine, staff.imb_home_supervisor, ref, {"risk": "standard"})
    cleared = _case(engine, ref)
    assert cleared.possible_immediate_risk is False
    assert cleared.risk_rank == risk_rank(RiskLevel.STANDARD)
    rows = {row.reference: row for row in _queue(engine, staff.hmip).rows}
    assert not rows[ref].ask_now
    with Session(engine) as session:
        views = session.exec(
            select(CaseClassification.source, CaseClassification.possible_immediate_risk)
            .where(CaseClassification.case_id == cleared.id)
            .order_by(col(CaseClassification.id))
        ).all()
    assert [tuple(v) for v in views] == [
        ("rules", True),
        ("triage", False),
        ("override", True),
        ("override", False),
    ]
