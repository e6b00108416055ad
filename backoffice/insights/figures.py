"""The insights' figures, as both front ends and ``--json`` read them: counts only."""

from __future__ import annotations

from datetime import date

from pydantic import computed_field

from backoffice.view_models import View


class Count(View):
    """How many cases of one kind: in the period, and in the period before it."""

    key: str
    label: str
    count: int
    previous: int | None = None


class MonthCount(View):
    month: str  # YYYY-MM
    count: int


class StepTime(View):
    """A protocol step's (or duty's) tasks on the cases received in the period."""

    step: int | None
    duty: str | None
    label: str
    opened: int
    done: int
    #: Whole days from the task opening to its being done: the median of the tasks done.
    median_days: float | None
    #: Whole days its deadline allowed (due date less the day it opened): the median.
    median_allowed_days: float | None
    #: Done after their due date.
    late: int
    open: int
    #: Still open past their due date.
    overdue: int
    #: Closed without being done (consent declined or withdrawn, the case closed first).
    stopped: int


class ConsentFigures(View):
    """The person's own word on pursuing it, in the cases confirmed as qualifying (step 2)."""

    confirmed: int
    declined: int
    consents: int
    #: Someone else consented for them and the person has not confirmed it, or none recorded.
    not_from_person: int

    @computed_field  # type: ignore[prop-decorator]
    @property
    def declined_share(self) -> float | None:
        """Declined, of the confirmed cases (0..1; None with none confirmed)."""
        return round(self.declined / self.confirmed, 4) if self.confirmed else None


class Insights(View):
    date_from: date | None
    date_to: date
    previous_from: date | None
    previous_to: date | None
    #: Whose cases are counted, in words ("all establishments", "HMP Wandsworth (your Board)").
    scope: str
    includes_demo: bool
    total: int
    previous_total: int | None
    by_month: list[MonthCount]
    by_establishment: list[Count]
    by_category: list[Count]
    by_body: list[Count]
    by_channel: list[Count]
    by_risk: list[Count]
    by_outcome: list[Count]
    steps: list[StepTime]
    consent: ConsentFigures
    repeat_threshold: int
    repeat_establishments: list[Count]
