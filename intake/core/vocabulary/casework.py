"""Where a case stands and what is owed on it: the flowchart's statuses and steps 1-11, the
parallel duties (para 23-25), how it ended, links to earlier cases and a formal report's
recommendations."""

from __future__ import annotations

from enum import IntEnum, StrEnum

from intake.core.protocol_words import protocol_words
from intake.core.vocabulary.classification import Route
from intake.core.vocabulary.words import _words


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
