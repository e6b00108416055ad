"""The person's own account: the Narrative and Transcript tabs."""

from __future__ import annotations

from rich.text import Text

from backoffice.tui.case_text.style import MUTED, add_line
from backoffice.view_models import CaseView


def narrative_text(view: CaseView) -> Text:
    text = Text()
    add_line(text, view.narrative or "(no narrative)")
    text.rstrip()
    return text


def transcript_text(view: CaseView) -> Text:
    text = Text()
    if not view.transcript:
        add_line(text, ("no interview transcript (entered without the guided interview)", MUTED))
    for line in view.transcript:
        add_line(text, (f"{line.seq}. {line.question}", "bold"))
        add_line(text, f"   {line.answer}")
    text.rstrip()
    return text
