"""consent history, several routes per case, signposts, need to know, immediate action

- ``sanction_case.routes``: every route a case carries (main first); existing cases get [route].
- ``sanction_case.identified_to``: organisations handed the case besides the receiving one.
- ``consent_record.kind / given_by / note``: consent rows become a history of snapshots, each
  saying whose consent it is (only the person's own counts).
- ``risk_assessment.action_taken / action_at``: with an immediate risk, what was done at once.
- ``workflow_task.route`` and the ``signpost`` table: a signpost per route, and when the person
  was told.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 19:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sanction_case") as batch:
        batch.add_column(sa.Column("routes", sa.JSON(), nullable=False, server_default="[]"))
        batch.add_column(sa.Column("identified_to", sa.JSON(), nullable=False, server_default="[]"))
    case = sa.table(
        "sanction_case", sa.column("id"), sa.column("route"), sa.column("routes", sa.JSON)
    )
    connection = op.get_bind()
    for case_id, route in connection.execute(sa.select(case.c.id, case.c.route)).all():
        connection.execute(case.update().where(case.c.id == case_id).values(routes=[route]))
    with op.batch_alter_table("consent_record") as batch:
        batch.add_column(
            sa.Column("kind", sa.String(length=24), nullable=False, server_default="intake")
        )
        batch.add_column(
            sa.Column("given_by", sa.String(length=24), nullable=False, server_default="person")
        )
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))
        batch.add_column(sa.Column("exception_by_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_consent_record_exception_by_id", "app_user", ["exception_by_id"], ["id"]
        )
    with op.batch_alter_table("risk_assessment") as batch:
        batch.add_column(sa.Column("action_taken", sa.Text(), nullable=True))
        batch.add_column(sa.Column("action_at", sa.String(length=120), nullable=True))
    with op.batch_alter_table("workflow_task") as batch:
        batch.add_column(sa.Column("route", sa.String(length=24), nullable=True))
    op.create_table(
        "signpost",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("route", sa.String(length=24), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("told_on", sa.Date(), nullable=False),
        sa.Column("told_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["sanction_case.id"]),
        sa.ForeignKeyConstraint(["told_by_id"], ["app_user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_signpost_case_id", "signpost", ["case_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_signpost_case_id", table_name="signpost")
    op.drop_table("signpost")
    with op.batch_alter_table("workflow_task") as batch:
        batch.drop_column("route")
    with op.batch_alter_table("risk_assessment") as batch:
        batch.drop_column("action_at")
        batch.drop_column("action_taken")
    with op.batch_alter_table("consent_record") as batch:
        batch.drop_constraint("fk_consent_record_exception_by_id", type_="foreignkey")
        batch.drop_column("exception_by_id")
        batch.drop_column("note")
        batch.drop_column("given_by")
        batch.drop_column("kind")
    with op.batch_alter_table("sanction_case") as batch:
        batch.drop_column("identified_to")
        batch.drop_column("routes")
