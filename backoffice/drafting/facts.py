"""What the back office gives the model to draft from: plain data, no database rows, built
from the case view (:mod:`backoffice.drafting`)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from intake.core.vocabulary import Body, Outcome, ProtocolStep
from intake.llm.redaction import Identifiers


class AccountLine(BaseModel):
    """One exchange of the interview, as asked and answered."""

    model_config = ConfigDict(frozen=True)

    question: str
    answer: str


class BriefingFacts(BaseModel):
    """A case as the IMB's step 5 briefing to HMIP and the PPO needs it."""

    model_config = ConfigDict(frozen=True)

    reference: str
    receiving_organisation: str
    establishment: str | None = None
    bodies: list[str] = []
    categories: list[str] = []
    qualifies: str | None = None
    severity: str | None = None
    risk_level: str | None = None
    narrative: str
    account: list[AccountLine] = []
    consent: str | None = Field(None, description="Consent as recorded, in words.")
    imb_findings: str | None = Field(None, description="The IMB's initial enquiries, as typed.")
    identifiers: Identifiers = Identifiers()


LetterStep = Literal[ProtocolStep.OUTCOME_EXPLAINED, ProtocolStep.UNFOUNDED_TOLD]


class LetterFacts(BaseModel):
    """What the outcome letter to the person (step 7 or step 10) says."""

    model_config = ConfigDict(frozen=True)

    reference: str
    step: LetterStep
    sender: Body
    outcome: Outcome
    what_they_told_us: str
    reasons: str = Field(description="Why this is the outcome, as staff wrote it.")
    contact: str | None = Field(None, description="How the person can get in touch.")
    identifiers: Identifiers = Identifiers()
