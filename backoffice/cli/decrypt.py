"""`backoffice decrypt FILE --out FILE`: read an encrypted export or backup (no database)."""

from __future__ import annotations

from pathlib import Path

import click

from intake.cli.support import guarded
from intake.core.errors import ValidationProblem
from intake.core.files import decrypt_file, is_encrypted, passphrase


@click.command("decrypt")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite --out if it exists.")
@guarded
def decrypt_command(source: Path, out: Path, force: bool) -> None:
    """Decrypt a tracker export or a backup made with --encrypt (asks the passphrase, or reads
    SANCTIONS_EXPORT_PASSPHRASE). The result is readable by you only (0600)."""
    if not source.is_file():
        raise ValidationProblem(f"{source} does not exist")
    if not is_encrypted(source):
        raise ValidationProblem(f"{source} is not a file encrypted by this application")
    if out.exists() and not force:
        raise ValidationProblem(f"{out} already exists (give another name, or --force)")
    if not out.parent.is_dir():
        raise ValidationProblem(f"folder {out.parent} does not exist")
    decrypt_file(source, out, passphrase(confirm=False, prompt=click.prompt))
    click.echo(f"decrypted {source} to {out} (OFFICIAL-SENSITIVE: keep it on an encrypted disk)")
