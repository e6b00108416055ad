"""The HMIP sanctions tracker export (protocol para 24): one row a case, fixed columns,
marked OFFICIAL-SENSITIVE, as CSV or xlsx.

It is the log the protocol describes: only cases logged on it at step 3, each with the bodies
contacted and how, the consent state, every parallel duty with when it was first opened and last
done (or that it is still open), IMB monitoring (started, last review, ongoing or ended) and the
formal report's recommendations (how many, how many open and overdue). Demo cases never enter
it (``backoffice demo``), and the summary says how many it left out. Rows are streamed from the
database (``yield_per``) and written as they come (:mod:`backoffice.xlsx`, every cell a text
cell), so a 100,000-case export never holds every case in memory; what repeats from one case to
the next (joined lists, consent words, pseudonyms) is worked out once. ``pseudonymise``
replaces names, prison numbers and Home Office references with stable pseudonyms
(:mod:`backoffice.pseudonyms`) for the periodic share with the IMB and PPO leads. Need to know
holds without it too: every row of a case the exporting user is not identified to
(:func:`backoffice.access.identified_filter`, computed in the same query) is pseudonymised.
Each export is recorded in the audit trail.
"""

from __future__ import annotations

from backoffice.tracker.columns import (
    COLUMNS,
    DUTY_COLUMNS,
    MARKING,
    MONITORING_COLUMNS,
    RECOMMENDATION_COLUMNS,
    STEP_COLUMNS,
    STILL_OPEN,
    TITLE,
    TRACKED_DUTIES,
)
from backoffice.tracker.export import ExportSummary, Format, export_tracker
from backoffice.tracker.query import demo_cases_left_out
from backoffice.tracker.rows import BATCH, CACHED, may_export, tracker_rows

__all__ = [
    "BATCH",
    "CACHED",
    "COLUMNS",
    "DUTY_COLUMNS",
    "MARKING",
    "MONITORING_COLUMNS",
    "RECOMMENDATION_COLUMNS",
    "STEP_COLUMNS",
    "STILL_OPEN",
    "TITLE",
    "TRACKED_DUTIES",
    "ExportSummary",
    "Format",
    "demo_cases_left_out",
    "export_tracker",
    "may_export",
    "tracker_rows",
]
