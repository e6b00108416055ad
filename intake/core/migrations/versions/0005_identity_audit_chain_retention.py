"""identity from the system, a tamper-evident audit, retention and disposal

- ``app_user.os_login / db_role / deactivated_at``: who a person is, from the operating-system
  login (SQLite) or their own PostgreSQL role; leavers are deactivated, never deleted.
- ``audit_event.chain / prev_hash / hash`` and ``audit_acknowledgement``: hash chains over the
  audit trail, and an admin's acknowledgement of a break.
- ``sanction_case.legal_hold / legal_hold_reason / disposed_at``: controlled disposal.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 20:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # op.add_column, not batch mode: SQLite adds a column in place, while a batch rebuild would
    # drop tables that other rows hang off.
    op.add_column("app_user", sa.Column("os_login", sa.String(length=64), nullable=True))
    op.add_column("app_user", sa.Column("db_role", sa.String(length=63), nullable=True))
    op.add_column(
        "app_user", sa.Column("deactivated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
    )
    op.create_index("ix_app_user_os_login", "app_user", ["os_login"], unique=False)
    op.create_index("ix_app_user_db_role", "app_user", ["db_role"], unique=True)
    op.add_column(
        "sanction_case",
        sa.Column("legal_hold", sa.Boolean(), nullable=False, server_default=sa.text("false")),
    )
    op.add_column("sanction_case", sa.Column("legal_hold_reason", sa.Text(), nullable=True))
    op.add_column(
        "sanction_case",
        sa.Column("disposed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    )
    op.add_column("audit_event", sa.Column("chain", sa.String(length=40), nullable=True))
    op.add_column("audit_event", sa.Column("prev_hash", sa.String(length=64), nullable=True))
    op.add_column("audit_event", sa.Column("hash", sa.String(length=64), nullable=True))
    op.create_index("ix_audit_event_chain", "audit_event", ["chain"], unique=False)
    op.create_table(
        "audit_acknowledgement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chain", sa.String(length=40), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("found", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("acknowledged_by_id", sa.Integer(), nullable=True),
        sa.Column("acknowledged_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["acknowledged_by_id"], ["app_user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("audit_acknowledgement")
    op.drop_index("ix_audit_event_chain", table_name="audit_event")
    with op.batch_alter_table("audit_event") as batch:
        batch.drop_column("hash")
        batch.drop_column("prev_hash")
        batch.drop_column("chain")
    with op.batch_alter_table("sanction_case") as batch:
        batch.drop_column("disposed_at")
        batch.drop_column("legal_hold_reason")
        batch.drop_column("legal_hold")
    op.drop_index("ix_app_user_db_role", table_name="app_user")
    op.drop_index("ix_app_user_os_login", table_name="app_user")
    with op.batch_alter_table("app_user") as batch:
        batch.drop_column("deactivated_at")
        batch.drop_column("db_role")
        batch.drop_column("os_login")
