"""A tamper-evident audit: every audit event is sealed into a hash chain as it is written.

Chains
    A case's own changes chain per case (``case:<id>``); reads, searches, exports, user changes,
    backup and restore, and anything without a case go to the ``access`` chain.

Sealing (:func:`_seal`, a ``before_flush`` hook, so every ``AuditEvent(...)`` anywhere is sealed)
    For each new event, in the order it was added, the chain's row in ``audit_chain_head`` is
    updated first (``UPDATE ... RETURNING``): the row lock (PostgreSQL) or the write lock
    (SQLite) is held until the transaction ends, so two processes appending to one chain wait
    for each other and cannot fork it (the case's optimistic-lock version serialises case
    chains as well, but the head row does it whatever the caller). ``at`` comes from the
    database's clock, then ``hash`` = SHA-256 of the canonical JSON (sorted keys) of the
    event's fields including ``chain`` and ``prev_hash``.

    The row ``id`` is left out of the hash on purpose: it is assigned by the INSERT, after the
    hash must be known, and audit rows are never updated (on PostgreSQL a trigger refuses it).
    Order is still protected: each event names its predecessor's hash, the head row holds the
    newest hash and the count, so moving, deleting or inserting a row breaks a link, the head
    or the count. A stored per-chain sequence would add nothing the links do not already fix.

Verification
    :func:`verify_all` walks every chain (``backoffice audit verify``). :func:`quick_check` is
    cheap enough for every command: total count against the heads' counts (a deletion or an
    insertion anywhere), the events written since the stored checkpoint (hash and link), and
    optionally one case's whole chain. A break stays a refusal until an admin acknowledges it
    (:func:`acknowledge`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, event, text
from sqlalchemy import select as select_core
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from intake.db.models import AuditAcknowledgement, AuditChainHead, AuditEvent  # noqa: F401
from intake.errors import SanctionsError

ACCESS_CHAIN = "access"
CHECKPOINT = "~checkpoint"
#: The quick check's checkpoint stays this far behind the newest event, so a transaction that
#: took a lower id but committed a little later (PostgreSQL) is still checked.
CHECKPOINT_LAG = timedelta(minutes=5)
#: How often the quick check also compares the row count with the heads' counts (two
#: aggregates that grow with the table: ~35 ms at 250,000 events on SQLite). The time of the
#: last comparison is kept, in epoch seconds, in the ``count`` of the ``~checkpoint`` row.
COUNT_EVERY = timedelta(minutes=10)
HASHED = (
    "case_id",
    "actor_id",
    "actor_name",
    "at",
    "action",
    "entity",
    "entity_id",
    "before",
    "after",
    "reason",
    "chain",
    "prev_hash",
)


class AuditChainBroken(SanctionsError):
    """An audit chain does not verify and no admin has acknowledged it."""

    exit_code = 5


def case_chain(case_id: int) -> str:
    return f"case:{case_id}"


def genesis(chain: str) -> str:
    return hashlib.sha256(f"genesis|{chain}".encode()).hexdigest()


def _at(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def _json(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in "[{":
        try:  # a JSON column read as raw text
            return json.loads(value)
        except ValueError:
            return value
    return value


def event_hash(fields: dict[str, Any]) -> str:
    """SHA-256 of the canonical serialisation of an event's fields (see the module notes)."""
    data = {key: fields.get(key) for key in HASHED}
    data["at"] = _at(data["at"])
    data["before"] = _json(data["before"])
    data["after"] = _json(data["after"])
    blob = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def _fields(event_: AuditEvent) -> dict[str, Any]:
    return {key: getattr(event_, key) for key in HASHED}


# ---- sealing ---------------------------------------------------------------------------------


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
        item.hash = event_hash(_fields(item))
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


# ---- verification ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Break:
    """The first unacknowledged break of one chain."""

    chain: str
    event_id: int | None
    kind: str
    detail: str

    def line(self) -> str:
        where = f"event {self.event_id}" if self.event_id is not None else "no event left"
        return f"audit chain {self.chain} is broken at {where}: {self.detail}"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


_COLUMNS = ("id", *HASHED, "hash")


