"""The protocol's own words, as enums shared by the intake, the classifier and the back office.

Sources: the HMIP / IMB / PPO sanctions protocol (para 2 categories, para 3 scope, para 4
whistleblowing, para 23-26 duties and the flowchart's steps 1-11), the PPO-IMB and HMIP-HMPPS
memoranda (routes elsewhere) and the NPM guidance (risk).
"""

from __future__ import annotations

from enum import IntEnum, StrEnum
from functools import cache
from typing import Any

from intake.core.protocol_words import PROTOCOL_FILE, protocol_words
from prompts import PromptDataError, load_yaml

INTERVIEW_FILE = "interview.yaml"


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

    @property
    def label(self) -> str:
        return _ESTABLISHMENT_TYPE_LABELS[self]


_ESTABLISHMENT_TYPE_LABELS = {
    EstablishmentType.PRISON: "prison",
    EstablishmentType.YOI: "young offender institution",
    EstablishmentType.STC: "secure training centre",
    EstablishmentType.IRC: "immigration removal centre",
    EstablishmentType.STHF: "short-term holding facility",
    EstablishmentType.HOLDING_ROOM: "holding room at an airport or port",
}


class Role(StrEnum):
    INTAKE = "intake"
    TRIAGE = "triage"
    SUPERVISOR = "supervisor"
    LEAD = "lead"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return "administrator" if self is Role.ADMIN else self.value


class RaisedBy(StrEnum):
    """Who is raising the concern (interview step 3)."""

    PERSON = "person"
    ON_BEHALF = "on_behalf"
    STAFF_SELF = "staff_self"

    @property
    def label(self) -> str:
        return _RAISED_BY_LABELS[self]


_RAISED_BY_LABELS = {
    RaisedBy.PERSON: "the person themselves",
    RaisedBy.ON_BEHALF: "someone else, on their behalf",
    RaisedBy.STAFF_SELF: "a member of staff, fearing sanctions against themselves",
}


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

    @property
    def label(self) -> str:
        return _CONSENT_KIND_LABELS[self]


_CONSENT_KIND_LABELS = {
    ConsentKind.INTAKE: "at the interview",
    ConsentKind.CONSULTATION: "consulted at step 4",
    ConsentKind.CHANGE: "changed later",
    ConsentKind.EXCEPTION: "referral without consent proposed",
    ConsentKind.EXCEPTION_CONFIRMED: "referral without consent confirmed",
}


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

    @property
    def label(self) -> str:
        return self.value


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

    @property
    def label(self) -> str:
        return self.task_title


class Outcome(StrEnum):
    """How a case ended."""

    NOT_INVESTIGATED = "not_investigated"
    UNFOUNDED = "unfounded"
    PROVED = "proved"
    NOT_QUALIFYING = "not_qualifying"
    NOT_PURSUED = "not_pursued"  # logged, but the person did not consent to it being pursued

    @property
    def label(self) -> str:
        return _OUTCOME_LABELS[self]


_OUTCOME_LABELS = {
    Outcome.NOT_INVESTIGATED: "not investigated",
    Outcome.UNFOUNDED: "unfounded",
    Outcome.PROVED: "proved",
    Outcome.NOT_QUALIFYING: "does not qualify as a sanction",
    Outcome.NOT_PURSUED: "logged, not pursued (no consent)",
}


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


class RecommendationStatus(StrEnum):
    """Where a formal report's recommendation stands (NPM guidance para 4)."""

    MADE = "made"
    ACCEPTED = "accepted"
    PARTLY = "partly"
    REJECTED = "rejected"
    MET = "met"

    @property
    def label(self) -> str:
        return {
            "made": "Made: no response yet",
            "accepted": "Accepted",
            "partly": "Partly accepted",
            "rejected": "Rejected",
            "met": "Met (done)",
        }[self.value]


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


def evidence_words(label: str) -> str:
    """A piece of evidence's kind in words (``category:loss_of_employment`` → "category: loss
    of employment", ``route:safer_custody`` → "route: " and its label)."""
    kind, _, code = label.partition(":")
    if kind == "category" and code:
        return f"category: {label_of(SanctionCategory, code)}"
    if kind == "route" and code:
        return f"route: {label_of(Route, code)}"
    if code:
        return f"{plain_words(kind)}: {plain_words(code)}"
    return plain_words(kind)
