"""`backoffice retention review|dispose|hold|release`: the MoUs' retention schedules."""

from __future__ import annotations

from pathlib import Path

import click
from sqlalchemy import make_url

from backoffice import retention
from backoffice.cli.common import BackofficeContext, emit_json, json_option, pass_app, plain
from intake.cli.support import guarded
from intake.core.db.backup import sqlite_file
from intake.core.errors import ValidationProblem


def _database(app: BackofficeContext) -> Path | None:
    url = app.settings.effective_database_url
    return sqlite_file(url) if make_url(url).get_backend_name() == "sqlite" else None


@click.group("retention")
def retention_group() -> None:
    """Retention schedules, legal holds and controlled disposal of closed cases."""


@retention_group.command("review")
@json_option
@pass_app
@guarded
def review_command(app: BackofficeContext, as_json: bool) -> None:
    """Closed cases past their organisation's schedule (admins and leads; need to know)."""
    with app.session() as session:
        actor = app.actor(session)
        found = retention.review(session, actor, app.settings, database=_database(app))
    if as_json:
        emit_json(found.as_json())
        return
    click.echo(f"due for disposal: {len(found.due)}")
    for item in found.due:
        click.echo(
            f"  {item.reference}  {item.receiving_organisation}  {item.status}  closed "
            f"{item.closed_at.date()}  kept {item.years} years, due {item.due_on}"
        )
    click.echo(f"on legal hold (not disposed of): {len(found.held)}")
    for item in found.held:
        click.echo(
            f"  {item.reference}  {item.receiving_organisation}  {plain(item.legal_hold_reason)}"
        )
    due_copies = [c for c in found.copies if c.due]
    click.echo(f"before-restore copies: {len(found.copies)}, {len(due_copies)} due")
    for copy in found.copies:
        click.echo(f"  {copy.path}  made {copy.made_at.date()}{'  due' if copy.due else ''}")


@retention_group.command("dispose")
@click.option("--reason", required=True, help="Why (e.g. the retention schedule's review).")
@click.option("--reference", "references", multiple=True, help="A case due for disposal.")
@click.option("--all-due", is_flag=True, help="Every case due (see retention review).")
@click.option("--confirm", is_flag=True, help="Required: disposal cannot be undone.")
@json_option
@pass_app
@guarded
def dispose_command(
    app: BackofficeContext,
    reason: str,
    references: tuple[str, ...],
    all_due: bool,
    confirm: bool,
    as_json: bool,
) -> None:
    """Remove the personal data and narrative of due cases (admins); a minimal record stays."""
    if not confirm:
        raise ValidationProblem("disposal cannot be undone: add --confirm")
    with app.session() as session:
        actor = app.actor(session)
        done = retention.dispose(
            session,
            actor,
            app.settings,
            reason=reason,
            references=list(references),
            all_due=all_due,
        )
        session.commit()
    copies: list[Path] = []
    database = _database(app)
    if database is not None:
        copies = retention.dispose_copies(database, app.settings)
    if as_json:
        emit_json(
            {
                "disposed": [{"reference": d.reference, "removed": d.removed} for d in done],
                "before_restore_copies_removed": [str(p) for p in copies],
            }
        )
        return
    for item in done:
        fields = ", ".join(f"{k} ({v})" for k, v in sorted(item.removed.items()))
        click.echo(f"disposed of {item.reference}: removed {fields or 'nothing left to remove'}")
    for path in copies:
        click.echo(f"deleted old copy {path}")
    if not done and not copies:
        click.echo("nothing due")


def _hold(app: BackofficeContext, reference: str, reason: str, *, hold: bool) -> None:
    with app.session() as session:
        actor = app.actor(session)
        case = retention.set_hold(session, actor, reference, hold=hold, reason=reason)
        session.commit()
        text = "on legal hold" if hold else "released from legal hold"
        click.echo(f"{case.reference} {text}")


@retention_group.command("hold")
@click.argument("reference")
@click.option("--reason", required=True, help="Why it must be kept (litigation, inquiry ...).")
@pass_app
@guarded
def hold_command(app: BackofficeContext, reference: str, reason: str) -> None:
    """Stop a case being disposed of (supervisor, lead or admin of its organisation)."""
    _hold(app, reference, reason, hold=True)


@retention_group.command("release")
@click.argument("reference")
@click.option("--reason", required=True, help="Why the hold ends.")
@pass_app
@guarded
def release_command(app: BackofficeContext, reference: str, reason: str) -> None:
    """End a legal hold (supervisor, lead or admin of its organisation)."""
    _hold(app, reference, reason, hold=False)
