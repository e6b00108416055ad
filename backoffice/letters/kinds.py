"""The letters to the person: their kinds and their templates in ``prompts/letters/``."""

from __future__ import annotations

from enum import StrEnum
from functools import cache

from pydantic import BaseModel, ConfigDict

from intake.core.errors import ValidationProblem
from intake.core.vocabulary import ProtocolStep
from prompts import load_validated


class LetterKind(StrEnum):
    """A letter to the person: the name of its file in ``prompts/letters/``."""

    REASSURANCE = "reassurance"
    DOES_NOT_QUALIFY = "does_not_qualify"
    NO_INVESTIGATION = "no_investigation"
    UNFOUNDED = "unfounded"
    PROVED = "proved"

    @property
    def heading(self) -> str:
        if self is LetterKind.REASSURANCE:
            return "Reassurance in writing"
        return letter_text(self).title

    @property
    def step(self) -> ProtocolStep | None:
        """The protocol step whose task opens this letter (the outcome letters)."""
        return _STEPS.get(self)


_STEPS = {
    LetterKind.NO_INVESTIGATION: ProtocolStep.OUTCOME_EXPLAINED,
    LetterKind.UNFOUNDED: ProtocolStep.UNFOUNDED_TOLD,
    LetterKind.PROVED: ProtocolStep.FORMAL_REPORT,
}
_DECISIONS = {
    LetterKind.NO_INVESTIGATION: "the Ombudsman's decision not to investigate (step 6)",
    LetterKind.UNFOUNDED: "the Ombudsman's conclusion that it is unfounded (step 9)",
    LetterKind.PROVED: "the Ombudsman's conclusion that a sanction is proved (step 9)",
}


class LetterText(BaseModel):
    """One letter of ``prompts/letters/`` (the reassurance has its own shape, shared with the
    intake: :mod:`intake.core.letter_words`)."""

    model_config = ConfigDict(extra="forbid")

    title: str
    template: str
    routes: dict[str, str] = {}
    recommendations: str | None = None
    no_recommendations: str | None = None


@cache
def letter_text(kind: LetterKind, language: str = "en") -> LetterText:
    """The letter's words in ``language`` (its title, for staff, stays English)."""
    return load_validated(LetterText, f"letters/{kind.value}.yaml", language)


def parse_kind(text: str) -> LetterKind:
    """A letter kind as typed ('does-not-qualify' too); a ValidationProblem lists them."""
    key = text.strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return LetterKind(key)
    except ValueError:
        kinds = ", ".join(k.value for k in LetterKind)
        raise ValidationProblem(f"no letter {text.strip()!r}: choose one of {kinds}") from None
