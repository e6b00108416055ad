"""Need to know (issue 11, point 4): who sees a case, who sees who the person is, who acts.

Through the services (what the CLI and the TUI call): the access matrix as one table, the
Python rules checked against their SQL twins for every kind of actor and case, refusals to act,
the search, the queue's snippet and the tracker export.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from bo_support import Staff, SubmitFn, _user, make_submission, run_cli
from hypothesis import HealthCheck, assume, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from rapidfuzz import fuzz
from sqlalchemy import Engine, insert
from sqlmodel import Session, select

from backoffice.access import can_see, identified_filter, is_identified, visible_cases_filter
from backoffice.case_view import show_case
from backoffice.overrides import override_classification, record_triage_view
from backoffice.pseudonyms import CaseRedactor
from backoffice.queue import SEARCH_CUTOFF, QueueFilters, list_queue, plan_search, score_case
from backoffice.render import case_lines
from backoffice.tracker import COLUMNS, export_tracker
from backoffice.views import CaseView, QueuePage
from intake.audit import change_case
from intake.db.models import Answer, InterviewDraft, SanctionCase
from intake.errors import NotFoundError, PermissionDenied
from intake.settings import Settings
from intake.submission import ClassificationView, PersonDetails, submit_case
from intake.users import SYSTEM, Actor
from intake.vocabulary import Organisation, Qualifies, Role, Route

NAME, NUMBER, LOCATION = "Jordan Example", "A1234BC", "B wing cell 12"
NARRATIVE = (
    "Jordan Example (A1234BC) was moved to the segregation unit from B wing cell 12 "
    "the day after he spoke to the IMB."
)
#: What must never reach a reader the case is pseudonymised for, anywhere in the case view.
IDENTIFYING = ("Jordan", "Example", "JORDAN", "jordan", NUMBER, "A1234 BC", "cell 12")

NAMED, PSEUDONYM, HIDDEN = "named", "pseudonym", "not found"


def _details(**changes: Any) -> dict[str, Any]:
    rules = ClassificationView(
        qualifies=Qualifies.YES,
        categories=["isolation"],
        body=["IMB"],
        route=Route.SANCTION_PROTOCOL,
        evidence=[{"label": "isolation", "text": "Jordan Example (A1234BC) was moved"}],
        rationale="Jordan Example names the segregation unit",
    )
    return {
        "person": PersonDetails(name=NAME, prison_number=NUMBER, location=LOCATION),
        "narrative": NARRATIVE,
        "rules": rules,
        **changes,
    }


def _with_transcript(engine: Engine, settings: Settings, actor: Actor, establishment: int) -> str:
    """A case submitted from a guided interview, so it has a transcript naming the person."""
    with Session(engine) as session:
        draft = InterviewDraft(user_id=actor.id)
        session.add(draft)
        session.flush()
        assert draft.id is not None
        for seq, (key, question, answer) in enumerate(
            [
                ("person_name", "What is the person's name?", NAME),
                ("prison_number", "Their prison number?", NUMBER),
                ("location", "Where are they held?", LOCATION),
            ],
            start=1,
        ):
            session.add(
                Answer(draft_id=draft.id, seq=seq, key=key, question=question, answer=answer)
            )
        submission = make_submission(establishment, draft_id=draft.id, **_details())
        case = submit_case(session, submission=submission, actor=actor, settings=settings)
        session.commit()
        return case.reference


def _hand_to(engine: Engine, reference: str, *organisations: str) -> None:
    """The case handed to other organisations (the workflow will do this; here, directly)."""
    with Session(engine) as session:
        case = session.exec(select(SanctionCase).where(SanctionCase.reference == reference)).one()
        change_case(
            session,
            case,
            actor=SYSTEM,
            action="handed",
            changes={"identified_to": [*organisations]},
        )
        session.commit()


@pytest.fixture
def people(engine: Engine, staff: Staff) -> dict[str, Actor]:
    """Every member of staff of the matrix, by a short key (the staff fixture's plus admins)."""
    found = {name: getattr(staff, name) for name in staff.__dataclass_fields__}
    with Session(engine) as session:
        found |= {
            "hmip_admin": _user(session, "Ada Admin", Role.ADMIN, Organisation.HMIP, None),
            "imb_admin": _user(session, "Ina Admin", Role.ADMIN, Organisation.IMB, None),
            "imb_admin_home": _user(
                session, "Ike Admin", Role.ADMIN, Organisation.IMB, staff.home_id
            ),
        }
        session.commit()
    return {k: v for k, v in found.items() if isinstance(v, Actor)}


@pytest.fixture
def cases(engine: Engine, settings: Settings, staff: Staff, submit: SubmitFn) -> dict[str, str]:
    """Cases at the home and away establishments, received by each body, one handed to the PPO."""
    found = {
        "home": _with_transcript(engine, settings, staff.intake, staff.home_id),
        "away": submit(establishment_id=staff.away_id, **_details()),
        "hmip": submit(receiving_organisation=Organisation.HMIP, **_details()),
        "ppo": submit(receiving_organisation=Organisation.PPO, **_details()),
        "handed": submit(**_details()),
    }
    _hand_to(engine, found["handed"], "PPO")
    with Session(engine) as session:
        case = submit_case(
            session,
            submission=make_submission(staff.home_id, **_details()),
            actor=staff.intake2,
            settings=settings,
        )
        session.commit()
        found["by_intake2"] = case.reference
    return found


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


def _listed(session: Session, actor: Actor) -> QueuePage:
    every = QueueFilters(open_only=False)
    return list_queue(session, actor=actor, filters=every, page_size=200)


def _assert_named(view: CaseView) -> None:
    person = view.person
    assert view.identified and view.identity_note is None
    assert (person.name, person.prison_number, person.location) == (NAME, NUMBER, LOCATION)
    assert NAME in view.narrative and view.summary.identified


def _assert_pseudonymised(view: CaseView) -> None:
    person = view.person
    assert not view.identified and not view.summary.identified
    assert view.identity_note and view.identity_note.startswith("Pseudonymised")
    assert person.name is None and person.location is None
    assert (person.pseudonym or "").startswith("PERSON-")
    assert (person.prison_number or "").startswith("PN-")
    assert "[PERSON]" in view.narrative and "[LOCATION]" in view.narrative
    shown = view.model_dump_json()
    assert not [word for word in IDENTIFYING if word in shown]


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
    handed = ([], ["PPO"], ["IMB"], ["HMIP"], ["IMB", "PPO"])
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
            "risk_rank": 2,
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
    call = {
        "actor": people[who],
        "reference": cases[which],
        "changes": {"risk": "high"},
        "reason": "Threats on the wing since",
    }
    with Session(engine) as session:
        if refused is None:
            view = service(session, **call)
            session.commit()
            assert [c.source for c in view.classifications][-1] in ("override", "triage")
            return
        with pytest.raises(refused, match=words or ""):
            service(session, **call)


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
    env = {
        "SANCTIONS_DATABASE_URL": settings.effective_database_url,
        "SANCTIONS_DATA_DIR": str(settings.data_dir),
    }
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


def _found(engine: Engine, actor: Actor, text: str) -> list[str]:
    with Session(engine) as session:
        page = list_queue(session, actor=actor, search=text, page_size=200)
    return [row.reference for row in page.rows]


@pytest.mark.parametrize("text", [NAME, "jordan", "Jordn Exmple", NUMBER, "cell 12"])
def test_search_never_finds_a_pseudonymised_case_by_the_person(
    engine: Engine, people: dict[str, Actor], cases: dict[str, str], text: str
) -> None:
    hmip_found = _found(engine, people["hmip"], text)
    assert cases["home"] not in hmip_found and cases["ppo"] not in hmip_found
    assert cases["hmip"] in hmip_found  # HMIP received that one: its staff may find it so
    assert cases["home"] in _found(engine, people["imb"], text)
    assert cases["by_intake2"] not in _found(engine, people["intake"], text)
    # words that do not identify the person still find the case
    assert cases["home"] in _found(engine, people["hmip"], "segregation unit")


def _tracker(engine: Engine, actor: Actor, out: Path) -> dict[str, dict[str, str]]:
    with Session(engine) as session:
        export_tracker(session, actor=actor, out=out, fmt="csv")
        session.commit()
    with out.open(encoding="utf-8") as handle:
        marking, header, *rows = list(csv.reader(handle))
    assert header == COLUMNS and marking[0] == "OFFICIAL-SENSITIVE"
    assert "need to know" in marking[1]
    return {row[0]: dict(zip(header, row, strict=True)) for row in rows}


def test_tracker_export_pseudonymises_rows_the_exporter_is_not_identified_to(
    engine: Engine, people: dict[str, Actor], cases: dict[str, str], tmp_path: Path
) -> None:
    rows = _tracker(engine, people["hmip_supervisor"], tmp_path / "hmip.csv")
    assert rows[cases["hmip"]]["Person"] == NAME
    assert rows[cases["hmip"]]["Prison number"] == NUMBER
    for which in ("home", "away", "ppo", "handed"):
        row = rows[cases[which]]
        assert row["Person"].startswith("PERSON-") and row["Prison number"].startswith("PN-")
    assert len({rows[cases[w]]["Person"] for w in ("home", "away", "ppo")}) == 1

    board = _tracker(engine, people["imb_home_supervisor"], tmp_path / "imb.csv")
    assert cases["away"] not in board  # another Board's case is not in it at all
    assert board[cases["home"]]["Person"] == NAME
    assert board[cases["hmip"]]["Person"].startswith("PERSON-")

    admin = _tracker(engine, people["hmip_admin"], tmp_path / "admin.csv")
    assert not [r for r in admin.values() if NAME in r["Person"] or NUMBER in r["Prison number"]]


def test_the_snippet_of_a_pseudonymised_case_is_redacted(
    engine: Engine, people: dict[str, Actor], cases: dict[str, str]
) -> None:
    with Session(engine) as session:
        page = _listed(session, people["ppo"])
    rows = {r.reference: r for r in page.rows}
    assert rows[cases["home"]].snippet.startswith("[PERSON] ([PRISON NUMBER]) was moved")
    assert not rows[cases["home"]].identified
    assert rows[cases["ppo"]].snippet.startswith(NAME) and rows[cases["ppo"]].identified
    assert {r.reference for r in page.rows} >= {cases["home"], cases["handed"]}


#: Words of an account (none of them like a generated name: see the assume() below).
FILLER = ["officer", "moved", "me", "to", "the", "segregation", "unit", "after", "visits"]
_name_part = st.from_regex(r"[A-Z][a-z]{3,9}", fullmatch=True)
_SPELLINGS: list[Callable[[str], str]] = [
    str, str.upper, str.lower, "{}'s".format, "{}’s".format, "{}s".format, "{}-ward".format
]  # fmt: skip


@hypothesis_settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    first=_name_part,
    last=_name_part,
    spellings=st.lists(st.sampled_from(_SPELLINGS), min_size=1, max_size=4),
    filler=st.lists(st.sampled_from(FILLER), min_size=3, max_size=25),
    searched=st.sampled_from(["{first}", "{last}", "{first} {last}", "{first}'s"]),
)
def test_a_name_in_the_narrative_never_finds_a_case_read_pseudonymised(
    first: str,
    last: str,
    spellings: list[Callable[[str], str]],
    filler: list[str],
    searched: str,
) -> None:
    """Whatever way the name is written in the account, searching by it finds nothing."""
    # (a name that looks like an ordinary word of the account would be found by that word)
    assume(all(fuzz.ratio(part.lower(), w) < 60 for part in (first, last) for w in FILLER))
    written = [spell(part) for spell in spellings for part in (first, last)]
    narrative = " ".join(filler[:2] + written + filler[2:] + [f"{first} {last}", "A1234BC"])
    case = SanctionCase(
        reference="SAN-2026-00001", receiving_organisation="IMB", narrative=narrative,
        person_name=f"{first} {last}", prison_number="A1234BC",
    )  # fmt: skip
    plan = plan_search(searched.format(first=first, last=last))
    assume(not plan.places)  # the name is not also an establishment's
    hidden = score_case(plan, case, None, CaseRedactor.for_case(case))
    assert hidden < SEARCH_CUTOFF
    assert score_case(plan, case, None) >= SEARCH_CUTOFF  # the receiving body finds it
    by_number = score_case(plan_search("A1234BC"), case, None, CaseRedactor.for_case(case))
    assert by_number < SEARCH_CUTOFF
