"""What an action's guards and effects work on: the case, the actor, the input, the changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from backoffice.workflow.definition import ActionSpec, OutcomeSpec, Workflow
from intake.core.audit import record_case_event
from intake.core.consent import ConsentState, consent_state
from intake.core.db.models import (
    AuditEvent,
    ConsentRecord,
    Recommendation,
    SanctionCase,
    Signpost,
    WorkflowTask,
)
from intake.core.settings import Deadlines
from intake.core.users import Actor


@dataclass
class ActionContext:
    session: Session
    case: SanctionCase
    actor: Actor
    spec: ActionSpec
    deadlines: Deadlines
    open_tasks: list[WorkflowTask]
    #: The protocol's workflow as loaded (so effects can open a task as the data file says).
    workflow: Workflow
    outcome: str | None = None
    outcome_spec: OutcomeSpec | None = None
    note: str | None = None
    due: date | None = None
    told: date | None = None
    recommendations: tuple[str, ...] = ()
    recommendation_id: int | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)
    escalation_proposed: bool = False
    #: Listing the possible actions reads the consent once for them all (nothing changes it).
    frozen_consent: tuple[ConsentRecord | None] | None = None
    signposts_recorded: list[Signpost] = field(default_factory=list)

    @property
    def case_id(self) -> int:
        assert self.case.id is not None
        return self.case.id

    def record(
        self,
        action: str,
        *,
        entity: str = "case",
        entity_id: int | None = None,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
        reason: str | None = None,
    ) -> AuditEvent:
        """An audit event on this case, by this actor (``intake.core.audit``)."""
        return record_case_event(self.session, self.case, actor=self.actor, action=action,
                                 entity=entity, entity_id=entity_id, before=before, after=after,
                                 reason=reason)  # fmt: skip

    def consent(self) -> ConsentRecord | None:
        """The newest consent snapshot (the current state), if any."""
        if self.frozen_consent is not None:
            return self.frozen_consent[0]
        query = (
            select(ConsentRecord)
            .where(ConsentRecord.case_id == self.case_id)
            .order_by(col(ConsentRecord.id).desc())
        )
        return self.session.exec(query).first()

    def consent_state(self) -> ConsentState:
        """What the person's own consent allows now (``intake.core.consent``)."""
        newest = self.consent()
        return consent_state([newest] if newest is not None else [])

    def open_recommendations(self) -> list[Recommendation]:
        query = select(Recommendation).where(
            Recommendation.case_id == self.case_id, col(Recommendation.done_at).is_(None)
        )
        return list(self.session.exec(query).all())

    def signpost_task(self, route: str) -> WorkflowTask | None:
        """The open signpost task of this route, if any."""
        found = [t for t in self.open_tasks if t.duty == "signpost" and t.route == route]
        return found[0] if found else None

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
