"""the regular share of the log with the IMB and PPO leads (issue 16, point 3; para 24)

- ``log_share``: which six-monthly period (``2026H1``), who shared it, when, and the files
  written (``backoffice.share``).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-12 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "log_share",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=8), nullable=False),
        sa.Column("shared_by_id", sa.Integer(), nullable=True),
        sa.Column("shared_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("files", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["shared_by_id"], ["app_user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_log_share_period", "log_share", ["period"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_log_share_period", table_name="log_share")
    op.drop_table("log_share")
