"""Read models handed to the CLI and the TUI: plain, frozen pydantic models, never ORM rows.

``model_dump(mode="json")`` of any of them is what ``--json`` prints.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class View(BaseModel):
    model_config = ConfigDict(frozen=True)


class QueueRow(View):
    """One case as the queue lists it."""

    reference: str
    version: int
    status: str
    risk_level: str
    severity: str
    qualifies: str
    categories: list[str]
    route: str
    receiving_organisation: str
    establishment: str | None
    created_at: datetime
    age_days: int
    overridden: bool
    awaiting_supervisor: bool
    #: The effective classification saw a possible immediate risk (indirect cues).
    possible_immediate_risk: bool = False
    #: Say "ask now": a possible immediate risk on a case whose risk level is not immediate.
    ask_now: bool = False
    open_tasks: int = 0
    overdue: bool = False
    overdue_tasks: int = 0
    #: Of ``overdue_tasks``, the recommendations of a formal report past their due date.
    overdue_recommendations: int = 0
    next_due: date | None = None
    is_demo: bool = False
    #: Closed, but a duty that outlives the case (IMB monitoring) is still open.
    still_monitored: bool = False
    snippet: str = ""
    score: float | None = None
    #: False when the reader is not identified to the case: the snippet is redacted.
    identified: bool = True


class QueuePage(View):
    rows: list[QueueRow]
    page: int
    page_size: int
    total: int | None = Field(None, description="Matching cases; None for a search (ranked)")
    has_next: bool = False
    search: str | None = None


class TaskView(View):
    id: int
    step: int | None
    duty: str | None
    title: str
    owner_organisation: str
    due: date | None
    created_at: datetime
    done_at: datetime | None
    done_by: str | None
    outcome: str | None
    note: str | None
    is_open: bool
    overdue: bool
    proposed: bool = False
    #: For a signpost task: the route whose signpost the person must be given.
    route: str | None = None

    @property
    def what_to_do(self) -> list[str]:
        """An open task's note saying what to do (asking for evidence to be kept: what, of
        whom), line by line; nothing when the title already says it all."""
        note = (self.note or "").strip()
        if not self.is_open or not note or note in self.title:
            return []
        return [line.strip() for line in note.splitlines() if line.strip()]


class RecommendationView(View):
    id: int
    seq: int
    text: str
    owner: str | None
    due: date | None
    done_at: datetime | None
    done_by: str | None
    note: str | None
    overdue: bool
    #: The measurable outcome that shows it is done (None: made before they were asked for).
    outcome: str | None = None
    #: made, accepted, partly, rejected, met (``RecommendationStatus``).
    status: str = "made"
    response: str | None = None
    response_reason: str | None = None
    response_at: datetime | None = None
    response_by: str | None = None
    evidence: str | None = None
    #: Days past its due date (0 when not overdue).
    days_overdue: int = 0
    #: When the overdue recommendation was escalated to the lead (after the grace period).
    escalated_at: datetime | None = None


class ClassificationRecord(View):
    id: int
    source: str
    qualifies: str
    categories: list[str]
    bodies: list[str]
    immediate_risk: bool
    possible_immediate_risk: bool = False
    severity: str
    route: str
    risk_level: str | None
    evidence: list[dict[str, Any]]
    rationale: str | None
    reason: str | None
    created_by: str | None
    created_at: datetime


class Disagreement(View):
    """A field on which the rules, intake staff, triage or an override differ."""

    field: str
    values: dict[str, Any]


class ConsentView(View):
    """One snapshot of a case's consent history (the newest is the current state)."""

    kind: str = "intake"
    given_by: str = "person"
    given_by_label: str | None = None
    note: str | None = None
    pursue: bool
    share_identity: bool
    imb_enquiries: bool
    refer_without_consent: bool
    justification: str | None
    recorded_by: str | None
    recorded_at: datetime
    confirmed_by: str | None
    confirmed_at: datetime | None
    exception_by: str | None = None


class ConsentStateView(View):
    """What the newest consent snapshot allows (``intake.core.consent.ConsentState``)."""

    given_by: str | None = None
    given_by_label: str | None = None
    said_pursue: bool = False
    said_share_identity: bool = False
    said_imb_enquiries: bool = False
    from_person: bool = False
    pursue: bool = False
    share_identity: bool = False
    imb_enquiries: bool = False
    awaiting_person: bool = False
    exception_recorded: bool = False
    exception_confirmed: bool = False
    exception_recorded_by: str | None = None
    may_refer: bool = False
    may_refer_named: bool = False
    summary: str = "consent not recorded"


class SignpostView(View):
    """A route elsewhere given to the person, and when they were told."""

    route: str
    route_label: str
    text: str
    told_on: date
    told_by: str | None
    recorded_at: datetime
    note: str | None = None


