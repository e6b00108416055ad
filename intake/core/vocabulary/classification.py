"""What an account is classified as: the detriments of para 2, the route it goes, whether it
qualifies (flowchart step 2), its risk (NPM guidance) and severity, and who classified it."""

from __future__ import annotations

from enum import StrEnum

from intake.core.vocabulary.words import _words


class SanctionCategory(StrEnum):
    """The detriments of protocol para 2."""

    ENTITLEMENTS = "entitlements"
    COMMUNICATION_LIMITS = "communication_limits"
    ISOLATION = "isolation"
    HUMILIATION = "humiliation"
    PHYSICAL_ABUSE = "physical_abuse"
    VERBAL_ABUSE = "verbal_abuse"
    PSYCHOLOGICAL_ABUSE = "psychological_abuse"
    THREATS = "threats"
    RECATEGORISATION = "recategorisation"
    LOSS_OF_EMPLOYMENT = "loss_of_employment"
    RELOCATION = "relocation"
    TRANSFER = "transfer"

    @property
    def label(self) -> str:
        return _CATEGORY_LABELS[self]


_CATEGORY_LABELS = {
    SanctionCategory.ENTITLEMENTS: "removal of basic entitlements",
    SanctionCategory.COMMUNICATION_LIMITS: "limits on communication with the outside world",
    SanctionCategory.ISOLATION: "isolation",
    SanctionCategory.HUMILIATION: "humiliation",
    SanctionCategory.PHYSICAL_ABUSE: "physical abuse",
    SanctionCategory.VERBAL_ABUSE: "verbal abuse",
    SanctionCategory.PSYCHOLOGICAL_ABUSE: "psychological abuse",
    SanctionCategory.THREATS: "threats",
    SanctionCategory.RECATEGORISATION: "recategorisation",
    SanctionCategory.LOSS_OF_EMPLOYMENT: "loss of employment",
    SanctionCategory.RELOCATION: "relocation within the establishment",
    SanctionCategory.TRANSFER: "transfer to another establishment",
}


class Route(StrEnum):
    """Where an allegation goes: the protocol, or a kind signpost elsewhere."""

    SANCTION_PROTOCOL = "sanction_protocol"
    WHISTLEBLOWING = "whistleblowing"
    COMPLAINT = "complaint"
    DEATH_IN_CUSTODY = "death_in_custody"
    IMB_MEMBER_COMPLAINT = "imb_member_complaint"
    SAFER_CUSTODY = "safer_custody"
    OUT_OF_SCOPE = "out_of_scope"

    @property
    def label(self) -> str:
        return _words("routes", self.value).label

    @property
    def goes_to(self) -> str:
        """Who takes an account on this route, in plain words (the classifier's rationale)."""
        return _words("routes", self.value).goes_to


class Qualifies(StrEnum):
    """Whether an allegation qualifies as a sanction (flowchart step 2)."""

    YES = "yes"
    NO = "no"
    UNCLEAR = "unclear"

    @property
    def label(self) -> str:
        return _QUALIFIES_LABELS[self]


_QUALIFIES_LABELS = {
    Qualifies.YES: "yes",
    Qualifies.NO: "no",
    Qualifies.UNCLEAR: "unclear (triage decides)",
}


class RiskLevel(StrEnum):
    """Triage result (NPM guidance 3.3)."""

    IMMEDIATE = "immediate"
    HIGH = "high"
    STANDARD = "standard"

    @property
    def rank(self) -> int:
        """Sort key: 0 is the most urgent."""
        return _RISK_RANK[self]

    @property
    def label(self) -> str:
        return self.value


_RISK_RANK = {RiskLevel.IMMEDIATE: 0, RiskLevel.HIGH: 1, RiskLevel.STANDARD: 2}


class Severity(StrEnum):
    STANDARD = "standard"
    SERIOUS = "serious"
    EXCEPTIONAL = "exceptional"

    @property
    def label(self) -> str:
        return self.value


class ClassificationSource(StrEnum):
    RULES = "rules"
    LLM = "llm"
    INTAKE_STAFF = "intake_staff"
    TRIAGE = "triage"
    OVERRIDE = "override"

    @property
    def label(self) -> str:
        return _SOURCE_LABELS[self]


_SOURCE_LABELS = {
    ClassificationSource.RULES: "rules",
    ClassificationSource.LLM: "language model",
    ClassificationSource.INTAKE_STAFF: "intake staff",
    ClassificationSource.TRIAGE: "triage",
    ClassificationSource.OVERRIDE: "override",
}
