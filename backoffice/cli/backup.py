"""`backoffice backup` and `backoffice restore`: the embedded SQLite database (admins only)."""

from __future__ import annotations

from pathlib import Path

import click

from backoffice.cli.common import BackofficeContext, pass_app
from intake.cli.support import guarded
from intake.core.audit_chain import Break, acknowledge, backup_breaks, record_access
from intake.core.db import backup as backups
from intake.core.errors import PermissionDenied, ValidationProblem
from intake.core.files import choose_encryption, is_encrypted, passphrase
from intake.core.vocabulary import Role


def _require_admin(app: BackofficeContext) -> None:
    with app.session() as session:
        actor = app.actor(session)
    if actor.role != Role.ADMIN:
        raise PermissionDenied(f"{actor.name} is not an admin: only admins back up or restore")


def _readable(app: BackofficeContext, source: Path) -> Path:
    """An encrypted backup is decrypted into a private temporary folder first (admins)."""
    if not is_encrypted(source):
        return source
    _require_admin(app)  # before asking for the passphrase
    return backups.decrypted_copy(source, passphrase(confirm=False, prompt=click.prompt))


@click.command("backup")
@click.option("--out", "out", type=click.Path(path_type=Path), required=True, help="New file.")
@click.option(
    "--force", is_flag=True, help="Overwrite --out if it exists (never the database itself)."
)
@click.option(
    "--encrypt/--no-encrypt",
    default=None,
    help="Encrypt with a passphrase (default when --out is outside the data folder; "
    "SANCTIONS_EXPORT_PASSPHRASE for scripts). --no-encrypt writes personal data in the clear.",
)
@pass_app
@guarded
def backup_command(app: BackofficeContext, out: Path, force: bool, encrypt: bool | None) -> None:
    """Write a consistent copy of the database (safe while the apps are in use)."""
    database = backups.sqlite_file(app.settings.effective_database_url)
    _require_admin(app)
    protected = backups.database_files(app.settings)
    backups.check_output(out, force=force, protected=[database, *protected])  # before asking
    secret = choose_encryption(out, app.settings.data_dir, encrypt, prompt=click.prompt)
    revision = backups.backup(
        database, out, overwrite=force, protected=protected, passphrase=secret
    )
    _audit(app, "backup", {"file": out.name, "schema": revision})
    size = out.stat().st_size / 1024
    what = ", encrypted" if secret is not None else ""
    click.echo(f"backed up {database} to {out} ({size:,.0f} KiB, schema {revision}{what})")


@click.command("restore")
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option(
    "--accept-broken-audit", is_flag=True, help="Restore although its audit chain is broken."
)
@click.option("--reason", help="Why a backup with a broken audit chain is restored (audited).")
@pass_app
@guarded
def restore_command(
    app: BackofficeContext, source: Path, yes: bool, accept_broken_audit: bool, reason: str | None
) -> None:
    """Replace the database by a backup (the current one is kept beside it first)."""
    database = backups.sqlite_file(app.settings.effective_database_url)
    source = _readable(app, source)
    revision = backups.check_backup(source)
    _require_admin(app)
    broken = backup_breaks(source, revision)
    reason = (reason or "").strip()
    if broken and not (accept_broken_audit and reason):
        raise ValidationProblem(
            f"{source}: {broken[0].line()} ({len(broken)} broken chain(s)); not restored "
            '(an admin may restore it with --accept-broken-audit --reason "...")'
        )
    question = f"Replace everything in {database} by {source} (schema {revision})?"
    if not yes and not click.confirm(question, default=False):
        click.echo("nothing changed")
        return
    app.engine.dispose()
    safety = backups.restore(database, source)
    app.reopen()
    _audit(app, "restore", {"file": source.name, "schema": revision}, broken, reason)
    click.echo(f"restored {source} into {database}; the previous contents are in {safety}")


def _audit(
    app: BackofficeContext,
    action: str,
    details: dict[str, object],
    broken: list[Break] | None = None,
    reason: str | None = None,
) -> None:
    """Backups and restores are audited (the access chain); a restore accepted with broken
    chains records the admin's acknowledgement of each."""
    with app.session() as session:
        actor = app.actor(session)
        for item in broken or []:
            acknowledge(session, chain=item.chain, reason=reason or "", actor=actor)
        if broken:
            accepted = [b.as_dict() for b in broken]
            details = {**details, "accepted_broken_audit": accepted, "reason": reason}
        record_access(
            session, actor=actor, action=action, entity="database", details=details, separate=False
        )
        session.commit()