class RiskView(View):
    level: str
    immediate_danger: bool
    self_harm: bool
    injuries: bool
    vulnerabilities: list[str]
    notes: str | None
    assessed_by: str | None
    assessed_at: datetime
    #: With an immediate risk: what was done at once (who was told), and when.
    action_taken: str | None = None
    action_at: str | None = None
    #: A removal, release or transfer coming up, and the day it is due (if known).
    move_kind: str | None = None
    move_date: date | None = None
    #: Why the level is what it is, in words, as recorded at the time (NPM guidance 3.3).
    reasons: list[str] = Field(default_factory=list)


class TrackerView(View):
    logged_at: datetime
    logged_by: str | None
    informed_by: str | None
    step_dates: dict[str, str]


class AuditView(View):
    at: datetime
    actor: str
    action: str
    entity: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str | None


class TranscriptLine(View):
    seq: int
    question: str
    answer: str
    answered_at: datetime


class PersonView(View):
    """The person; for a reader not identified to the case, only the pseudonym and age band."""

    pseudonym: str | None = None
    name: str | None
    prison_number: str | None
    home_office_ref: str | None
    age_band: str | None
    location: str | None
    raised_by: str
    raised_by_detail: str | None


class EarlierCaseView(View):
    """An earlier case offered as possibly the same person and place (never merged)."""

    reference: str
    received: datetime
    status: str
    #: Why it is offered ("same prison number", "similar name"): no identifying value.
    reasons: list[str]


class CaseLinkView(View):
    """A decision taken on an earlier case: linked, or not the same person."""

    earlier_reference: str
    decision: str
    reason: str | None
    decided_at: datetime


class LetterView(View):
    """A letter to the person saved on the case (``backoffice.letters``). ``text`` is given
    only to a reader identified to the case (it holds the person's name), and only when asked
    for one letter; the case view lists the letters without their words."""

    id: int
    kind: str
    title: str
    created_by: str | None
    created_at: datetime
    sent_at: datetime | None = None
    sent_by: str | None = None
    chars: int
    text: str | None = None


class LetterChoice(View):
    """A letter kind, and whether the case may have it now (``why_not`` says why not)."""

    kind: str
    title: str
    allowed: bool
    why_not: str | None = None


class CaseView(View):
    """Everything about one case a member of staff may see."""

    summary: QueueRow
    #: False when the reader is not identified: person, narrative and notes are pseudonymised.
    identified: bool = True
    identity_note: str | None = None
    current_step: int | None
    current_step_label: str | None
    outcome: str | None
    closed_at: datetime | None
    place_text: str | None
    bodies: list[str]
    routes: list[str] = Field(default_factory=list)
    communication_channel: str | None
    communication_when: date | None
    #: The interview was held out of the hearing of staff (False: the person may not have
    #: spoken freely; None: not asked).
    out_of_hearing: bool | None = None
    #: The language the person was spoken to in (None: not recorded, before issue 17), and
    #: any interpreter: how (none, in_person, telephone, needed_not_available) and the language.
    language: str | None = None
    interpreter: str | None = None
    interpreter_language: str | None = None
    #: How it reached the receiving organisation (a visit, a letter ...; None before 0012).
    received_via: str | None = None
    #: When the reassurance went back in writing (an allegation that came in writing).
    reassurance_written_at: datetime | None = None
    person: PersonView
    narrative: str
    signpost: str | None
    transcript: list[TranscriptLine]
    classifications: list[ClassificationRecord]
    disagreements: list[Disagreement]
    #: The newest consent snapshot (kept for compatibility; see consent_state and history).
    consent: ConsentView | None
    consent_state: ConsentStateView = Field(default_factory=ConsentStateView)
    consent_history: list[ConsentView] = Field(default_factory=list)
    signposts: list[SignpostView] = Field(default_factory=list)
    risk: list[RiskView]
    tasks: list[TaskView]
    recommendations: list[RecommendationView]
    tracker: TrackerView | None
    audit: list[AuditView]
    #: Earlier cases that may be about the same person, for a person to link or set aside.
    earlier_cases: list[EarlierCaseView] = Field(default_factory=list)
    links: list[CaseLinkView] = Field(default_factory=list)
    #: Letters to the person saved on the case, newest last (their words: ``letters`` REF).
    letters: list[LetterView] = Field(default_factory=list)


class OutcomeChoice(View):
    name: str
    label: str
    allowed: bool = True
    why_not: str | None = None


class AvailableAction(View):
    """An action possible in the case's present state, and whether this actor may take it."""

    name: str
    label: str
    step: int | None
    step_label: str | None
    duty: str | None
    who: str
    allowed: bool
    why_not: str | None
    note_required: bool
    outcome_required: bool
    outcomes: list[OutcomeChoice]
    needs: list[str]
    accepts: list[str]
    #: Taking it closes the case: the TUI asks for confirmation, the CLI needs --confirm.
    closes_case: bool = False


class ActionResult(View):
    reference: str
    action: str
    step: int | None
    outcome: str | None
    status: str
    version: int
    message: str
    escalation_proposed: bool = False
    case: CaseView
