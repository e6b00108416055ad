"""The `intake` command: the guided interview (TUI), its line mode, and the classifier."""

from __future__ import annotations

import click

from intake.cli_support import AppContext, guarded, run_main


@click.group(invoke_without_command=True)
@click.version_option(package_name="sanctions-intake")
@click.pass_context
@guarded
def cli(ctx: click.Context) -> None:
    """Record an alleged sanction against a prisoner or detainee for contacting HMIP, an IMB
    or the PPO. Without a command, opens the guided interview."""
    ctx.obj = AppContext()
    if ctx.invoked_subcommand is None:
        from intake.tui.app import run_intake_app

        run_intake_app(ctx.obj)


def main() -> None:
    run_main(cli)
