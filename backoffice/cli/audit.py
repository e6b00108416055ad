"""`backoffice audit verify | acknowledge`, and the refusal of normal work on a broken chain.

``verify`` (admins and leads) walks every hash chain of the audit (``intake.core.audit_chain``) and
prints one line per broken chain (exit 1), or that all are intact (exit 0). ``acknowledge``
(admins only) records that an admin has seen a chain's breaks and why work may resume; it is
itself audited. Until then the case commands and the triage app refuse with one line.
"""

from __future__ import annotations

import functools
import json
import time
from typing import Any

import click
from sqlmodel import select

from backoffice.cli.common import BackofficeContext, pass_app
from intake.cli.support import guarded
from intake.core.audit_chain import acknowledge, record_access, require_intact, verify_all
from intake.core.db.models import SanctionCase
from intake.core.errors import PermissionDenied, ValidationProblem
from intake.core.validation import clean_text
from intake.core.vocabulary import Role

#: The commands that refuse to work while a chain is broken and unacknowledged.
GUARDED = {"queue", "show", "steps", "act", "override", "view", "tracker", "draft"}


def check_before(app: BackofficeContext, reference: str | None = None) -> None:
    """The quick check (and, given a case reference, that case's whole chain)."""
    case_id = None
    if reference:
        from sqlmodel import Session

        with Session(app.engine) as session:
            case_id = session.exec(
                select(SanctionCase.id).where(SanctionCase.reference == reference.strip())
            ).first()
    require_intact(app.engine, case_id=case_id)


def guard(command: click.Command) -> click.Command:
    """Run :func:`check_before` ahead of a command (and of each command of a group)."""
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            guard(sub)
        return command
    inner = command.callback
    assert inner is not None

    @functools.wraps(inner)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        app = click.get_current_context().find_object(BackofficeContext)
        if app is not None:
            guarded(check_before)(app, kwargs.get("reference"))
        return inner(*args, **kwargs)

    command.callback = wrapper
    return command


def _actor(app: BackofficeContext, roles: set[Role], what: str) -> Any:
    with app.session() as session:
        actor = app.actor(session)
    if actor.role not in roles:
        names = " and ".join(sorted(role.value + "s" for role in roles))
        raise PermissionDenied(f"{actor.name} is a {actor.role.value}: only {names} {what}")
    return actor


@click.group("audit")
def audit_group() -> None:
    """The tamper-evident audit trail: verify its hash chains, acknowledge a break."""


@audit_group.command("verify")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
@guarded
def verify_command(app: BackofficeContext, as_json: bool) -> None:
    """Walk every chain; exit 1 with one line per broken chain, 0 when all are intact."""
    actor = _actor(app, {Role.ADMIN, Role.LEAD}, "verify the audit")
    started = time.perf_counter()
    with app.engine.connect() as connection:
        breaks = verify_all(connection)
    seconds = time.perf_counter() - started
    with app.session() as session:
        record_access(
            session,
            actor=actor,
            action="audit.verify",
            entity="audit_chain",
            details={"broken": [b.chain for b in breaks]},
        )
    if as_json:
        click.echo(
            json.dumps(
                {
                    "intact": not breaks,
                    "breaks": [b.as_dict() for b in breaks],
                    "seconds": round(seconds, 3),
                },
                indent=2,
            )
        )
    elif not breaks:
        click.echo(f"every audit chain is intact ({seconds:.2f} s)")
    for item in breaks:
        if not as_json:
            click.echo(item.line())
    if breaks:
        raise SystemExit(1)


@audit_group.command("acknowledge")
@click.option("--chain", required=True, help="The broken chain, e.g. case:12 or access.")
@click.option("--reason", required=True, help="Why work may resume (kept in the audit).")
@pass_app
@guarded
def acknowledge_command(app: BackofficeContext, chain: str, reason: str) -> None:
    """Acknowledge a broken chain (admins only) so that normal work may resume."""
    actor = _actor(app, {Role.ADMIN}, "acknowledge a broken audit chain")
    reason = clean_text(reason).strip()
    chain = chain.strip()
    if not reason:
        raise ValidationProblem("--reason must say why work may resume")
    with app.session() as session:
        found = acknowledge(session, chain=chain, reason=reason, actor=actor)
        session.commit()
    if not found:
        click.echo(f"audit chain {chain} is intact: nothing to acknowledge")
        return
    for item in found:
        click.echo(f"acknowledged: {item.line()}")
