"""possible immediate risk ("ask now") is stored with each classification and on the case

- ``classification.possible_immediate_risk``: the classifier's flag for indirect cues (hoarded
  medication, missed insulin, slang threats), True whenever ``immediate_risk`` is. It used to be
  dropped when a case was stored, so the back office never saw it.
- ``sanction_case.possible_immediate_risk``: the same flag of the case's effective
  classification, as the case already carries its other effective values.
- Rows from before read false (``server_default``): nothing recorded the flag, so no old case
  says "ask now".

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _flag() -> sa.Column[bool]:
    return sa.Column(
        "possible_immediate_risk", sa.Boolean(), nullable=False, server_default=sa.text("false")
    )


def upgrade() -> None:
    # op.add_column, not batch mode: SQLite adds a column in place, while a batch rebuild would
    # drop tables that other rows hang off.
    op.add_column("classification", _flag())
    op.add_column("sanction_case", _flag())


def downgrade() -> None:
    # Plain ALTER TABLE (SQLite 3.35+ and PostgreSQL), as 0008: a batch copy would drop the
    # table that other rows refer to.
    op.execute("ALTER TABLE sanction_case DROP COLUMN possible_immediate_risk")
    op.execute("ALTER TABLE classification DROP COLUMN possible_immediate_risk")
