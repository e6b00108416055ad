"""Heightened risk (issue 15, point 6) in the back office: a case raised to high by who the
person is, a move coming up or force in the account comes first in the queue, and `show` says
why, what move is coming, and whether the interview was held out of the hearing of staff."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime

from sqlalchemy import Engine

from backoffice.view_models import RiskView
from backoffice.wording import hearing_words, move_words, risk_reasons
from intake.core.settings import Settings
from intake.core.users import Actor
from intake.interview.drafts import DraftStore
from intake.interview.session import InterviewSession
from tests.support.cli import cli_env, run_cli
from tests.support.factories import Staff
from tests.support.intake_tui import COMMON, TODAY, accepted_text

#: No force, segregation or strip-search, no risk words: standard unless the answers raise it.
PLAIN = (
    "I wrote to the PPO about my canteen. The week after, the SO stopped my visits and said "
    "it was because I wrote to the PPO."
)


def interviewed(engine: Engine, settings: Settings, actor: Actor, **answers: str) -> str:
    """A whole interview through the session both intake front ends use; its reference."""
    given = {**COMMON, "narrative": PLAIN, "still_happening": "n", "evidence": "5", **answers}
    session = InterviewSession.start(
        DraftStore(engine), actor=actor, settings=settings, today=TODAY
    )
    while (question := session.interview.current()) is not None:
        session.answer(question, accepted_text(question, given[question.key]))
    return session.submit()


def bo(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    result = run_cli("backoffice", "--as", "Hana Triage", *args, env=cli_env(settings))
    assert result.returncode == 0, result.stderr
    return result


def test_show_says_why_the_risk_is_high_and_the_move_coming_up(
    engine: Engine, settings: Settings, staff: Staff
) -> None:
    ref = interviewed(
        engine, settings, staff.intake, out_of_hearing="n", vulnerabilities="2 3",
        move_coming="2", move_date="next Friday",
    )  # fmt: skip
    shown = bo(settings, "show", ref).stdout
    assert "  received  risk high" in shown.splitlines()[0]
    assert "interview NOT held out of the hearing of staff: they may not have spoken freely" in (
        shown
    )
    assert "Risk assessed: high" in shown
    assert "  because: pregnant" in shown
    assert "  because: past trauma (such as torture, trafficking or abuse)" in shown
    assert "  because: Removal or deportation due on 27 November 2026 (in 4 days)" in shown
    assert "  removal or deportation coming up, due 2026-11-27" in shown

    data = json.loads(bo(settings, "show", ref, "--json").stdout)
    assert data["out_of_hearing"] is False
    (risk,) = data["risk"]
    assert risk["move_kind"] == "removal" and risk["move_date"] == "2026-11-27"
    assert risk["vulnerabilities"] == ["pregnant", "past_trauma"]
    assert risk["reasons"][0] == "pregnant"


def test_a_standard_case_held_out_of_hearing_says_so_and_gives_no_reason(
    engine: Engine, settings: Settings, staff: Staff
) -> None:
    ref = interviewed(engine, settings, staff.intake, move_coming="3", move_date="unknown")
    shown = bo(settings, "show", ref).stdout
    assert "risk standard" in shown
    assert "  interview held out of the hearing of staff" in shown
    assert "because:" not in shown
    assert "  release coming up, date not known" in shown


def test_force_in_the_account_puts_the_case_before_standard_ones_in_the_queue(
    engine: Engine, settings: Settings, staff: Staff
) -> None:
    standard = interviewed(engine, settings, staff.intake)
    forced = interviewed(
        engine,
        settings,
        staff.intake,
        narrative=PLAIN + " Then three officers restrained me on the landing.",
    )
    queue = bo(settings, "queue").stdout
    assert queue.index(forced) < queue.index(standard)
    shown = bo(settings, "show", forced).stdout
    assert "  because: force, restraint or assault described in the account" in shown


def test_an_assessment_from_before_the_reasons_shows_its_factors_in_words() -> None:
    old = RiskView(
        level="high", immediate_danger=False, self_harm=False, injuries=False,
        vulnerabilities=["disability", "on_acct"], notes=None, assessed_by=None,
        assessed_at=datetime(2026, 1, 5, tzinfo=UTC),
    )  # fmt: skip
    assert risk_reasons(old) == [
        "disability or serious illness",
        "on an ACCT (self-harm support plan)",
    ]
    assert move_words(old) is None and hearing_words(None) is None
