"""Need to know in PostgreSQL itself: row-level security on the case and every table hanging off it.

The services already filter every query (``backoffice.access``); these policies make a query
that forgets the filter return nothing it should not, for anyone connecting as their own login
role (``app_user.db_role``). The rules are the services' own:

- HMIP and PPO staff (any role but intake) see every case;
- IMB staff see their Board's establishment; the IMB national lead (``lead``) sees all;
- intake staff see the cases they recorded.

Each rule reads the connected person's user row through an *uncorrelated* sub-select, which
PostgreSQL evaluates once per query (an InitPlan), not once per row, so the queue stays fast.
The table owner (migrations, maintenance) and superusers bypass the policies, as PostgreSQL
intends; staff roles must not own the tables. Migration 0007 applies them; migration 0008 adds
``pending_chunk`` (the pieces of a draft's unfinished text), visible when its draft is.

Not yet covered: ``audit_event``. Its hash chains (``intake.core.audit_chain``) are checked at every
start by counting and walking them, which rows hidden by a policy would make look deleted; the
audit rows stay readable by staff roles until the check runs inside the database.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

#: Tables whose rows belong to a case (``case_id``), and are visible when their case is.
CASE_TABLES = (
    "classification",
    "consent_record",
    "risk_assessment",
    "workflow_task",
    "tracker_entry",
    "recommendation",
    "signpost",
)

_ME = "FROM app_user u WHERE u.db_role = current_user AND u.active"

CASE_VISIBLE = f"""(
    COALESCE((SELECT u.organisation IN ('HMIP', 'PPO') AND u.role <> 'intake' {_ME}), false)
    OR COALESCE((SELECT u.organisation = 'IMB' AND u.role = 'lead' {_ME}), false)
    OR establishment_id = (
        SELECT u.establishment_id {_ME}
        AND u.organisation = 'IMB' AND u.role NOT IN ('intake', 'lead')
    )
    OR created_by_id = (SELECT u.id {_ME} AND u.role = 'intake')
)"""

CHILD_VISIBLE = "EXISTS (SELECT 1 FROM sanction_case c WHERE c.id = case_id)"
#: An interview in progress is its interviewer's alone; once submitted, its case decides.
OWN_DRAFT = f"user_id = (SELECT u.id {_ME})"
ANSWER_VISIBLE = (
    f"(case_id IS NULL AND EXISTS (SELECT 1 FROM interview_draft d WHERE d.id = draft_id)) "
    f"OR {CHILD_VISIBLE}"
)


def _policy(table: str, condition: str) -> list[str]:
    return [
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS need_to_know ON {table}",
        f"CREATE POLICY need_to_know ON {table} USING ({condition}) WITH CHECK ({condition})",
    ]


def _statements() -> list[str]:
    found = [
        "ALTER TABLE sanction_case ENABLE ROW LEVEL SECURITY",
        "DROP POLICY IF EXISTS need_to_know ON sanction_case",
        f"CREATE POLICY need_to_know ON sanction_case USING {CASE_VISIBLE} "
        f"WITH CHECK {CASE_VISIBLE}",
    ]
    for table in CASE_TABLES:
        found += [
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"DROP POLICY IF EXISTS need_to_know ON {table}",
            f"CREATE POLICY need_to_know ON {table} USING ({CHILD_VISIBLE}) "
            f"WITH CHECK ({CHILD_VISIBLE})",
        ]
    found += _policy("interview_draft", f"{OWN_DRAFT} OR ({CHILD_VISIBLE})")
    found += _policy("answer", ANSWER_VISIBLE)
    return found


def enable_row_level_security(connection: Connection) -> None:
    """Create (or re-create) the policies; PostgreSQL only, idempotent."""
    if connection.dialect.name != "postgresql":
        return
    for statement in _statements():
        connection.execute(text(statement))


def disable_row_level_security(connection: Connection) -> None:
    if connection.dialect.name != "postgresql":
        return
    for table in ("sanction_case", *CASE_TABLES, "interview_draft", "answer"):
        connection.execute(text(f"DROP POLICY IF EXISTS need_to_know ON {table}"))
        connection.execute(text(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY"))
