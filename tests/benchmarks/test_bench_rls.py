"""Benchmark (PostgreSQL): the queue's first page and a search at 100,000 cases, with the
row-level security policies on (staff connected as their own roles) and off (the owner, who
bypasses them). Prints medians and their ratio; asserts none.

Run: ``.ci/with-postgres .venv/bin/pytest -q -m benchmark -s tests/benchmarks/test_bench_rls.py``
"""

from __future__ import annotations

import statistics
import time
import uuid
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, make_url, text
from sqlmodel import Session, select

from backoffice.queue import list_queue
from intake.core.db.models import Establishment
from intake.core.db.rls import enable_row_level_security
from intake.core.settings import Settings
from intake.core.users import Actor, UserCreate, create_user
from intake.core.vocabulary import Organisation, Role
from tests.benchmarks.test_bench_queue import CASES, _build

pytestmark = [pytest.mark.benchmark, pytest.mark.postgres_only]
RUNS = 7


@pytest.fixture(autouse=True)
def only_when_asked(request: pytest.FixtureRequest) -> None:
    if "benchmark" not in (request.config.getoption("-m") or ""):
        pytest.skip("benchmark: run with -m benchmark -s")


def _median_ms(call: Callable[[], Any]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        call()
        times.append(1000 * (time.perf_counter() - started))
    return statistics.median(times)


def _staff(engine: Engine, role: str) -> tuple[Actor, Actor]:
    with Session(engine) as session:
        home = session.exec(
            select(Establishment.id).where(Establishment.name == "HMP Wandsworth")
        ).one()
        hmip = create_user(
            session,
            data=UserCreate(
                name="Bench HMIP", role=Role.TRIAGE, organisation=Organisation.HMIP, db_role=role
            ),
        )
        imb = create_user(
            session,
            data=UserCreate(
                name="Bench IMB", role=Role.TRIAGE, organisation=Organisation.IMB,
                establishment_id=home, db_role=f"{role}_imb",
            ),
        )  # fmt: skip
        session.commit()
        return Actor.from_user(hmip), Actor.from_user(imb)


def test_queue_and_search_with_and_without_the_policies(engine: Engine, settings: Settings) -> None:
    started = time.perf_counter()
    _build(engine)
    print(f"\nbuilt {CASES:,} cases in {time.perf_counter() - started:.1f}s")
    role = f"bench_{uuid.uuid4().hex[:8]}"
    hmip, imb = _staff(engine, role)
    with engine.begin() as connection:
        enable_row_level_security(connection)
        for name in (role, f"{role}_imb"):
            connection.execute(text(f"CREATE ROLE {name} LOGIN PASSWORD 'pw'"))
            # As the README grants a member of staff's role: reading a case writes an audit event.
            connection.execute(
                text(f"GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO {name}")
            )
            connection.execute(
                text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {name}")
            )
        connection.execute(text("ANALYZE"))
    url = make_url(settings.effective_database_url)
    as_staff = {
        hmip.name: create_engine(url.set(username=role, password="pw")),
        imb.name: create_engine(url.set(username=f"{role}_imb", password="pw")),
    }
    try:
        print(f"{'':44} {'owner':>9} {'own role':>9} {'ratio':>6}")
        for label, actor, search in [
            ("HMIP first queue page", hmip, None),
            ("IMB first queue page (one Board)", imb, None),
            ("HMIP search 'segregation'", hmip, "segregation"),
        ]:
            timings = []
            for bound in (engine, as_staff[actor.name]):
                with Session(bound) as session:
                    list_queue(session, actor=actor, search=search)  # warm
                    timings.append(
                        _median_ms(partial(list_queue, session, actor=actor, search=search))
                    )
            ratio = timings[1] / timings[0]
            print(f"{label:44} {timings[0]:7.1f}ms {timings[1]:7.1f}ms {ratio:6.2f}")
    finally:
        for own in as_staff.values():
            own.dispose()
        with engine.begin() as connection:
            for name in (role, f"{role}_imb"):
                connection.execute(text(f"DROP OWNED BY {name}"))
                connection.execute(text(f"DROP ROLE {name}"))
