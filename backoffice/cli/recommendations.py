"""`backoffice recommendations [--overdue] [--from --to] [--json]` and `recommendations review`:
the formal reports' recommendations with owner, outcome, due date and response, and the
escalation of overdue ones to the lead (:mod:`backoffice.recommendations`)."""

from __future__ import annotations

from collections.abc import Iterator

import click

from backoffice.cli.audit import check_before
from backoffice.cli.common import BackofficeContext, emit_json, json_option, parse_date, pass_app
from backoffice.cli.output import recommendation_lines
from backoffice.recommendations import RecommendationList, ReviewResult
from backoffice.text import plain
from backoffice.wording import status_words
from intake.cli.support import guarded


@click.group("recommendations", invoke_without_command=True)
@click.option("--overdue", is_flag=True, help="Only those past their due date.")
@click.option("--from", "date_from", help="Made on or after, YYYY-MM-DD (a period's pack).")
@click.option("--to", "date_to", help="Made on or before, YYYY-MM-DD.")
@json_option
@click.pass_context
@guarded
def recommendations_group(
    ctx: click.Context, overdue: bool, date_from: str | None, date_to: str | None, as_json: bool
) -> None:
    """Formal reports' recommendations on the cases you may see (supervisors and leads):
    owner, measurable outcome, due date, the establishment's response; overdue first. A lead's
    listing first escalates those overdue past the grace period (as `review` does)."""
    if ctx.invoked_subcommand is not None:
        return
    app = ctx.find_object(BackofficeContext)
    assert app is not None
    check_before(app)
    found = app.service().recommendations(
        overdue_only=overdue,
        made_from=parse_date(date_from, what="--from"),
        made_to=parse_date(date_to, what="--to"),
    )
    if as_json:
        emit_json(found)
        return
    for line in listing_lines(found):
        click.echo(line)


@recommendations_group.command("review")
@json_option
@pass_app
@guarded
def review_command(app: BackofficeContext, as_json: bool) -> None:
    """Leads: open an escalation for each recommendation overdue by more than the grace period
    (once each; running it again changes nothing). Audited."""
    result = app.service().review_recommendations()
    if as_json:
        emit_json(result)
        return
    for line in review_lines(result):
        click.echo(line)


def review_lines(result: ReviewResult) -> Iterator[str]:
    if not result.escalated:
        yield f"no recommendation to escalate (overdue by more than {result.grace_days} days)"
        return
    for e in result.escalated:
        how = "escalation opened" if e.task_opened else "added to the escalation already open"
        yield (
            f"{e.reference}: recommendation {e.seq} {e.days_overdue} days overdue: "
            f"{how} for the {e.lead_of} lead"
        )


def listing_lines(found: RecommendationList) -> Iterator[str]:
    if found.review is not None and found.review.escalated:
        yield from review_lines(found.review)
        yield ""
    if not found.rows:
        yield "no overdue recommendations" if found.overdue_only else "no recommendations"
        return
    overdue = sum(1 for r in found.rows if r.recommendation.overdue)
    yield (
        f"{len(found.rows)} recommendation(s), {overdue} overdue; escalated to the lead "
        f"{found.grace_days} days after the due date"
    )
    for row in found.rows:
        place = plain(row.establishment or "-")
        pseudo = "" if row.identified else " (pseudonymised)"
        due = (
            "  escalation due: run `backoffice recommendations review`"
            if row.escalation_due
            else ""
        )
        yield f"{row.reference}  {status_words(row.case_status)}  {place}{pseudo}{due}"
        yield from recommendation_lines(row.recommendation)
