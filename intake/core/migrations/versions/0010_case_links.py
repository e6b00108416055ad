"""an earlier case offered as the same person is linked, or marked not the same, by a person

- ``case_link``: the later case, the earlier one, the decision (``linked`` or ``not_same``),
  its reason, who decided and when. A new allegation about the same person and establishment
  within 90 days is offered as a link to the earlier case; nothing is merged (issue 15).
- PostgreSQL: a link is visible when its (later) case is (row-level security, as the case's
  other records).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CASE_VISIBLE = "EXISTS (SELECT 1 FROM sanction_case c WHERE c.id = case_id)"


def upgrade() -> None:
    op.create_table(
        "case_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("earlier_case_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["sanction_case.id"]),
        sa.ForeignKeyConstraint(["earlier_case_id"], ["sanction_case.id"]),
        sa.ForeignKeyConstraint(["decided_by_id"], ["app_user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_case_link_case_id"), "case_link", ["case_id"])
    op.create_index(op.f("ix_case_link_earlier_case_id"), "case_link", ["earlier_case_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE case_link ENABLE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY need_to_know ON case_link USING ({CASE_VISIBLE}) "
            f"WITH CHECK ({CASE_VISIBLE})"
        )


def downgrade() -> None:
    op.drop_index(op.f("ix_case_link_earlier_case_id"), table_name="case_link")
    op.drop_index(op.f("ix_case_link_case_id"), table_name="case_link")
    op.drop_table("case_link")
