"""Issue 15: a new allegation about the same person and establishment within 90 days is offered
as a link to the earlier case (same number, or a similar name), and a person decides; nothing is
merged."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlmodel import Session, select

from backoffice.case_view import show_case
from backoffice.duplicates import same_person_reasons
from intake.core.clock import utcnow
from intake.core.db.models import AuditEvent, SanctionCase
from intake.core.settings import Settings
from intake.core.submission import PersonDetails
from tests.support.cli import cli_env, run_cli
from tests.support.factories import Staff, SubmitFn, ViewFn


def _person(name: str | None, number: str | None = None) -> PersonDetails:
    return PersonDetails(name=name, prison_number=number)


def _offered(view: ViewFn, reference: str) -> dict[str, list[str]]:
    return {e.reference: e.reasons for e in view(reference).earlier_cases}


def _received_days_ago(engine: Engine, reference: str, days: int) -> None:
    with Session(engine) as session:
        case = session.exec(select(SanctionCase).where(SanctionCase.reference == reference)).one()
        session.execute(
            SanctionCase.__table__.update()  # type: ignore[attr-defined]
            .where(SanctionCase.__table__.c.id == case.id)  # type: ignore[attr-defined]
            .values(created_at=utcnow() - timedelta(days=days))
        )
        session.commit()


def test_the_same_prison_number_is_offered_without_revealing_it(
    submit: SubmitFn, view: ViewFn
) -> None:
    earlier = submit(person=_person("Jordan Example", "A1234BC"))
    later = submit(person=_person("Jordan Exemple", "a 1234 bc"))
    assert _offered(view, later) == {earlier: ["same prison number", "similar name"]}
    assert _offered(view, earlier) == {}  # only earlier cases are offered


@pytest.mark.parametrize(
    ("first", "second"),
    [("J. Smith", "John Smith"), ("Smith, John", "John Smith"), ("Jon Smyth", "Jon Smith")],
)
def test_similar_names_are_offered(submit: SubmitFn, view: ViewFn, first: str, second: str) -> None:
    earlier = submit(person=_person(first))
    later = submit(person=_person(second))
    assert _offered(view, later) == {earlier: ["similar name"]}


def test_other_people_other_places_and_old_cases_are_not_offered(
    submit: SubmitFn, view: ViewFn, staff: Staff, engine: Engine
) -> None:
    submit(person=_person("Kai Other", "B9999ZZ"))
    submit(person=_person("Jordan Example", "A1234BC"), establishment_id=staff.away_id)
    old = submit(person=_person("Jordan Example", "A1234BC"))
    _received_days_ago(engine, old, 91)
    recent = submit(person=_person("Jordan Example", "A1234BC"))
    _received_days_ago(engine, recent, 89)
    later = submit(person=_person("Jordan Example", "A1234BC"))
    assert list(_offered(view, later)) == [recent]


def test_linking_is_recorded_audited_and_merges_nothing(
    submit: SubmitFn, view: ViewFn, settings: Settings, engine: Engine
) -> None:
    earlier = submit(person=_person("Jordan Example", "A1234BC"))
    later = submit(person=_person("Jordan Example", "A1234BC"))
    env = cli_env(settings)
    shown = run_cli("backoffice", "--as", "Ian Board", "show", later, env=env)
    assert f"Possibly the same person as {earlier}" in shown.stdout
    assert "A1234BC" not in shown.stdout.split("Possibly the same person")[1]
    done = run_cli("backoffice", "--as", "Ian Board", "link", later, earlier, env=env)
    assert done.returncode == 0, done.stderr
    assert f"earlier case {earlier} linked" in done.stdout
    after = view(later)
    assert after.earlier_cases == []
    assert [(x.earlier_reference, x.decision) for x in after.links] == [
        (earlier, "linked: the same person and matter")
    ]
    assert view(earlier).summary.status == "received"  # nothing merged or closed
    with Session(engine) as session:
        actions = session.exec(select(AuditEvent.action, AuditEvent.actor_name)).all()
    assert ("case.linked", "Ian Board") in actions
    again = run_cli("backoffice", "--as", "Ian Board", "link", later, earlier, env=env)
    assert again.returncode == 4 and "already decided" in again.stderr


def test_not_the_same_person_is_set_aside_with_its_reason(
    submit: SubmitFn, view: ViewFn, settings: Settings
) -> None:
    earlier = submit(person=_person("John Smith"))
    later = submit(person=_person("J. Smith"))
    done = run_cli(
        "backoffice", "--as", "Ian Board", "link", later, earlier, "--not-same",
        "--reason", "Different men: one on A wing, one on the 4s", env=cli_env(settings),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    links = view(later).links
    assert links[0].decision == "not the same" and "Different men" in (links[0].reason or "")
    assert view(later).earlier_cases == []


def test_only_earlier_cases_the_reader_may_see_are_offered(
    submit: SubmitFn, staff: Staff, engine: Engine
) -> None:
    earlier = submit(person=_person("Jordan Example", "A1234BC"))
    later = submit(person=_person("Jordan Example", "A1234BC"))
    with Session(engine) as session:
        # The intake user who recorded both sees both; a Board sees only its own.
        seen = show_case(session, actor=staff.intake, reference=later).earlier_cases
        assert [e.reference for e in seen] == [earlier]


_NAMES = st.text(st.characters(codec="utf-8"), max_size=60)


@given(_NAMES, _NAMES, st.one_of(st.none(), _NAMES))
def test_any_names_and_numbers_are_compared_without_failing(
    a: str, b: str, number: str | None
) -> None:
    one = SanctionCase(reference="X", receiving_organisation="IMB", narrative="n",
                       person_name=a, prison_number=number)  # fmt: skip
    two = SanctionCase(reference="Y", receiving_organisation="IMB", narrative="n",
                       person_name=b, prison_number=number)  # fmt: skip
    reasons = same_person_reasons(one, two)
    assert set(reasons) <= {"same prison number", "same Home Office reference", "similar name"}
