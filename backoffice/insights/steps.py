"""Time per protocol step and parallel duty: one grouped scan of the period's tasks, medians from
histograms of whole days.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import FromClause, and_, func, select
from sqlalchemy import case as when
from sqlmodel import Session

from backoffice.insights.figures import StepTime
from backoffice.insights.scope import _Scope
from intake.core.clock import today
from intake.core.db.models import SanctionCase, WorkflowTask, table_of
from intake.core.vocabulary import Duty, ProtocolStep, label_of

#: Outcomes of a task closed without being done (``backoffice.workflow``): consent declined or
#: withdrawn, or the case closed first. They are counted as stopped, not as time taken.
STOPPED_OUTCOMES = ("stopped: no consent", "not needed: case closed")


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
