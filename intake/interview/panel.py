"""What a case panel shows while the interview goes on: facts so far, risk, the assessment.

Plain Python (no UI): the TUI renders it, tests read it. The assessment is the engine's
accepted classification, or a live preview of a narrative still being typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from intake.classifier import Classification
from intake.classifier.language import check_language
from intake.core.vocabulary import RiskLevel
from intake.interview.engine import Interview
from intake.interview.known import Ending
from intake.interview.outcome import risk_triage, routes_so_far
from intake.interview.script import Question

#: The classifier's missing elements, in the words an interviewer would use.
MISSING_ELEMENTS = {
    "link": "why they link it to contacting the body",
    "body": "which body they contacted",
    "staff_act": "what staff did",
    "detriment": "how they were punished or disadvantaged",
}

SKIPPED = "(skipped)"
RISK_KEYS = (
    "immediate_danger",
    "self_harm",
    "injuries",
    "vulnerabilities",
    "move_coming",
    "still_happening",
)

CONSENT_KEYS = (
    ("consent_pursue", "pursue"),
    ("consent_share_identity", "share identity"),
    ("consent_imb_enquiries", "IMB enquiries"),
)


@dataclass(frozen=True)
class CasePanelData:
    """Everything the case panel shows, already in words."""

    facts: list[tuple[str, str]]
    #: The triage level from what has been accepted so far (as it would be submitted);
    #: None until a risk question is answered or an account is given.
    risk: RiskLevel | None
    #: Why the risk level is what it is, in words (empty while it is not yet assessed).
    risk_reasons: list[str]
    #: Immediate risk from the answers, the accepted account or the narrative being typed.
    immediate_risk: bool
    classification: Classification | None
    #: The text the classification's evidence spans point into.
    classified_text: str
    #: True when the classification is a preview of a narrative still being typed.
    live: bool
    ending: Ending | None
    #: An indirect cue of risk in the account (and no immediate risk): ask the person now.
    possible_risk: bool = False
    #: The routes it would go to now, main first, in words (a person confirms them at step 2).
    routes: list[str] = field(default_factory=list)
    #: The one-line immediate-risk banner ("" when there is no immediate risk).
    banner: str = ""
    #: The classifier's missing elements, in plain words.
    gaps: list[str] = field(default_factory=list)
    #: Titles of the sections that still have questions to ask, in order.
    sections_left: list[str] = field(default_factory=list)
    questions_left: int = 0
    #: Why the interview is stopped (an interpreter is needed), when it is.
    stopped: str | None = None
    #: The account does not look English, in plain words: a person must read it (issue 17).
    not_english: str | None = None


def _display(interview: Interview, key: str) -> str | None:
    parsed = interview.answers.get(key)
    return parsed.display if parsed else None


def _person(interview: Interview) -> str | None:
    parts = [
        _display(interview, key)
        for key in ("person_name", "prison_number", "home_office_ref", "age_band")
    ]
    shown = [p for p in parts if p and p != SKIPPED]
    return ", ".join(shown) or None


def _consent(interview: Interview) -> str | None:
    parts = []
    for key, label in CONSENT_KEYS:
        shown = _display(interview, key)
        if shown is not None:
            parts.append(f"{label}: {shown}")
    if interview.value("refer_without_consent") is True:
        parts.append("senior manager to be told without consent (a supervisor confirms)")
    if parts and interview.on_behalf:
        parts.insert(0, f"the word of {interview.raiser}, not yet the person's own")
    return "; ".join(parts) or None


def _hearing(interview: Interview) -> str | None:
    """A note while staff can hear the interview: the person may not speak freely."""
    if interview.value("out_of_hearing") is not False:
        return None
    return interview.texts.overheard.strip()


def facts(interview: Interview) -> list[tuple[str, str]]:
    """Label and words for each fact known so far (unknown ones left out)."""
    found = [
        ("Place", _display(interview, "establishment")),
        ("Way in", _display(interview, "received_via")),
        ("Received" if interview.written else "Visit", _display(interview, "visit_date")),
        ("Hearing", _hearing(interview)),
        ("Spoken in", _display(interview, "language")),
        ("Interpreter", _display(interview, "interpreter_language")),
        ("Raised by", _display(interview, "raised_by")),
        ("Person", _person(interview)),
        ("Where held", _display(interview, "location")),
        ("Contact", _display(interview, "channel")),
        ("Consent", _consent(interview)),
        ("Reply", _display(interview, "reply_letter")),
    ]
    return [(label, value) for label, value in found if value and value != SKIPPED]


def _sections_left(interview: Interview) -> list[str]:
    titles: list[str] = []
    for question in interview.remaining():
        title = interview.script.section_title(question.section)
        if title not in titles:
            titles.append(title)
    return titles


def _risk_known(interview: Interview) -> bool:
    asked = any(key in interview.answers for key in RISK_KEYS)
    return asked or interview.classification is not None or interview.immediate_risk


def risk_banner(interview: Interview, *, immediate: bool) -> str:
    """The immediate-risk banner's one line: act now, what was done, or not acted on yet."""
    if not immediate:
        return ""
    texts = interview.texts
    acted = interview.risk_acted_on()
    if acted is None:
        return texts.immediate_banner.strip()
    if not acted:
        return texts.risk_not_acted.strip()
    action = " ".join(str(interview.value("action_taken")).split())
    when = " ".join(str(interview.value("action_at")).split())
    return texts.risk_acted.strip().format(action=action, when=when)


