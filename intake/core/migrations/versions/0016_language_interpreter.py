"""the interview's language and any interpreter (issue 17, point 2)

- ``sanction_case.language``: the language the person was spoken to in (a code of
  ``prompts/languages.py``: ``en``, ``cy``); letters to the person are written in it. NULL for
  cases from before, when it was not asked (they were in English).
- ``sanction_case.interpreter``: whether an interpreter was used (``none``, ``in_person``,
  ``telephone``, ``needed_not_available``), and ``interpreter_language`` the language they
  needed, as staff typed it. NULL when not asked (it came in writing, or a case from before).
- No new table, so no new row-level security policy: the columns follow their rows' policies.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-16 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("language", "interpreter", "interpreter_language")


def upgrade() -> None:
    # op.add_column, not batch mode (as 0009 and 0011): SQLite adds a column in place, while a
    # batch rebuild would drop tables that other rows hang off.
    op.add_column("sanction_case", sa.Column("language", sa.String(length=8), nullable=True))
    op.add_column("sanction_case", sa.Column("interpreter", sa.String(length=24), nullable=True))
    op.add_column(
        "sanction_case", sa.Column("interpreter_language", sa.String(length=120), nullable=True)
    )


def downgrade() -> None:
    # Plain ALTER TABLE (SQLite 3.35+ and PostgreSQL), as 0008, 0009 and 0011.
    for column in reversed(COLUMNS):
        op.execute(f"ALTER TABLE sanction_case DROP COLUMN {column}")
