"""Words about a case that both front ends print: the CLI's lines and the TUI's screens say the
same thing the same way (risk in words, never colour alone; a consent snapshot on one line)."""

from __future__ import annotations

from typing import Any

from backoffice.text import plain
from backoffice.view_models import (
    CaseView,
    ClassificationRecord,
    ConsentView,
    Disagreement,
    QueueRow,
    RiskView,
)
from intake.core.clock import local_time
from intake.core.risk import reason_words
from intake.core.vocabulary import (
    CaseStatus,
    ClassificationSource,
    ConsentGiver,
    ConsentKind,
    Outcome,
    Qualifies,
    RaisedBy,
    RiskLevel,
    Route,
    SanctionCategory,
    Severity,
    answer_label,
    label_of,
    labels_of,
)

ASK_NOW = "ask now"

#: A disagreement's field, and the codes its values are.
_FIELD_KINDS: dict[str, Any] = {
    "qualifies": Qualifies,
    "categories": SanctionCategory,
    "severity": Severity,
    "route": Route,
    "risk": RiskLevel,
}


def status_words(status: str) -> str:
    return label_of(CaseStatus, status)


def risk_level_words(level: str | None) -> str:
    return label_of(RiskLevel, level)


def route_words(route: str) -> str:
    return label_of(Route, route)


def categories_words(categories: list[str]) -> str:
    return labels_of(SanctionCategory, categories)


def outcome_words(outcome: str | None) -> str:
    return label_of(Outcome, outcome)


def source_words(source: str) -> str:
    return label_of(ClassificationSource, source)


def classification_words(c: QueueRow | ClassificationRecord, *, sep: str = " · ") -> str:
    """Qualifies, severity and route, in words (the categories go on a line of their own)."""
    return sep.join(
        (
            f"qualifies: {label_of(Qualifies, c.qualifies)}",
            f"severity: {label_of(Severity, c.severity)}",
            f"route: {route_words(c.route)}",
        )
    )


def disagreement_words(d: Disagreement) -> str:
    """Who said what on one field, in words: ``rules isolation; triage threats``."""
    kind = _FIELD_KINDS.get(d.field)

    def words(value: Any) -> str:
        items = value if isinstance(value, list) else [value]
        if kind is None:
            return ", ".join(str(v) for v in items) or "-"
        return labels_of(kind, [str(v) for v in items])

    said = "; ".join(f"{source_words(k)}: {words(v)}" for k, v in d.values.items())
    return plain(f"on {d.field}: {said}")


def risk_words(row: QueueRow) -> str:
    """The risk level, with "ask now" beside it for a possible immediate risk: in words, so it
    never rests on colour alone."""
    level = risk_level_words(row.risk_level)
    return f"{level}, {ASK_NOW}" if row.ask_now else level


def seen_risk(c: ClassificationRecord) -> str | None:
    """What a view without a risk level of its own (the rules', a model's, intake staff's) saw
    in the words about risk, when it saw anything."""
    if c.risk_level is not None:
        return None
    if c.immediate_risk:
        return "immediate risk seen"
    return "possible immediate risk seen" if c.possible_immediate_risk else None


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def consent_line(c: ConsentView) -> str:
    """One snapshot of the consent history, on one line."""
    said = (
        f"pursue {_yes(c.pursue)}, identity {_yes(c.share_identity)}, IMB {_yes(c.imb_enquiries)}"
    )
    if c.refer_without_consent:
        confirmed = f"confirmed by {c.confirmed_by}" if c.confirmed_by else "not yet confirmed"
        said += f"; WITHOUT consent ({confirmed})"
    who = c.given_by_label or label_of(ConsentGiver, c.given_by)
    note = f" - {c.note}" if c.note else ""
    kind = label_of(ConsentKind, c.kind)
    return plain(f"{c.recorded_at:%Y-%m-%d} {kind}, by {who}: {said}{note}")


def risk_action(r: RiskView) -> str | None:
    """What was done at once about an immediate risk: who was told, when."""
    if not r.action_taken:
        return None
    when = f" ({r.action_at})" if r.action_at else ""
    return plain(f"{r.action_taken}{when}")


INTERPRETING = {
    "none": "no interpreter needed",
    "in_person": "an interpreter in person",
    "telephone": "an interpreter by telephone",
    "needed_not_available": "an interpreter was needed but not available",
}


def language_words(language: str | None, interpreter: str | None, needed: str | None) -> str | None:
    """The language the person was spoken to in and any interpreter; None when there is
    nothing to say (English with no interpreter, or nothing recorded)."""
    from prompts.languages import LANGUAGES

    if language in (None, "en") and interpreter in (None, "none"):
        return None
    words = f"interview in {LANGUAGES.get(language or 'en', language)}"
    if interpreter and interpreter != "none":
        how = INTERPRETING.get(interpreter, interpreter)
        words += f"; {how}" + (f" ({plain(needed)})" if needed else "")
    return words


def hearing_words(out_of_hearing: bool | None) -> str | None:
    """Whether the interview was held out of the hearing of staff (None: it was not asked)."""
    if out_of_hearing is None:
        return None
    if out_of_hearing:
        return "interview held out of the hearing of staff"
    return "interview NOT held out of the hearing of staff: they may not have spoken freely"


def move_words(r: RiskView) -> str | None:
    """A removal, release or transfer coming up, and when it is due."""
    if not r.move_kind:
        return None
    kind = reason_words().moves.get(r.move_kind, r.move_kind.replace("_", " "))
    due = f"due {r.move_date.isoformat()}" if r.move_date else "date not known"
    return f"{kind} coming up, {due}"


def risk_reasons(r: RiskView) -> list[str]:
    """Why the level is what it is; for an assessment recorded before the reasons were, the
    heightened-risk factors it ticked."""
    if r.reasons:
        return [plain(reason) for reason in r.reasons]
    words = reason_words().heightened
    return [plain(words.get(v, v.replace("_", " "))) for v in r.vulnerabilities]


#: Ways in with nobody in front of the interviewer: the reassurance goes back in writing.
WRITTEN_WAYS_IN = frozenset(
    {"letter", "email", "imb_application", "referral_hmip", "referral_imb", "referral_ppo",
     "survey"}
)  # fmt: skip


def way_in_words(view: CaseView) -> str:
    """How it reached us and who raised it, in words ("reached us by: A letter; raised by: A
    solicitor or advocate, on their behalf")."""
    how = _lower_first(answer_label("received_via", view.received_via, missing="not recorded"))
    detail = view.person.raised_by_detail
    who = answer_label("raised_by", detail) if detail else label_of(RaisedBy, view.person.raised_by)
    return f"reached us by: {how}; raised by: {_lower_first(who)}"


def _lower_first(words: str) -> str:
    """A choice's label inside a sentence ("A letter" → "a letter")."""
    return words[:1].lower() + words[1:]


def reassurance_words(view: CaseView) -> str | None:
    """For an allegation that came in writing: when the reassurance went back in writing."""
    if view.received_via not in WRITTEN_WAYS_IN:
        return None
    if view.reassurance_written_at is None:
        return "reassurance in writing: not written yet (to be sent)"
    return (
        f"reassurance in writing: written {local_time(view.reassurance_written_at):%d %B %Y %H:%M}"
    )