def risk_words(result: Classification) -> str:
    """What the account says about risk, in words (never colour alone)."""
    if result.immediate_risk:
        return "immediate"
    if result.possible_immediate_risk:
        return "possible: ask now"
    return "no risk words"


def route_labels(interview: Interview) -> list[str]:
    return [route.label for route in routes_so_far(interview)]


def case_panel(interview: Interview, *, draft_text: str | None = None) -> CasePanelData:
    """The panel for the interview as it stands; ``draft_text`` is a narrative being typed."""
    preview = interview.preview(draft_text) if draft_text else None
    live = preview is not None
    result = preview if live else interview.classification
    text = draft_text if live and draft_text else interview.account_text()
    immediate = interview.immediate_risk or bool(preview and preview.immediate_risk)
    possible = bool(result and result.possible_immediate_risk) or interview.possible_risk
    triaged = risk_triage(interview) if _risk_known(interview) else None
    return CasePanelData(
        facts=facts(interview),
        risk=triaged.level if triaged else None,
        risk_reasons=list(triaged.reasons) if triaged else [],
        immediate_risk=immediate,
        possible_risk=possible and not immediate,
        classification=result,
        classified_text=text,
        live=live,
        ending=interview.ending(),
        routes=route_labels(interview),
        banner=risk_banner(interview, immediate=immediate),
        gaps=[MISSING_ELEMENTS.get(m, m) for m in (result.missing if result else [])],
        sections_left=_sections_left(interview),
        questions_left=len(interview.remaining()),
        stopped=_stopped(interview),
        not_english=check_language(text).headline() if text else None,
    )


def _stopped(interview: Interview) -> str | None:
    stop = interview.stopped()
    return interview.stop_summary(stop) if stop is not None else None


def review_questions(interview: Interview) -> list[Question]:
    """The answered questions to show in a review, in script order.

    `Interview.asked()` leaves everything out once the interview has ended early (no question
    applies then), but the answers that led to the signpost still belong in the review.
    """
    if interview.ending() is None:
        return interview.asked()
    return [q for q in interview.script.questions if q.key in interview.answers]


def closing_words(interview: Interview) -> str | None:
    """Once the consent questions are answered, the text to say when consent was refused:
    ``raise_later`` (not to be pursued) or ``not_named`` (pursued, but not named to the
    establishment); None when there is nothing to say, or a referral without consent is made.
    """
    if not interview.consent_refused or interview.value("refer_without_consent") is True:
        return None
    if any(q.section == "consent" for q in interview.remaining()):
        return None
    return "raise_later" if interview.value("consent_pursue") is False else "not_named"
