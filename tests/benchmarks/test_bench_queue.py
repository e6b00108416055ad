"""Benchmark: the queue, a search and a case at 100,000 cases. Prints timings; asserts none.

Run with ``pytest -m benchmark -s tests/benchmarks``; skipped in the ordinary run.

The fixture builds the database with bulk SQLAlchemy core inserts: fast, and outside the ORM,
so the app's rule that every change to a case goes through ``intake.core.audit`` (an ORM flush
check) does not apply to it. That rule is for the application; this is test data. Each case
still gets the sealed first event of its audit chain, as a real case does, so the tamper check
run before normal work finds every chain intact.
"""

from __future__ import annotations

import random
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, func, insert, select
from sqlmodel import Session, col

from backoffice.case_view import show_case
from backoffice.insights import build_insights
from backoffice.queue import QueueFilters, list_queue
from backoffice.service import BackofficeService, QueueQuery
from backoffice.tracker import export_tracker
from intake.core.audit_chain.check import set_checkpoint
from intake.core.audit_chain.hashing import case_chain, event_hash, genesis
from intake.core.db.engine import open_database
from intake.core.db.models import (
    AuditChainHead,
    AuditEvent,
    ConsentRecord,
    Establishment,
    SanctionCase,
    TrackerEntry,
    WorkflowTask,
)
from intake.core.identity import system_login
from intake.core.risk import risk_rank
from intake.core.settings import load_settings
from intake.core.users import Actor, UserCreate, create_user
from intake.core.vocabulary import Organisation, RiskLevel, Role

pytestmark = pytest.mark.benchmark

CASES = 100_000
BATCH = 5_000
RISKS = ("immediate", "high", "standard", "standard", "standard")
STATUSES = ("received", "confirmed", "logged", "consulted", "briefed", "investigating", "closed")
TEXT = (
    "officer moved me to the segregation unit after I spoke to the board my visits were "
    "cancelled letters opened lost my job in the kitchen threatened on the landing canteen "
    "phone credit removed medication late recategorised transferred shouted at humiliated"
)
WORDS = TEXT.split()


@pytest.fixture(scope="module", autouse=True)
def only_when_asked(request: pytest.FixtureRequest) -> None:
    if "benchmark" not in (request.config.getoption("-m") or ""):
        pytest.skip("benchmark: run with -m benchmark -s")


FIRST = ("Jordan", "Sam", "Alex", "Chris", "Danny", "Lee", "Ryan", "Jamie", "Kyle", "Mo")
LAST = ("Smith", "Jones", "Okafor", "Patel", "Williams", "Brown", "Khan", "Murphy", "Evans")
PEOPLE = 80_000


def _prison_number(person: int) -> str:
    return f"{'ABCDEFGH'[person // 10_000]}{person % 10_000:04d}BC"


def _narrative(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(25, 60))).capitalize() + "."


def _case_rows(
    start: int, count: int, places: list[int], rng: random.Random
) -> list[dict[str, object]]:
    base = datetime(2025, 1, 1, tzinfo=UTC)
    rows: list[dict[str, object]] = []
    for number in range(start, start + count):
        risk = rng.choice(RISKS)
        ask_now = number % 7 == 0  # a possible immediate risk: first within its level
        rows.append(
            {
                "uuid": f"bench-{number}",
                "reference": f"SAN-2025-{number:06d}",
                "status": rng.choice(STATUSES),
                "receiving_organisation": rng.choice(("HMIP", "IMB", "PPO")),
                "establishment_id": rng.choice(places),
                # one person in five has an earlier case: the tracker's pseudonyms repeat
                "person_name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                "prison_number": _prison_number(number % PEOPLE),
                "raised_by": "person",
                "bodies": ["IMB"],
                "narrative": _narrative(rng),
                "qualifies": "yes",
                "categories": ["isolation"],
                "severity": "standard",
                "route": "sanction_protocol",
                "risk_level": risk,
                "risk_rank": risk_rank(RiskLevel(risk), possible_immediate_risk=ask_now),
                "possible_immediate_risk": ask_now,
                "overridden": number % 50 == 0,
                "awaiting_supervisor": False,
                "is_demo": False,
                "created_at": base + timedelta(minutes=number * 5),
                "updated_at": base + timedelta(minutes=number * 5),
                "version": 1,
            }
        )
    return rows


