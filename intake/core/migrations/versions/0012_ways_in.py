"""every way in (issue 15 point 1): how an allegation reached us, and the reassurance in writing

- ``sanction_case.received_via``: how the allegation reached the receiving organisation
  (flowchart step 1): in person, a phone call, a letter, an email, an IMB application, a
  referral from one of the other bodies, an inspection survey. Cases from before read NULL:
  nothing recorded it (they were all taken in interviews).
- ``sanction_case.reassurance_written_at``: when the protocol's reassurance went back in writing
  to a person who wrote to us (NULL: not written, or said in person).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # op.add_column, not batch mode: SQLite adds a column in place, while a batch rebuild would
    # drop tables that other rows hang off (as 0009).
    op.add_column("sanction_case", sa.Column("received_via", sa.String(length=24), nullable=True))
    op.add_column(
        "sanction_case",
        sa.Column("reassurance_written_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    )


def downgrade() -> None:
    # Plain ALTER TABLE (SQLite 3.35+ and PostgreSQL), as 0008 and 0009.
    op.execute("ALTER TABLE sanction_case DROP COLUMN reassurance_written_at")
    op.execute("ALTER TABLE sanction_case DROP COLUMN received_via")
