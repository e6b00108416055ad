"""a tamper-evident audit: chain heads, existing events chained, audit rows unalterable

- ``audit_chain_head``: each chain's newest hash and count (and the quick check's checkpoint).
- ``ix_audit_event_chain_id``: walking one chain in order.
- Events already in the database are chained here (case events per case, the rest on
  ``access``), so ``backoffice audit verify`` passes on an upgraded database.
- PostgreSQL: a trigger refuses UPDATE and DELETE on ``audit_event`` whoever connects, and
  ``at`` defaults to the server's clock. SQLite: the same refusal as triggers.

Self-contained: the hash is computed here as ``intake.core.audit_chain.event_hash`` does it (sorted-
key JSON of the fields, SHA-256); the application's later code cannot change what this wrote.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 21:00:00
"""

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

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


def _at(value: datetime | str | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def _hash(fields: Mapping[str, Any]) -> str:
    data = {key: fields.get(key) for key in HASHED}
    data["at"] = _at(data["at"])
    blob = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def _genesis(chain: str) -> str:
    return hashlib.sha256(f"genesis|{chain}".encode()).hexdigest()


def upgrade() -> None:
    op.create_table(
        "audit_chain_head",
        sa.Column("chain", sa.String(length=40), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=True),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("chain"),
    )
    op.create_index("ix_audit_event_chain_id", "audit_event", ["chain", "id"], unique=False)
    bind = op.get_bind()
    events = sa.table(
        "audit_event",
        sa.column("id", sa.Integer),
        sa.column("case_id", sa.Integer),
        sa.column("actor_id", sa.Integer),
        sa.column("actor_name", sa.String),
        sa.column("at", sa.DateTime),
        sa.column("action", sa.String),
        sa.column("entity", sa.String),
        sa.column("entity_id", sa.Integer),
        sa.column("before", sa.JSON),
        sa.column("after", sa.JSON),
        sa.column("reason", sa.Text),
        sa.column("chain", sa.String),
        sa.column("prev_hash", sa.String),
        sa.column("hash", sa.String),
    )
    heads: dict[str, list] = {}  # chain -> [hash, count]
    rows = bind.execute(sa.select(events).order_by(events.c.id)).mappings().all()
    last_id = 0
    for row in rows:
        fields = dict(row)
        last_id = max(last_id, fields["id"])
        chain = fields["chain"] or (
            f"case:{fields['case_id']}" if fields["case_id"] is not None else "access"
        )
        head = heads.setdefault(chain, [_genesis(chain), 0])
        if fields["hash"] is not None:  # already sealed by the application
            head[0], head[1] = fields["hash"], head[1] + 1
            continue
        fields["chain"], fields["prev_hash"] = chain, head[0]
        digest = _hash(fields)
        bind.execute(
            events.update()
            .where(events.c.id == fields["id"])
            .values(chain=chain, prev_hash=head[0], hash=digest)
        )
        head[0], head[1] = digest, head[1] + 1
    table = sa.table(
        "audit_chain_head",
        sa.column("chain", sa.String),
        sa.column("hash", sa.String),
        sa.column("count", sa.Integer),
        sa.column("last_id", sa.Integer),
    )
    values = [{"chain": c, "hash": h, "count": n, "last_id": None} for c, (h, n) in heads.items()]
    values.append({"chain": "~checkpoint", "hash": None, "count": 0, "last_id": last_id})
    op.bulk_insert(table, values)

    if bind.dialect.name == "postgresql":
        op.execute("ALTER TABLE audit_event ALTER COLUMN at SET DEFAULT clock_timestamp()")
        op.execute(
            """
            CREATE FUNCTION audit_event_unalterable() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_event rows cannot be changed or deleted (% refused)', TG_OP
                    USING ERRCODE = 'insufficient_privilege';
            END $$
            """
        )
        op.execute(
            "CREATE TRIGGER audit_event_unalterable BEFORE UPDATE OR DELETE ON audit_event "
            "FOR EACH ROW EXECUTE FUNCTION audit_event_unalterable()"
        )
        op.execute(
            "CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_event_unalterable()"
        )
    else:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_event_no_{verb.lower()} BEFORE {verb} ON audit_event "
                f"BEGIN SELECT RAISE(ABORT, 'audit_event rows cannot be changed or deleted'); END"
            )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_event")
        op.execute("DROP TRIGGER IF EXISTS audit_event_unalterable ON audit_event")
        op.execute("DROP FUNCTION IF EXISTS audit_event_unalterable()")
        op.execute("ALTER TABLE audit_event ALTER COLUMN at DROP DEFAULT")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
    op.drop_index("ix_audit_event_chain_id", table_name="audit_event")
    op.drop_table("audit_chain_head")