def _rows(
    connection: Connection, where: str, params: dict[str, Any], *, by_id: bool = False
) -> Iterator[dict[str, Any]]:
    """Audit rows through the table's own types, so JSON and times read back as written."""
    table = AuditEvent.__table__  # type: ignore[attr-defined]
    query = (
        select_core(*(table.c[name] for name in _COLUMNS))
        .where(text(where).bindparams(**params))
        .order_by(*((table.c.id,) if by_id else (table.c.chain, table.c.id)))
    )
    # On the statement, not the connection (that would stream every later statement too).
    result = connection.execute(query.execution_options(stream_results=True, yield_per=5000))
    for row in result:
        yield dict(zip(_COLUMNS, row, strict=True))


def _acknowledged(connection: Connection) -> set[tuple[str, int | None]]:
    rows = connection.execute(text("SELECT chain, event_id FROM audit_acknowledgement"))
    return {(chain, event_id) for chain, event_id in rows}


def _heads(connection: Connection, chains: Iterable[str] | None = None) -> dict[str, Any]:
    if chains is None:
        rows = connection.execute(
            text("SELECT chain, hash, count FROM audit_chain_head WHERE chain <> :k"),
            {"k": CHECKPOINT},
        )
    else:
        wanted = list(chains)
        if not wanted:
            return {}
        rows = connection.execute(
            text("SELECT chain, hash, count FROM audit_chain_head WHERE chain IN :cs").bindparams(
                bindparam("cs", expanding=True)
            ),
            {"cs": wanted},
        )
    return {chain: (hash_, count) for chain, hash_, count in rows}


def _user_names(connection: Connection) -> dict[int, str]:
    return dict(connection.execute(text("SELECT id, name FROM app_user")).all())  # type: ignore[arg-type]


def _changed(row: dict[str, Any], names: dict[int, str]) -> tuple[str, str]:
    actor = row["actor_id"]
    if actor is not None and actor in names and names[actor] != row["actor_name"]:
        return (
            "re-attributed",
            f"the row was changed; it is attributed to {row['actor_name']!r} but user "
            f"{actor} is {names[actor]!r} (actor re-attributed)",
        )
    return "changed", "the row was changed after it was written (its hash does not match)"


def walk_chain(
    chain: str,
    rows: list[dict[str, Any]],
    head: tuple[str | None, int] | None,
    acknowledged: set[tuple[str, int | None]],
    names: dict[int, str],
) -> Break | None:
    """The first unacknowledged break in one chain's rows (ordered by id), or None."""
    expected = genesis(chain)
    for index, row in enumerate(rows):
        found: tuple[str, str] | None = None
        skip = False
        if row["hash"] is None:
            found = ("inserted", "a row was inserted without a hash (not written by the app)")
            skip = True
        elif row["prev_hash"] != expected:
            following = rows[index + 1] if index + 1 < len(rows) else None
            if following is not None and following["prev_hash"] == expected:
                found = ("inserted", "a row was inserted into the chain")
                skip = True
            else:
                found = ("deleted", "an earlier event of this chain was deleted (gap)")
        elif event_hash(row) != row["hash"]:
            found = _changed(row, names)
        if found is not None and (chain, row["id"]) not in acknowledged:
            return Break(chain, row["id"], *found)
        if not skip:
            expected = row["hash"]
    last_id = rows[-1]["id"] if rows else None
    if not rows:
        if (chain, None) in acknowledged:
            return None
        return Break(chain, None, "deleted", "every event of this chain was deleted")
    if head is None:
        if (chain, last_id) in acknowledged:
            return None
        return Break(chain, last_id, "deleted", "the chain's head record was deleted")
    # The head is read first, so an append since may have moved the chain on past it: only a
    # head whose hash is nowhere in the chain means its newest events were deleted.
    behind = head[0] != expected and any(row["hash"] == head[0] for row in rows)
    if head[0] != expected and not behind and (chain, last_id) not in acknowledged:
        return Break(chain, last_id, "deleted", "the newest events after this one were deleted")
    return None


