"""The protocol's own words, as enums shared by the intake, the classifier and the back office.

Sources: the HMIP / IMB / PPO sanctions protocol (para 2 categories, para 3 scope, para 4
whistleblowing, para 23-26 duties and the flowchart's steps 1-11), the PPO-IMB and HMIP-HMPPS
memoranda (routes elsewhere) and the NPM guidance (risk).
"""

from __future__ import annotations

from enum import IntEnum, StrEnum
from typing import Any

from intake.core.protocol_words import PROTOCOL_FILE, protocol_words
from prompts import PromptDataError


class Body(StrEnum):
    """The three oversight bodies a person may communicate, or try to communicate, with."""

    HMIP = "HMIP"
    IMB = "IMB"
    PPO = "PPO"

    @property
    def full_name(self) -> str:
        return _BODY_NAMES[self]


_BODY_NAMES = {
    Body.HMIP: "HM Inspectorate of Prisons",
    Body.IMB: "Independent Monitoring Board",
    Body.PPO: "Prisons and Probation Ombudsman",
}

# The receiving organisations are the protocol's three bodies.
Organisation = Body


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


class RiskLevel(StrEnum):
    """Triage result (NPM guidance 3.3)."""

    IMMEDIATE = "immediate"
    HIGH = "high"
    STANDARD = "standard"

    @property
    def rank(self) -> int:
        """Sort key: 0 is the most urgent."""
        return _RISK_RANK[self]


_RISK_RANK = {RiskLevel.IMMEDIATE: 0, RiskLevel.HIGH: 1, RiskLevel.STANDARD: 2}


class Severity(StrEnum):
    STANDARD = "standard"
    SERIOUS = "serious"
    EXCEPTIONAL = "exceptional"


class EstablishmentType(StrEnum):
    """Places the protocol covers (para 3)."""

    PRISON = "prison"
    YOI = "yoi"
    STC = "stc"
    IRC = "irc"
    STHF = "sthf"
    #: A holding room at an airport or port: a non-residential short-term holding facility.
    HOLDING_ROOM = "holding"

    @property
    def has_board(self) -> bool:
        """An Independent Monitoring Board monitors it: not a secure training centre, whose
        IMB steps the receiving organisation does instead (issue 15)."""
        return self is not EstablishmentType.STC

    @property
    def holds_detainees(self) -> bool:
        """Immigration detention: people are detainees with a Home Office reference."""
        return self in (
            EstablishmentType.IRC,
            EstablishmentType.STHF,
            EstablishmentType.HOLDING_ROOM,
        )


class Role(StrEnum):
    INTAKE = "intake"
    TRIAGE = "triage"
    SUPERVISOR = "supervisor"
    LEAD = "lead"
    ADMIN = "admin"


class RaisedBy(StrEnum):
    """Who is raising the concern (interview step 3)."""

    PERSON = "person"
    ON_BEHALF = "on_behalf"
    STAFF_SELF = "staff_self"


class ConsentGiver(StrEnum):
    """Whose consent a consent record holds. Only the person's own counts (protocol para 23)."""

    PERSON = "person"
    FAMILY = "family"
    OTHER_PRISONER = "other_prisoner"
    LAWYER = "lawyer"
    STAFF_FOR_PRISONER = "staff_for_prisoner"

    @property
    def label(self) -> str:
        return _GIVER_LABELS[self]


_GIVER_LABELS = {
    ConsentGiver.PERSON: "the person themselves",
    ConsentGiver.FAMILY: "family or a friend, for them",
    ConsentGiver.OTHER_PRISONER: "another prisoner or detainee, for them",
    ConsentGiver.LAWYER: "a solicitor or advocate, for them",
    ConsentGiver.STAFF_FOR_PRISONER: "a member of staff, for them",
}


class ConsentKind(StrEnum):
    """What a consent record's snapshot was made by."""

    INTAKE = "intake"  # what was said at the interview
    CONSULTATION = "consultation"  # the person consulted at step 4
    CHANGE = "change"  # the person gave, confirmed, declined or withdrew consent later
    EXCEPTION = "exception"  # a referral without consent proposed (immediate serious risk)
    EXCEPTION_CONFIRMED = "exception_confirmed"  # confirmed by a second person


