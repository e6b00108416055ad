"""What leads oversee: insights, recommendations that bite, pattern alerts, and the regular
share of the log (issue 16)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from backoffice.alerts import RECORD_ROLES as ALERT_RECORD_ROLES
from backoffice.alerts import SEE_ROLES as ALERT_SEE_ROLES
from backoffice.alerts import AlertList, PatternAlert, find_alerts, record_alert_action
from backoffice.insights import DEFAULT_REPEAT, Insights, build_insights
from backoffice.recommendations import (
    REVIEW_ROLES,
    RecommendationList,
    ReviewResult,
    list_recommendations,
    may_list,
    review_overdue,
)
from backoffice.service.core import ServiceCore
from backoffice.share import SharePeriod, ShareSummary, share_log, share_reminder


class OversightRequests(ServiceCore):
    """Insights, recommendations, pattern alerts and the share of the log."""

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
