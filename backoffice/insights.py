"""Insights: counts and trends over the cases a person may see (issue 16, point 1).

Figures for a period of receipt (by default the last 12 months, this one included): how many
cases by establishment, category, body contacted, how the body was contacted, risk level and
outcome, each beside the same-length period before it; cases received each month; for every
protocol step and parallel duty, how long its tasks took against their deadline and how many
were late; the share of confirmed cases in which the person declined consent; establishments
with several allegations (``repeat``, 3 by default).

Everything is counted in the database with GROUP BY (a list held in JSON, the categories and the
bodies, through ``json_each`` on SQLite and ``json_array_elements_text`` on PostgreSQL; medians
from a histogram of whole days grouped in SQL), so no case is loaded: the cost is a few scans
whatever the number of cases. Every query is limited by
:func:`backoffice.access.visible_cases_filter`: an IMB Board member's figures count only their
Board's establishment. Figures are counts only:
no name, number or narrative, and no reference, so none points at a person; an establishment
with one case is shown like any other. Demo cases are left out, unless the database is the
demo's (``--demo``) or holds nothing but demo cases (a training server); the figures then say so.

Who may see them: whoever may export the tracker (supervisors, leads and admins of any
organisation, and HMIP triage), and IMB triage for their own Board. Reading counts changes
nothing and identifies no one, so, like the queue's pages, it is not audited.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from pydantic import computed_field
from sqlalchemy import (
    ColumnElement,
    Date,
    FromClause,
    Integer,
    and_,
    cast,
    func,
    select,
    true,
)
from sqlalchemy import case as when
from sqlmodel import Session

from backoffice.access import EXPORT_ROLES, is_scoped, visible_cases_filter
from backoffice.view_models import View
from intake.core.clock import today
from intake.core.db.models import (
    ConsentRecord,
    Establishment,
    SanctionCase,
    WorkflowTask,
    table_of,
)
from intake.core.errors import PermissionDenied, ValidationProblem
from intake.core.users import Actor
from intake.core.vocabulary import (
    Body,
    CaseStatus,
    ConsentGiver,
    Duty,
    Organisation,
    Outcome,
    ProtocolStep,
    RiskLevel,
    Role,
    SanctionCategory,
    answer_label,
    label_of,
)

DEFAULT_MONTHS = 12
DEFAULT_REPEAT = 3
#: Outcomes of a task closed without being done (``backoffice.workflow``): consent declined or
#: withdrawn, or the case closed first. They are counted as stopped, not as time taken.
STOPPED_OUTCOMES = ("stopped: no consent", "not needed: case closed")
#: Cases that reached step 2's decision that they qualify (consent matters from then on).
NOT_CONFIRMED = (CaseStatus.RECEIVED.value, CaseStatus.SIGNPOSTED.value)
NO_OUTCOME = "no outcome yet"
NOT_IN_DIRECTORY = "elsewhere (not in the directory)"
NOT_SAID = "not said"


# ---- who may see them ------------------------------------------------------------------------


def may_see_insights(actor: Actor) -> None:
    """Those who may export the tracker (``backoffice.tracker.may_export``: supervisors, leads
    and admins of any organisation, HMIP triage) and IMB triage, who count their Board's cases
    only; PPO triage and intake staff may not."""
    if actor.role in EXPORT_ROLES:
        return
    if actor.role == Role.TRIAGE and actor.organisation in (Organisation.HMIP, Organisation.IMB):
        return
    raise PermissionDenied(
        f"{actor.name} ({actor.role.value}, {actor.organisation.value}) may not see insights: "
        "this needs a supervisor, lead or admin, or HMIP or IMB triage"
    )


# ---- the period ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """Cases received from ``start`` (None: since the first) to ``end``, both days included."""

    start: date | None
    end: date

    @classmethod
    def of(cls, date_from: date | None, date_to: date | None, *, on: date | None = None) -> Period:
        """The period asked for; neither date given: the last 12 months, this one included."""
        on = on or today()
        if date_from is None and date_to is None:
            first = date(on.year, on.month, 1)
            return cls(start=_months_before(first, DEFAULT_MONTHS - 1), end=on)
        end = date_to or on
        if date_from is not None and date_from > end:
            raise ValidationProblem(
                f"--from {date_from.isoformat()} is after --to {end.isoformat()}"
            )
        return cls(start=date_from, end=end)

    @property
    def previous(self) -> Period | None:
        """The same number of days just before (none for a period without a start)."""
        if self.start is None:
            return None
        days = (self.end - self.start).days + 1
        return Period(start=self.start - timedelta(days=days), end=self.start - timedelta(days=1))


def _months_before(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def _moment(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


# ---- the figures -----------------------------------------------------------------------------


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


# ---- SQL that differs between SQLite and PostgreSQL ------------------------------------------


@dataclass(frozen=True)
class _Sql:
    postgres: bool

    def month(self, moment: Any) -> Any:
        if self.postgres:
            return func.to_char(moment, "YYYY-MM")
        return func.strftime("%Y-%m", moment)

    def days(self, later: Any, earlier: Any) -> Any:
        """Whole calendar days from ``earlier`` to ``later`` (dates or moments)."""
        if self.postgres:
            return cast(later, Date) - cast(earlier, Date)
        return cast(func.julianday(func.date(later)) - func.julianday(func.date(earlier)), Integer)

    def items(self, column: Any) -> Any:
        """A JSON list column's items as rows (a ``value`` column), beside their case."""
        name = "json_array_elements_text" if self.postgres else "json_each"
        return getattr(func, name)(column).table_valued("value")


