"""The queue: risk then age, filters, fuzzy search, pages."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, update
from sqlmodel import Session, col

from backoffice.overrides import override_classification
from backoffice.queue import QueueFilters, list_queue
from backoffice.view_models import QueuePage
from intake.core.clock import utcnow
from intake.core.db.models import WorkflowTask
from intake.core.errors import ValidationProblem
from intake.core.users import Actor
from intake.core.vocabulary import Organisation, Qualifies, RiskLevel, Route
from tests.support.factories import ActFn, Staff, SubmitFn


def _refs(page: QueuePage) -> list[str]:
    return [row.reference for row in page.rows]


@pytest.fixture
def cases(submit: SubmitFn, staff: Staff, act: ActFn) -> dict[str, str]:
    found = {
        "old_standard": submit(),
        "high": submit(risk_level=RiskLevel.HIGH),
        "immediate": submit(
            risk_level=RiskLevel.IMMEDIATE,
            narrative="Officers threatened to break his arm after the inspection interview.",
        ),
        "new_standard": submit(receiving_organisation=Organisation.PPO),
        "away": submit(
            establishment_id=staff.away_id, narrative="Visits stopped after his PPO complaint."
        ),
        "signposted": submit(route=Route.COMPLAINT, qualifies=Qualifies.NO),
    }
    # every case waits at step 2; the one that does not qualify is signposted and closed there
    act(
        staff.imb, found["signposted"], "does_not_qualify", outcome="complaint",
        note="Told on the wing", told=utcnow().date(), confirm_close=True,
    )  # fmt: skip
    return found


def _queue(engine: Engine, actor: Actor, **kw: Any) -> QueuePage:
    with Session(engine) as session:
        return list_queue(session, actor=actor, **kw)


def test_queue_orders_by_risk_then_age_and_hides_closed(
    engine: Engine, staff: Staff, cases: dict[str, str]
) -> None:
    page = _queue(engine, staff.hmip)
    assert _refs(page) == [
        cases["immediate"],
        cases["high"],
        cases["old_standard"],
        cases["new_standard"],
        cases["away"],
    ]
    assert page.total == 5
    everything = _queue(engine, staff.hmip, filters=QueueFilters(open_only=False))
    assert cases["signposted"] in _refs(everything)


def test_queue_filters(engine: Engine, staff: Staff, cases: dict[str, str], act: ActFn) -> None:
    act(staff.hmip, cases["high"], "confirm_qualifies")
    by_status = _queue(engine, staff.hmip, filters=QueueFilters(statuses=["confirmed"]))
    assert _refs(by_status) == [cases["high"]]
    away = _queue(engine, staff.hmip, filters=QueueFilters(establishment_ids=[staff.away_id]))
    assert _refs(away) == [cases["away"]]
    ppo = _queue(engine, staff.hmip, filters=QueueFilters(organisation="PPO"))
    assert _refs(ppo) == [cases["new_standard"]]
    with pytest.raises(ValidationProblem, match="status 'lost'"):
        _queue(engine, staff.hmip, filters=QueueFilters(statuses=["lost"]))


def test_overdue_tasks_show_and_filter(engine: Engine, staff: Staff, cases: dict[str, str]) -> None:
    yesterday = utcnow().date() - timedelta(days=1)
    with Session(engine) as session:
        # (a test shortcut: time passing, not a user's change)
        session.execute(
            update(WorkflowTask).where(col(WorkflowTask.case_id) == 1).values(due=yesterday)
        )
        session.commit()
    page = _queue(engine, staff.hmip, filters=QueueFilters(overdue=True))
    assert _refs(page) == [cases["old_standard"]]
    row = page.rows[0]
    assert row.overdue and row.overdue_tasks == 1 and row.next_due == yesterday


def test_overridden_filter_and_flag(engine: Engine, staff: Staff, cases: dict[str, str]) -> None:
    with Session(engine) as session:
        override_classification(
            session,
            actor=staff.ppo_supervisor,  # the PPO received it: its supervisors override
            reference=cases["new_standard"],
            changes={"risk": "high"},
            reason="He is on an ACCT",
        )
        session.commit()
    page = _queue(engine, staff.hmip, filters=QueueFilters(overridden=True))
    assert _refs(page) == [cases["new_standard"]]
    assert page.rows[0].overridden and page.rows[0].risk_level == "high"
    order = _refs(_queue(engine, staff.hmip))
    assert order.index(cases["new_standard"]) < order.index(cases["old_standard"])


def test_search_by_reference_establishment_and_narrative_with_typos(
    engine: Engine, staff: Staff, cases: dict[str, str]
) -> None:
    by_ref = _queue(engine, staff.hmip, search=cases["away"][-5:])
    assert _refs(by_ref)[0] == cases["away"]
    by_place = _queue(engine, staff.hmip, search="belmarsh")
    assert _refs(by_place) == [cases["away"]]
    typo = _queue(engine, staff.hmip, search="threatend his arm")
    assert _refs(typo) == [cases["immediate"]]
    assert typo.rows[0].score is not None and typo.rows[0].score >= 75
    segregation = _queue(engine, staff.hmip, search="segragation")
    assert set(_refs(segregation)) == {
        cases["old_standard"],
        cases["high"],
        cases["new_standard"],
    }
    assert _refs(_queue(engine, staff.hmip, search="helicopter")) == []


def test_search_respects_need_to_know(engine: Engine, staff: Staff, cases: dict[str, str]) -> None:
    assert _refs(_queue(engine, staff.imb, search="visits stopped")) == []
    assert _refs(_queue(engine, staff.imb_away, search="visits stopped")) == [cases["away"]]


def test_pages(engine: Engine, staff: Staff, cases: dict[str, str]) -> None:
    first = _queue(engine, staff.hmip, page_size=2)
    second = _queue(engine, staff.hmip, page_size=2, page=2)
    last = _queue(engine, staff.hmip, page_size=2, page=3)
    assert first.has_next and second.has_next and not last.has_next
    assert len(_refs(first) + _refs(second) + _refs(last)) == 5
    assert not set(_refs(first)) & set(_refs(second))
