"""`backoffice share --period 2026H1 --out DIR`: the six-monthly pack for the IMB and PPO leads
(protocol para 24; :mod:`backoffice.share`), marked OFFICIAL-SENSITIVE and recorded as shared."""

from __future__ import annotations

from pathlib import Path

import click

from backoffice.cli.common import BackofficeContext, emit_json, json_option, pass_app
from backoffice.share import check_ended, check_pack, may_share, parse_period
from intake.cli.support import guarded
from intake.core.db.backup import database_files
from intake.core.files import choose_encryption


@click.command("share")
@click.option("--period", required=True, help="The six months: 2026H1 (Jan-Jun) or 2026H2.")
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder for the pack (made if missing): the workbook and the PDF report.",
)
@click.option("--force", is_flag=True, help="Write over a pack already in the folder.")
@click.option(
    "--encrypt/--no-encrypt",
    default=None,
    help="Encrypt with a passphrase (default when --out is outside the data folder; "
    "SANCTIONS_EXPORT_PASSPHRASE for scripts).",
)
@json_option
@pass_app
@guarded
def share_command(
    app: BackofficeContext,
    period: str,
    out: Path,
    force: bool,
    encrypt: bool | None,
    as_json: bool,
) -> None:
    """The log for the IMB and PPO leads (HMIP leads): the pseudonymised tracker log of the
    cases received in the period, its insights and the open recommendations, as an xlsx
    workbook and a printable PDF, OFFICIAL-SENSITIVE; recorded as shared."""
    wanted = parse_period(period)
    service = app.service()
    may_share(service.actor)
    check_ended(wanted)
    protected = database_files(app.settings)
    check_pack(out, wanted, force=force, protected=protected)  # before asking the passphrase
    secret = choose_encryption(out, app.settings.data_dir, encrypt, prompt=click.prompt)
    summary = service.share(wanted, out, passphrase=secret, overwrite=force, protected=protected)
    if as_json:
        emit_json(summary)
        return
    how = "encrypted, pseudonymised" if summary.encrypted else "pseudonymised"
    click.echo(
        f"the log for {summary.period} ({summary.date_from.isoformat()} to "
        f"{summary.date_to.isoformat()}): {summary.logged} logged cases of {summary.received} "
        f"received, {summary.open_recommendations} open recommendations ({how}, "
        "OFFICIAL-SENSITIVE)"
    )
    for name in summary.files:
        click.echo(f"  {name}")
    click.echo(
        f"recorded as shared with the IMB and PPO leads by {summary.shared_by}: send the files "
        "(and the passphrase by another channel)"
        if summary.encrypted
        else f"recorded as shared with the IMB and PPO leads by {summary.shared_by}"
    )