@dataclass(frozen=True)
class _Scope:
    """The cases counted: visible to the actor, demo or not, received in the period or the one
    before it (``current`` tells them apart)."""

    where: tuple[ColumnElement[bool], ...]
    current: ColumnElement[bool]
    compares: bool
    sql: _Sql


def _scope(session: Session, actor: Actor, period: Period, demo: bool) -> _Scope:
    cases = table_of(SanctionCase)
    earliest = period.previous.start if period.previous else period.start
    where = [visible_cases_filter(actor), cases.c.created_at < _moment(period.end + timedelta(1))]
    if earliest is not None:
        where.append(cases.c.created_at >= _moment(earliest))
    if not demo:
        where.append(~cases.c.is_demo)
    current = cases.c.created_at >= _moment(period.start) if period.start else true()
    bind = session.get_bind()
    return _Scope(
        where=tuple(where),
        current=current,
        compares=period.previous is not None,
        sql=_Sql(postgres=bind.dialect.name == "postgresql"),
    )


def _grouped(
    session: Session, scope: _Scope, key: Any, source: FromClause | None = None
) -> list[tuple[Any, int, int | None]]:
    """(key, count in the period, count in the period before) for each value of ``key``."""
    cases = table_of(SanctionCase)
    now = func.sum(when((scope.current, 1), else_=0))
    query = (
        select(key, now, func.count())
        .select_from(source if source is not None else cases)
        .where(*scope.where)
        .group_by(key)
    )
    found = []
    for value, current, both in session.execute(query):
        current = int(current or 0)
        previous = int(both) - current if scope.compares else None
        if current or previous:
            found.append((value, current, previous))
    return found


def _counts(rows: Iterable[tuple[Any, int, int | None]], label: Any) -> list[Count]:
    """Counts with their labels, most first (then by label)."""
    counts = [
        Count(key="" if key is None else str(key), label=label(key), count=n, previous=p)
        for key, n, p in rows
    ]
    return sorted(counts, key=lambda c: (-c.count, c.label))


def _in_order(counts: list[Count], order: Sequence[str]) -> list[Count]:
    rank = {key: i for i, key in enumerate(order)}
    return sorted(counts, key=lambda c: (rank.get(c.key, len(rank)), c.label))


def _by_establishment(session: Session, scope: _Scope) -> list[Count]:
    cases = table_of(SanctionCase)
    place = table_of(Establishment)
    source = cases.outerjoin(place, place.c.id == cases.c.establishment_id)
    rows = _grouped(session, scope, place.c.name, source)
    return _counts(rows, lambda name: name or NOT_IN_DIRECTORY)


def _by_list(session: Session, scope: _Scope, column: Any) -> list[tuple[Any, int, int | None]]:
    cases = table_of(SanctionCase)
    items = scope.sql.items(column)
    return _grouped(session, scope, items.c.value, cases.join(items, true()))


def _by_category(session: Session, scope: _Scope) -> list[Count]:
    rows = _by_list(session, scope, table_of(SanctionCase).c.categories)
    counts = _counts(rows, lambda code: label_of(SanctionCategory, code))
    return counts


def _by_body(session: Session, scope: _Scope) -> list[Count]:
    rows = _by_list(session, scope, table_of(SanctionCase).c.bodies)
    counts = _counts(rows, lambda code: code or NOT_SAID)
    return _in_order(counts, [b.value for b in Body])


def _by_channel(session: Session, scope: _Scope) -> list[Count]:
    rows = _grouped(session, scope, table_of(SanctionCase).c.communication_channel)
    return _counts(rows, lambda code: answer_label("channel", code, missing=NOT_SAID))


def _by_risk(session: Session, scope: _Scope) -> list[Count]:
    rows = _grouped(session, scope, table_of(SanctionCase).c.risk_level)
    counts = _counts(rows, lambda code: label_of(RiskLevel, code))
    return _in_order(counts, [r.value for r in RiskLevel])


