"""possible immediate risk ("ask now") is stored, and the queue puts it first within its level

- ``classification.possible_immediate_risk``: the classifier's flag for indirect cues (hoarded
  medication, missed insulin, slang threats), True whenever ``immediate_risk`` is. It used to be
  dropped when a case was stored, so the back office never saw it.
- ``sanction_case.possible_immediate_risk``: the same flag of the case's effective
  classification, as the case already carries its other effective values.
- ``sanction_case.risk_rank`` becomes the queue's finer sort key (``intake.core.risk.risk_rank``):
  immediate 0, high with "ask now" 1, high 2, standard with "ask now" 3, standard 4. The
  ``ix_case_queue (risk_rank, created_at)`` index still serves the queue's one ORDER BY.
- Rows from before read false (``server_default``): nothing recorded the flag, so no old case
  says "ask now"; their ranks move to the new scale with their order unchanged.

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
    op.execute(
        "UPDATE sanction_case SET risk_rank = CASE risk_level"
        " WHEN 'immediate' THEN 0 WHEN 'high' THEN 2 ELSE 4 END"
    )


def downgrade() -> None:
    op.execute(
        "UPDATE sanction_case SET risk_rank = CASE risk_level"
        " WHEN 'immediate' THEN 0 WHEN 'high' THEN 1 ELSE 2 END"
    )
    # Plain ALTER TABLE (SQLite 3.35+ and PostgreSQL), as 0008: a batch copy would drop the
    # table that other rows refer to.
    op.execute("ALTER TABLE sanction_case DROP COLUMN possible_immediate_risk")
    op.execute("ALTER TABLE classification DROP COLUMN possible_immediate_risk")
