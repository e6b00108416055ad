"""The classifier's public data: what goes in (:class:`Setting`) and what comes out."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from intake.core.vocabulary import (
    Body,
    EstablishmentType,
    Qualifies,
    Route,
    SanctionCategory,
    Severity,
)

#: Longest narrative the classifier accepts, in characters (a 100 kB paste is fine, 1 MB is not).
MAX_TEXT_CHARS = 200_000


class ClassifierInputError(ValueError):
    """The text cannot be classified: not a string, empty, or over :data:`MAX_TEXT_CHARS`."""


class Setting(BaseModel):
    """What the intake already knows about the place, beside the narrative."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    establishment_type: EstablishmentType | None = None
    #: The intake has established the events happened somewhere the protocol does not cover.
    out_of_scope_place: bool = False
    #: The person was under 18 at the time (a child: severity is exceptional).
    under_18: bool = False


class Evidence(BaseModel):
    """One span of the original text that a rule relied on."""

    model_config = ConfigDict(frozen=True)

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    #: ``text[start:end]`` of the text given to :func:`classify`.
    matched: str
    #: What the span counts as: ``body:IMB``, ``link``, ``category:isolation``, ``risk``,
    #: ``negation``, ``doubt``, ``route:death_in_custody``, ``staff``, ``severity`` ...
    label: str
    #: The same in plain words, e.g. "segregation (isolation)".
    stands_for: str


class Classification(BaseModel):
    """The rules' reading of one narrative, with the spans it rests on."""

    qualifies: Qualifies
    categories: list[SanctionCategory]
    body: list[Body]
    immediate_risk: bool
    #: Ask about risk now (issue 13): true with ``immediate_risk``, and also on indirect cues
    #: (the means at hand, missed critical medicine, a threat in slang) that staff must ask about.
    possible_immediate_risk: bool = False
    severity: Severity
    route: Route
    evidence: list[Evidence]
    #: One sentence a supervisor can read.
    rationale: str
    #: Elements still missing or weak: any of "link", "body", "staff_act", "detriment".
    missing: list[str]
