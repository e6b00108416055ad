"""Backups of the embedded SQLite database (a shared PostgreSQL server is backed up with pg_dump).

Both directions use SQLite's online backup API, so a backup taken while the apps are running is
consistent (WAL included), and a restore goes through SQLite rather than over a file in use.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterable
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import make_url

from intake.core.errors import ConfigError, ValidationProblem
from intake.core.files import create_private, encrypt_bytes, make_private, write_private_bytes
from intake.core.settings import Settings

PG_DUMP_HINT = (
    "a PostgreSQL database is backed up with the server's own tools: "
    "pg_dump -Fc -f sanctions.dump 'postgresql://...' and restored with pg_restore"
)
REQUIRED_TABLES = {"alembic_version", "sanction_case", "audit_event"}


def sqlite_file(database_url: str) -> Path:
    """The SQLite file behind the URL, or a clear message for a server database."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        raise ConfigError(f"SANCTIONS_DATABASE_URL: {PG_DUMP_HINT}")
    if not url.database or url.database == ":memory:":
        raise ConfigError("SANCTIONS_DATABASE_URL: an in-memory database cannot be backed up")
    return Path(url.database).expanduser()


def database_files(settings: Settings) -> list[Path]:
    """The SQLite files this installation uses (database and outbox): never an output file."""
    from intake.core.db.outbox import outbox_path

    files = [outbox_path(settings), settings.data_dir / "sanctions.db", settings.demo_database]
    for url in {settings.effective_database_url, settings.database_url or ""} - {""}:
        if make_url(url).get_backend_name() == "sqlite":
            files.append(sqlite_file(url))
    return files


def check_output(out: Path, *, force: bool, protected: Iterable[Path] = ()) -> None:
    """Refuse to write over a database (its -wal, -shm, journal or safety copies), ever, and
    over any other existing file without ``force``."""
    target = _resolved(out)
    for database in protected:
        base = _resolved(database)
        if target.parent == base.parent and target.name.startswith(base.name):
            raise ValidationProblem(
                f"{out} is {'the database' if target == base else 'part of the database'} "
                f"{base}; it is never overwritten (not even with --force): choose another file"
            )
        if out.exists() and base.exists() and os.path.samefile(out, base):
            raise ValidationProblem(f"{out} is the database {base}; choose another file")
    if out.is_dir():
        raise ValidationProblem(f"{out} is a folder; give a file name")
    if (out.exists() or out.is_symlink()) and not force:
        raise ValidationProblem(f"{out} already exists (give another name, or --force)")


def _resolved(path: Path) -> Path:
    return Path(os.path.realpath(path.expanduser()))


def _copy(source: Path, target: Path) -> None:
    create_private(target)  # 0600 whatever the umask (backups, before-restore copies)
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def check_backup(path: Path) -> str:
    """A readable, intact database of this project; returns its schema revision."""
    if not path.is_file():
        raise ValidationProblem(f"{path} does not exist")
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            if db.execute("PRAGMA quick_check").fetchone() != ("ok",):
                raise ValidationProblem(f"{path} is damaged (SQLite integrity check failed)")
            names = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
            if not names >= REQUIRED_TABLES:
                raise ValidationProblem(f"{path} is not a backup of this application's database")
            return str(db.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        raise ValidationProblem(f"{path} is not a SQLite database ({exc})") from exc


def backup(
    database: Path,
    out: Path,
    *,
    overwrite: bool = False,
    protected: Iterable[Path] = (),
    passphrase: str | None = None,
) -> str:
    """Write a consistent copy of ``database`` to ``out``; returns its schema revision.

    With a ``passphrase`` the copy is made in a private temporary folder and only its encrypted
    form reaches ``out`` (removable media)."""
    check_output(out, force=overwrite, protected=[database, *protected])
    if not out.parent.is_dir():
        raise ValidationProblem(f"folder {out.parent} does not exist")
    if passphrase is not None:
        with tempfile.TemporaryDirectory(prefix="sanctions-backup-") as folder:
            plain = Path(folder) / "backup.db"
            revision = backup(database, plain)
            write_private_bytes(out, encrypt_bytes(plain.read_bytes(), passphrase))
        return revision
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    _copy(database, partial)
    revision = check_backup(partial)
    partial.replace(out)
    make_private(out)
    return revision


def restore(database: Path, source: Path) -> Path:
    """Replace the database's contents by the backup's; returns the safety copy of the old one.

    The backup is checked first; nothing changes unless it is intact and of this application.
    The caller brings the restored database up to date with the migrations.
    """
    from intake.core.db.migrate import head_revision

    revision = check_backup(source)
    if revision > (head_revision() or ""):
        raise ValidationProblem(
            f"{source} comes from a newer version of the application (schema {revision}); "
            "upgrade this installation first"
        )
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    safety = database.with_name(f"{database.name}.before-restore-{stamp}")
    if database.exists():
        _copy(database, safety)
    _copy(source, database)
    return safety


def decrypted_copy(source: Path, passphrase: str) -> Path:
    """An encrypted backup decrypted into a private temporary folder (removed at exit)."""
    import atexit
    import shutil

    from intake.core.files import decrypt_bytes

    folder = Path(tempfile.mkdtemp(prefix="sanctions-restore-"))
    atexit.register(shutil.rmtree, folder, True)
    plain = folder / source.name
    write_private_bytes(plain, decrypt_bytes(source.read_bytes(), passphrase))
    return plain
