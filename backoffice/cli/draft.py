"""`backoffice draft`: a briefing or outcome letter drafted by the optional language model."""

from __future__ import annotations

import click

from backoffice.case_view import show_case
from backoffice.cli.common import BackofficeContext, pass_app
from backoffice.drafting import draft_briefing, draft_letter
from intake.cli.support import guarded
from intake.core.vocabulary import Body


@click.group("draft")
def draft_group() -> None:
    """Drafts for you to edit (needs SANCTIONS_LLM_URL; the case is not changed)."""


@draft_group.command("briefing")
@click.argument("reference")
@click.option("--findings", help="What the IMB's initial enquiries found, to include.")
@pass_app
@guarded
def briefing(app: BackofficeContext, reference: str, findings: str | None) -> None:
    """The IMB's briefing to HMIP and the PPO (protocol step 5)."""
    with app.session() as session:
        actor = app.actor(session)
        view = show_case(session, actor=actor, reference=reference)
    draft = draft_briefing(app.settings, view, findings, record=(session, actor))
    click.echo(f"# DRAFT by {draft.model}, for you to check and edit: not sent\n")
    click.echo(draft.text)


@draft_group.command("letter")
@click.argument("reference")
@click.option("--step", type=click.Choice(["7", "10"]), required=True, help="7 or 10.")
@click.option("--sender", type=click.Choice([b.value for b in Body]), required=True)
@click.option("--reasons", required=True, help="Why this is the outcome, in your words.")
@pass_app
@guarded
def letter(app: BackofficeContext, reference: str, step: str, sender: str, reasons: str) -> None:
    """The plain-language outcome letter to the person (step 7 or step 10)."""
    with app.session() as session:
        actor = app.actor(session)
        view = show_case(session, actor=actor, reference=reference)
    draft = draft_letter(
        app.settings, view, step=int(step), sender=Body(sender), reasons=reasons,
        record=(session, actor),
    )  # fmt: skip
    click.echo(f"# DRAFT by {draft.model}, for you to check and edit: not sent\n")
    click.echo(draft.text)
