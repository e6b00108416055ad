"""What a database error that escaped a command means to the person who ran it.

Any ``DatabaseError`` (SQLite or PostgreSQL) is sorted into one of a few cases a user can act on:
the connection went away, the database is busy, the file is damaged, part of the schema is
missing, the database cannot be written, or something else refused the command. Each gives one
line and an exit status (2 when the database itself cannot be used, 1 when a retry may work).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from sqlalchemy.exc import DatabaseError, DBAPIError

from intake.core.db.engine import error_reason

UNSAVED = "nothing half-done was saved"
RESTORE = "restore it from a backup"


@dataclass(frozen=True)
class DatabaseProblem:
    message: str
    exit_code: int


def _sqlstate(exc: Exception) -> str:
    return str(getattr(getattr(exc, "orig", exc), "sqlstate", None) or "")


def _matches(reason: str, *words: str) -> bool:
    lowered = reason.lower()
    return any(word in lowered for word in words)


def _disconnected(exc: Exception, reason: str) -> bool:
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    state = _sqlstate(exc)
    if state.startswith("08") or state in {"57P01", "57P02", "57P03"}:
        return True
    return _matches(
        reason,
        "server closed the connection",
        "connection refused",
        "could not connect",
        "connection is closed",
        "connection timed out",
        "consuming input failed",
        "terminating connection",
        "no route to host",
    )


def describe(exc: DatabaseError | sqlite3.DatabaseError) -> DatabaseProblem:
    """One clear line and an exit status for a database error a command did not handle
    (SQLAlchemy's, or the sqlite3 module's where it is used directly, e.g. for backups)."""
    reason = error_reason(exc)
    state = _sqlstate(exc)
    if _disconnected(exc, reason):
        return DatabaseProblem(
            f"lost the database connection ({reason}); the unfinished change was not saved "
            "and nothing was half-written: run the command again",
            1,
        )
    if state in {"55P03", "40P01", "40001"} or _matches(reason, "locked", "database is busy"):
        return DatabaseProblem(
            f"the database is busy ({reason}): another program held it too long; "
            f"{UNSAVED}: run the command again",
            1,
        )
    if _matches(reason, "malformed", "not a database", "disk i/o error", "corrupt"):
        return DatabaseProblem(f"the database is damaged ({reason}); {UNSAVED}: {RESTORE}", 2)
    if state in {"42P01", "42703"} or _matches(reason, "no such table", "no such column"):
        return DatabaseProblem(
            f"the database is missing part of its tables ({reason}): it was changed outside "
            f"these apps or is damaged; {UNSAVED}: {RESTORE}",
            2,
        )
    if state == "42501" or _matches(reason, "readonly", "read-only", "permission denied"):
        return DatabaseProblem(
            f"the database cannot be written or read as you ({reason}); {UNSAVED}",
            2,
        )
    if _matches(reason, "disk is full", "no space"):
        return DatabaseProblem(f"the disk is full ({reason}); {UNSAVED}", 2)
    return DatabaseProblem(f"the database refused the command ({reason}); {UNSAVED}", 1)