def _by_outcome(session: Session, scope: _Scope) -> list[Count]:
    rows = _grouped(session, scope, table_of(SanctionCase).c.outcome)
    return _counts(rows, lambda code: label_of(Outcome, code, missing=NO_OUTCOME))


def _by_month(session: Session, scope: _Scope, period: Period) -> list[MonthCount]:
    cases = table_of(SanctionCase)
    month = scope.sql.month(cases.c.created_at)
    query = select(month, func.count()).where(*scope.where, scope.current).group_by(month)
    found = {str(m): int(n) for m, n in session.execute(query)}
    if not found and period.start is None:
        return []
    first = period.start or date.fromisoformat(min(found) + "-01")
    months = []
    at = date(first.year, first.month, 1)
    while at <= period.end:
        key = f"{at.year:04d}-{at.month:02d}"
        months.append(MonthCount(month=key, count=found.get(key, 0)))
        at = _months_before(at, -1)
    return months


# ---- time per step ---------------------------------------------------------------------------


def _task_source() -> FromClause:
    cases, tasks = table_of(SanctionCase), table_of(WorkflowTask)
    return tasks.join(cases, cases.c.id == tasks.c.case_id)


@dataclass
class _Tally:
    """One step's (or duty's) tasks as the grouped rows come in."""

    opened: int = 0
    done: int = 0
    late: int = 0
    open: int = 0
    overdue: int = 0
    stopped: int = 0
    taken: dict[int, int] = field(default_factory=dict)
    allowed: dict[int, int] = field(default_factory=dict)

    def add(self, kind: str, taken: Any, allowed: Any, late: Any, overdue: Any, n: int) -> None:
        self.opened += n
        if kind == "open":
            self.open += n
            self.overdue += n if overdue else 0
        elif kind == "stopped":
            self.stopped += n
        else:
            self.done += n
            self.late += n if late else 0
            for histogram, days in ((self.taken, taken), (self.allowed, allowed)):
                if days is not None:
                    histogram[int(days)] = histogram.get(int(days), 0) + n


def _steps(session: Session, scope: _Scope) -> list[StepTime]:
    """One grouped scan of the period's tasks: by step and duty, state (open, stopped, done),
    whole days taken and allowed, late and overdue; medians come from the day counts."""
    tasks = table_of(WorkflowTask)
    is_open = tasks.c.done_at.is_(None)
    state = when(
        (is_open, "open"), (tasks.c.outcome.in_(STOPPED_OUTCOMES), "stopped"), else_="done"
    )
    finished = ~is_open
    columns = (
        tasks.c.step,
        tasks.c.duty,
        state,
        when((finished, scope.sql.days(tasks.c.done_at, tasks.c.created_at))),
        when((finished, scope.sql.days(tasks.c.due, tasks.c.created_at))),
        when((finished, scope.sql.days(tasks.c.done_at, tasks.c.due) > 0), else_=False),
        and_(is_open, tasks.c.due < today()),
    )
    query = (
        select(*columns, func.count())
        .select_from(_task_source())
        .where(*scope.where, scope.current)
        .group_by(*columns)
    )
    tallies: dict[tuple[Any, Any], _Tally] = {}
    for step, duty, kind, taken, allowed, late, overdue, n in session.execute(query):
        tallies.setdefault((step, duty), _Tally()).add(kind, taken, allowed, late, overdue, int(n))
    found = [
        StepTime(
            step=step,
            duty=duty,
            label=_step_label(step, duty),
            opened=t.opened,
            done=t.done,
            median_days=_median(t.taken),
            median_allowed_days=_median(t.allowed),
            late=t.late,
            open=t.open,
            overdue=t.overdue,
            stopped=t.stopped,
        )
        for (step, duty), t in tallies.items()
    ]
    return sorted(found, key=_step_order)


