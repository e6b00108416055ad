"""Interviews in the TUI ending with a case in the database.

Two go the whole way key by key from the first question: the most complete, a qualifying
account with consent, and an immediate risk referred without consent. The others resume an
interview saved just before what they try (``draft_at``) and carry on key by key to the end.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select

from intake.core.db.models import CaseClassification, RiskAssessment, WorkflowTask
from intake.core.users import Actor
from intake.tui.app import IntakeApp
from intake.tui.widgets.risk_banner import RiskBanner
from tests.support.intake_tui import (
    COMMON,
    QUALIFYING,
    RISK,
    DraftAt,
    answer_all,
    only_case,
    resume,
    screen_text,
    submit_from_review,
)


async def test_qualifying_with_consent_is_submitted(
    make_app: Callable[[], IntakeApp], interviewer: Actor, engine: Engine, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        asked = await answer_all(pilot, {**COMMON, "narrative": QUALIFYING})
        assert "narrative" in asked and "consent_pursue" in asked
        reference = await submit_from_review(pilot, app)
        app.save_screenshot("done.svg", str(tmp_path))
    assert (tmp_path / "done.svg").read_text().startswith("<svg")
    case = only_case(engine)
    assert case.reference == reference
    assert case.status == "received"
    assert case.person_name == "John Smith" and case.prison_number == "A1234BC"
    assert not case.awaiting_supervisor
    with Session(engine) as session:
        rules = session.exec(
            select(CaseClassification).where(CaseClassification.case_id == case.id)
        )
        assert [c.source for c in rules.all()] == ["rules"]


async def test_immediate_risk_without_consent_is_referred_with_justification(
    make_app: Callable[[], IntakeApp], interviewer: Actor, engine: Engine
) -> None:
    answers = {
        **COMMON,
        "narrative": RISK,
        "body": "1",
        "channel": "1",
        "immediate_danger": "y",
        "self_harm": "y",
        "consent_pursue": "n",
        "refer_without_consent": "y",
        "justification": "Threat to kill him tonight; he is at risk of suicide.",
    }
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        asked = await answer_all(pilot, answers)
        assert asked.index("action_taken") < asked.index("action_at") < asked.index("injuries")
        banner = app.screen.query_one(RiskBanner)
        assert banner.has_class("shown") and banner.display
        assert "Acted on (14:30 today): Told the duty governor" in str(banner.render())
        assert 1 <= banner.region.height <= 2
        await submit_from_review(pilot, app)
        assert "supervisor" in screen_text(app)
    case = only_case(engine)
    assert case.awaiting_supervisor is True
    assert case.risk_level == "immediate"
    with Session(engine) as session:
        risk = session.exec(select(RiskAssessment)).one()
    assert risk.action_taken == "Told the duty governor, Ms Khan, in person"
    assert risk.action_at == "14:30 today"


async def test_not_acting_yet_on_an_immediate_risk_keeps_the_warning(
    make_app: Callable[[], IntakeApp], draft_at: DraftAt, engine: Engine
) -> None:
    answers = {**COMMON, "immediate_danger": "y", "action_taken": "not yet", "action_at": "not yet"}
    draft_at("action_taken", {**answers, "narrative": QUALIFYING})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await resume(pilot, "action_taken")
        await answer_all(pilot, {**answers, "narrative": QUALIFYING})
        banner = app.screen.query_one(RiskBanner)
        assert "NOT ACTED ON YET" in str(banner.render())
        assert 1 <= banner.region.height <= 2
        await submit_from_review(pilot, app)
        assert "NOT ACTED ON YET" in screen_text(app)
    with Session(engine) as session:
        assert session.exec(select(RiskAssessment)).one().action_at == "not yet"


async def test_a_sanction_with_a_death_in_custody_carries_both_routes(
    make_app: Callable[[], IntakeApp], draft_at: DraftAt, engine: Engine
) -> None:
    answers = {**COMMON, "concern_type": "1 2", "narrative": QUALIFYING}
    draft_at("narrative", answers)  # both concerns chosen
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await resume(pilot, "narrative")
        asked = await answer_all(pilot, answers)
        assert "narrative" in asked and "consent_pursue" in asked  # the interview to its end
        shown = screen_text(app)
        assert "a death in custody: the PPO investigates" in shown  # in words, not a code
        assert "death_in_custody" not in shown
        await submit_from_review(pilot, app)
        assert "investigates every death in custody" in screen_text(app)
    case = only_case(engine)
    assert case.routes == ["sanction_protocol", "death_in_custody"]
    assert case.status == "received"
    with Session(engine) as session:
        tasks = session.exec(select(WorkflowTask).where(WorkflowTask.route != None)).all()  # noqa: E711
    assert [t.route for t in tasks] == ["death_in_custody"]


async def test_staff_whistleblower_is_signposted(
    make_app: Callable[[], IntakeApp], draft_at: DraftAt, engine: Engine
) -> None:
    draft_at("raised_by")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await resume(pilot, "raised_by")
        asked = await answer_all(pilot, {**COMMON, "raised_by": "6"})
        assert asked[-1] == "raised_by"
        shown = screen_text(app)
        assert "whistleblowing" in shown
        await submit_from_review(pilot, app)
        assert "Whistleblowing" in screen_text(app)
    case = only_case(engine)
    assert case.status == "received"  # a person confirms the route at step 2
    assert case.route == "whistleblowing"


async def test_police_custody_is_out_of_scope(
    make_app: Callable[[], IntakeApp], interviewer: Actor, engine: Engine
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        asked = await answer_all(pilot, {**COMMON, "establishment": "police station"})
        assert asked == ["received_via", "establishment"]
        assert "not covered by the sanctions protocol" in screen_text(app)
        await submit_from_review(pilot, app)
    case = only_case(engine)
    assert case.status == "received"
    assert case.route == "out_of_scope"
