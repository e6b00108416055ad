"""The internal codes no person should read: taken from the vocabulary's enums, the interview's
choices and the workflow's outcomes (those that are not plain words), so a new one is checked
without being listed here."""

from __future__ import annotations

import re

from backoffice.workflow import workflow
from intake.core.vocabulary import LABELLED, choice_labels


def _is_code(value: str, label: str) -> bool:
    """A value a person would not read as words: snake_case, or a code unlike its label."""
    return value != label and ("_" in value or not value.replace(" ", "").isalpha())


def internal_codes() -> set[str]:
    codes = {
        str(m.value)
        for kind in LABELLED
        for m in kind
        if _is_code(str(m.value), str(getattr(m, "label", m.value)))
    }
    for labels in choice_labels().values():
        codes |= {value for value, label in labels.items() if _is_code(value, label)}
    for action in workflow().actions.values():
        codes |= {name for name, spec in action.outcomes.items() if _is_code(name, spec.label)}
    return codes


def raw_codes_in(text: str) -> set[str]:
    return {c for c in internal_codes() if re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", text)}