def verify_chain(connection: Connection, chain: str) -> Break | None:
    """Walk one chain completely."""
    heads = _heads(connection, [chain])  # before the rows (see walk_chain)
    rows = list(_rows(connection, "chain = :c", {"c": chain}))
    found = walk_chain(
        chain, rows, heads.get(chain), _acknowledged(connection), _user_names(connection)
    )
    return found


def verify_all(connection: Connection) -> list[Break]:
    """Walk every chain; the first unacknowledged break of each broken one."""
    acknowledged = _acknowledged(connection)
    names = _user_names(connection)
    heads = _heads(connection)
    breaks: list[Break] = []
    seen: set[str] = set()
    current: str | None = None
    rows: list[dict[str, Any]] = []

    def finish() -> None:
        if current is not None:
            seen.add(current)
            found = walk_chain(current, rows, heads.get(current), acknowledged, names)
            if found is not None:
                breaks.append(found)

    for row in _rows(connection, "chain IS NOT NULL", {}):
        if row["chain"] != current:
            finish()
            current, rows = row["chain"], []
        rows.append(row)
    finish()
    for row in _rows(connection, "chain IS NULL", {}):
        chain = case_chain(row["case_id"]) if row["case_id"] is not None else ACCESS_CHAIN
        if (chain, row["id"]) not in acknowledged and chain not in {b.chain for b in breaks}:
            breaks.append(
                Break(chain, row["id"], "inserted", "a row was inserted without a chain or hash")
            )
    # Chains whose every event is gone: a head left behind, or a case with no event at all.
    missing = {chain for chain in heads if chain not in seen}
    cases = connection.execute(
        text(
            "SELECT id FROM sanction_case c WHERE NOT EXISTS "
            "(SELECT 1 FROM audit_event a WHERE a.case_id = c.id)"
        )
    )
    missing |= {case_chain(case_id) for (case_id,) in cases}
    for chain in sorted(missing):
        if (chain, None) not in acknowledged:
            breaks.append(Break(chain, None, "deleted", "every event of this chain was deleted"))
    return sorted(breaks, key=lambda b: b.chain)


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
    actual = dict(
        connection.execute(
            text("SELECT coalesce(chain, '?'), count(*) FROM audit_event GROUP BY chain")
        ).all()
    )
    heads = {chain: count for chain, (_h, count) in _heads(connection).items()}
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
        _rows(connection, "id > :start AND chain IS NOT NULL", {"start": start}, by_id=True)
    )
    if not rows:
        return None
    acknowledged = _acknowledged(connection)
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
                names = names if names is not None else _user_names(connection)
                found = _changed(row, names)
            if found is not None and (chain, row["id"]) not in acknowledged:
                return Break(chain, row["id"], *found)
            expected = row["hash"] or expected
    _advance_checkpoint(connection, rows)
    return None


def _advance_checkpoint(connection: Connection, rows: list[dict[str, Any]]) -> None:
    """Move the checkpoint to the newest verified event older than :data:`CHECKPOINT_LAG`."""
    limit = database_now(connection) - CHECKPOINT_LAG
    old = [row["id"] for row in rows if row["at"] is not None and _at(row["at"]) <= _at(limit)]
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


# ---- acknowledgement -------------------------------------------------------------------------


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
    rows = list(_rows(connection, "chain = :c", {"c": chain}))
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


# ---- access events ---------------------------------------------------------------------------


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


# ---- backups ---------------------------------------------------------------------------------

CHAINED_SINCE = "0006"


def backup_breaks(path: Any, revision: str) -> list[Break]:
    """The broken chains of a SQLite backup file, read without changing it.

    A backup from before the chains (schema < 0006) cannot be walked; it is refused only when
    cases are left without a single audit event (the trail was deleted).
    """
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    try:
        with engine.connect() as connection:
            if revision >= CHAINED_SINCE:
                return verify_all(connection)
            orphans = connection.execute(
                text(
                    "SELECT id FROM sanction_case c WHERE NOT EXISTS "
                    "(SELECT 1 FROM audit_event a WHERE a.case_id = c.id)"
                )
            ).all()
            return [
                Break(case_chain(case_id), None, "deleted", "every event of this chain was deleted")
                for (case_id,) in orphans
            ]
    finally:
        engine.dispose()
