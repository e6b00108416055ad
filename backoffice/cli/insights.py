"""`backoffice insights`: counts and trends over the cases you may see, as readable tables (one
a dimension, a text bar a row) or, with --json, for programs (:mod:`backoffice.insights`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import click

from backoffice.cli.common import BackofficeContext, emit_json, json_option, parse_date, pass_app
from backoffice.insights import (
    DEFAULT_REPEAT,
    Count,
    Insights,
    StepTime,
    bar,
    change_words,
    days_words,
    period_words,
    share_words,
)
from backoffice.text import plain
from intake.cli.support import guarded

BAR_WIDTH = 20


@click.command("insights")
@click.option("--from", "date_from", help="Received on or after, YYYY-MM-DD.")
@click.option("--to", "date_to", help="Received on or before, YYYY-MM-DD (default today).")
@click.option(
    "--repeat",
    default=DEFAULT_REPEAT,
    show_default=True,
    type=click.IntRange(min=1),
    help="An establishment with this many allegations or more is listed as a repeat.",
)
@json_option
@pass_app
@guarded
def insights_command(
    app: BackofficeContext, date_from: str | None, date_to: str | None, repeat: int, as_json: bool
) -> None:
    """Counts and trends: by establishment, category, body, channel, risk and outcome; time per
    protocol step against its deadline; consent declined; repeat establishments. Without
    --from and --to: the last 12 months. Counts only the cases you may see."""
    found = app.service().insights(
        parse_date(date_from, what="--from"), parse_date(date_to, what="--to"), repeat=repeat
    )
    if as_json:
        emit_json(found)
        return
    for line in insights_lines(found):
        click.echo(line)


def insights_lines(found: Insights) -> Iterator[str]:
    yield from _heading(found)
    yield from _months(found)
    compared = found.previous_total is not None
    for title, counts in (
        ("By establishment", found.by_establishment),
        ("By category (a case may have several)", found.by_category),
        ("By body contacted (a case may name several)", found.by_body),
        ("By how the body was contacted", found.by_channel),
        ("By risk level", found.by_risk),
        ("By outcome", found.by_outcome),
    ):
        yield ""
        yield from count_table(title, counts, compared=compared)
    yield ""
    yield from _repeats(found)
    yield ""
    yield from _consent(found)
    yield ""
    yield from step_table(found.steps)


def _heading(found: Insights) -> Iterator[str]:
    demo = " · DEMO data included" if found.includes_demo else ""
    yield f"Insights: {plain(found.scope)} · {period_words(found)}{demo}"
    line = f"{found.total} cases"
    if found.previous_total is not None and found.previous_from and found.previous_to:
        change = change_words(found.total, found.previous_total)
        line += (
            f"; {found.previous_total} in the period before "
            f"({found.previous_from.isoformat()} to {found.previous_to.isoformat()}, {change})"
        )
    yield line


def _months(found: Insights) -> Iterator[str]:
    yield ""
    yield "Cases received each month"
    if not found.by_month:
        yield "  none"
        return
    most = max(m.count for m in found.by_month)
    for month in found.by_month:
        yield f"  {month.month}  {bar(month.count, most, BAR_WIDTH):{BAR_WIDTH}} {month.count:>5}"


def count_table(title: str, counts: Sequence[Count], *, compared: bool) -> Iterator[str]:
    """One dimension: a row a value, its bar, how many, and beside the period before."""
    yield title
    if not counts:
        yield "  none"
        return
    width = max(len(plain(c.label)) for c in counts)
    most = max(c.count for c in counts)
    before = f"  {'before':>6} {'change':>6}" if compared else ""
    yield f"  {'':{width}}  {'':{BAR_WIDTH}} {'cases':>5}{before}"
    for c in counts:
        drawn = bar(c.count, most, BAR_WIDTH)
        row = f"  {plain(c.label):{width}}  {drawn:{BAR_WIDTH}} {c.count:>5}"
        if compared:
            row += f"  {c.previous or 0:>6} {change_words(c.count, c.previous):>6}"
        yield row


def _repeats(found: Insights) -> Iterator[str]:
    title = f"Repeat establishments ({found.repeat_threshold} or more allegations)"
    yield from count_table(title, found.repeat_establishments, compared=False)


def _consent(found: Insights) -> Iterator[str]:
    c = found.consent
    yield "Consent, in the cases confirmed as qualifying (step 2)"
    if not c.confirmed:
        yield "  none confirmed"
        return
    yield f"  {c.confirmed} confirmed"
    yield f"  {c.declined} the person declined ({share_words(c.declined_share)})"
    yield f"  {c.consents} the person consents"
    yield f"  {c.not_from_person} not (yet) the person's own word"


STEP_HEAD = (
    f"  {'opened':>6} {'done':>5} {'median':>7} {'allowed':>7} {'late':>5} {'open':>5} "
    f"{'overdue':>7} {'stopped':>7}  step or duty"
)


def step_table(steps: Sequence[StepTime]) -> Iterator[str]:
    """Time per protocol step and duty: median days taken against the days its deadline
    allowed, and how many were late, are still open, overdue, or were stopped."""
    yield "Time per step (days from a task opening to its being done, against its deadline)"
    if not steps:
        yield "  none"
        return
    yield STEP_HEAD
    for s in steps:
        yield (
            f"  {s.opened:>6} {s.done:>5} {days_words(s.median_days):>7} "
            f"{days_words(s.median_allowed_days):>7} {s.late:>5} {s.open:>5} {s.overdue:>7} "
            f"{s.stopped:>7}  {plain(s.label)}"
        )
