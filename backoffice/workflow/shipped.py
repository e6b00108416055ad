"""The protocol's workflow as shipped: read once from prompts/workflow.yaml, and each action
found by its name."""

from __future__ import annotations

from functools import cache

from backoffice.workflow.definition import ActionSpec, Workflow, load_workflow
from backoffice.workflow.effects import EFFECT_FUNCTIONS
from backoffice.workflow.guards import GUARD_FUNCTIONS
from intake.core.errors import ValidationProblem


@cache
def workflow() -> Workflow:
    """The workflow shipped in prompts/workflow.yaml (read once), its guard and effect names
    checked against the code that implements them."""
    return load_workflow(guards=GUARD_FUNCTIONS, effects=EFFECT_FUNCTIONS)


def action_spec(action: str) -> ActionSpec:
    spec = workflow().get(action)
    if spec is None:
        known = ", ".join(workflow().actions)
        raise ValidationProblem(f"unknown action {action!r}; actions are: {known}")
    return spec
