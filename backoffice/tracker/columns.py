"""The tracker's layout: its marking, its title and its fixed columns, one row a case."""

from __future__ import annotations

from intake.core.vocabulary import Duty, ProtocolStep

MARKING = "OFFICIAL-SENSITIVE"
TITLE = "HMIP sanctions tracker"


STEP_COLUMNS = [f"Step {int(s)}: {s.label}" for s in ProtocolStep]
#: The parallel duties (para 23): when each was first opened, and last done or still open.
TRACKED_DUTIES = (
    Duty.REFER_SENIOR_MANAGER,
    Duty.REPORT_BACK,
    Duty.ESCALATE,
    Duty.INFORM_INTERNAL_LEAD,
    Duty.INFORM_PARTNERS,
    Duty.PRESERVE_EVIDENCE,
)
DUTY_COLUMNS = [f"{d.task_title}: {what}" for d in TRACKED_DUTIES for what in ("opened", "done")]
MONITORING_COLUMNS = ["IMB monitoring: started", "IMB monitoring: last review", "IMB monitoring"]
RECOMMENDATION_COLUMNS = ["Recommendations", "Recommendations open", "Recommendations overdue"]
#: What a duty still open reads as in its "done" column.
STILL_OPEN = "open"
COLUMNS = [
    "Reference",
    "Received",
    "Logged",
    "Establishment",
    "Receiving organisation",
    "Bodies contacted",
    "Channel",
    "Person",
    "Prison number",
    "Home Office reference",
    "Categories",
    "Qualifies",
    "Route",
    "Other routes",
    "Consent",
    "Risk",
    "Severity",
    "Status",
    "Overridden",
    *STEP_COLUMNS,
    *DUTY_COLUMNS,
    *MONITORING_COLUMNS,
    *RECOMMENDATION_COLUMNS,
    "Outcome",
    "Closed",
]