def _build(engine: Engine) -> None:
    rng = random.Random(42)
    with engine.begin() as connection:
        ids = connection.execute(select(col(Establishment.id))).scalars()
        places = [pk for pk in ids if pk is not None]  # stored rows: every id is set
        for start in range(1, CASES + 1, BATCH):
            connection.execute(
                insert(SanctionCase), _case_rows(start, min(BATCH, CASES + 1 - start), places, rng)
            )
        today = datetime.now(UTC).date()
        tasks = [
            {
                "case_id": case_id,
                "step": 2,
                "title": "Confirm it qualifies",
                "owner_organisation": "HMIP",
                "due": today - timedelta(days=1 if case_id % 10 == 0 else -5),
                "created_at": datetime.now(UTC),
                "duty": None,
                "done_at": None,
            }
            for case_id in range(1, CASES + 1, 3)
        ]
        # Every case logged on the tracker, with a duty done and IMB monitoring open: the
        # export reads all of them (the tracker is the cases logged at step 3).
        now = datetime.now(UTC)
        tasks += [
            {"case_id": case_id, "step": None, "duty": duty, "title": duty,
             "owner_organisation": "IMB", "due": today, "created_at": now,
             "done_at": now if duty == "inform_partners" else None}
            for case_id in range(1, CASES + 1)
            for duty in ("inform_partners", "imb_monitoring")
        ]  # fmt: skip
        for start in range(0, len(tasks), BATCH):
            connection.execute(insert(WorkflowTask), tasks[start : start + BATCH])
        logged = [
            {"case_id": case_id, "logged_at": now, "step_dates": {"3": today.isoformat()}}
            for case_id in range(1, CASES + 1)
        ]
        for start in range(0, len(logged), BATCH):
            connection.execute(insert(TrackerEntry), logged[start : start + BATCH])
        # the consent asked at intake: most consent, some anonymously, a few decline
        consents = [
            {"case_id": case_id, "kind": "intake", "given_by": "person",
             "pursue": case_id % 10 != 0, "share_identity": case_id % 3 != 0,
             "imb_enquiries": True, "refer_without_consent": False, "recorded_at": now}
            for case_id in range(1, CASES + 1)
        ]  # fmt: skip
        for start in range(0, len(consents), BATCH):
            connection.execute(insert(ConsentRecord), consents[start : start + BATCH])
        _seal_first_events(connection)


def _seal_first_events(connection: Connection) -> None:
    """One sealed 'case received' event per case, the chain heads and the checkpoint."""
    at = datetime(2025, 1, 1, tzinfo=UTC)
    for start in range(1, CASES + 1, BATCH):
        events, heads = [], []
        for case_id in range(start, min(start + BATCH, CASES + 1)):
            chain = case_chain(case_id)
            fields = {
                "case_id": case_id, "actor_id": None, "actor_name": "bench", "at": at,
                "action": "case.received", "entity": "case", "entity_id": case_id,
                "before": None, "after": None, "reason": None, "chain": chain,
                "prev_hash": genesis(chain),
            }  # fmt: skip
            events.append({**fields, "hash": event_hash(fields)})
            heads.append({"chain": chain, "count": 1, "hash": events[-1]["hash"]})
        connection.execute(insert(AuditEvent), events)
        connection.execute(insert(AuditChainHead), heads)
    newest = connection.execute(select(func.max(col(AuditEvent.id)))).scalar_one()
    assert newest is not None
    set_checkpoint(connection, newest)


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, Actor, Actor]]:
    folder = tmp_path_factory.mktemp("bench")
    settings = load_settings(data_dir=folder, database_url=f"sqlite:///{folder / 'big.db'}")
    engine = open_database(settings)
    started = time.perf_counter()
    _build(engine)
    print(f"\nbuilt {CASES:,} cases in {time.perf_counter() - started:.1f}s")
    with Session(engine) as session:
        wandsworth = session.scalars(
            select(col(Establishment.id)).where(col(Establishment.name) == "HMP Wandsworth")
        ).one()
        hmip = create_user(
            session,
            data=UserCreate(
                os_login=system_login(),
                name="Bench HMIP",
                role=Role.TRIAGE,
                organisation=Organisation.HMIP,
            ),
        )
        imb = create_user(
            session,
            data=UserCreate(
                os_login=system_login(),
                name="Bench IMB",
                role=Role.TRIAGE,
                organisation=Organisation.IMB,
                establishment_id=wandsworth,
            ),
        )
        session.commit()
        actors = (Actor.from_user(hmip), Actor.from_user(imb))
    yield engine, *actors
    engine.dispose()


