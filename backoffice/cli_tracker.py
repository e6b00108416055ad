"""`backoffice tracker export`: the HMIP sanctions tracker as CSV or xlsx, OFFICIAL-SENSITIVE."""

from __future__ import annotations

from pathlib import Path

import click

from backoffice.cli_common import BackofficeContext, emit_json, json_option, parse_date, pass_app
from backoffice.tracker import export_tracker
from intake.cli_support import guarded
from intake.db.backup import database_files


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
    as_json: bool,
) -> None:
    """One row a case, marked OFFICIAL-SENSITIVE; handle and share it accordingly."""
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
        )
        session.commit()
    if as_json:
        emit_json(summary)
        return
    what = "pseudonymised " if pseudonymise else ""
    click.echo(f"wrote {summary.rows} cases to {out} ({what}{fmt}, OFFICIAL-SENSITIVE)")
