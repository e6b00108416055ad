"""`backoffice users ...` and `backoffice demo`: staff accounts, for administrators."""

from __future__ import annotations

import click
from pydantic import ValidationError
from sqlalchemy import make_url
from sqlmodel import Session

from backoffice.cli.common import BackofficeContext, emit_json, json_option, pass_app
from backoffice.users_admin import (
    add_user,
    deactivate_user,
    has_admin,
    list_users,
    map_user,
    require_admin,
)
from intake.cli.support import guarded
from intake.core.errors import ValidationProblem
from intake.core.identity import anyone_signs_in, has_users, system_login
from intake.core.users import UserCreate
from intake.core.vocabulary import Organisation, Role


@click.group()
def users() -> None:
    """Staff who may use the apps (administrators only; the first user of a new database
    becomes its administrator)."""


def _user_data(
    session: Session,
    name: str,
    role: str,
    organisation: str,
    establishment: str | None,
    login: str | None,
    db_role: str | None,
) -> UserCreate:
    from intake.core.establishments import resolve_establishment_id

    establishment_id = resolve_establishment_id(session, establishment) if establishment else None
    try:
        return UserCreate(
            name=name, role=Role(role), organisation=Organisation(organisation),
            establishment_id=establishment_id, os_login=login, db_role=db_role,
        )  # fmt: skip
    except ValidationError as exc:
        raise ValidationProblem(exc.errors()[0]["msg"]) from exc


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--organisation", type=click.Choice([o.value for o in Organisation]), required=True)
@click.option("--establishment", help="Name, alias or code of the IMB's establishment.")
@click.option("--login", help="Their computer login (the embedded SQLite default).")
@click.option("--db-role", help="Their own PostgreSQL login role (a team's server).")
@pass_app
@guarded
def users_add(
    app: BackofficeContext,
    name: str,
    role: str,
    organisation: str,
    establishment: str | None,
    login: str | None,
    db_role: str | None,
) -> None:
    """Add a member of staff (an administrator; on a new database, the first administrator)."""
    with app.session() as session:
        first = not has_admin(session)
        if first and anyone_signs_in(session):
            app.actor(session)  # only someone who is already a user here makes the first admin
        if first and not (login or db_role):
            login = system_login()
        actor = None if first else app.actor(session)
        data = _user_data(session, name, role, organisation, establishment, login, db_role)
        user = add_user(session, actor=actor, data=data)
        session.commit()
        how = f"login {user.os_login}" if user.os_login else f"database role {user.db_role}"
        click.echo(f"added {user.name} ({user.role}, {user.organisation}; signs in by {how})")


@users.command("deactivate")
@click.argument("name")
@click.option("--reason", required=True, help="Why (e.g. left the organisation).")
@pass_app
@guarded
def users_deactivate(app: BackofficeContext, name: str, reason: str) -> None:
    """A leaver: they can no longer act; what they did keeps their name."""
    with app.session() as session:
        user = deactivate_user(session, actor=app.actor(session), name=name, reason=reason)
        session.commit()
        click.echo(f"deactivated {user.name}")


@users.command("map")
@click.argument("name")
@click.option("--login", help="Their computer login (the embedded SQLite default).")
@click.option("--db-role", help="Their own PostgreSQL login role (a team's server).")
@pass_app
@guarded
def users_map(app: BackofficeContext, name: str, login: str | None, db_role: str | None) -> None:
    """Say how an existing member of staff signs in (an administrator of their organisation)."""
    with app.session() as session:
        user = map_user(
            session, actor=app.actor(session), name=name, os_login=login, db_role=db_role
        )
        session.commit()
        click.echo(f"{user.name} signs in by {user.os_login or '-'} / {user.db_role or '-'}")


@users.command("list")
@json_option
@pass_app
@guarded
def users_list(app: BackofficeContext, as_json: bool) -> None:
    """List users (administrators)."""
    with app.session() as session:
        records = list_users(session, actor=app.actor(session))
    if as_json:
        emit_json(records)
        return
    for r in records:
        state = "" if r.active else "  (deactivated)"
        sign_in = r.os_login or r.db_role or "-"
        click.echo(f"{r.name:30} {r.role:11} {r.organisation:5} {sign_in}{state}")


@click.command("demo")
@click.option(
    "--main-database",
    is_flag=True,
    help="Fill the database the apps use for real work (SANCTIONS_DATABASE_URL or "
    "sanctions.db; a training server) instead of the demo's own; refused when it holds real "
    "cases.",
)
@json_option
@pass_app
@guarded
def demo_command(app: BackofficeContext, main_database: bool, as_json: bool) -> None:
    """Add demo users (one per role and organisation, all on this computer login) and about
    30 demo cases, marked DEMO, to the demo's own database (demo.db in the data folder; open
    it with `backoffice --demo`). On a database with users, an administrator only."""
    from backoffice.demo import refuse_beside_real_cases, seed_demo

    if main_database and app.overrides.get("demo"):
        raise ValidationProblem("--demo and --main-database contradict each other: give one")
    app.choose_demo_database(not main_database)
    with app.session() as session:
        refuse_beside_real_cases(session)  # before anyone is resolved (that is audited)
        if has_users(session):
            require_admin(app.actor(session), what="add demo data")
        summary = seed_demo(session, settings=app.settings, os_login=system_login())
        session.commit()
    database = _shown_database(app)
    then = "backoffice --as 'DEMO HMIP Triage' queue"
    if not main_database:
        then = then.replace("backoffice", "backoffice --demo", 1)
    if as_json:
        emit_json({**summary.model_dump(mode="json"), "database": database, "try": then})
        return
    click.echo(summary.message)
    click.echo(f"database: {database}")
    click.echo(f"try: {then}")


def _shown_database(app: BackofficeContext) -> str:
    """The database written to, as a person can find it (a server's password hidden)."""
    url = make_url(app.settings.effective_database_url)
    if url.get_backend_name() == "sqlite" and url.database:
        return url.database
    return url.render_as_string(hide_password=True)
