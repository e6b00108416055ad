"""The `backoffice` command: the triage TUI and every queue, workflow and export action.

Every case command acts as the user named by ``--as`` (or ``SANCTIONS_USER``) and goes through
the same services as the TUI, so the role and need-to-know checks cannot differ.
"""

from __future__ import annotations

import json

import click
from sqlmodel import Session, select

from backoffice.cli_backup import backup_command, restore_command
from backoffice.cli_cases import COMMANDS
from backoffice.cli_common import BackofficeContext, emit_json, json_option, pass_app
from backoffice.cli_draft import draft_group
from backoffice.cli_tracker import tracker_group
from intake.cli_support import AppContext, guarded, run_main
from intake.db.models import User
from intake.users import UserCreate, create_user
from intake.vocabulary import Organisation, Role


@click.group(invoke_without_command=True)
@click.version_option(package_name="sanctions-intake")
@click.option(
    "--as",
    "acting",
    envvar="SANCTIONS_USER",
    metavar="USER",
    help="The user you act as (required for case commands; or set SANCTIONS_USER).",
)
@click.pass_context
@guarded
def cli(ctx: click.Context, acting: str | None) -> None:
    """Triage, the protocol's workflow, the HMIP sanctions tracker and overrides.
    Without a command, opens the triage app as the user named by --as."""
    ctx.obj = BackofficeContext(acting=acting)
    if ctx.invoked_subcommand is None:
        from backoffice.tui.app import run_backoffice_app

        run_backoffice_app(ctx.obj)


for _command in COMMANDS:
    cli.add_command(_command)
cli.add_command(tracker_group)
cli.add_command(backup_command)
cli.add_command(restore_command)
cli.add_command(draft_group)


@cli.group()
def users() -> None:
    """Staff who may use the apps."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--organisation", type=click.Choice([o.value for o in Organisation]), required=True)
@click.option("--establishment", help="Name, alias or code of the IMB's establishment.")
@click.pass_obj
@guarded
def users_add(
    app: AppContext, name: str, role: str, organisation: str, establishment: str | None
) -> None:
    """Add a user."""
    from pydantic import ValidationError

    from intake.errors import ValidationProblem
    from intake.reference.establishments import resolve_establishment_id

    with Session(app.engine) as session:
        establishment_id = (
            resolve_establishment_id(session, establishment) if establishment else None
        )
        try:
            data = UserCreate(
                name=name,
                role=Role(role),
                organisation=Organisation(organisation),
                establishment_id=establishment_id,
            )
        except ValidationError as exc:
            raise ValidationProblem(exc.errors()[0]["msg"]) from exc
        user = create_user(session, data=data)
        session.commit()
        click.echo(f"added {user.name} ({user.role}, {user.organisation})")


@users.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
@guarded
def users_list(app: AppContext, as_json: bool) -> None:
    """List users."""
    with Session(app.engine) as session:
        rows = session.exec(select(User).order_by(User.name)).all()
        records = [
            {
                "name": u.name,
                "role": u.role,
                "organisation": u.organisation,
                "establishment_id": u.establishment_id,
                "active": u.active,
            }
            for u in rows
        ]
    if as_json:
        click.echo(json.dumps(records, indent=2))
        return
    for r in records:
        click.echo(f"{r['name']:30} {r['role']:11} {r['organisation']}")


@cli.command("demo")
@json_option
@pass_app
@guarded
def demo_command(app: BackofficeContext, as_json: bool) -> None:
    """Add demo users (one per role and organisation) and about 30 demo cases, marked DEMO."""
    from backoffice.demo import seed_demo

    with app.session() as session:
        summary = seed_demo(session, settings=app.settings)
        session.commit()
    if as_json:
        emit_json(summary)
        return
    click.echo(summary.message)
    click.echo("try: backoffice --as 'DEMO HMIP Triage' queue")


def main() -> None:
    run_main(cli)
