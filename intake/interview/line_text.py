"""Plain-text rendering of questions, the assessment and the review (line mode and logs)."""

from __future__ import annotations

from intake.classifier import Classification
from intake.interview.engine import Interview
from intake.interview.outcome import risk_triage, routes_so_far, still_missing
from intake.interview.panel import review_questions, risk_banner, risk_words
from intake.interview.script import Kind, Question

CONTEXT_CHARS = 30


def question_lines(question: Question) -> list[str]:
    lines = [question.prompt]
    if question.kind in (Kind.CHOICE, Kind.MULTI):
        lines += [f"  {i}) {c.label}" for i, c in enumerate(question.choices, 1)]
        if question.kind == Kind.MULTI:
            lines.append("  (one or more: numbers or words, separated by commas)")
    elif question.kind == Kind.YES_NO:
        lines.append("  (yes / no)")
    if question.help:
        lines.append(f"  {question.help}")
    return lines


def evidence_lines(result: Classification, text: str) -> list[str]:
    lines = []
    for item in result.evidence:
        before = text[max(0, item.start - CONTEXT_CHARS) : item.start].replace("\n", " ")
        after = text[item.end : item.end + CONTEXT_CHARS].replace("\n", " ")
        lines.append(f"  - {item.stands_for}: …{before}[{item.matched}]{after}…")
    return lines


def classification_lines(result: Classification | None, text: str) -> list[str]:
    if result is None:
        return ["Assessment: no account yet."]
    categories = ", ".join(c.value for c in result.categories) or "none"
    bodies = ", ".join(b.value for b in result.body) or "not named"
    lines = [
        f"Qualifies as a sanction: {result.qualifies.value}   Route: {result.route.label}",
        f"Body: {bodies}   Categories: {categories}   Severity: {result.severity.value}",
        f"Risk in the account: {risk_words(result)}",
        f"Why: {result.rationale}",
    ]
    if result.evidence:
        lines.append("Evidence:")
        lines += evidence_lines(result, text)
    return lines


def assessment_lines(interview: Interview) -> list[str]:
    return [
        interview.texts.assessment.rstrip(),
        *classification_lines(interview.classification, interview.account_text()),
    ]


def routes_lines(interview: Interview) -> list[str]:
    """Where it goes: each route proposed, in words, with what to tell them for it."""
    lines = ["-- Where it goes (proposed: a person in the office confirms it)"]
    for route in routes_so_far(interview):
        lines.append(f"* {route.label}")
        lines += [f"  {line.strip()}" for line in interview.signpost(route).strip().splitlines()]
    return lines


def review_lines(interview: Interview) -> list[str]:
    lines = ["== Review =="]
    section = None
    for question in review_questions(interview):
        if question.section != section:
            section = question.section
            lines.append(f"-- {interview.script.section_title(section)}")
        display = interview.answers[question.key].display
        lines.append(f"{question.prompt.split('(')[0].strip()}  {display}")
    lines += routes_lines(interview)
    if interview.ending() is None:
        lines += ["-- Assessment"]
        lines += classification_lines(interview.classification, interview.account_text())
    triaged = risk_triage(interview)
    lines.append(f"Risk: {triaged.level.value}")
    lines += [f"  because: {reason}" for reason in triaged.reasons]
    banner = risk_banner(interview, immediate=interview.immediate_risk)
    if banner:
        lines.append(f"!! {banner}")
    missing = still_missing(interview)
    if missing:
        lines.append("Still missing: " + "; ".join(missing))
    return lines
