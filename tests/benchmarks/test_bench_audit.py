"""Benchmark: the audit's quick start-up check against a full verify. Prints only.

Run with ``pytest -m benchmark -s tests/benchmarks/test_bench_audit.py`` (``./dev.sh bench``).
``BENCH_AUDIT_CASES`` sets the number of case chains (default 100,000, 4 events each, plus an
access chain of one event per case), written straight into the table with correct hashes.

The quick check (every case command, the app's start) is the events since the checkpoint and,
for a case command, that case's chain; at most every 10 minutes it also compares the row count
with the heads' counts (two aggregates that grow with the table). The full walk is
``backoffice audit verify``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, text

from intake.core.audit_chain import (
    ACCESS_CHAIN,
    CHECKPOINT,
    event_hash,
    genesis,
    quick_check,
    set_checkpoint,
    verify_all,
)

pytestmark = pytest.mark.benchmark

CASES = int(os.environ.get("BENCH_AUDIT_CASES", "100000"))
PER_CASE = 4


def _fill(engine: Engine) -> int:
    at = datetime(2026, 1, 1, tzinfo=UTC)
    rows: list[dict[str, object]] = []
    heads: dict[str, tuple[str, int]] = {}  # by chain: its last hash and its count
    next_id = 1

    def add(chain: str, case_id: int | None, action: str) -> None:
        nonlocal next_id
        prev_hash, count = heads.get(chain, (genesis(chain), 0))
        fields: dict[str, object] = {
            "id": next_id, "case_id": case_id, "actor_id": None, "actor_name": "Bench",
            "at": at, "action": action, "entity": "case", "entity_id": case_id,
            "before": None, "after": {"status": "triage"}, "reason": None,
            "chain": chain, "prev_hash": prev_hash,
        }  # fmt: skip
        fields["hash"] = digest = event_hash(fields)
        heads[chain] = (digest, count + 1)
        rows.append(fields)
        next_id += 1

    for case in range(1, CASES + 1):
        for step in range(PER_CASE):
            add(f"case:{case}", None, f"step{step}")  # case_id left out: no case rows needed
        add(ACCESS_CHAIN, None, "case.read")
    insert = text(
        "INSERT INTO audit_event (id, case_id, actor_id, actor_name, at, action, entity,"
        " entity_id, before, after, reason, chain, prev_hash, hash) VALUES (:id, :case_id,"
        " :actor_id, :actor_name, :at, :action, :entity, :entity_id, :before, :after, :reason,"
        " :chain, :prev_hash, :hash)"
    )
    import json

    for row in rows:
        row["after"] = json.dumps(row["after"])
        row["at"] = at.strftime("%Y-%m-%d %H:%M:%S.%f")
    with engine.begin() as connection:
        for start in range(0, len(rows), 20_000):
            connection.execute(insert, rows[start : start + 20_000])
        connection.execute(
            text("INSERT INTO audit_chain_head (chain, hash, count) VALUES (:c, :h, :n)"),
            [{"c": c, "h": h, "n": n} for c, (h, n) in heads.items()],
        )
        set_checkpoint(connection, next_id - 1)
    return len(rows)


def _best(fn: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times) * 1000


def test_quick_check_against_full_verify(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("the bulk fill writes SQLite's datetime text")
    started = time.perf_counter()
    events = _fill(engine)
    print(f"\n{CASES:,} case chains, {events:,} events written in "
          f"{time.perf_counter() - started:.1f} s")  # fmt: skip
    with engine.connect() as connection:
        assert quick_check(connection) is None
        quick = _best(lambda: quick_check(connection))

        def with_counts() -> None:
            connection.execute(
                text("UPDATE audit_chain_head SET count = 0 WHERE chain = :k"), {"k": CHECKPOINT}
            )
            quick_check(connection)

        counted = _best(with_counts)
        one_case = _best(lambda: quick_check(connection, case_id=CASES // 2))
        started = time.perf_counter()
        assert verify_all(connection) == []
        full = time.perf_counter() - started
        # A few new events since the checkpoint, as after a morning's work.
        connection.execute(
            text("UPDATE audit_chain_head SET last_id = last_id - 200 WHERE chain = :k"),
            {"k": CHECKPOINT},
        )
        recent = _best(lambda: quick_check(connection), runs=1)
    print(f"quick check (since checkpoint):          {quick:8.1f} ms")
    print(f"quick check with the count comparison:   {counted:8.1f} ms (every 10 min)")
    print(f"quick check plus one case's chain:       {one_case:8.1f} ms")
    print(f"quick check with 200 new events:         {recent:8.1f} ms")
    print(f"full verify of every chain:              {full * 1000:8.1f} ms "
          f"({events / full:,.0f} events/s; 1,000,000 cases x 5 events ~ "
          f"{5_000_000 / (events / full):.0f} s)")  # fmt: skip
