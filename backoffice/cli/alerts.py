"""`backoffice alerts [--window DAYS] [--min N] [--json]` and `alerts record KEY --note ...`:
pattern alerts by establishment, wing and staff described (:mod:`backoffice.alerts`)."""

from __future__ import annotations

from collections.abc import Iterator

import click

from backoffice.alerts import AlertList, PatternAlert
from backoffice.cli.audit import check_before
from backoffice.cli.common import BackofficeContext, emit_json, json_option, pass_app
from backoffice.text import plain
from intake.cli.support import guarded


@click.group("alerts", invoke_without_command=True)
@click.option("--window", type=click.IntRange(min=1), help="Days back (default: the setting).")
@click.option(
    "--min", "min_cases", type=click.IntRange(min=2), help="Allegations that make an alert."
)
@json_option
@click.pass_context
@guarded
def alerts_group(
    ctx: click.Context, window: int | None, min_cases: int | None, as_json: bool
) -> None:
    """Pattern alerts (supervisors and leads): one establishment, wing or described member of
    staff in several allegations within the window, with the case references you may see."""
    if ctx.invoked_subcommand is not None:
        return
    app = ctx.find_object(BackofficeContext)
    assert app is not None
    check_before(app)
    found = app.service().alerts(window_days=window, min_cases=min_cases)
    if as_json:
        emit_json(found)
        return
    for line in alert_lines(found):
        click.echo(line)


@alerts_group.command("record")
@click.argument("key")
@click.option("--note", required=True, help="What was done about it.")
@json_option
@pass_app
@guarded
def record_command(app: BackofficeContext, key: str, note: str, as_json: bool) -> None:
    """Leads: record what was done about the alert KEY (see `backoffice alerts`). Audited."""
    alert = app.service().record_alert_action(key, note)
    if as_json:
        emit_json(alert)
        return
    click.echo(f"{alert.key}: recorded what was done about: {plain(alert.label)}")


def alert_lines(found: AlertList) -> Iterator[str]:
    demo = " · DEMO data included" if found.includes_demo else ""
    yield (
        f"Pattern alerts: {plain(found.scope)} · the last {found.window_days} days · "
        f"{found.min_cases} or more allegations{demo}"
    )
    if not found.alerts:
        yield "no alerts"
        return
    for alert in found.alerts:
        yield ""
        yield from one_alert(alert)


def one_alert(alert: PatternAlert) -> Iterator[str]:
    yield f"[{alert.key}] {plain(alert.label)}: {alert.count} allegations"
    yield (
        f"  received {alert.first_received.isoformat()} to {alert.last_received.isoformat()}: "
        + ", ".join(alert.references)
    )
    for action in alert.actions:
        note = plain(action.note) if action.note else f"(a note by {action.organisation})"
        by = plain(action.recorded_by or "-")
        yield f"  done {action.recorded_at:%Y-%m-%d} by {by} ({action.organisation}): {note}"
    if not alert.actions:
        yield f"  nothing recorded yet (a lead: backoffice alerts record {alert.key} --note '...')"
