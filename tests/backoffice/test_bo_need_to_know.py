"""Need to know (issue 11, point 4): who sees a case and who sees who the person is.

Through the services (what the CLI and the TUI call): the access matrix as one table, and the
Python rules checked against their SQL twins for every kind of actor and case.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, insert
from sqlmodel import Session, select

from backoffice.access import can_see, identified_filter, is_identified, visible_cases_filter
from backoffice.case_view import show_case
from backoffice.cli.output import case_lines
from intake.core.db.models import SanctionCase
from intake.core.errors import NotFoundError
from intake.core.risk import risk_rank
from intake.core.users import Actor
from intake.core.vocabulary import Organisation, RiskLevel, Role
from tests.backoffice.ntk_support import (
    HIDDEN,
    IDENTIFYING,
    LOCATION,
    NAME,
    NAMED,
    NUMBER,
    PSEUDONYM,
    _assert_named,
    _assert_pseudonymised,
    _listed,
)
from tests.support.factories import Staff

MATRIX = [
    # IMB staff of every role see their own Board's cases only, named (the IMB received them)
    ("imb", "home", NAMED),
    ("imb", "away", HIDDEN),
    ("imb", "hmip", PSEUDONYM),  # their Board's, but HMIP received it
    ("imb", "handed", NAMED),
    ("imb_away", "home", HIDDEN),
    ("imb_away", "away", NAMED),
    ("imb_home_supervisor", "home", NAMED),
    ("imb_home_supervisor", "away", HIDDEN),
    ("imb_supervisor", "home", HIDDEN),  # a supervisor is scoped to their Board too
    ("imb_supervisor", "away", NAMED),
    ("imb_admin_home", "home", PSEUDONYM),  # admins never see names
    ("imb_admin_home", "away", HIDDEN),
    ("imb_admin", "home", HIDDEN),  # an IMB admin of no Board sees nothing
    # the IMB national lead sees every Board's cases
    ("imb_lead", "home", NAMED),
    ("imb_lead", "away", NAMED),
    ("imb_lead", "ppo", PSEUDONYM),
    # HMIP keeps the log of every case; names only where HMIP received it
    ("hmip", "home", PSEUDONYM),
    ("hmip", "away", PSEUDONYM),
    ("hmip", "hmip", NAMED),
    ("hmip", "handed", PSEUDONYM),
    ("hmip_supervisor", "home", PSEUDONYM),
    ("hmip_supervisor", "hmip", NAMED),
    ("hmip_lead", "away", PSEUDONYM),
    ("hmip_lead", "hmip", NAMED),
    ("hmip_admin", "home", PSEUDONYM),
    ("hmip_admin", "hmip", PSEUDONYM),
    # the PPO sees every case; names where it received it or was handed it
    ("ppo", "home", PSEUDONYM),
    ("ppo", "ppo", NAMED),
    ("ppo", "handed", NAMED),
    ("ppo_supervisor", "away", PSEUDONYM),
    ("ppo_supervisor", "handed", NAMED),
    # intake staff see what they recorded, named, and nothing else
    ("intake", "home", NAMED),
    ("intake", "ppo", NAMED),
    ("intake", "by_intake2", HIDDEN),
    ("intake2", "by_intake2", NAMED),
    ("intake2", "home", HIDDEN),
]


@pytest.mark.parametrize(("who", "which", "expected"), MATRIX, ids=lambda v: str(v))
def test_access_matrix(
    engine: Engine,
    people: dict[str, Actor],
    cases: dict[str, str],
    who: str,
    which: str,
    expected: str,
) -> None:
    actor, reference = people[who], cases[which]
    with Session(engine) as session:
        page = _listed(session, actor)
        row = next((r for r in page.rows if r.reference == reference), None)
        if expected == HIDDEN:
            with pytest.raises(NotFoundError, match="can see"):
                show_case(session, actor=actor, reference=reference)
            assert row is None
            return
        view = show_case(session, actor=actor, reference=reference)
    assert row is not None
    if expected == NAMED:
        _assert_named(view)
        assert "Jordan" in row.snippet
    else:
        _assert_pseudonymised(view)
        assert "Jordan" not in row.snippet and NUMBER not in row.snippet
        admin = actor.role == Role.ADMIN
        assert ("administrators never" in (view.identity_note or "")) is admin


def test_one_person_has_one_pseudonym_and_the_transcript_is_redacted(
    engine: Engine, people: dict[str, Actor], cases: dict[str, str]
) -> None:
    with Session(engine) as session:
        home = show_case(session, actor=people["hmip"], reference=cases["home"])
        away = show_case(session, actor=people["ppo"], reference=cases["away"])
        named = show_case(session, actor=people["imb"], reference=cases["home"])
    assert home.person.pseudonym == away.person.pseudonym == named.person.pseudonym
    answers = [line.answer for line in home.transcript]
    assert answers == ["[PERSON]", "[PRISON NUMBER]", "[LOCATION]"]
    assert [line.answer for line in named.transcript] == [NAME, NUMBER, LOCATION]
    evidence = home.classifications[0].evidence[0]
    assert evidence["text"] == "[PERSON] ([PRISON NUMBER]) was moved"
    assert home.classifications[0].rationale == "[PERSON] names the segregation unit"


def test_the_cli_says_a_case_is_pseudonymised(
    engine: Engine, people: dict[str, Actor], cases: dict[str, str]
) -> None:
    with Session(engine) as session:
        view = show_case(session, actor=people["hmip"], reference=cases["home"])
    lines = list(case_lines(view))
    assert "PSEUDONYMISED" in lines[0]
    assert lines[1].strip().startswith("Pseudonymised: identity only for IMB")
    assert any(line.startswith("  person: PERSON-") for line in lines)
    assert not [word for word in IDENTIFYING if word in "\n".join(lines)]


# ---- the rules in Python and in SQL agree -------------------------------------------------


def _every_kind_of_case(engine: Engine, staff: Staff) -> None:
    """One case for each receiving body, establishment, recorder and list of bodies handed it.

    Core inserts: test data, not a change a user makes (see the queue benchmark).
    """
    now = datetime.now(UTC)
    handed: tuple[list[str], ...] = ([], ["PPO"], ["IMB"], ["HMIP"], ["IMB", "PPO"])
    combos = itertools.product(
        ("HMIP", "IMB", "PPO"),
        (staff.home_id, staff.away_id, None),
        (staff.intake.id, staff.intake2.id, None),
        handed,
    )
    rows = [
        {
            "uuid": f"combo-{n}",
            "reference": f"SAN-2020-{n:05d}",
            "status": "received",
            "receiving_organisation": org,
            "establishment_id": place,
            "raised_by": "person",
            "bodies": [],
            "narrative": "combo",
            "qualifies": "yes",
            "categories": [],
            "severity": "standard",
            "route": "sanction_protocol",
            "routes": ["sanction_protocol"],
            "identified_to": to,
            "risk_level": "standard",
            "risk_rank": risk_rank(RiskLevel.STANDARD),
            "overridden": False,
            "awaiting_supervisor": False,
            "is_demo": False,
            "created_by_id": recorder,
            "created_at": now,
            "updated_at": now,
            "version": 1,
        }
        for n, (org, place, recorder, to) in enumerate(combos, start=1)
    ]
    with engine.begin() as connection:
        connection.execute(insert(SanctionCase), rows)


def test_python_and_sql_rules_agree_for_every_actor_and_case(engine: Engine, staff: Staff) -> None:
    _every_kind_of_case(engine, staff)
    actors = [
        Actor(id=user, name="x", role=role, organisation=org, establishment_id=place)
        for org, role, place, user in itertools.product(
            Organisation, Role, (None, staff.home_id, staff.away_id), (staff.intake.id, None)
        )
    ]
    with Session(engine) as session:
        every = session.exec(select(SanctionCase)).all()
        assert len(every) == 3 * 3 * 3 * 5
        for actor in actors:
            visible = set(
                session.exec(select(SanctionCase.id).where(visible_cases_filter(actor))).all()
            )
            named = set(session.exec(select(SanctionCase.id).where(identified_filter(actor))).all())
            assert visible == {c.id for c in every if can_see(actor, c)}, actor
            assert named == {c.id for c in every if is_identified(actor, c)}, actor


# ---- acting ---------------------------------------------------------------------------------
