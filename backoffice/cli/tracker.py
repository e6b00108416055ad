"""`backoffice tracker export`: the HMIP sanctions tracker as CSV or xlsx, OFFICIAL-SENSITIVE."""

from __future__ import annotations

from pathlib import Path

import click

from backoffice.cli.common import BackofficeContext, emit_json, json_option, parse_date, pass_app
from backoffice.tracker import export_tracker, may_export
from intake.cli.support import guarded
from intake.core.db.backup import check_output, database_files
from intake.core.files import choose_encryption


@click.group("tracker")
def tracker_group() -> None:
    """The HMIP sanctions tracker (protocol para 24)."""


@tracker_group.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="xlsx")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--force", is_flag=True, help="Overwrite --out if it exists (never the database itself)."
)
@click.option("--from", "date_from", help="Received on or after, YYYY-MM-DD.")
@click.option("--to", "date_to", help="Received on or before, YYYY-MM-DD.")
@click.option(
    "--pseudonymise", is_flag=True, help="Stable pseudonyms for names and numbers (para 24)."
)
@click.option(
    "--encrypt/--no-encrypt",
    default=None,
    help="Encrypt with a passphrase (default when --out is outside the data folder; "
    "SANCTIONS_EXPORT_PASSPHRASE for scripts). --no-encrypt writes personal data in the clear.",
)
@json_option
@pass_app
@guarded
def export_command(
    app: BackofficeContext,
    fmt: str,
    out: Path,
    date_from: str | None,
    date_to: str | None,
    pseudonymise: bool,
    force: bool,
    encrypt: bool | None,
    as_json: bool,
) -> None:
    """One row a case, marked OFFICIAL-SENSITIVE; handle and share it accordingly."""
    check_output(out, force=force, protected=database_files(app.settings))  # before asking
    with app.session() as session:
        may_export(app.actor(session))
    secret = choose_encryption(out, app.settings.data_dir, encrypt, prompt=click.prompt)
    with app.session() as session:
        summary = export_tracker(
            session,
            actor=app.actor(session),
            out=out,
            fmt="csv" if fmt == "csv" else "xlsx",
            date_from=parse_date(date_from, what="--from"),
            date_to=parse_date(date_to, what="--to"),
            pseudonymise=pseudonymise,
            overwrite=force,
            protected=database_files(app.settings),
            passphrase=secret,
        )
        session.commit()
    if as_json:
        emit_json(summary)
        return
    what = "pseudonymised " if pseudonymise else ""
    what = f"encrypted, {what}" if secret is not None else what
    click.echo(f"wrote {summary.rows} cases to {out} ({what}{fmt}, OFFICIAL-SENSITIVE)")
    if summary.demo_left_out:
        click.echo(
            f"left out {summary.demo_left_out} demo cases: demo data never enters the tracker"
        )
