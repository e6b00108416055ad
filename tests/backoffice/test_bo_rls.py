"""Need to know in PostgreSQL itself: a query that forgets the filter still sees only what the
services would show. Each member of staff connects as their own login role; the oracle is the
services' own rule (``backoffice.access.can_see``), so the policies and the services agree.
The policies are applied by the migrations (0007), as on any team's server."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, make_url, text
from sqlmodel import Session, select

from backoffice.access import can_see
from backoffice.queue import QueueFilters, list_queue
from intake.core.db.models import SanctionCase, User
from intake.core.settings import Settings
from intake.core.users import Actor
from tests.support.cli import run_cli
from tests.support.factories import Staff, SubmitFn

pytestmark = pytest.mark.postgres_only
GRANTS = (
    "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
    "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
)


@pytest.fixture
def own_roles(engine: Engine, settings: Settings, staff: Staff) -> Iterator[dict[str, Engine]]:
    """Every member of staff mapped to a login role of their own; engines connected as them."""
    url = make_url(settings.effective_database_url)
    engines: dict[str, Engine] = {}
    roles: list[str] = []
    with engine.begin() as connection:
        for user in connection.execute(select(User.id, User.name)).all():
            role = f"staff_{uuid.uuid4().hex[:10]}"
            roles.append(role)
            connection.execute(text(f"CREATE ROLE {role} LOGIN PASSWORD 'pw-{role}'"))
            connection.execute(
                text(
                    f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}"
                )
            )
            connection.execute(
                text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}")
            )
            connection.execute(
                text("UPDATE app_user SET db_role = :role WHERE id = :id"),
                {"role": role, "id": user.id},
            )
            engines[user.name] = create_engine(url.set(username=role, password=f"pw-{role}"))
    yield engines
    for own in engines.values():
        own.dispose()
    with engine.begin() as connection:
        for role in roles:
            connection.execute(text(f"DROP OWNED BY {role}"))
            connection.execute(text(f"DROP ROLE {role}"))


def _cases(staff: Staff, submit: SubmitFn) -> None:
    submit()  # at HMP Wandsworth (the IMB's home Board), recorded by staff.intake
    submit(establishment_id=staff.away_id)  # at HMP Belmarsh


def _everyone(staff: Staff) -> list[Actor]:
    return [
        staff.hmip, staff.hmip_supervisor, staff.imb, staff.imb_away, staff.imb_supervisor,
        staff.imb_home_supervisor, staff.imb_lead, staff.ppo, staff.intake, staff.intake2,
    ]  # fmt: skip


def test_a_raw_query_sees_only_what_the_services_would_show(
    engine: Engine, staff: Staff, submit: SubmitFn, own_roles: dict[str, Engine]
) -> None:
    _cases(staff, submit)
    with Session(engine) as session:
        cases = list(session.exec(select(SanctionCase)).all())
    assert len(cases) == 2
    for actor in _everyone(staff):
        expected = {c.reference for c in cases if can_see(actor, c)}
        with own_roles[actor.name].connect() as connection:
            seen = {r for (r,) in connection.execute(text("SELECT reference FROM sanction_case"))}
            tasks = connection.execute(text("SELECT count(DISTINCT case_id) FROM workflow_task"))
            consents = connection.execute(text("SELECT count(*) FROM consent_record")).scalar()
            with_tasks = tasks.scalar()
        assert seen == expected, actor.name
        assert with_tasks == len(expected), actor.name  # every case has a step-2 task
        assert consents == len(expected), actor.name  # one consent snapshot per case


def test_the_services_work_under_the_policies(
    staff: Staff, submit: SubmitFn, own_roles: dict[str, Engine]
) -> None:
    _cases(staff, submit)
    with Session(own_roles[staff.imb.name]) as session:
        page = list_queue(session, actor=staff.imb, filters=QueueFilters(open_only=False))
    assert [r.establishment for r in page.rows] == ["HMP Wandsworth"]
    with Session(own_roles[staff.imb.name]) as session:
        forgot = list_queue(session, actor=staff.imb_lead, filters=QueueFilters(open_only=False))
    # the services asked for the national lead's view, but the database knows who connected
    assert [r.establishment for r in forgot.rows] == ["HMP Wandsworth"]


def test_the_command_line_works_for_a_person_on_their_own_role(
    staff: Staff, submit: SubmitFn, own_roles: dict[str, Engine], settings: Settings
) -> None:
    """Start-up checks (the audit chain's) must not mistake rows hidden by the policies for
    rows deleted: a person connected as their own role works normally."""
    _cases(staff, submit)
    own = own_roles[staff.imb.name].url.render_as_string(hide_password=False)
    env = {"SANCTIONS_DATABASE_URL": own, "SANCTIONS_DATA_DIR": str(settings.data_dir)}
    queue = run_cli("backoffice", "queue", "--all", "--json", env=env)
    assert queue.returncode == 0, queue.stderr
    assert [r["establishment"] for r in json.loads(queue.stdout)["rows"]] == ["HMP Wandsworth"]
    ref = json.loads(queue.stdout)["rows"][0]["reference"]
    shown = run_cli("backoffice", "show", ref, env=env)
    assert shown.returncode == 0, shown.stderr
