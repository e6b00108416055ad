"""The Classification tab: each classification, newest first, with its evidence, and where
they disagree."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from backoffice.tui.case_text.style import ATTENTION, MUTED, add_line, when_words
from backoffice.view_models import CaseView, ClassificationRecord
from backoffice.wording import (
    categories_words,
    classification_words,
    disagreement_words,
    risk_level_words,
    seen_risk,
    source_words,
)
from intake.core.vocabulary import evidence_words


def _evidence(item: dict[str, Any]) -> str:
    quote = item.get("matched") or item.get("text") or ""
    words = item.get("stands_for") or evidence_words(str(item.get("label") or ""))
    return f'"{quote}" → {words}' if quote else str(words)


def _classification(text: Text, c: ClassificationRecord) -> None:
    who = f" by {c.created_by}" if c.created_by else ""
    seen = seen_risk(c)
    add_line(
        text,
        (source_words(c.source).upper(), "bold"),
        (f"  {when_words(c.created_at)}{who}", MUTED),
    )
    add_line(
        text,
        f"  {classification_words(c)} · "
        f"risk: {risk_level_words(c.risk_level)}{f' · {seen}' if seen else ''}",
    )
    add_line(text, f"  categories: {categories_words(c.categories)}")
    if c.reason:
        add_line(text, "  reason: ", (c.reason, "italic"))
    if c.rationale:
        add_line(text, f"  rationale: {c.rationale}")
    for item in c.evidence:
        add_line(text, ("  evidence: ", MUTED), _evidence(item))


def classifications_text(view: CaseView) -> Text:
    text = Text()
    for d in view.disagreements:
        add_line(text, ("DISAGREE ", ATTENTION), disagreement_words(d))
    for record in reversed(view.classifications):
        _classification(text, record)
    text.rstrip()
    return text
