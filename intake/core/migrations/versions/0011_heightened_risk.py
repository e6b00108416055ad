"""heightened risk (NPM guidance): a move coming up, the reasons for the risk level, and whether
the interview was held out of the hearing of staff

- ``risk_assessment.move_kind / move_date``: a removal, release or transfer coming up, and the
  day it is due (one within ``prompts/risk.yaml`` ``imminent_move_days`` raises the level).
- ``risk_assessment.reasons``: why the level is what it is, in words, as staff saw them at the
  time (heightened-risk factors, the move, force, segregation or a strip-search in the account).
  Rows from before read an empty list: nothing recorded the reasons then.
- ``sanction_case.out_of_hearing``: the interview was held out of the hearing of staff (false:
  the person may not have spoken freely); NULL for cases from before, when it was not asked.
- No new table, so no new row-level security policy: the columns follow their rows' policies.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # op.add_column, not batch mode (as 0009): SQLite adds a column in place, while a batch
    # rebuild would drop tables that other rows hang off.
    op.add_column("risk_assessment", sa.Column("move_kind", sa.String(length=16), nullable=True))
    op.add_column("risk_assessment", sa.Column("move_date", sa.Date(), nullable=True))
    op.add_column(
        "risk_assessment",
        sa.Column("reasons", sa.JSON(), nullable=False, server_default=sa.text("'[]'")),
    )
    op.add_column("sanction_case", sa.Column("out_of_hearing", sa.Boolean(), nullable=True))


def downgrade() -> None:
    # Plain ALTER TABLE (SQLite 3.35+ and PostgreSQL), as 0008 and 0009.
    op.execute("ALTER TABLE sanction_case DROP COLUMN out_of_hearing")
    for column in ("reasons", "move_date", "move_kind"):
        op.execute(f"ALTER TABLE risk_assessment DROP COLUMN {column}")
