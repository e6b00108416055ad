"""What a person reads for a stored code: an enum's label, an interview answer's choice label,
or the code in plain words."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import Any

from intake.core.vocabulary.bodies import EstablishmentType, Role
from intake.core.vocabulary.casework import (
    CaseStatus,
    Duty,
    LinkDecision,
    Outcome,
    RecommendationStatus,
)
from intake.core.vocabulary.classification import (
    ClassificationSource,
    Qualifies,
    RiskLevel,
    Route,
    SanctionCategory,
    Severity,
)
from intake.core.vocabulary.consent import ConsentGiver, ConsentKind, RaisedBy
from prompts import load_yaml

INTERVIEW_FILE = "interview.yaml"

#: Every enum of stored codes; people read their labels, programs (``--json``, the tracker's
#: machine columns, the audit data) the codes.
LABELLED: tuple[type[StrEnum], ...] = (
    SanctionCategory,
    Route,
    Qualifies,
    RiskLevel,
    Severity,
    EstablishmentType,
    Role,
    RaisedBy,
    ConsentGiver,
    ConsentKind,
    CaseStatus,
    Duty,
    Outcome,
    ClassificationSource,
    LinkDecision,
    RecommendationStatus,
)


def label_of(kind: type[StrEnum], value: str | None, *, missing: str = "-") -> str:
    """What a person reads for a stored code of ``kind``: its label; a code that is not (or no
    longer) one of ``kind``'s, in words all the same; ``missing`` for none."""
    if value is None or value == "":
        return missing
    member: Any = kind._value2member_map_.get(value)
    if member is None:
        return plain_words(value)
    return str(member.label)


def labels_of(kind: type[StrEnum], values: list[str], *, missing: str = "-") -> str:
    """Several codes of ``kind`` as their labels, comma separated."""
    return ", ".join(label_of(kind, v) for v in values) or missing


def plain_words(code: str) -> str:
    """A code no label names, readable at least (``some_code`` becomes ``some code``)."""
    return code.replace("_", " ")


def answer_label(question: str, value: str | None, *, missing: str = "-") -> str:
    """What an interview answer stored as a code reads as (an age band, how the body was
    contacted, a vulnerability): the label of that question's choice in prompts/interview.yaml."""
    if value is None or value == "":
        return missing
    return choice_labels().get(question, {}).get(value) or plain_words(value)


def answer_labels(question: str, values: list[str], *, missing: str = "-") -> str:
    return ", ".join(answer_label(question, v) for v in values) or missing


@cache
def choice_labels() -> dict[str, dict[str, str]]:
    """Each choice question's labels by value, read from the interview script (which the
    interview validates; here only its choices are read)."""
    script = load_yaml(INTERVIEW_FILE) or {}
    return {
        str(q["key"]): {str(c["value"]): str(c["label"]) for c in q.get("choices") or []}
        for q in script.get("questions") or []
        if isinstance(q, dict) and "key" in q
    }


#: How a piece of evidence is labelled when the rules read a detriment in its words and the
#: learned second opinion set that detriment aside.
_SET_ASIDE = "model:set_aside:"


def set_aside_label(category: SanctionCategory) -> str:
    """The evidence label for words of ``category`` the second opinion set aside."""
    return f"{_SET_ASIDE}{category.value}"


def set_aside_category(label: str) -> SanctionCategory | None:
    """The detriment an evidence label says was set aside, or None for any other evidence."""
    if not label.startswith(_SET_ASIDE):
        return None
    return SanctionCategory(label.removeprefix(_SET_ASIDE))


def evidence_words(label: str) -> str:
    """A piece of evidence's kind in words (``category:loss_of_employment`` → "category: loss
    of employment", ``route:safer_custody`` → "route: " and its label, ``model:category:threats``
    → "second opinion: threats", ``model:set_aside:isolation`` → "set aside by the second
    opinion: isolation")."""
    set_aside = set_aside_category(label)
    if set_aside is not None:
        return f"set aside by the second opinion: {set_aside.label}"
    kind, _, code = label.partition(":")
    if kind == "model" and code:
        head, _, name = code.partition(":")
        what = label_of(SanctionCategory, name) if head == "category" else plain_words(head)
        return f"second opinion: {what}"
    if kind == "category" and code:
        return f"category: {label_of(SanctionCategory, code)}"
    if kind == "route" and code:
        return f"route: {label_of(Route, code)}"
    if code:
        return f"{plain_words(kind)}: {plain_words(code)}"
    return plain_words(kind)
