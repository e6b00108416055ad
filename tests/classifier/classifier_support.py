"""Helpers for the classifier tests: short ways to read a result."""

from __future__ import annotations

from intake.classifier import Classification, Evidence, classify
from intake.core.vocabulary import Qualifies, Route


def spans(result: Classification, label: str) -> list[Evidence]:
    """The evidence spans with exactly this label (``body:IMB``, ``category:isolation``...)."""
    return [ev for ev in result.evidence if ev.label == label]


def matched(result: Classification, label: str) -> list[str]:
    """The words of the text behind each span of ``label``, lower-cased."""
    return [ev.matched.lower() for ev in spans(result, label)]


def categories(text: str) -> set[str]:
    return {c.value for c in classify(text).categories}


def rules_categories(text: str) -> set[str]:
    """The categories the rules concluded: without those only the learned second opinion added
    (each shown with its own "learned second opinion" evidence)."""
    result = classify(text)
    added = {e.label.removeprefix("model:category:") for e in result.evidence}
    return {c.value for c in result.categories} - added


def verdict(text: str) -> tuple[Qualifies, Route]:
    result = classify(text)
    return result.qualifies, result.route
