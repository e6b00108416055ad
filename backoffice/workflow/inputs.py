"""What the person taking an action gives: the outcome, the note, a due date, the date the
person was told, recommendations or the recommendation's number, each checked against what
the action takes and needs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from backoffice.workflow.context import ActionContext
from backoffice.workflow.definition import ActionSpec
from intake.core.clock import today
from intake.core.errors import ValidationProblem
from intake.core.validation import clean_text

MAX_NOTE = 20_000


def _choices(spec: ActionSpec) -> str:
    return ", ".join(spec.outcomes)


def set_inputs(
    ctx: ActionContext,
    *,
    outcome: str | None,
    note: str | None,
    due: date | None,
    told: date | None,
    recommendations: Sequence[str],
    recommendation_id: int | None,
) -> None:
    spec, ref = ctx.spec, ctx.case.reference
    if outcome is not None and outcome.strip():
        key = outcome.strip().lower().replace("-", "_")
        if key not in spec.outcomes:
            raise ValidationProblem(
                f"{ref}: outcome {outcome!r} is not possible for {spec.name}"
                + (f"; choose one of {_choices(spec)}" if spec.outcomes else " (it takes none)")
            )
        ctx.outcome, ctx.outcome_spec = key, spec.outcomes[key]
    elif spec.outcome_required:
        raise ValidationProblem(f"{ref}: {spec.name} needs an outcome: one of {_choices(spec)}")
    text = clean_text(note or "").strip()
    if len(text) > MAX_NOTE:
        raise ValidationProblem(f"the note is longer than {MAX_NOTE:,} characters")
    if spec.note_required and not text:
        raise ValidationProblem(f"{ref}: {spec.name} needs a note saying what was done and why")
    ctx.note = text or None
    _set_extras(ctx, due, told, recommendations, recommendation_id)


def _set_extras(
    ctx: ActionContext,
    due: date | None,
    told: date | None,
    recommendations: Sequence[str],
    recommendation_id: int | None,
) -> None:
    spec = ctx.spec
    allowed = set(spec.needs) | set(spec.accepts)
    given = {
        "due": due is not None,
        "told": told is not None,
        "recommendations": bool(recommendations),
        "recommendation_id": recommendation_id is not None,
    }
    for name, present in given.items():
        if present and name not in allowed:
            raise ValidationProblem(f"{spec.name} does not take {name.replace('_', ' ')}")
        if not present and name in spec.needs:
            raise ValidationProblem(f"{spec.name} needs {_INPUT_WORDS.get(name, name)}")
    if due is not None and due < today():
        raise ValidationProblem(f"the date {due.isoformat()} is in the past")
    if told is not None and told > today():
        raise ValidationProblem(
            f"the date the person was told, {told.isoformat()}, is in the future"
        )
    ctx.due = due
    ctx.told = told
    ctx.recommendations = tuple(recommendations)
    ctx.recommendation_id = recommendation_id


_INPUT_WORDS = {
    "told": "the date the person was told (--told YYYY-MM-DD)",
    "recommendation_id": "the recommendation's number",
}
