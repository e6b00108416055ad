"""The workflow's codes in words for people: an audit event's action and an action's outcome
(``consult_prisoner`` → its label, ``consents_anonymous`` → "Consents to enquiries, but ...").
The labels are prompts/workflow.yaml's; the audit data keeps the codes."""

from __future__ import annotations

from backoffice.view_models import AuditView
from backoffice.workflow.shipped import workflow
from intake.core.vocabulary import Outcome, label_of, plain_words


def action_words(action: str) -> str:
    """A workflow action's label; any other audit action (``case_submitted``, ``case.read``)
    in plain words."""
    spec = workflow().get(action)
    if spec is not None:
        return spec.label
    return plain_words(action.replace(".", " "))


def outcome_words(action: str, outcome: str) -> str:
    """The label of an action's outcome, or of a case's outcome."""
    spec = workflow().get(action)
    if spec is not None and outcome in spec.outcomes:
        return spec.outcomes[outcome].label
    return label_of(Outcome, outcome)


def audit_words(event: AuditView) -> str:
    """What an audit event did, in words, with its outcome when it had one."""
    after = event.after or {}
    outcome = after.get("outcome")
    extra = (
        f" → {outcome_words(event.action, outcome)}" if isinstance(outcome, str) and outcome else ""
    )
    return f"{action_words(event.action)}{extra}"
