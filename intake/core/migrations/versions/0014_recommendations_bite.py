"""recommendations that bite and pattern alerts (issue 16, points 5 and 2)

- ``recommendation``: the measurable ``outcome``; ``status`` (made, accepted, partly, rejected,
  met: rows done before read ``met``, the rest ``made``); the establishment's ``response``
  (accepted, partly, rejected) with its reason, when and by whom; the ``evidence`` that the
  outcome was met; ``escalated_at``, when an overdue one was escalated to the lead.
- ``pattern_alert_action``: what a lead did about a pattern alert (``backoffice.alerts``).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-10 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Batch mode: on SQLite the table is rebuilt so the new column keeps its foreign key.
    # Nothing refers to a recommendation, so the rebuild drops no other rows (0009 and 0012
    # add columns to sanction_case in place for that reason); PostgreSQL alters in place.
    with op.batch_alter_table("recommendation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outcome", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column("status", sa.String(length=12), nullable=False, server_default="made")
        )
        batch_op.add_column(sa.Column("response", sa.String(length=12), nullable=True))
        batch_op.add_column(sa.Column("response_reason", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column("response_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(sa.Column("response_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("evidence", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column("escalated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
        batch_op.create_foreign_key(
            "fk_recommendation_response_by_id_app_user", "app_user", ["response_by_id"], ["id"]
        )
    op.execute("UPDATE recommendation SET status = 'met' WHERE done_at IS NOT NULL")
    op.create_table(
        "pattern_alert_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alert_key", sa.String(length=160), nullable=False),
        sa.Column("label", sa.String(length=240), nullable=False),
        sa.Column("organisation", sa.String(length=8), nullable=False),
        sa.Column("references", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["app_user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_pattern_alert_action_alert_key", "pattern_alert_action", ["alert_key"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_pattern_alert_action_alert_key", table_name="pattern_alert_action")
    op.drop_table("pattern_alert_action")
    with op.batch_alter_table("recommendation", schema=None) as batch_op:
        batch_op.drop_constraint("fk_recommendation_response_by_id_app_user", type_="foreignkey")
        for column in (
            "escalated_at",
            "evidence",
            "response_by_id",
            "response_at",
            "response_reason",
            "response",
            "status",
            "outcome",
        ):
            batch_op.drop_column(column)
