"""One case: reading it, the actions possible now and taking one, a supervisor's override and
triage's own view, an earlier case linked or set aside, and a transfer to another place."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from sqlmodel import Session

from backoffice.access import get_visible_case
from backoffice.case_view import build_case_view, show_case
from backoffice.duplicates import decide_link
from backoffice.overrides import override_classification, record_triage_view, require_override_role
from backoffice.service.core import ServiceCore
from backoffice.transfers import record_transfer
from backoffice.view_models import ActionResult, AvailableAction, CaseView
from backoffice.workflow import available_actions, take_action
from intake.core.users import Actor
from intake.core.vocabulary import LinkDecision


class CaseRequests(ServiceCore):
    """A case and what is done on it; every change commits."""

    def case(self, reference: str) -> CaseView:
        with self._session() as session:
            return show_case(session, actor=self.actor, reference=reference)

    def actions(self, reference: str) -> list[AvailableAction]:
        with self._session() as session:
            return available_actions(session, actor=self.actor, reference=reference)

    def act(
        self,
        reference: str,
        action: str,
        *,
        version: int | None,
        note: str | None = None,
        outcome: str | None = None,
        due: date | None = None,
        told: date | None = None,
        recommendations: Sequence[str] = (),
        recommendation_id: int | None = None,
        confirm_close: bool = False,
    ) -> ActionResult:
        """Take a workflow action on the version of the case the user read (``None``: whatever
        version is current, as the CLI allows without --version); commits."""
        return self._committed(
            take_action,
            reference=reference,
            action=action,
            note=note,
            outcome=outcome,
            expected_version=version,
            settings=self.settings,
            due=due,
            told=told,
            recommendations=recommendations,
            recommendation_id=recommendation_id,
            confirm_close=confirm_close,
        )

    def check_may_override(self) -> None:
        """PermissionDenied unless this user may override (asked before the dialog opens)."""
        require_override_role(self.actor)

    def override(
        self,
        reference: str,
        changes: Mapping[str, str | Sequence[str]],
        reason: str,
        version: int | None,
    ) -> CaseView:
        """A supervisor's override of the version the user read; commits."""
        return self._committed(
            override_classification,
            reference=reference,
            changes=changes,
            reason=reason,
            expected_version=version,
            settings=self.settings,
        )

    def record_view(
        self,
        reference: str,
        changes: Mapping[str, str | Sequence[str]],
        reason: str,
        version: int | None,
    ) -> CaseView:
        """Triage's own view of the classification (the effective one is unchanged); commits."""
        return self._committed(
            record_triage_view,
            reference=reference,
            changes=changes,
            reason=reason,
            expected_version=version,
        )

    def link_earlier_case(
        self, reference: str, earlier: str, decision: LinkDecision, reason: str | None
    ) -> CaseView:
        """Link the case to an earlier one offered as the same person, or set it aside as not
        the same (a reason required); commits and returns the case as it now reads."""

        def change(session: Session, *, actor: Actor) -> CaseView:
            decide_link(
                session,
                actor,
                reference=reference,
                earlier_reference=earlier,
                decision=decision,
                reason=reason,
            )
            return build_case_view(session, get_visible_case(session, actor, reference), actor)

        return self._committed(change)

    def record_transfer(self, reference: str, to: str, note: str) -> CaseView:
        """The person moved to the establishment ``to`` names: the case and its IMB monitoring
        follow them; commits and returns the case as it now reads."""

        def change(session: Session, *, actor: Actor) -> CaseView:
            case = record_transfer(
                session,
                actor,
                reference=reference,
                to=to,
                note=note,
                deadlines=self.settings.deadlines,
            )
            return build_case_view(session, case, actor)

        return self._committed(change)
