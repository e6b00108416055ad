"""The `backoffice` command: the triage TUI and every queue, workflow and export action."""

from __future__ import annotations

import json

import click
from sqlmodel import Session, select

from intake.cli_support import AppContext, guarded, run_main
from intake.db.models import User
from intake.users import UserCreate, create_user
from intake.vocabulary import Organisation, Role


@click.group()
@click.version_option(package_name="sanctions-intake")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Triage, the protocol's workflow, the HMIP sanctions tracker and overrides."""
    ctx.obj = AppContext()


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


def main() -> None:
    run_main(cli)
