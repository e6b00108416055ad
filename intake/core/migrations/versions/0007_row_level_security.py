"""row-level security on PostgreSQL: need to know enforced by the database itself

The policies live in ``intake.core.db.rls`` (one place for their text, also used by the tests and
the benchmark); this migration applies them. SQLite has no row-level security: nothing to do.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 20:50:00
"""

from collections.abc import Sequence

from alembic import op

from intake.core.db.rls import disable_row_level_security, enable_row_level_security

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    enable_row_level_security(op.get_bind())


def downgrade() -> None:
    disable_row_level_security(op.get_bind())
