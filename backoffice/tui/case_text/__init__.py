"""The case screen's parts as Rich Text: built from the read models, never from markup.

Everything people typed (narratives, notes, reasons) is appended as plain text, so square
brackets or escape sequences in a narrative are shown, not interpreted. One module per part of
the screen: the header (:mod:`.header`), the Summary tab (:mod:`.summary`), the person's account
(:mod:`.account`), classifications (:mod:`.classifications`), tasks and recommendations
(:mod:`.tasks`), the audit (:mod:`.audit`) and the actions (:mod:`.actions`), all built with
:mod:`.style`.
"""

from __future__ import annotations

from backoffice.tui.case_text.account import narrative_text, transcript_text
from backoffice.tui.case_text.audit import audit_text
from backoffice.tui.case_text.classifications import classifications_text
from backoffice.tui.case_text.header import flags, header_text
from backoffice.tui.case_text.style import (
    ASK_NOW_STYLE,
    LATE,
    MUTED,
    OVERRIDDEN,
    RISK_STYLES,
)
from backoffice.tui.case_text.summary import summary_text
from backoffice.tui.case_text.tasks import tasks_text

__all__ = [
    "ASK_NOW_STYLE",
    "LATE",
    "MUTED",
    "OVERRIDDEN",
    "RISK_STYLES",
    "audit_text",
    "classifications_text",
    "flags",
    "header_text",
    "narrative_text",
    "summary_text",
    "tasks_text",
    "transcript_text",
]
