"""What an action's guards and effects work on: the case, the actor, the input, the changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from backoffice.workflow.definition import ActionSpec, OutcomeSpec
from intake.db.models import ConsentRecord, Recommendation, SanctionCase, WorkflowTask
from intake.settings import Deadlines
from intake.users import Actor


@dataclass
class ActionContext:
    session: Session
    case: SanctionCase
    actor: Actor
    spec: ActionSpec
    deadlines: Deadlines
    open_tasks: list[WorkflowTask]
    outcome: str | None = None
    outcome_spec: OutcomeSpec | None = None
    note: str | None = None
    due: date | None = None
    recommendations: tuple[str, ...] = ()
    recommendation_id: int | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)
    escalation_proposed: bool = False

    @property
    def case_id(self) -> int:
        assert self.case.id is not None
        return self.case.id

    def consent(self) -> ConsentRecord | None:
        query = (
            select(ConsentRecord)
            .where(ConsentRecord.case_id == self.case_id)
            .order_by(col(ConsentRecord.id).desc())
        )
        return self.session.exec(query).first()

    def open_recommendations(self) -> list[Recommendation]:
        query = select(Recommendation).where(
            Recommendation.case_id == self.case_id, col(Recommendation.done_at).is_(None)
        )
        return list(self.session.exec(query).all())

    def has_open_duty(self, duty: str) -> bool:
        return any(t.duty == duty for t in self.open_tasks)

    @property
    def guards(self) -> tuple[str, ...]:
        extra = self.outcome_spec.guards if self.outcome_spec else ()
        return (*self.spec.guards, *extra)

    @property
    def effects(self) -> tuple[str, ...]:
        extra = self.outcome_spec.effects if self.outcome_spec else ()
        return (*self.spec.effects, *extra)
