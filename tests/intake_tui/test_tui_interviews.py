"""Whole interviews in the TUI, key by key, ending with a case in the database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select
from tui_helpers import COMMON, QUALIFYING, RISK, answer_all, screen_text, wait_until

from intake.db.models import Classification, SanctionCase
from intake.tui.app import IntakeApp
from intake.tui.screens.done import DoneScreen
from intake.tui.screens.review import ReviewScreen
from intake.tui.widgets.risk_banner import RiskBanner
from intake.users import Actor


def only_case(engine: Engine) -> SanctionCase:
    with Session(engine) as session:
        cases = session.exec(select(SanctionCase)).all()
        assert len(cases) == 1
        return cases[0]


async def submit_from_review(pilot, app: IntakeApp) -> str:  # type: ignore[no-untyped-def]
    await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen))
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: isinstance(app.screen, DoneScreen))
    done = app.screen
    assert isinstance(done, DoneScreen)
    assert done.reference in screen_text(app)
    return done.reference


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
        rules = session.exec(select(Classification).where(Classification.case_id == case.id))
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
        await answer_all(pilot, answers)
        banner = app.screen.query_one(RiskBanner)
        assert banner.has_class("shown") and banner.display
        assert "duty governor" in str(banner.render())
        await submit_from_review(pilot, app)
        assert "supervisor" in screen_text(app)
    case = only_case(engine)
    assert case.awaiting_supervisor is True
    assert case.risk_level == "immediate"


async def test_staff_whistleblower_is_signposted(
    make_app: Callable[[], IntakeApp], interviewer: Actor, engine: Engine
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        asked = await answer_all(pilot, {**COMMON, "raised_by": "6"})
        assert asked[-1] == "raised_by"
        shown = screen_text(app)
        assert "whistleblowing" in shown
        await submit_from_review(pilot, app)
        assert "signposted" in screen_text(app)
    case = only_case(engine)
    assert case.status == "signposted"
    assert case.route == "whistleblowing"


async def test_police_custody_is_out_of_scope(
    make_app: Callable[[], IntakeApp], interviewer: Actor, engine: Engine
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        asked = await answer_all(pilot, {**COMMON, "establishment": "police station"})
        assert asked == ["establishment"]
        assert "not covered by the sanctions protocol" in screen_text(app)
        await submit_from_review(pilot, app)
    case = only_case(engine)
    assert case.status == "signposted"
    assert case.route == "out_of_scope"