def _timed(label: str, call: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    result = call()
    print(f"{label:48} {1000 * (time.perf_counter() - started):8.1f} ms")
    return result


def _peak(label: str, call: Callable[[], Any]) -> None:
    """The most memory Python held during the call (tracemalloc: slower, so timed apart)."""
    tracemalloc.start()
    try:
        call()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    print(f"{label:48} {peak / 2**20:8.1f} MiB")


def test_queue_and_search_at_100k(big: tuple[Engine, Actor, Actor], tmp_path: Path) -> None:
    engine, hmip, imb = big
    with Session(engine) as session:
        first = _timed("first queue page", lambda: list_queue(session, actor=hmip))
        _timed("queue page 400", lambda: list_queue(session, actor=hmip, page=400))
        _timed(
            "overdue filter, first page",
            lambda: list_queue(session, actor=hmip, filters=QueueFilters(overdue=True)),
        )
        _timed(
            "overridden filter, first page",
            lambda: list_queue(session, actor=hmip, filters=QueueFilters(overridden=True)),
        )
        _timed("IMB user (one establishment), first page", lambda: list_queue(session, actor=imb))
        found = _timed(
            "search 'segregation'", lambda: list_queue(session, actor=hmip, search="segregation")
        )
        _timed(
            "search with typo 'segragation unti'",
            lambda: list_queue(session, actor=hmip, search="segragation unti"),
        )
        _timed(
            "search establishment 'wandsworth'",
            lambda: list_queue(session, actor=hmip, search="wandsworth"),
        )
        _timed(
            "search reference '2025-099999'",
            lambda: list_queue(session, actor=hmip, search="2025-099999"),
        )
        ref = first.rows[0].reference
        _timed("case view", lambda: show_case(session, actor=hmip, reference=ref))
        start, end = date(2025, 1, 1), date(2025, 12, 31)
        seen = _timed(
            "insights, every case of 2025 (HMIP lead)",
            lambda: build_insights(session, actor=_lead(hmip), date_from=start, date_to=end),
        )
        _timed(
            "insights, one Board's cases of 2025 (IMB triage)",
            lambda: build_insights(session, actor=imb, date_from=start, date_to=end),
        )
        for fmt in ("csv", "xlsx"):
            out = tmp_path / f"t.{fmt}"
            export = partial(export_tracker, session, actor=_lead(hmip), out=out, fmt=fmt)
            _timed(f"tracker export, {fmt.upper() if fmt == 'csv' else fmt}, all cases", export)
            _peak(f"tracker export, {fmt}: peak memory", export)
    assert first.rows and found.rows and seen.total  # timings are printed, not asserted


def test_tui_requests_at_100k(big: tuple[Engine, Actor, Actor], tmp_path: Path) -> None:
    """What the back-office TUI asks for as a person uses it, timed the same way."""
    engine, hmip, imb = big
    settings = load_settings(data_dir=tmp_path, database_url=str(engine.url))
    client = BackofficeService(engine=engine, settings=settings, actor=hmip)
    first = _timed("TUI: queue opens (first page)", lambda: client.queue(QueueQuery()))
    _timed("TUI: pgdn (page 2)", lambda: client.queue(QueueQuery(page=2)))
    _timed("TUI: filter overdue", lambda: client.queue(QueueQuery(overdue=True)))
    _timed("TUI: typed search 'wandswoth'", lambda: client.queue(QueueQuery(search="wandswoth")))
    typo = QueueQuery(search="segragation")
    _timed("TUI: typed search 'segragation'", lambda: client.queue(typo))
    ref = first.rows[0].reference
    _timed("TUI: open a case (view + actions)", lambda: (client.case(ref), client.actions(ref)))
    year = (date(2025, 1, 1), date(2025, 12, 31))
    _timed("TUI: insights open (every case of 2025)", lambda: client.insights(*year))
    scoped = BackofficeService(engine=engine, settings=settings, actor=imb)
    _timed("TUI: IMB user's queue opens", lambda: scoped.queue(QueueQuery()))
    assert first.rows


def _lead(actor: Actor) -> Actor:
    return Actor(id=actor.id, name=actor.name, role=Role.LEAD, organisation=actor.organisation)
