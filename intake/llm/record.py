"""Keeping the model's reading on the case: one advisory CaseClassification row, audited.

The row's ``source`` is ``llm``. It records what the model read (qualifies, categories, bodies,
immediate risk) and why triage should look (the disagreements, in its rationale). The model
decides no severity or route, so those are copied from the case as it stands: the back office's
comparison then shows only real differences. The case itself (its effective classification,
route, consent and status) is not changed.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from intake.core.audit import record_case_event
from intake.core.db.models import CaseClassification, SanctionCase
from intake.core.users import Actor
from intake.core.vocabulary import ClassificationSource
from intake.llm.compare import Advice


def _evidence(advice: Advice) -> list[dict[str, Any]]:
    model = advice.model
    items: list[dict[str, Any]] = []
    if model.link:
        items.append({"label": "link", "matched": model.link, "stands_for": "link (model)"})
    if model.when:
        items.append({"label": "when", "matched": model.when, "stands_for": "when (model)"})
    items += [{"label": "staff", "matched": s, "stands_for": "staff (model)"} for s in model.staff]
    items += [
        {"label": "risk", "matched": r, "stands_for": "risk (model)"} for r in model.risk_cues
    ]
    return items


def _rationale(advice: Advice) -> str:
    if not advice.disagreements:
        return "Advisory reading by a language model; it agrees with the rules."
    lines = "; ".join(d.line for d in advice.disagreements)
    return f"Advisory reading by a language model, differing from the rules: {lines}."


def record_advice(
    session: Session, case: SanctionCase, advice: Advice, *, actor: Actor
) -> CaseClassification:
    """Add the model's reading as a ``llm`` CaseClassification row with its audit event.

    The caller commits. Nothing on ``case`` changes but its audit trail.
    """
    assert case.id is not None, "record advice on a submitted case"
    model = advice.model
    row = CaseClassification(
        case_id=case.id,
        source=ClassificationSource.LLM.value,
        qualifies=model.qualifies.value,
        categories=[c.value for c in model.categories],
        bodies=[b.value for b in model.body],
        immediate_risk=model.immediate_risk,
        possible_immediate_risk=model.immediate_risk,
        severity=case.severity,
        route=case.route,
        evidence=_evidence(advice),
        rationale=_rationale(advice),
        created_by_id=actor.id,
    )
    session.add(row)
    session.flush()
    record_case_event(
        session,
        case,
        actor=actor,
        action=f"classification_{ClassificationSource.LLM.value}",
        entity="classification",
        entity_id=row.id,
        after=row.model_dump(include={"qualifies", "categories", "bodies", "immediate_risk"}),
        reason="advisory: needs triage" if advice.needs_triage else "advisory",
    )
    return row
