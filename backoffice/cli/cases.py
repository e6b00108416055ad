"""`backoffice queue | show | steps | act | override | view | link | transfer`: cases, through
the same service layer as the TUI (:mod:`backoffice.service`)."""

from __future__ import annotations

import click

from backoffice.cli.common import (
    BackofficeContext,
    emit_json,
    json_option,
    parse_date,
    parse_settings,
    pass_app,
)
from backoffice.cli.output import action_lines, case_lines, queue_lines
from backoffice.service import QueueQuery
from intake.cli.support import guarded
from intake.core.vocabulary import CaseStatus, LinkDecision, Organisation

STATUSES = [s.value for s in CaseStatus]
ORGS = [o.value for o in Organisation]


@click.command("queue")
@click.option("--status", "statuses", multiple=True, type=click.Choice(STATUSES))
@click.option("--establishment", help="Name, alias or code of an establishment.")
@click.option("--organisation", type=click.Choice(ORGS), help="Receiving organisation.")
@click.option("--overdue", is_flag=True, help="Only cases with an overdue task.")
@click.option("--overridden/--not-overridden", default=None, help="Overridden cases or not.")
@click.option("--all", "include_closed", is_flag=True, help="Include closed and signposted.")
@click.option("--search", help="Fuzzy search over reference, establishment and narrative.")
@click.option("--page", default=1, show_default=True, type=click.IntRange(min=1))
@click.option("--page-size", default=25, show_default=True, type=click.IntRange(1, 200))
@json_option
@pass_app
@guarded
def queue_command(
    app: BackofficeContext,
    statuses: tuple[str, ...],
    establishment: str | None,
    organisation: str | None,
    overdue: bool,
    overridden: bool | None,
    include_closed: bool,
    search: str | None,
    page: int,
    page_size: int,
    as_json: bool,
) -> None:
    """Cases by risk then age (open cases unless --all or --status)."""
    service = app.service()
    query = QueueQuery(
        statuses=statuses,
        establishment_id=service.establishment(establishment)[0] if establishment else None,
        organisation=organisation,
        overdue=overdue,
        overridden=overridden,
        include_closed=include_closed,
        search=search or "",
        page=page,
    )
    result = service.queue(query, page_size=page_size)
    if as_json:
        emit_json(result)
        return
    reminder = service.share_reminder()  # an HMIP lead's: the log is due to be shared
    if reminder:
        click.echo(reminder)
    for line in queue_lines(result):
        click.echo(line)


@click.command("show")
@click.argument("reference")
@click.option("--no-audit", is_flag=True, help="Leave out the audit trail.")
@json_option
@pass_app
@guarded
def show_command(app: BackofficeContext, reference: str, no_audit: bool, as_json: bool) -> None:
    """One case: summary, narrative, classifications, consent, tasks, audit trail."""
    view = app.service().case(reference)
    if as_json:
        emit_json(view)
        return
    for line in case_lines(view, audit=not no_audit):
        click.echo(line)


@click.command("steps")
@click.argument("reference")
@json_option
@pass_app
@guarded
def steps_command(app: BackofficeContext, reference: str, as_json: bool) -> None:
    """The actions possible now, their protocol step, and who may take them."""
    actions = app.service().actions(reference)
    if as_json:
        emit_json(actions)
        return
    for line in action_lines(actions):
        click.echo(line)


@click.command("act")
@click.argument("reference")
@click.argument("action")
@click.option("--note", help="What was done and why (recorded in the audit trail).")
@click.option("--outcome", help="The action's outcome (see `steps REF`).")
@click.option("--version", "expected_version", type=int, help="The version you read.")
@click.option("--due", help="Report-back or review date, YYYY-MM-DD.")
@click.option("--told", help="The date the person was told (a signpost), YYYY-MM-DD.")
@click.option(
    "--recommendation",
    "recommendations",
    multiple=True,
    help="One a recommendation: 'TEXT | owner: WHO | outcome: WHAT SHOWS IT IS DONE | "
    "due: YYYY-MM-DD' (outcome required; owner and due have defaults).",
)
@click.option(
    "--recommendation-id", type=int, help="The recommendation answered or done (its number)."
)
@click.option("--confirm", is_flag=True, help="Confirm an action that closes the case.")
@json_option
@pass_app
@guarded
def act_command(
    app: BackofficeContext,
    reference: str,
    action: str,
    note: str | None,
    outcome: str | None,
    expected_version: int | None,
    due: str | None,
    told: str | None,
    recommendations: tuple[str, ...],
    recommendation_id: int | None,
    confirm: bool,
    as_json: bool,
) -> None:
    """Take a workflow ACTION on a case (see `steps REF`)."""
    result = app.service().act(
        reference,
        action,
        version=expected_version,
        note=note,
        outcome=outcome,
        due=parse_date(due, what="--due"),
        told=parse_date(told, what="--told"),
        recommendations=recommendations,
        recommendation_id=recommendation_id,
        confirm_close=confirm,
    )
    if as_json:
        emit_json(result)
        return
    click.echo(result.message)
    click.echo(f"version {result.version}")


