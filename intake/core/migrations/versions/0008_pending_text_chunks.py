"""unfinished text kept as pieces: a draft's narrative grows by adding rows, never rewritten

- ``pending_chunk``: the pieces of a draft's unfinished text, in the order saved (``id``).
  Appending a line of a long paste used to rewrite the whole text in ``interview_draft``, so
  a 10 MB narrative piped to ``intake chat`` cost the square of its size.
- Existing unfinished text moves into one piece each; ``interview_draft.pending_text`` goes.
- PostgreSQL: a piece is visible when its draft is (row-level security, as ``answer``).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 01:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DRAFT_VISIBLE = "EXISTS (SELECT 1 FROM interview_draft d WHERE d.id = draft_id)"


def upgrade() -> None:
    op.create_table(
        "pending_chunk",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["draft_id"], ["interview_draft.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_pending_chunk_draft_id"), "pending_chunk", ["draft_id"])
    op.execute(
        "INSERT INTO pending_chunk (draft_id, text) SELECT id, pending_text FROM interview_draft"
        " WHERE pending_text IS NOT NULL AND pending_text <> '' ORDER BY id"
    )
    op.execute(
        "UPDATE interview_draft SET pending_key = NULL"
        " WHERE pending_text IS NULL OR pending_text = ''"
    )
    # Plain ALTER TABLE (SQLite 3.35+ and PostgreSQL): a batch copy would drop the table that
    # answers refer to.
    op.execute("ALTER TABLE interview_draft DROP COLUMN pending_text")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE pending_chunk ENABLE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY need_to_know ON pending_chunk USING ({DRAFT_VISIBLE}) "
            f"WITH CHECK ({DRAFT_VISIBLE})"
        )


def downgrade() -> None:
    op.execute("ALTER TABLE interview_draft ADD COLUMN pending_text TEXT")
    bind = op.get_bind()
    pieces = bind.execute(sa.text("SELECT draft_id, text FROM pending_chunk ORDER BY id"))
    joined: dict[int, str] = {}
    for draft_id, text in pieces:
        joined[draft_id] = joined.get(draft_id, "") + text
    for draft_id, text in joined.items():
        bind.execute(
            sa.text("UPDATE interview_draft SET pending_text = :text WHERE id = :id"),
            {"text": text, "id": draft_id},
        )
    op.drop_index(op.f("ix_pending_chunk_draft_id"), table_name="pending_chunk")
    op.drop_table("pending_chunk")
