"""The regular share of the log with the IMB and PPO leads (protocol para 24; issue 16, point 3).

"HMI Prisons will share the log": every six months the HMIP lead makes the pack for the IMB and
PPO leads with ``backoffice share --period 2026H1`` (``H1``: 1 January to 30 June, ``H2``: 1 July
to 31 December; a period is shared once it has ended). The pack is two files in a folder the
lead names, each marked OFFICIAL-SENSITIVE:

- ``sanctions-log-2026H1.xlsx``: the tracker log of the cases received in the period,
  pseudonymised (:func:`backoffice.tracker.tracker_rows`, the export's own rows: stable
  pseudonyms for names, prison numbers and Home Office references), a sheet of the period's
  insights (:func:`backoffice.insights.build_insights`) and one of the recommendations still
  open when the pack is made, whenever they were made (their text with the person's
  identifiers replaced: :class:`backoffice.pseudonyms.CaseRedactor`);
- ``sanctions-log-2026H1.pdf``: the insights and open recommendations as a printable report
  (:func:`backoffice.letter_pdf.report_pdf`: DejaVu Sans, OFFICIAL-SENSITIVE at the top and foot
  of every page). No name, number or narrative is in either.

Files are 0600, never written over an existing file without ``overwrite`` (``--force``), and
encrypted with the export passphrase when the folder is outside the data folder, as the tracker
export is (:func:`intake.core.files.choose_encryption`); the plain workbook is made in a private
temporary folder and only its final (encrypted) form reaches the target folder.

Each share is recorded (``log_share``: period, who, when, the files) with an audit event. The
HMIP lead's queue reminds them when the last six-monthly period that has ended has no share
recorded (:func:`share_reminder`).

Who: HMIP leads only. The protocol gives the sharing to HMI Prisons, and sharing a body's log
with the other bodies is a lead's decision; admins administer the system but are not party to
the cases (they see no names and no recommendations), supervisors and triage work cases.
"""

from __future__ import annotations

from backoffice.share.files import check_pack, pack_files
from backoffice.share.pack import ShareSummary, share_log
from backoffice.share.period import SharePeriod, check_ended, last_ended_period, parse_period
from backoffice.share.recommendations import OpenRecommendation, open_recommendations
from backoffice.share.reminder import reminder_words, share_reminder
from backoffice.share.tables import STEP_COLUMNS
from backoffice.share.who import SHARE_ORGANISATIONS, SHARE_ROLES, WHAT, is_sharer, may_share
from backoffice.share.workbook import RECOMMENDATION_COLUMNS

__all__ = [
    "RECOMMENDATION_COLUMNS",
    "SHARE_ORGANISATIONS",
    "SHARE_ROLES",
    "STEP_COLUMNS",
    "WHAT",
    "OpenRecommendation",
    "SharePeriod",
    "ShareSummary",
    "check_ended",
    "check_pack",
    "is_sharer",
    "last_ended_period",
    "may_share",
    "open_recommendations",
    "pack_files",
    "parse_period",
    "reminder_words",
    "share_log",
    "share_reminder",
]
