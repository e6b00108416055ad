"""What a submission holds: everything an interview established, validated (pydantic) before
anything is written."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field, model_validator

from intake.core.evidence import EvidenceAnswers
from intake.core.risk import RiskAnswers
from intake.core.vocabulary import (
    Body,
    ConsentGiver,
    Organisation,
    Qualifies,
    RaisedBy,
    RiskLevel,
    Route,
    Severity,
)


class PersonDetails(BaseModel):
    name: str | None = None
    prison_number: str | None = None
    home_office_ref: str | None = None
    age_band: str | None = None
    location: str | None = None


class ConsentAnswers(BaseModel):
    """Consent as said at intake; ``given_by`` is whose word it is (only the person's counts)."""

    given_by: ConsentGiver = ConsentGiver.PERSON
    pursue: bool = False
    share_identity: bool = False
    imb_enquiries: bool = False
    refer_without_consent: bool = False
    justification: str | None = None

    @model_validator(mode="after")
    def _justified(self) -> ConsentAnswers:
        if self.refer_without_consent and not (self.justification or "").strip():
            raise ValueError("a referral without consent needs a recorded justification")
        return self


class ClassificationView(BaseModel):
    """A classification as stored: the rules' result, or intake staff's own view."""

    qualifies: Qualifies
    categories: list[str] = Field(default_factory=list)
    body: list[Body] = Field(default_factory=list)
    immediate_risk: bool = False
    #: Indirect cues of a risk (hoarded medication, missed insulin ...): "ask now". True
    #: whenever ``immediate_risk`` is.
    possible_immediate_risk: bool = False
    severity: Severity = Severity.STANDARD
    route: Route
    #: Other routes this view sees besides the main one (e.g. a death in custody as well).
    routes: list[Route] = Field(default_factory=list)
    evidence: list[dict[str, Any]] = Field(default_factory=list)
    rationale: str | None = None
    reason: str | None = None

    @model_validator(mode="after")
    def _immediate_is_possible(self) -> ClassificationView:
        if self.immediate_risk:
            self.possible_immediate_risk = True
        return self


class CaseSubmission(BaseModel):
    """Everything an interview established, validated before anything is written."""

    draft_id: int | None = None
    # Stable across databases: an offline laptop's case keeps its UUID when it is synced.
    case_uuid: str | None = None
    receiving_organisation: Organisation
    establishment_id: int | None = None
    place_text: str | None = None
    raised_by: RaisedBy = RaisedBy.PERSON
    raised_by_detail: str | None = None
    #: A member of staff reporting a prisoner's sanction who also fears reprisal themselves.
    staff_fears_reprisal: bool = False
    #: Routes the interview established besides the classification's (the concern chosen).
    routes: list[Route] = Field(default_factory=list)
    person: PersonDetails = Field(default_factory=PersonDetails)
    bodies: list[Body] = Field(default_factory=list)
    communication_channel: str | None = None
    communication_when: date | None = None
    #: How the allegation reached the receiving organisation (a visit, a letter, an email, an
    #: IMB application, a referral, a survey; prompts/interview.yaml `received_via`).
    received_via: str | None = None
    #: When the reassurance went back in writing (a written allegation), if it has.
    reassurance_written_at: datetime | None = None
    narrative: str = ""
    rules: ClassificationView | None = None
    staff_view: ClassificationView | None = None
    #: None when nobody could be asked (it came in writing): no consent is recorded, and the
    #: person's own is sought at step 4.
    consent: ConsentAnswers | None = Field(default_factory=ConsentAnswers)
    risk: RiskAnswers = Field(default_factory=RiskAnswers)
    risk_level: RiskLevel = RiskLevel.STANDARD
    #: Why the risk level is what it is, in words (``intake.core.risk.triage``).
    risk_reasons: list[str] = Field(default_factory=list)
    #: The interview was held out of the hearing of staff (None: not asked).
    out_of_hearing: bool | None = None
    #: The language the person was spoken to in, and any interpreter (issue 17).
    language: str = "en"
    interpreter: str | None = None
    interpreter_language: str | None = None
    #: Evidence the interview said is there: what expires gets a task to ask for it to be kept.
    evidence: EvidenceAnswers = Field(default_factory=EvidenceAnswers)
    is_demo: bool = False

    @model_validator(mode="after")
    def _has_a_view(self) -> CaseSubmission:
        if self.rules is None and self.staff_view is None:
            raise ValueError("a submission needs the rules' classification or staff's view")
        return self

    @property
    def effective(self) -> ClassificationView:
        view = self.staff_view or self.rules
        assert view is not None
        return view