def _median(histogram: dict[int, int]) -> float | None:
    """The median of values given as value -> how many times."""
    total = sum(histogram.values())
    if not total:
        return None
    middle = [(total - 1) // 2, total // 2]
    values, seen = [], 0
    for value in sorted(histogram):
        seen += histogram[value]
        while middle and middle[0] < seen:
            values.append(value)
            middle.pop(0)
    return sum(values) / 2


def _step_label(step: int | None, duty: str | None) -> str:
    if duty:
        return label_of(Duty, duty)
    if step is not None and step in ProtocolStep._value2member_map_:
        return f"Step {step}: {ProtocolStep(step).label}"
    return "other task"


def _step_order(item: StepTime) -> tuple[int, int, str]:
    if item.duty:
        duties = [d.value for d in Duty]
        rank = duties.index(item.duty) if item.duty in duties else len(duties)
        return (1, rank, item.label)
    return (0, item.step or 0, item.label)


# ---- consent ---------------------------------------------------------------------------------


def _consent(session: Session, scope: _Scope) -> ConsentFigures:
    cases, consent = table_of(SanctionCase), table_of(ConsentRecord)
    newest = (
        select(func.max(consent.c.id))
        .where(consent.c.case_id == cases.c.id)
        .correlate(cases)
        .scalar_subquery()
    )
    person = consent.c.given_by == ConsentGiver.PERSON.value
    query = (
        select(
            func.count(),
            func.sum(when((and_(person, ~consent.c.pursue), 1), else_=0)),
            func.sum(when((and_(person, consent.c.pursue), 1), else_=0)),
        )
        .select_from(cases.outerjoin(consent, consent.c.id == newest))
        .where(*scope.where, scope.current, cases.c.status.not_in(NOT_CONFIRMED))
    )
    confirmed, declined, consents = session.execute(query).one()
    confirmed, declined, consents = int(confirmed), int(declined or 0), int(consents or 0)
    return ConsentFigures(
        confirmed=confirmed,
        declined=declined,
        consents=consents,
        not_from_person=confirmed - declined - consents,
    )


# ---- all of it -------------------------------------------------------------------------------


def holds_only_demo_cases(session: Session) -> bool:
    """True for a database with cases, all of them demo cases (a training server)."""
    cases = table_of(SanctionCase)
    real = session.execute(select(cases.c.id).where(~cases.c.is_demo).limit(1)).first()
    return real is None


def _scope_words(session: Session, actor: Actor) -> str:
    if not is_scoped(actor):
        return "all establishments"
    place = session.get(Establishment, actor.establishment_id) if actor.establishment_id else None
    return f"{place.name} (your Board)" if place else "no establishment (you have no Board)"


def build_insights(
    session: Session,
    *,
    actor: Actor,
    date_from: date | None = None,
    date_to: date | None = None,
    repeat: int = DEFAULT_REPEAT,
    demo_database: bool = False,
) -> Insights:
    """The figures for the cases ``actor`` may see, received from ``date_from`` to ``date_to``
    (neither: the last 12 months). Demo cases count only on the demo's database
    (``demo_database``) or one holding nothing else."""
    may_see_insights(actor)
    if repeat < 1:
        raise ValidationProblem("--repeat must be 1 or more")
    period = Period.of(date_from, date_to)
    demo = demo_database or holds_only_demo_cases(session)
    scope = _scope(session, actor, period, demo)
    by_establishment = _by_establishment(session, scope)
    previous = period.previous
    return Insights(
        date_from=period.start,
        date_to=period.end,
        previous_from=previous.start if previous else None,
        previous_to=previous.end if previous else None,
        scope=_scope_words(session, actor),
        includes_demo=demo,
        total=sum(c.count for c in by_establishment),
        previous_total=sum(c.previous or 0 for c in by_establishment) if previous else None,
        by_month=_by_month(session, scope, period),
        by_establishment=[c for c in by_establishment if c.count],
        by_category=[c for c in _by_category(session, scope) if c.count],
        by_body=[c for c in _by_body(session, scope) if c.count],
        by_channel=[c for c in _by_channel(session, scope) if c.count],
        by_risk=[c for c in _by_risk(session, scope) if c.count],
        by_outcome=[c for c in _by_outcome(session, scope) if c.count],
        steps=_steps(session, scope),
        consent=_consent(session, scope),
        repeat_threshold=repeat,
        repeat_establishments=[
            c for c in by_establishment if c.count >= repeat and c.label != NOT_IN_DIRECTORY
        ],
    )


# ---- words both front ends use ---------------------------------------------------------------

BAR = "█"


def bar(count: int, most: int, width: int = 20) -> str:
    """A text bar for ``count`` out of ``most`` (at least one block for any count above 0)."""
    if count <= 0 or most <= 0:
        return ""
    return BAR * max(1, round(width * count / most))


def change_words(count: int, previous: int | None) -> str:
    """The change from the period before, in words ('' without a period before)."""
    if previous is None:
        return ""
    if count == previous:
        return "same"
    sign = "+" if count > previous else "-"
    return f"{sign}{abs(count - previous)}"


def days_words(days: float | None) -> str:
    if days is None:
        return "-"
    return f"{days:g} d"


def share_words(share: float | None) -> str:
    return "-" if share is None else f"{100 * share:.0f}%"


def period_words(insights: Insights) -> str:
    start = insights.date_from.isoformat() if insights.date_from else "the first case"
    return f"received {start} to {insights.date_to.isoformat()}"