@click.command("override")
@click.argument("reference")
@click.option("--set", "pairs", multiple=True, required=True, help="field=value; repeatable.")
@click.option("--reason", required=True, help="Why (required; seen by all).")
@click.option("--version", "expected_version", type=int, help="The version you read.")
@json_option
@pass_app
@guarded
def override_command(
    app: BackofficeContext,
    reference: str,
    pairs: tuple[str, ...],
    reason: str,
    expected_version: int | None,
    as_json: bool,
) -> None:
    """Supervisors: override qualifies, categories, severity, risk or route, with a reason."""
    view = app.service().override(reference, parse_settings(pairs), reason, expected_version)
    if as_json:
        emit_json(view)
        return
    s = view.summary
    click.echo(
        f"{s.reference}: overridden; qualifies {s.qualifies}, categories "
        f"{', '.join(s.categories) or '-'}, severity {s.severity}, risk {s.risk_level}, "
        f"route {s.route}; status {s.status}; version {s.version}"
    )


@click.command("view")
@click.argument("reference")
@click.option("--set", "pairs", multiple=True, required=True, help="field=value; repeatable.")
@click.option("--reason", required=True, help="Why you see it so.")
@click.option("--version", "expected_version", type=int, help="The version you read.")
@json_option
@pass_app
@guarded
def view_command(
    app: BackofficeContext,
    reference: str,
    pairs: tuple[str, ...],
    reason: str,
    expected_version: int | None,
    as_json: bool,
) -> None:
    """Triage: record your own view of the classification (the effective one is unchanged)."""
    view = app.service().record_view(reference, parse_settings(pairs), reason, expected_version)
    if as_json:
        emit_json(view)
        return
    found = "; ".join(f"{d.field}: {d.values}" for d in view.disagreements) or "none"
    click.echo(f"{view.summary.reference}: triage view recorded; disagreements: {found}")


@click.command("link")
@click.argument("reference")
@click.argument("earlier")
@click.option(
    "--not-same", is_flag=True, help="They are not the same person or matter (a reason needed)."
)
@click.option("--reason", help="Why (required with --not-same).")
@json_option
@pass_app
@guarded
def link_command(
    app: BackofficeContext,
    reference: str,
    earlier: str,
    not_same: bool,
    reason: str | None,
    as_json: bool,
) -> None:
    """Link a case to an EARLIER one about the same person (offered by `show`), or set the
    earlier one aside with --not-same. Nothing is merged."""
    decision = LinkDecision.NOT_SAME if not_same else LinkDecision.LINKED
    view = app.service().link_earlier_case(reference, earlier, decision, reason)
    if as_json:
        emit_json(view)
        return
    click.echo(f"{view.summary.reference}: earlier case {earlier.strip().upper()} {decision.label}")


@click.command("transfer")
@click.argument("reference")
@click.option("--to", "to", required=True, help="The establishment the person was moved to.")
@click.option("--note", required=True, help="When, and what is known of why.")
@json_option
@pass_app
@guarded
def transfer_command(
    app: BackofficeContext, reference: str, to: str, note: str, as_json: bool
) -> None:
    """The person was moved to another establishment: the case and its IMB monitoring follow
    them (the new Board sees it; the old one no longer does)."""
    view = app.service().record_transfer(reference, to, note)
    if as_json:
        emit_json(view)
        return
    s = view.summary
    monitoring = [t for t in view.tasks if t.is_open and t.duty == "imb_monitoring"]
    follows = f"; IMB monitoring now with {monitoring[0].owner_organisation}" if monitoring else ""
    click.echo(f"{s.reference}: moved to {s.establishment}{follows}")


COMMANDS = [
    queue_command,
    show_command,
    steps_command,
    act_command,
    override_command,
    view_command,
    link_command,
    transfer_command,
]
