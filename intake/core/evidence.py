"""Evidence that expires (CCTV, body-worn video, an injury record): what the interview said
was there, and the task that asks for it to be kept before it is lost.

The kinds that call for a task, the words of the task and its deadline are data in
``prompts/evidence.yaml``; a kind not listed there (letters and records, "none known") opens
nothing. One task names every kind ticked, so the office makes its requests together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from prompts import load_validated

EVIDENCE_FILE = "evidence.yaml"
TITLE_CHARS = 200  # workflow_task.title


class EvidenceAnswers(BaseModel):
    """What the interview recorded about evidence: the kinds ticked (the final answer only),
    and when, where and who, for the request."""

    kinds: list[str] = Field(default_factory=list)
    when_where: str | None = None
    staff: str | None = None
    #: The day of the interview ("last Monday" is read days later).
    said_on: date | None = None


class _Words(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KindWords(_Words):
    name: str
    ask: str


class UnknownWords(_Words):
    when_where: str
    staff: str


class NamingWords(_Words):
    may_name: str
    anonymous: str


class EvidenceWords(_Words):
    deadline_days: int = Field(ge=0, le=30)
    title: str
    kinds: dict[str, KindWords]
    unknown: UnknownWords
    naming: NamingWords


@cache
def evidence_words() -> EvidenceWords:
    return load_validated(EvidenceWords, EVIDENCE_FILE)


@dataclass(frozen=True)
class PreservationTask:
    """The task a case gets: its title, what to ask of whom, and when it is due."""

    kinds: tuple[str, ...]
    title: str
    guidance: str
    due: date


def kinds_to_preserve(answers: EvidenceAnswers) -> list[str]:
    """The kinds ticked that expire, in the order the data file lists them."""
    ticked = set(answers.kinds)
    return [kind for kind in evidence_words().kinds if kind in ticked]


def preservation_task(
    answers: EvidenceAnswers, *, may_name: bool, submitted_on: date
) -> PreservationTask | None:
    """The task asking for the evidence to be kept, or None when nothing ticked expires."""
    words = evidence_words()
    kinds = kinds_to_preserve(answers)
    if not kinds:
        return None
    names = ", ".join(words.kinds[k].name for k in kinds)
    title = words.title.format(kinds=names)
    fill = {
        "when_where": _when_where(answers) or words.unknown.when_where,
        "staff": _given(answers.staff) or words.unknown.staff,
    }
    asks = [words.kinds[k].ask.format(**fill) for k in kinds]
    naming = words.naming.may_name if may_name else words.naming.anonymous
    return PreservationTask(
        kinds=tuple(kinds),
        title=title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1] + "…",
        guidance="\n".join(f"• {line}" for line in [*asks, naming]),
        due=submitted_on + timedelta(days=words.deadline_days),
    )


def _when_where(answers: EvidenceAnswers) -> str | None:
    said = _given(answers.when_where)
    if said is None or answers.said_on is None:
        return said
    return f"{said}, as said on {answers.said_on:%d %b %Y}"


def _given(text: str | None) -> str | None:
    """Staff's words (None when the question was skipped)."""
    return (text or "").strip() or None
