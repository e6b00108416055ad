"""letters to the person, saved on the case (issue 16 point 4)

- ``case_letter``: a letter to the person (the reassurance, "does not qualify: where to go
  instead", no investigation, unfounded, proved: ``prompts/letters/``), its words exactly as
  saved, who saved it and when, and when it was marked sent (and by whom).
- PostgreSQL: a letter is visible when its case is (row-level security, as the case's other
  records).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CASE_VISIBLE = "EXISTS (SELECT 1 FROM sanction_case c WHERE c.id = case_id)"


def upgrade() -> None:
    op.create_table(
        "case_letter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("sent_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("sent_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["sanction_case.id"]),
        sa.ForeignKeyConstraint(["created_by_id"], ["app_user.id"]),
        sa.ForeignKeyConstraint(["sent_by_id"], ["app_user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_case_letter_case_id"), "case_letter", ["case_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE case_letter ENABLE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY need_to_know ON case_letter USING ({CASE_VISIBLE}) "
            f"WITH CHECK ({CASE_VISIBLE})"
        )


def downgrade() -> None:
    op.drop_index(op.f("ix_case_letter_case_id"), table_name="case_letter")
    op.drop_table("case_letter")
