"""The top of the case screen: the reference, status, risk and flags, the place, and the step
the case is at."""

from __future__ import annotations

from rich.text import Text

from backoffice.tui.case_text.style import (
    ASK_NOW_STYLE,
    ATTENTION,
    IDENTITY,
    LATE,
    MUTED,
    OVERRIDDEN,
    RISK_STYLES,
    add_line,
)
from backoffice.view_models import CaseView, QueueRow
from backoffice.wording import ASK_NOW, outcome_words, risk_level_words, status_words


def flags(row: QueueRow) -> list[tuple[str, str]]:
    """The header's flags; PSEUDONYMISED first, so a narrow screen never cuts it off."""
    found = [("PSEUDONYMISED", IDENTITY)] if not row.identified else []
    if row.overdue:
        found.append((f"OVERDUE({row.overdue_tasks})", LATE))
    if row.overdue_recommendations:
        found.append((f"RECOMMENDATION OVERDUE({row.overdue_recommendations})", LATE))
    if row.overridden:
        found.append(("OVERRIDDEN", OVERRIDDEN))
    if row.awaiting_supervisor:
        found.append(("AWAITING SUPERVISOR", ATTENTION))
    if row.still_monitored:
        found.append(("STILL MONITORED", ATTENTION))
    if row.is_demo:
        found.append(("DEMO", MUTED))
    return found


def header_text(view: CaseView) -> Text:
    """Two or three lines at the top of the case screen."""
    s = view.summary
    text = Text()
    add_line(
        text,
        (s.reference, "bold"),
        f"  v{s.version}  {status_words(s.status)}  risk ",
        (risk_level_words(s.risk_level), RISK_STYLES.get(s.risk_level, "")),
        *((", ", (ASK_NOW, ASK_NOW_STYLE)) if s.ask_now else ()),
        *[part for flag in flags(s) for part in ("  ", flag)],
    )
    place = s.establishment or view.place_text or "-"
    add_line(
        text,
        f"{s.receiving_organisation} · {place} · received {s.created_at:%Y-%m-%d} ({s.age_days}d)",
    )
    step = f"step {view.current_step}: {view.current_step_label}" if view.current_step else None
    add_line(text, (step or f"outcome: {outcome_words(view.outcome)}", "italic"))
    text.rstrip()
    return text
