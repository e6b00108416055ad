"""Need to know when acting: supervisors act only on their own organisation's cases."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from backoffice.overrides import override_classification, record_triage_view
from backoffice.view_models import CaseView
from intake.core.errors import NotFoundError, PermissionDenied
from intake.core.settings import Settings
from intake.core.users import Actor
from tests.support.cli import cli_env, run_cli
from tests.support.factories import Staff, SubmitFn

ACTING = [
    # who, what, which case, refused with (None: allowed), and a word of the message
    ("hmip_supervisor", "override", "home", PermissionDenied, "received by IMB"),
    ("ppo_supervisor", "override", "home", PermissionDenied, "received by IMB"),
    ("ppo_supervisor", "override", "handed", PermissionDenied, "received by IMB"),
    ("imb_home_supervisor", "override", "hmip", PermissionDenied, "received by HMIP"),
    ("imb_supervisor", "override", "home", NotFoundError, "can see"),  # another Board's
    ("imb_lead", "override", "home", PermissionDenied, "supervisor"),
    ("imb_home_supervisor", "override", "home", None, None),
    ("hmip_supervisor", "override", "hmip", None, None),
    ("ppo_supervisor", "override", "ppo", None, None),
    ("hmip_supervisor", "view", "home", PermissionDenied, "received by IMB"),
    ("imb_home_supervisor", "view", "home", None, None),
    ("hmip", "view", "home", None, None),  # triage of any body records its own view
    ("ppo", "view", "home", None, None),
]


@pytest.mark.parametrize(("who", "what", "which", "refused", "words"), ACTING)
def test_supervisors_act_only_on_their_own_organisations_cases(
    engine: Engine,
    people: dict[str, Actor],
    cases: dict[str, str],
    who: str,
    what: str,
    which: str,
    refused: type[Exception] | None,
    words: str | None,
) -> None:
    service = override_classification if what == "override" else record_triage_view

    def call(session: Session) -> CaseView:
        return service(
            session,
            actor=people[who],
            reference=cases[which],
            changes={"risk": "high"},
            reason="Threats on the wing since",
        )

    with Session(engine) as session:
        if refused is None:
            view = call(session)
            session.commit()
            assert [c.source for c in view.classifications][-1] in ("override", "triage")
            return
        with pytest.raises(refused, match=words or ""):
            call(session)


CLI_ACTING = [
    ("Sam Super", 3, "received by IMB"),  # HMIP supervisor
    ("Pia Super", 3, "received by IMB"),  # PPO supervisor
    ("Isla Super", 1, "can see"),  # IMB supervisor of another Board: not found
    ("Hugh Boardchair", 0, None),  # the Board's own supervisor
]


@pytest.mark.parametrize(("name", "status", "words"), CLI_ACTING)
def test_override_refusals_from_the_cli(
    settings: Settings, staff: Staff, submit: SubmitFn, name: str, status: int, words: str | None
) -> None:
    env = cli_env(settings)
    ref = submit()
    result = run_cli(
        "backoffice", "--as", name, "override", ref, "--set", "risk=high", "--reason", "Threats",
        env=env,
    )  # fmt: skip
    assert result.returncode == status, result.stderr
    if words is None:
        assert "overridden" in result.stdout
        return
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and words in lines[0]
    assert "Traceback" not in result.stderr


# ---- search, snippet, tracker ----------------------------------------------------------------
