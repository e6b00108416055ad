"""The back office's service layer: what both front ends (the TUI and the CLI) ask of it.

One short database session per request, opened and committed here for one acting user: the
queue, a case, the actions possible now, a workflow action, an override, a triage view. Every
role, need-to-know and locking rule is the domain's (queue, case view, workflow, overrides); the
front ends only ask and show what comes back, so no check can differ between them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlmodel import Session

from backoffice.access import get_visible_case
from backoffice.alerts import RECORD_ROLES as ALERT_RECORD_ROLES
from backoffice.alerts import SEE_ROLES as ALERT_SEE_ROLES
from backoffice.alerts import AlertList, PatternAlert, find_alerts, record_alert_action
from backoffice.case_view import build_case_view, show_case
from backoffice.duplicates import decide_link
from backoffice.insights import DEFAULT_REPEAT, Insights, build_insights
from backoffice.letters import (
    LetterKind,
    fill_letter,
    letter_choices,
    list_letters,
    mark_letter_sent,
    read_letter,
    save_letter,
    write_letter_file,
)
from backoffice.live import ChangeMark, change_mark
from backoffice.overrides import (
    override_classification,
    record_triage_view,
    require_override_role,
)
from backoffice.queue import QueueFilters, list_queue
from backoffice.recommendations import (
    REVIEW_ROLES,
    RecommendationList,
    ReviewResult,
    list_recommendations,
    may_list,
    review_overdue,
)
from backoffice.share import SharePeriod, ShareSummary, share_log, share_reminder
from backoffice.transfers import record_transfer
from backoffice.view_models import (
    ActionResult,
    AvailableAction,
    CaseView,
    LetterChoice,
    LetterView,
    QueuePage,
)
from backoffice.workflow import available_actions, take_action
from intake.core.db.models import Establishment
from intake.core.establishments import resolve_establishment_id
from intake.core.identity import resolve_actor
from intake.core.settings import Settings
from intake.core.users import Actor
from intake.core.vocabulary import LinkDecision

TUI_PAGE_SIZE = 25
T = TypeVar("T")


@dataclass(frozen=True)
class QueueQuery:
    """What the queue screen asks for: filters, a search and a page (all as people set them)."""

    statuses: tuple[str, ...] = ()
    establishment: str | None = None
    establishment_id: int | None = None
    organisation: str | None = None
    overdue: bool = False
    overridden: bool | None = None
    include_closed: bool = False
    search: str = ""
    page: int = 1

    def filters(self) -> QueueFilters:
        ids = [self.establishment_id] if self.establishment_id is not None else []
        return QueueFilters(
            statuses=self.statuses,
            establishment_ids=ids,
            organisation=self.organisation,
            overdue=self.overdue,
            overridden=self.overridden,
            open_only=not self.include_closed,
        )

    def with_page(self, page: int) -> QueueQuery:
        return replace(self, page=max(1, page))

    def with_search(self, text: str) -> QueueQuery:
        return replace(self, search=text.strip(), page=1)

    def describe(self) -> str:
        """The filters in force, in a few words ('' when none)."""
        parts = [f"status {'/'.join(self.statuses)}" if self.statuses else ""]
        parts += [
            self.establishment or "",
            self.organisation or "",
            "overdue" if self.overdue else "",
            {True: "overridden", False: "not overridden", None: ""}[self.overridden],
            "incl. closed" if self.include_closed and not self.statuses else "",
        ]
        return " · ".join(p for p in parts if p)


@dataclass
class BackofficeService:
    """The acting user's door to the services."""

    engine: Engine
    settings: Settings
    actor: Actor
    page_size: int = TUI_PAGE_SIZE
    _establishments: dict[str, tuple[int, str]] = field(default_factory=dict)

    @classmethod
    def for_user(cls, engine: Engine, settings: Settings, name: str | None) -> BackofficeService:
        """The service for the person acting: this login's user, or the one named by --as
        (or SANCTIONS_USER) among several sharing it (``intake.core.identity``)."""
        with Session(engine) as session:
            actor = resolve_actor(session, name)
        return cls(engine=engine, settings=settings, actor=actor)

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with Session(self.engine) as session:
            yield session

    def queue(self, query: QueueQuery, *, page_size: int | None = None) -> QueuePage:
        with self._session() as session:
            return list_queue(
                session,
                actor=self.actor,
                filters=query.filters(),
                search=query.search or None,
                page=query.page,
                page_size=page_size or self.page_size,
            )

    def insights(
        self,
        date_from: date | None = None,
        date_to: date | None = None,
        *,
        repeat: int = DEFAULT_REPEAT,
    ) -> Insights:
        """Counts and trends over the cases this user may see (``backoffice.insights``)."""
        with self._session() as session:
            return build_insights(
                session,
                actor=self.actor,
                date_from=date_from,
                date_to=date_to,
                repeat=repeat,
                demo_database=self.settings.demo,
            )

    # ---- recommendations that bite and pattern alerts (issue 16, points 5 and 2) ------------

    def recommendations(
        self,
        *,
        overdue_only: bool = False,
        made_from: date | None = None,
        made_to: date | None = None,
    ) -> RecommendationList:
        """The recommendations on the cases this user may see; a lead's listing first runs the
        review that escalates the overdue ones (idempotent, audited; commits)."""
        review = None
        with self._session() as session:
            may_list(self.actor)
            if self.actor.role in REVIEW_ROLES:
                review = review_overdue(
                    session, actor=self.actor, deadlines=self.settings.deadlines
                )
                session.commit()
            rows = list_recommendations(
                session,
                actor=self.actor,
                deadlines=self.settings.deadlines,
                overdue_only=overdue_only,
                made_from=made_from,
                made_to=made_to,
            )
        return RecommendationList(
            rows=rows,
            overdue_only=overdue_only,
            grace_days=self.settings.deadlines.recommendation_grace,
            review=review,
        )

    def review_recommendations(self) -> ReviewResult:
        """A lead escalates the recommendations overdue past the grace period; commits."""
        return self._committed(review_overdue, deadlines=self.settings.deadlines)

    def may_see_alerts(self) -> bool:
        """Whether this user sees pattern alerts (the queue shows their count only then)."""
        return self.actor.role in ALERT_SEE_ROLES

    def may_record_alerts(self) -> bool:
        """Whether this user records what was done about an alert (leads)."""
        return self.actor.role in ALERT_RECORD_ROLES

    def may_review_recommendations(self) -> bool:
        """Whether this user's app escalates overdue recommendations when it opens (leads)."""
        return self.actor.role in REVIEW_ROLES

    def alerts(self, *, window_days: int | None = None, min_cases: int | None = None) -> AlertList:
        """The pattern alerts over the cases this user may see (``backoffice.alerts``)."""
        with self._session() as session:
            return find_alerts(
                session,
                actor=self.actor,
                settings=self.settings.alerts,
                window_days=window_days,
                min_cases=min_cases,
                demo_database=self.settings.demo,
            )

    def record_alert_action(self, key: str, note: str) -> PatternAlert:
        """A lead records what was done about an alert; audited; commits."""
        return self._committed(
            record_alert_action,
            key=key,
            note=note,
            settings=self.settings.alerts,
            demo_database=self.settings.demo,
        )

    # ---- the regular share of the log (issue 16, point 3) -------------------------------------

    def share_reminder(self) -> str | None:
        """For an HMIP lead: the last ended six-monthly period's log is due to be shared."""
        with self._session() as session:
            return share_reminder(session, self.actor)

    def share(
        self,
        period: SharePeriod,
        folder: Path,
        *,
        passphrase: str | None = None,
        overwrite: bool = False,
        protected: Sequence[Path] = (),
    ) -> ShareSummary:
        """Write the period's pack for the IMB and PPO leads and record the share; commits."""
        return self._committed(
            share_log,
            period=period,
            folder=folder,
            deadlines=self.settings.deadlines,
            passphrase=passphrase,
            overwrite=overwrite,
            protected=protected,
            demo_database=self.settings.demo,
        )

    def change_mark(self) -> ChangeMark:
        """Where the database's history stands (moves on any change made anywhere)."""
        with self._session() as session:
            return change_mark(session)

    def establishment(self, text: str) -> tuple[int, str]:
        """Id and name of the one establishment ``text`` names (fuzzy), or a ValidationProblem."""
        key = text.strip().lower()
        if key not in self._establishments:
            with self._session() as session:
                found = resolve_establishment_id(session, text)
                place = session.get(Establishment, found)
                self._establishments[key] = (found, place.name if place else text.strip())
        return self._establishments[key]

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

    # -- letters to the person (backoffice.letters) ------------------------------------------

    def letter_choices(self, reference: str) -> list[LetterChoice]:
        """Every letter kind and whether the case may have it now (identified writers only)."""
        with self._session() as session:
            return letter_choices(session, self.actor, reference)

    def fill_letter(self, reference: str, kind: LetterKind) -> str:
        """The letter filled from the case, for the writer to edit before saving."""
        with self._session() as session:
            return fill_letter(session, self.actor, reference, kind)

    def save_letter(
        self, reference: str, kind: LetterKind, text: str, *, sent: bool = False
    ) -> LetterView:
        """Save the letter on the case exactly as written; commits."""
        return self._committed(save_letter, reference=reference, kind=kind, text=text, sent=sent)

    def mark_letter_sent(self, reference: str, letter_id: int) -> LetterView:
        return self._committed(mark_letter_sent, reference=reference, letter_id=letter_id)

    def letters(self, reference: str) -> list[LetterView]:
        """The case's letters, without their words."""
        with self._session() as session:
            return list_letters(session, self.actor, reference)

    def letter(self, reference: str, letter_id: int) -> LetterView:
        """One saved letter with its words (identified readers only; audited)."""
        with self._session() as session:
            return read_letter(session, self.actor, reference, letter_id)

    def write_letter(self, letter: LetterView, out: Path, fmt: str, *, force: bool = False) -> Path:
        """Write a saved letter (read with its words) as txt or pdf, 0600, never over the
        database and over another file only with ``force``."""
        from intake.core.db.backup import database_files

        return write_letter_file(
            letter,
            out,
            fmt,
            author=self.actor.organisation.full_name,
            force=force,
            protected=database_files(self.settings),
        )

    def _committed(self, change: Callable[..., T], **arguments: Any) -> T:
        """One change made as the acting user in its own session, committed once it succeeds."""
        with self._session() as session:
            result = change(session, actor=self.actor, **arguments)
            session.commit()
            return result