class CaseStatus(StrEnum):
    """Where a case stands in the flowchart."""

    RECEIVED = "received"  # step 1
    CONFIRMED = "confirmed"  # step 2: qualifies, a response is required
    LOGGED = "logged"  # step 3: on the HMIP sanctions tracker
    CONSULTED = "consulted"  # step 4: prisoner consulted, IMB enquiries
    BRIEFED = "briefed"  # step 5: IMB briefing to HMIP and PPO
    INVESTIGATING = "investigating"  # step 8
    CONCLUDED = "concluded"  # step 9
    CLOSED = "closed"  # steps 7, 10 or 11 done
    SIGNPOSTED = "signposted"  # did not qualify: closed with its route and signpost

    @property
    def is_open(self) -> bool:
        return self not in (CaseStatus.CLOSED, CaseStatus.SIGNPOSTED)


class ProtocolStep(IntEnum):
    """The flowchart's steps 1-11."""

    NOTIFICATION_RECEIVED = 1
    CONFIRM_QUALIFIES = 2
    LOG_ON_TRACKER = 3
    CONSULT_PRISONER = 4
    IMB_BRIEFING = 5
    PPO_DECISION = 6
    OUTCOME_EXPLAINED = 7
    PPO_INVESTIGATION = 8
    CONCLUSION_SHARED = 9
    UNFOUNDED_TOLD = 10
    FORMAL_REPORT = 11

    @property
    def label(self) -> str:
        return _words("steps", int(self))


class Duty(StrEnum):
    """The parallel duties of para 23-25, tracked as tasks with an owner and a due date."""

    REFER_SENIOR_MANAGER = "refer_senior_manager"
    REPORT_BACK = "report_back"
    ESCALATE = "escalate"
    INFORM_INTERNAL_LEAD = "inform_internal_lead"
    INFORM_PARTNERS = "inform_partners"
    IMB_MONITORING = "imb_monitoring"
    SIGNPOST = "signpost"  # a route elsewhere (the MoUs): tell the person where to go instead
    #: Evidence that expires (CCTV, body-worn video, an injury record): ask for it to be kept.
    PRESERVE_EVIDENCE = "preserve_evidence"

    @property
    def task_title(self) -> str:
        """The title of the duty's task (``title`` would hide ``str.title``)."""
        return _words("duties", self.value)


class Outcome(StrEnum):
    """How a case ended."""

    NOT_INVESTIGATED = "not_investigated"
    UNFOUNDED = "unfounded"
    PROVED = "proved"
    NOT_QUALIFYING = "not_qualifying"
    NOT_PURSUED = "not_pursued"  # logged, but the person did not consent to it being pursued


class ClassificationSource(StrEnum):
    RULES = "rules"
    LLM = "llm"
    INTAKE_STAFF = "intake_staff"
    TRIAGE = "triage"
    OVERRIDE = "override"


def _words(kind: str, key: object) -> Any:
    """A step's, duty's or route's words from prompts/protocol.yaml; every one must be there."""
    table = getattr(protocol_words(), kind)
    if key not in table:
        raise PromptDataError(f"prompts/{PROTOCOL_FILE}: {kind} lacks {key!r}")
    return table[key]


def missing_protocol_words() -> list[str]:
    """Steps, duties and routes without their words, and words for none (a test keeps it [])."""
    words = protocol_words()
    wanted: dict[str, set[int | str]] = {
        "steps": {int(s) for s in ProtocolStep},
        "duties": {d.value for d in Duty},
        "routes": {r.value for r in Route},
    }
    found: list[str] = []
    for kind, keys in wanted.items():
        have = set(getattr(words, kind))
        found += [f"{kind}: no words for {k}" for k in sorted(keys - have, key=str)]
        found += [f"{kind}: {k} is not in the protocol" for k in sorted(have - keys, key=str)]
    return found


class LinkDecision(StrEnum):
    """A person's decision on an earlier case offered as the same person and place."""

    LINKED = "linked"
    NOT_SAME = "not_same"

    @property
    def label(self) -> str:
        return (
            "linked: the same person and matter" if self is LinkDecision.LINKED else "not the same"
        )
