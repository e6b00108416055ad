"""The Audit tab: every event on the case, newest first, with who and why."""

from __future__ import annotations

from rich.text import Text

from backoffice.tui.case_text.style import MUTED, add_line, when_words
from backoffice.view_models import CaseView
from backoffice.workflow.words import audit_words


def audit_text(view: CaseView) -> Text:
    text = Text()
    for event in reversed(view.audit):
        stamp = (f"{when_words(event.at)} ", MUTED)
        add_line(text, stamp, (event.actor, "bold"), f" {audit_words(event)}")
        if event.reason:
            add_line(text, "    ", (event.reason, "italic"))
    text.rstrip()
    return text
