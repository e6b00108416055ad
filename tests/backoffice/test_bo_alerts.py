"""Pattern alerts (issue 16 point 2): one establishment, wing or described member of staff in
several allegations within a window; the leads see them with the cases they may see, record
what was done, and no alert ever shows who a person is."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from sqlalchemy import Engine, text
from sqlmodel import Session, col, select

from backoffice.alerts import group_names, staff_keys, wings
from intake.core.clock import utcnow
from intake.core.db.models import Answer, AuditEvent, InterviewDraft
from intake.core.settings import Settings
from intake.core.submission import PersonDetails, submit_case
from tests.support.cli import cli_env, run_cli
from tests.support.factories import Staff, classified, make_submission

#: The people of the cases: none of their names, numbers or cells may appear in an alert.
PEOPLE = [
    ("Jordan Example", "A1234BC", "B wing, cell 12"),
    ("Daniel Okafor", "A4821KD", "B-wing cell 3"),
    ("Precious Adeyemi", "B7777XY", "healthcare"),
    ("Sam Reid", "C1111ZZ", "cell 40"),
]
NARRATIVE = (
    "The day after I wrote to the IMB, officer price moved me off the wing to a cell with no "
    "window and said that is what you get for going to the Board."
)


def _case(
    engine: Engine,
    settings: Settings,
    staff: Staff,
    person: tuple[str, str, str],
    *,
    staff_answer: str = "skip",
    when_where: str = "skip",
    establishment: int | None = None,
    narrative: str = NARRATIVE,
) -> str:
    """A case from an interview whose "which staff" and "when and where" answers are given."""
    name, number, location = person
    with Session(engine) as session:
        draft = InterviewDraft(user_id=staff.intake.id)
        session.add(draft)
        session.flush()
        assert draft.id is not None
        for seq, (key, answer) in enumerate(
            [("staff_involved", staff_answer), ("when_where", when_where)], start=1
        ):
            session.add(Answer(draft_id=draft.id, seq=seq, key=key, question=key, answer=answer))
        submission = make_submission(
            staff.home_id if establishment is None else establishment,
            draft_id=draft.id,
            person=PersonDetails(name=name, prison_number=number, location=location),
            **classified(narrative),
        )
        case = submit_case(session, submission=submission, actor=staff.intake, settings=settings)
        session.commit()
        return case.reference


def _home_pattern(engine: Engine, settings: Settings, staff: Staff) -> list[str]:
    """Four allegations at HMP Wandsworth: three about Officer Price (written three ways, one
    only in the account), three on B wing; three naming "Mr Okafor", who is a prisoner."""
    return [
        _case(engine, settings, staff, PEOPLE[0], staff_answer="Officer Price",
              when_where="on B wing after dinner"),
        _case(engine, settings, staff, PEOPLE[1], staff_answer="Mr Price and Mr Okafor"),
        _case(engine, settings, staff, PEOPLE[2], staff_answer="mr okafor",
              when_where="landing 2, b wing"),
        _case(engine, settings, staff, PEOPLE[3], staff_answer="Mr Okafor (night shift)",
              narrative="Since I spoke to the inspectors my canteen has gone missing."),
    ]  # fmt: skip


def _alerts(settings: Settings, user: str, *args: str, **env: str) -> dict[str, Any]:
    result = run_cli("backoffice", "--as", user, "alerts", *args, "--json",
                     env=cli_env(settings, **env))  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _by_kind(found: dict[str, Any]) -> dict[str, list[str]]:
    kinds: dict[str, list[str]] = {}
    for alert in found["alerts"]:
        kinds.setdefault(alert["kind"], []).append(alert["label"])
    return kinds


def test_establishment_wing_and_staff_alerts_with_the_cases(
    engine: Engine, settings: Settings, staff: Staff
) -> None:
    refs = _home_pattern(engine, settings, staff)
    found = _alerts(settings, "Nia National")  # the IMB national lead: identified (IMB's cases)
    kinds = _by_kind(found)
    assert kinds["establishment"] == ["HMP Wandsworth"]
    assert kinds["wing"] == ["B wing at HMP Wandsworth"]
    assert kinds["staff"] == ["Staff described as Price at HMP Wandsworth"]
    price = next(a for a in found["alerts"] if a["kind"] == "staff")
    assert price["references"] == refs[:3] and price["count"] == 3
    assert price["key"] == f"staff-{staff.home_id}-price"
    # "Mr Okafor" is named three times, but Okafor is a prisoner's name: never an alert
    assert not any("Okafor" in a["label"] for a in found["alerts"])


def test_no_alert_ever_shows_who_a_person_is(
    engine: Engine, settings: Settings, staff: Staff
) -> None:
    _home_pattern(engine, settings, staff)
    for user in ("Nia National", "Dee Deputy", "Hugh Boardchair", "Sam Super", "Pia Super"):
        for args in ((), ("--json",)):
            result = run_cli("backoffice", "--as", user, "alerts", *args, env=cli_env(settings))
            assert result.returncode == 0, result.stderr
            out = result.stdout.lower()
            for name, number, _ in PEOPLE:
                for part in name.lower().split():
                    assert part not in out, (user, part)
                assert number.lower() not in out, (user, number)
            for said in ("cell 12", "cell 3", "cell 40", "no window", "canteen"):
                assert said not in out, (user, said)  # no location, nothing of the account


def test_a_location_counts_only_for_those_identified_to_the_case(
    engine: Engine, settings: Settings, staff: Staff
) -> None:
    _home_pattern(engine, settings, staff)
    kinds = _by_kind(_alerts(settings, "Dee Deputy"))  # HMIP lead: reads IMB's cases pseudonymised
    assert "wing" not in kinds
    assert kinds["staff"] == ["Staff described as Price at HMP Wandsworth"]


def test_an_imb_board_sees_alerts_about_its_establishment_only(
    engine: Engine, settings: Settings, staff: Staff
) -> None:
    _home_pattern(engine, settings, staff)
    for person in PEOPLE[:3]:
        _case(engine, settings, staff, person, establishment=staff.away_id)
    everyone = _by_kind(_alerts(settings, "Sam Super"))["establishment"]
    assert everyone == ["HMP Wandsworth", "HMP Belmarsh"]
    home = _alerts(settings, "Hugh Boardchair")
    assert home["scope"] == "HMP Wandsworth (your Board)"
    assert {a["establishment"] for a in home["alerts"]} == {"HMP Wandsworth"}
    away = _alerts(settings, "Isla Super")
    assert [a["label"] for a in away["alerts"]] == [  # Price only in the accounts there
        "HMP Belmarsh",
        "Staff described as Price at HMP Belmarsh",
    ]


def test_the_window_and_the_number_are_settable(
    engine: Engine, settings: Settings, staff: Staff
) -> None:
    refs = _home_pattern(engine, settings, staff)
    assert len(_alerts(settings, "Nia National", SANCTIONS_ALERTS__MIN_CASES="4")["alerts"]) == 1
    with engine.begin() as connection:  # the first case was received 100 days ago
        connection.execute(
            text("UPDATE sanction_case SET created_at = :at WHERE reference = :ref"),
            {"at": utcnow() - timedelta(days=100), "ref": refs[0]},
        )
    kinds = _by_kind(_alerts(settings, "Nia National"))  # 90 days by default
    assert kinds == {"establishment": ["HMP Wandsworth"]}
    longer = _alerts(settings, "Nia National", "--window", "120")
    assert len(longer["alerts"]) == 3 and longer["window_days"] == 120


def test_a_lead_records_what_was_done_and_it_is_audited(
    engine: Engine, settings: Settings, staff: Staff
) -> None:
    _home_pattern(engine, settings, staff)
    key = f"staff-{staff.home_id}-price"
    env = cli_env(settings)
    done = run_cli("backoffice", "--as", "Dee Deputy", "alerts", "record", key, "--note",
                   "Raised with the Governor; Price moved off B wing", env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "recorded what was done about: Staff described as Price" in done.stdout
    own = run_cli("backoffice", "--as", "Sam Super", "alerts", env=env).stdout
    assert "Raised with the Governor" in own and "by Dee Deputy (HMIP)" in own
    other = run_cli("backoffice", "--as", "Nia National", "alerts", env=env).stdout
    assert "Raised with the Governor" not in other and "(a note by HMIP)" in other
    with Session(engine) as session:
        events = session.exec(
            select(AuditEvent).where(col(AuditEvent.action) == "alert.action_recorded")
        ).all()
    assert len(events) == 1 and (events[0].after or {})["key"] == key
    unknown = run_cli("backoffice", "--as", "Dee Deputy", "alerts", "record", "staff-1-nobody",
                      "--note", "x", env=env)  # fmt: skip
    assert unknown.returncode == 1 and "no pattern alert" in unknown.stderr


# ---- the staff description, normalised ----------------------------------------------------------


def test_staff_descriptions_group_as_people_write_them() -> None:
    for written in ("Officer Price", "Mr Price", "officer price", "OFFICER  PRICE", "Mr. Price's"):
        assert staff_keys(written) == ["price"], written
    assert staff_keys("Officer Price and OSG Khan") == ["price", "khan"]
    assert staff_keys("Dave") == ["dave"]
    assert staff_keys("skip") == staff_keys("the officers on the wing") == []
    assert group_names(["price", "pryce", "dale"]) == {"price": "price", "pryce": "price",
                                                       "dale": "dale"}  # fmt: skip
    assert wings("B wing, cell 12") == ["B wing"] and wings("wing c") == ["C wing"]
    assert wings("moved to a wing with no window") == []
    assert wings("down the seg") == ["segregation"]


_NAMES = st.text(alphabet=st.characters(categories=["Ll"], max_codepoint=0x7A), min_size=3,
                 max_size=12).filter(lambda n: staff_keys(f"Officer {n}") != [])  # fmt: skip


@hsettings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_read_without_a_crash(value: str) -> None:
    keys = staff_keys(value)
    assert all(k and k == k.lower() for k in keys)
    wings(value)


@hsettings(max_examples=200, deadline=None)
@given(_NAMES, st.sampled_from(["Officer", "officer", "Mr", "MR", "Miss", "osg"]),
       st.sampled_from([" ", "  ", "\t", " \n "]))  # fmt: skip
def test_case_and_space_variants_are_one_group(name: str, title: str, space: str) -> None:
    plain = staff_keys(f"Officer {name}")
    assert staff_keys(f"{title}{space}{name.upper()}") == plain
    assert staff_keys(f"{title}{space}{name.capitalize()}") == plain
