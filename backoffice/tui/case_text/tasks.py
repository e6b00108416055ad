"""The Tasks tab: the case's tasks, open first and by due date, then its recommendations."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from backoffice.tui.case_text.style import LATE, MUTED, OPEN, add_line, when_words
from backoffice.view_models import CaseView, RecommendationView, TaskView
from intake.core.vocabulary import RecommendationStatus, label_of


def _task(text: Text, task: TaskView) -> None:
    label = f"step {task.step}" if task.step and not task.duty else "duty"
    if not task.is_open:
        state, style = "done", MUTED
    elif task.overdue:
        state, style = "OVERDUE", LATE
    else:
        state, style = "open", OPEN
    if task.proposed:
        state += " proposed"
    due = f"due {when_words(task.due)}"
    add_line(text, (f"[{state}] ", style), f"{label}: {task.title}")
    done = f" · done {when_words(task.done_at)} by {task.done_by}" if task.done_at else ""
    add_line(text, (f"    {task.owner_organisation} · ", MUTED), (due, style), (done, MUTED))
    for line in task.what_to_do:
        add_line(text, f"    {line}")


def _recommendation(text: Text, r: RecommendationView) -> None:
    state, style = ("done", MUTED) if r.done_at else (
        (f"OVERDUE {r.days_overdue}d", LATE) if r.overdue else ("open", OPEN)
    )  # fmt: skip
    if r.escalated_at and not r.done_at:
        state += " escalated"
    add_line(text, (f"[{state}] ", style), f"recommendation {r.id}: {r.text}")
    add_line(text, (f"    {r.owner or '-'} · due {when_words(r.due)}", style))
    if r.outcome:
        add_line(text, ("    outcome: ", MUTED), r.outcome)
    response = label_of(RecommendationStatus, r.response, missing="no response yet")
    reason = f": {r.response_reason}" if r.response_reason else ""
    add_line(text, ("    response: ", MUTED), f"{response}{reason}")
    if r.done_at:
        add_line(text, (f"    met {when_words(r.done_at)}: ", MUTED), r.evidence or r.note or "-")


def tasks_text(view: CaseView) -> Text:
    text = Text()
    ordered = sorted(view.tasks, key=lambda t: (not t.is_open, t.due or date.max))
    for task in ordered:
        _task(text, task)
    for rec in view.recommendations:
        _recommendation(text, rec)
    if not view.tasks and not view.recommendations:
        add_line(text, ("no tasks", MUTED))
    text.rstrip()
    return text
