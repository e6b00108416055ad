"""Helpers of the back-office tests: staff, submissions, running the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session

from backoffice.view_models import ActionResult, CaseView
from intake.core.identity import system_login
from intake.core.submission import (
    CaseSubmission,
    ClassificationView,
    ConsentAnswers,
    PersonDetails,
)
from intake.core.users import Actor, UserCreate, create_user
from intake.core.vocabulary import Organisation, Qualifies, RiskLevel, Role, Route, Severity

HOME = "HMP Wandsworth"
AWAY = "HMP Belmarsh"
BIN = Path(sys.executable).parent


@dataclass
class Staff:
    hmip: Actor
    hmip_supervisor: Actor
    hmip_supervisor2: Actor
    imb: Actor
    imb_away: Actor
    imb_supervisor: Actor
    imb_home_supervisor: Actor
    imb_lead: Actor
    ppo: Actor
    ppo_supervisor: Actor
    hmip_lead: Actor
    intake: Actor
    intake2: Actor
    home_id: int
    away_id: int


def _user(session: Session, name: str, role: Role, org: Organisation, est: int | None) -> Actor:
    user = create_user(
        session,
        data=UserCreate(
            os_login=system_login(), name=name, role=role, organisation=org, establishment_id=est
        ),
    )
    return Actor.from_user(user)


def make_submission(establishment_id: int | None, **changes: Any) -> CaseSubmission:
    rules = ClassificationView(
        qualifies=changes.pop("qualifies", Qualifies.YES),
        categories=changes.pop("categories", ["isolation"]),
        body=["IMB"],
        severity=changes.pop("severity", Severity.STANDARD),
        route=changes.pop("route", Route.SANCTION_PROTOCOL),
        evidence=[{"label": "isolation", "text": "segregation", "start": 10, "end": 21}],
    )
    base: dict[str, Any] = {
        "receiving_organisation": Organisation.IMB,
        "establishment_id": establishment_id,
        "person": PersonDetails(name="Jordan Example", prison_number="A1234BC"),
        "narrative": "Put in the segregation unit the day after I spoke to the IMB.",
        "rules": rules,
        "consent": ConsentAnswers(pursue=True, share_identity=True, imb_enquiries=True),
        "risk_level": RiskLevel.STANDARD,
    }
    return CaseSubmission(**{**base, **changes})


#: Only an indirect cue of a risk (sleeping tablets saved up): the rules say "ask now".
ASK_NOW_NARRATIVE = (
    "Since I wrote to the Ombudsman my visits were cancelled and I have been saving up my "
    "sleeping tablets under my mattress."
)
#: The same account without the cue: no risk seen.
PLAIN_NARRATIVE = (
    "Since I wrote to the Ombudsman my visits were cancelled twice and my letters arrive opened."
)


def classified(narrative: str) -> dict[str, Any]:
    """Submission fields for ``narrative`` with the rules' own reading of it (as the interview
    builds them), for ``make_submission`` or the ``submit`` fixture."""
    from intake.classifier import classify
    from intake.interview.outcome import rules_view

    return {"narrative": narrative, "rules": rules_view(classify(narrative))}


SubmitFn = Callable[..., str]
ActFn = Callable[..., ActionResult]
ViewFn = Callable[[str], CaseView]


def open_titles(case: CaseView) -> list[str]:
    return [t.title for t in case.tasks if t.is_open]


def run_cli(
    *args: str, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run an installed console script as a user would (same as tests/conftest.py's)."""
    command, *rest = args
    return subprocess.run(
        [str(BIN / command), *rest],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )
