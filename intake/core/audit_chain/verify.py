"""Walking the chains: the first unacknowledged break of each (``backoffice audit verify``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy import select as select_core
from sqlalchemy.engine import Connection

from intake.core.audit_chain.hashing import (
    ACCESS_CHAIN,
    CHECKPOINT,
    HASHED,
    case_chain,
    event_hash,
    genesis,
)
from intake.core.db.models import AuditEvent, table_of


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


def read_rows(
    connection: Connection, where: str, params: dict[str, Any], *, by_id: bool = False
) -> Iterator[dict[str, Any]]:
    """Audit rows through the table's own types, so JSON and times read back as written."""
    table = table_of(AuditEvent)
    query = (
        select_core(*(table.c[name] for name in _COLUMNS))
        .where(text(where).bindparams(**params))
        .order_by(*((table.c.id,) if by_id else (table.c.chain, table.c.id)))
    )
    # On the statement, not the connection (that would stream every later statement too).
    result = connection.execute(query.execution_options(stream_results=True, yield_per=5000))
    for row in result:
        yield dict(zip(_COLUMNS, row, strict=True))


def read_acknowledged(connection: Connection) -> set[tuple[str, int | None]]:
    rows = connection.execute(text("SELECT chain, event_id FROM audit_acknowledgement"))
    return {(chain, event_id) for chain, event_id in rows}


def read_heads(connection: Connection, chains: Iterable[str] | None = None) -> dict[str, Any]:
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


def read_user_names(connection: Connection) -> dict[int, str]:
    return dict(connection.execute(text("SELECT id, name FROM app_user")).all())


def change_found(row: dict[str, Any], names: dict[int, str]) -> tuple[str, str]:
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
            found = change_found(row, names)
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
    heads = read_heads(connection, [chain])  # before the rows (see walk_chain)
    rows = list(read_rows(connection, "chain = :c", {"c": chain}))
    found = walk_chain(
        chain, rows, heads.get(chain), read_acknowledged(connection), read_user_names(connection)
    )
    return found


def _cases_without_events(connection: Connection) -> list[int]:
    """Cases left without a single audit event (their whole trail was deleted)."""
    query = text(
        "SELECT id FROM sanction_case c WHERE NOT EXISTS "
        "(SELECT 1 FROM audit_event a WHERE a.case_id = c.id)"
    )
    return [case_id for (case_id,) in connection.execute(query)]


def verify_all(connection: Connection) -> list[Break]:
    """Walk every chain; the first unacknowledged break of each broken one."""
    acknowledged = read_acknowledged(connection)
    names = read_user_names(connection)
    heads = read_heads(connection)
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

    for row in read_rows(connection, "chain IS NOT NULL", {}):
        if row["chain"] != current:
            finish()
            current, rows = row["chain"], []
        rows.append(row)
    finish()
    for row in read_rows(connection, "chain IS NULL", {}):
        chain = case_chain(row["case_id"]) if row["case_id"] is not None else ACCESS_CHAIN
        if (chain, row["id"]) not in acknowledged and chain not in {b.chain for b in breaks}:
            breaks.append(
                Break(chain, row["id"], "inserted", "a row was inserted without a chain or hash")
            )
    # Chains whose every event is gone: a head left behind, or a case with no event at all.
    missing = {chain for chain in heads if chain not in seen}
    missing |= {case_chain(case_id) for case_id in _cases_without_events(connection)}
    for chain in sorted(missing):
        if (chain, None) not in acknowledged:
            breaks.append(Break(chain, None, "deleted", "every event of this chain was deleted"))
    return sorted(breaks, key=lambda b: b.chain)


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
            return [
                Break(case_chain(case_id), None, "deleted", "every event of this chain was deleted")
                for case_id in _cases_without_events(connection)
            ]
    finally:
        engine.dispose()
