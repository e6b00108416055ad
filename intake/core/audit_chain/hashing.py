"""The chains' names and the canonical hash of an audit event (see ``intake.core.audit_chain``)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from typing import Any, overload

from intake.core.db.models import AuditEvent

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


def case_chain(case_id: int) -> str:
    return f"case:{case_id}"


def genesis(chain: str) -> str:
    return hashlib.sha256(f"genesis|{chain}".encode()).hexdigest()


@overload
def at_text(value: None) -> None: ...
@overload
def at_text(value: datetime | str) -> str: ...
def at_text(value: datetime | str | None) -> str | None:
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
    data["at"] = at_text(data["at"])
    data["before"] = _json(data["before"])
    data["after"] = _json(data["after"])
    blob = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def fields_of(event_: AuditEvent) -> dict[str, Any]:
    return {key: getattr(event_, key) for key in HASHED}
