"""The cheap check before normal work, the checkpoint, the refusal and its acknowledgement."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlmodel import Session

from intake.core.audit_chain.hashing import (
    ACCESS_CHAIN,
    CHECKPOINT,
    CHECKPOINT_LAG,
    COUNT_EVERY,
    at_text,
    case_chain,
    event_hash,
    genesis,
)
from intake.core.audit_chain.seal import database_now
from intake.core.audit_chain.verify import (
    Break,
    change_found,
    read_acknowledged,
    read_heads,
    read_rows,
    read_user_names,
    verify_all,
    verify_chain,
)
from intake.core.db.models import AuditAcknowledgement, AuditEvent
from intake.core.errors import SanctionsError


class AuditChainBroken(SanctionsError):
    """An audit chain does not verify and no admin has acknowledged it."""

    exit_code = 5


def _checkpoint(connection: Connection) -> int:
    value = connection.execute(
        text("SELECT last_id FROM audit_chain_head WHERE chain = :k"), {"k": CHECKPOINT}
    ).scalar()
    return int(value or 0)


def _count_mismatches(connection: Connection) -> list[str]:
    """Chains whose number of events is not the one their head recorded (cheap when equal)."""
    total = connection.execute(text("SELECT count(*) FROM audit_event")).scalar_one()
    recorded = connection.execute(
        text("SELECT coalesce(sum(count), 0) FROM audit_chain_head WHERE chain <> :k"),
        {"k": CHECKPOINT},
    ).scalar_one()
    if int(total) == int(recorded):
        return []
    actual: dict[str, int] = dict(
        connection.execute(
            text("SELECT coalesce(chain, '?'), count(*) FROM audit_event GROUP BY chain")
        ).all()
    )
    heads = {chain: count for chain, (_h, count) in read_heads(connection).items()}
    chains = {c for c in set(actual) | set(heads) if actual.get(c, 0) != heads.get(c, 0)}
    return sorted(chains)


def quick_check(connection: Connection, *, case_id: int | None = None) -> Break | None:
    """The cheap check run before normal work; the first unacknowledged break found, or None.

    1. With ``case_id``, that case's whole chain (a few dozen rows).
    2. At most every :data:`COUNT_EVERY`, the number of audit rows against the sum of the
       heads' counts: one aggregate each, so a deleted or inserted row anywhere is seen; only
       then are the affected chains walked. A break found stays found (it is not remembered,
       it is found again by the next comparison or the case's own check) until acknowledged.
    3. Every event written since the checkpoint: its hash and its link to its predecessor.
    A full walk of every chain is ``backoffice audit verify``.
    """
    if case_id is not None:
        found = verify_chain(connection, case_chain(case_id))
        if found is not None:
            return found
    if _count_due(connection):
        for chain in _count_mismatches(connection):
            if chain == "?":
                found = next((b for b in verify_all(connection) if b.kind == "inserted"), None)
            else:
                found = verify_chain(connection, chain)
            if found is not None:
                return found  # the time is not noted: the next command compares again
        _counted(connection)
    return _since_checkpoint(connection)


def _count_due(connection: Connection) -> bool:
    """True when the last clean count comparison is older than COUNT_EVERY."""
    now = int(database_now(connection).timestamp())
    last = connection.execute(
        text("SELECT count FROM audit_chain_head WHERE chain = :k"), {"k": CHECKPOINT}
    ).scalar()
    return last is None or now - int(last) >= COUNT_EVERY.total_seconds()


def _counted(connection: Connection) -> None:
    """Note the time of a comparison that found nothing unacknowledged."""
    now = int(database_now(connection).timestamp())
    set_checkpoint(connection, 0)  # makes sure the row exists
    connection.execute(
        text("UPDATE audit_chain_head SET count = :t WHERE chain = :k"), {"t": now, "k": CHECKPOINT}
    )


def _since_checkpoint(connection: Connection) -> Break | None:
    start = _checkpoint(connection)
    rows = list(
        read_rows(connection, "id > :start AND chain IS NOT NULL", {"start": start}, by_id=True)
    )
    if not rows:
        return None
    acknowledged = read_acknowledged(connection)
    names: dict[int, str] | None = None
    chains: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        chains.setdefault(row["chain"], []).append(row)
    for chain, new in chains.items():
        prev = connection.execute(
            text(
                "SELECT hash FROM audit_event WHERE chain = :c AND id < :i ORDER BY id DESC LIMIT 1"
            ),
            {"c": chain, "i": new[0]["id"]},
        ).first()
        expected = (prev[0] if prev is not None else None) or genesis(chain)
        for row in new:
            found: tuple[str, str] | None = None
            if row["hash"] is None:
                found = ("inserted", "a row was inserted without a hash")
            elif row["prev_hash"] != expected:
                found = ("deleted", "an earlier event of this chain was deleted (gap)")
            elif event_hash(row) != row["hash"]:
                names = names if names is not None else read_user_names(connection)
                found = change_found(row, names)
            if found is not None and (chain, row["id"]) not in acknowledged:
                return Break(chain, row["id"], *found)
            expected = row["hash"] or expected
    _advance_checkpoint(connection, rows)
    return None


def _advance_checkpoint(connection: Connection, rows: list[dict[str, Any]]) -> None:
    """Move the checkpoint to the newest verified event older than :data:`CHECKPOINT_LAG`."""
    limit = database_now(connection) - CHECKPOINT_LAG
    old = [
        row["id"] for row in rows if row["at"] is not None and at_text(row["at"]) <= at_text(limit)
    ]
    if not old:
        return
    set_checkpoint(connection, max(old))


def set_checkpoint(connection: Connection, last_id: int) -> None:
    updated = connection.execute(
        text(
            "UPDATE audit_chain_head SET last_id = :i "
            "WHERE chain = :k AND coalesce(last_id, 0) < :i"
        ),
        {"i": last_id, "k": CHECKPOINT},
    ).rowcount
    if not updated:
        connection.execute(
            text(
                "INSERT INTO audit_chain_head (chain, count, last_id) VALUES (:k, 0, :i) "
                "ON CONFLICT (chain) DO NOTHING"
            ),
            {"k": CHECKPOINT, "i": last_id},
        )


def require_intact(engine: Any, *, case_id: int | None = None) -> None:
    """Raise :class:`AuditChainBroken` (one line) when the quick check finds a break."""
    with engine.begin() as connection:
        found = quick_check(connection, case_id=case_id)
    if found is not None:
        raise AuditChainBroken(refusal(found))


def refusal(found: Break) -> str:
    return (
        f"{found.line()}; normal work is refused until an admin runs "
        f'`backoffice audit acknowledge --chain {found.chain} --reason "..."`'
    )


def acknowledge(session: Session, *, chain: str, reason: str, actor: Any) -> list[Break]:
    """Record an admin's acknowledgement of every current break of ``chain`` (audited); the
    chain's head is re-based on what is there now, so the quick check passes again."""
    connection = session.connection()
    found: list[Break] = []
    while True:
        if chain == "?":
            item = next((b for b in verify_all(connection) if b.chain == chain), None)
        else:
            item = verify_chain(connection, chain)
        if item is None or item in found:
            break
        found.append(item)
        session.add(
            AuditAcknowledgement(
                chain=chain,
                event_id=item.event_id,
                found=item.line(),
                reason=reason,
                acknowledged_by_id=actor.id,
            )
        )
        session.flush()
    if not found:
        return []
    rows = list(read_rows(connection, "chain = :c", {"c": chain}))
    last = rows[-1]["hash"] if rows else None
    count = len(rows)
    updated = connection.execute(
        text("UPDATE audit_chain_head SET hash = :h, count = :n WHERE chain = :c"),
        {"h": last, "n": count, "c": chain},
    ).rowcount
    if not updated and rows:
        connection.execute(
            text("INSERT INTO audit_chain_head (chain, hash, count) VALUES (:c, :h, :n)"),
            {"h": last, "n": count, "c": chain},
        )
    session.add(
        AuditEvent(
            chain=ACCESS_CHAIN,
            actor_id=actor.id,
            actor_name=actor.name,
            action="audit.acknowledge",
            entity="audit_chain",
            after={"chain": chain, "breaks": [b.as_dict() for b in found]},
            reason=reason,
        )
    )
    return found
