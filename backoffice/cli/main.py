"""The `backoffice` command: the triage TUI and every queue, workflow and export action.

Every command acts as the person logged in (``intake.core.identity``: their computer login, or their
own PostgreSQL role); ``--as`` (or ``SANCTIONS_USER``) chooses among several people sharing one
login. Commands go through the same services as the TUI, so no check can differ.
"""

from __future__ import annotations

import click

from backoffice.cli.alerts import alerts_group
from backoffice.cli.audit import audit_group, check_before, guard
from backoffice.cli.backup import backup_command, restore_command
from backoffice.cli.cases import COMMANDS
from backoffice.cli.common import BackofficeContext
from backoffice.cli.decrypt import decrypt_command
from backoffice.cli.draft import draft_group
from backoffice.cli.insights import insights_command
from backoffice.cli.letters import letter_command, letters_command
from backoffice.cli.recommendations import recommendations_group
from backoffice.cli.retention import retention_group
from backoffice.cli.serve import serve_command
from backoffice.cli.share import share_command
from backoffice.cli.tracker import tracker_group
from backoffice.cli.users import demo_command, users
from intake.cli.support import guarded, run_main


@click.group(invoke_without_command=True)
@click.version_option(package_name="sanctions-intake")
@click.option(
    "--as",
    "acting",
    envvar="SANCTIONS_USER",
    metavar="USER",
    help="Who you are, when several people share this login (or set SANCTIONS_USER).",
)
@click.option(
    "--demo",
    is_flag=True,
    help="Use the demo database (demo.db in the data folder, made by `backoffice demo`) "
    "instead of the real one.",
)
@click.pass_context
@guarded
def cli(ctx: click.Context, acting: str | None, demo: bool) -> None:
    """Triage, the protocol's workflow, the HMIP sanctions tracker and overrides.
    Without a command, opens the triage app as the person logged in."""
    ctx.obj = BackofficeContext(acting=acting, overrides={"demo": True} if demo else {})
    if demo and ctx.invoked_subcommand != "demo":
        ctx.obj.require_demo_database()
    if ctx.invoked_subcommand is None:
        from backoffice.tui.app import run_backoffice_app

        check_before(ctx.obj)  # a broken, unacknowledged audit chain: one line, no app

        run_backoffice_app(ctx.obj.engine, ctx.obj.settings, ctx.obj.acting)


for _command in COMMANDS:
    cli.add_command(guard(_command))
cli.add_command(guard(tracker_group))
cli.add_command(guard(insights_command))
cli.add_command(guard(letter_command))
cli.add_command(guard(letters_command))
cli.add_command(guard(recommendations_group))
cli.add_command(guard(alerts_group))
cli.add_command(guard(share_command))
cli.add_command(backup_command)
cli.add_command(restore_command)
cli.add_command(guard(draft_group))
cli.add_command(audit_group)


cli.add_command(users)
cli.add_command(demo_command)
cli.add_command(guard(retention_group))
cli.add_command(decrypt_command)
cli.add_command(serve_command)


def main() -> None:
    run_main(cli)


if __name__ == "__main__":  # `python -m backoffice.cli.main`: each browser session's process
    main()
