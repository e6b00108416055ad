"""Sealing every new audit event into its chain as it is flushed, and access events."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from intake.core.audit_chain.hashing import ACCESS_CHAIN, case_chain, event_hash, fields_of, genesis
from intake.core.db.models import AuditEvent


def database_now(connection: Connection) -> datetime:
    """The database server's clock (UTC), not this machine's."""
    if connection.dialect.name == "postgresql":
        value = connection.execute(text("SELECT clock_timestamp()")).scalar_one()
    else:
        raw = connection.execute(text("SELECT strftime('%Y-%m-%d %H:%M:%f', 'now')")).scalar_one()
        value = datetime.fromisoformat(raw)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _take_head(connection: Connection, chain: str) -> str:
    """Lock the chain's head row (creating it if needed); return the hash to link to."""
    bump = text(
        "UPDATE audit_chain_head SET count = count + 1 WHERE chain = :c RETURNING hash"
    ).bindparams(c=chain)
    row = connection.execute(bump).first()
    if row is None:
        connection.execute(
            text(
                "INSERT INTO audit_chain_head (chain, count) VALUES (:c, 0) "
                "ON CONFLICT (chain) DO NOTHING"
            ),
            {"c": chain},
        )
        row = connection.execute(bump).first()
    assert row is not None
    return row[0] or genesis(chain)


def seal(connection: Connection, events: Iterable[AuditEvent]) -> None:
    """Give each event its chain, the database's time, its predecessor's hash and its hash."""
    now: datetime | None = None
    for item in events:
        if item.hash is not None:
            continue
        if now is None:
            now = database_now(connection)
        item.chain = item.chain or (
            case_chain(item.case_id) if item.case_id is not None else ACCESS_CHAIN
        )
        item.at = now
        item.prev_hash = _take_head(connection, item.chain)
        item.hash = event_hash(fields_of(item))
        connection.execute(
            text("UPDATE audit_chain_head SET hash = :h WHERE chain = :c"),
            {"h": item.hash, "c": item.chain},
        )


@event.listens_for(OrmSession, "before_flush")
def _seal(session: OrmSession, _context: Any, _instances: Any) -> None:
    new = [obj for obj in session.new if isinstance(obj, AuditEvent) and obj.hash is None]
    if not new:
        return
    new.sort(key=lambda obj: obj._sa_instance_state.insert_order or 0)  # type: ignore[attr-defined]
    seal(session.connection(), new)


def record_access(
    session: Session,
    *,
    actor: Any,
    action: str,
    entity: str,
    entity_id: int | None = None,
    case_id: int | None = None,
    details: dict[str, Any] | None = None,
    separate: bool = True,
) -> None:
    """Record a read, search, export, draft, backup or restore on the ``access`` chain.

    It never touches the case (no version bump). With ``separate`` it is written and committed
    in its own short transaction, so a read-only caller need not commit.
    """
    item = AuditEvent(
        chain=ACCESS_CHAIN,
        case_id=case_id,
        actor_id=getattr(actor, "id", None),
        actor_name=getattr(actor, "name", str(actor)),
        action=action,
        entity=entity,
        entity_id=entity_id,
        after=details,
    )
    if not separate:
        session.add(item)
        return
    with Session(session.get_bind()) as own:
        own.add(item)
        own.commit()


def search_fingerprint(text_: str) -> dict[str, Any]:
    """What an audit keeps of a search: its length, never the words (they may be a name; a
    plain hash of a name is no better, as names are easily guessed)."""
    return {"length": len(text_)}
