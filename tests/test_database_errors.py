"""Whatever is wrong with the database, both commands say so in one line and exit non-zero:
a damaged file, a table gone missing, a lock held too long, a server that cannot be reached."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.support.cli import run_cli
from tests.support.database import ON_POSTGRES

ADMIN = ("--as", "DEMO HMIP Admin")
LEAD = ("--as", "DEMO HMIP Lead")
#: Commands of both apps that read and write the database in different ways.
COMMANDS: dict[str, tuple[str, ...]] = {
    "queue": ("backoffice", *LEAD, "queue"),
    "users list": ("backoffice", *ADMIN, "users", "list"),
    "audit verify": ("backoffice", *LEAD, "audit", "verify"),
    "retention review": ("backoffice", *LEAD, "retention", "review"),
    "insights": ("backoffice", *LEAD, "insights"),
    "tracker export": ("backoffice", *LEAD, "tracker", "export", "--format", "csv", "--out",
                       "{data}/tracker.csv"),
    "intake drafts list": ("intake", "drafts", "list"),
    "intake chat": ("intake", "chat"),
}  # fmt: skip


def _run(name: str, env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    data = env["SANCTIONS_DATA_DIR"]  # an export there needs no passphrase
    args = [part.replace("{data}", data) for part in COMMANDS[name]]
    return run_cli(*args, env=env, input="")


def _one_line(result: subprocess.CompletedProcess[str], code: int, *words: str) -> str:
    """The command failed with exactly one line on stderr (no traceback) saying `words`."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert result.returncode == code, (result.returncode, result.stderr)
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def _env(url: str, data: Path) -> dict[str, str]:
    return {"SANCTIONS_DATABASE_URL": url, "SANCTIONS_DATA_DIR": str(data)}


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with the demo's users and cases, made once and copied by each test."""
    folder = tmp_path_factory.mktemp("demo")
    database = folder / "demo.db"  # the demo's own file in the data folder
    made = run_cli("backoffice", "demo", env={"SANCTIONS_DATA_DIR": str(folder)})
    assert made.returncode == 0, made.stderr
    with closing(sqlite3.connect(database)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return database


@pytest.fixture
def sqlite_demo(demo_file: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    database = tmp_path / "work" / "sanctions.db"
    database.parent.mkdir()
    shutil.copy(demo_file, database)
    return database, _env(f"sqlite:///{database}", tmp_path / "work")


def _junk_pages_of(database: Path, *tables: str) -> None:
    """Write junk bytes over the first page of each table and of its indexes, as a failing
    disk would."""
    with closing(sqlite3.connect(database)) as db:
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        marks = ",".join("?" * len(tables))
        query = f"SELECT rootpage FROM sqlite_master WHERE rootpage AND tbl_name IN ({marks})"
        pages = [row[0] for row in db.execute(query, tables)]
    assert len(pages) > len(tables)
    with database.open("r+b") as file:
        for page in pages:
            file.seek((page - 1) * page_size)
            file.write(b"\xde\xad\xbe\xef" * (page_size // 4))


@pytest.mark.sqlite_only
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_damaged_database_file_is_one_line_naming_the_damage(
    command: str, sqlite_demo: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    database, env = sqlite_demo
    _junk_pages_of(database, "app_user", "audit_event", "interview_draft")
    line = _one_line(_run(command, env, tmp_path), 2, "damaged", "malformed")
    assert "backup" in line


@pytest.mark.sqlite_only
@pytest.mark.parametrize("command", ["queue", "intake drafts list", "intake chat"])
def test_a_file_that_is_not_a_database_is_one_line(
    command: str, sqlite_demo: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    database, env = sqlite_demo
    database.write_bytes(b"this is not a database\n" * 500)
    _one_line(_run(command, env, tmp_path), 2, "not a database")


def _drop(engine: Engine, table: str) -> None:
    with engine.begin() as connection:
        if ON_POSTGRES:
            connection.exec_driver_sql(f"DROP TABLE {table} CASCADE")
        else:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.exec_driver_sql(f"DROP TABLE {table}")


@pytest.mark.parametrize(
    ("command", "table"),
    [("queue", "workflow_task"), ("tracker export", "tracker_entry"), ("intake drafts list",
     "interview_draft")],
)  # fmt: skip
def test_a_missing_table_is_one_line_not_a_lost_connection(
    command: str, table: str, engine: Engine, database_url: str, tmp_path: Path
) -> None:
    (tmp_path / "data").mkdir()
    env = _env(database_url, tmp_path / "data")
    made = run_cli("backoffice", "demo", "--main-database", env=env)  # a new, empty database
    assert made.returncode == 0, made.stderr
    _drop(engine, table)
    line = _one_line(_run(command, env, tmp_path), 2, "missing part of its tables", table)
    assert "lost the database connection" not in line


@pytest.mark.sqlite_only
def test_a_database_locked_by_another_program_is_one_line_saying_to_retry(
    sqlite_demo: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    database, env = sqlite_demo
    holder = sqlite3.connect(database)
    holder.execute("BEGIN IMMEDIATE")  # another program writing and never finishing
    try:
        # Choosing who you are among the demo's users writes an audit event: it waits for the
        # lock (15 s), then gives up.
        result = _run("users list", env, tmp_path)
    finally:
        holder.rollback()
        holder.close()
    _one_line(result, 1, "busy", "locked", "run the command again")


UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:1/sanctions"  # nothing listens on port 1


@pytest.mark.parametrize(
    "args",
    [
        COMMANDS["queue"],
        COMMANDS["users list"],
        COMMANDS["audit verify"],
        COMMANDS["tracker export"],
    ],
    ids=" ".join,
)
def test_an_unreachable_server_is_one_line(args: tuple[str, ...], tmp_path: Path) -> None:
    result = run_cli(*args, env=_env(UNREACHABLE, tmp_path / "data"))
    _one_line(result, 2, "cannot reach", "127.0.0.1")
