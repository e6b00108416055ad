"""Plain-text rendering of questions, the assessment and the review (line mode and logs).

Nothing is wrapped at a fixed width: each paragraph is one line, for the terminal or the screen
reader to wrap. A question's instructions come before it, so the question is the last thing
read before the ``> `` prompt.
"""

from __future__ import annotations

from intake.classifier import Classification
from intake.interview.engine import Interview
from intake.interview.outcome import risk_triage, routes_so_far, still_missing
from intake.interview.panel import review_questions, risk_banner, risk_words
from intake.interview.script import Kind, Question

CONTEXT_CHARS = 30

#: How each kind of question is answered, said before it.
HOW_TO_ANSWER = {
    Kind.MULTI: "(one or more: their numbers or words, such as 1 3 or 1, 3)",
    Kind.YES_NO: "(yes / no)",
    Kind.NARRATIVE: "(over several lines if you like; end with an empty line)",
}


def reflow(text: str) -> str:
    """Join the hard-wrapped lines of a prompts/ text so it wraps to any width.

    Blank lines separate paragraphs; a line starting with a bullet starts a new line.
    """
    lines: list[str] = []
    for raw in text.strip().splitlines():
        line = raw.strip()
        starts_new = not line or line[0] in "•-*" or not lines or not lines[-1]
        if starts_new:
            lines.append(line)
        else:
            lines[-1] += " " + line
    return "\n".join(lines)


def instruction_lines(question: Question) -> list[str]:
    """What to know before the question: its help, and how it is answered."""
    lines = [reflow(question.help)] if question.help else []
    how = HOW_TO_ANSWER.get(question.kind)
    return [*lines, how] if how else lines


def found_line(question: Question) -> str | None:
    """An answer already found, to confirm with Enter: where it was found and what it is."""
    found = question.found
    if found is None:
        return None
    shown = found.display.rstrip(".")
    return f"{found.source}: {shown}. Press Enter to confirm it, or type another answer."


def question_lines(question: Question) -> list[str]:
    """The instructions and any answer already found, the question, then its choices: the
    prompt line comes next."""
    found = found_line(question)
    lines = [*instruction_lines(question), *([found] if found else []), question.prompt]
    if question.kind in (Kind.CHOICE, Kind.MULTI):
        lines += [f"  {i}) {c.label}" for i, c in enumerate(question.choices, 1)]
    return lines


def asked_again_lines(question: Question) -> list[str]:
    """After a refused answer, the same question again (its choices are in the refusal)."""
    how = HOW_TO_ANSWER.get(question.kind)
    return [*([how] if how else []), question.prompt]


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
    categories = ", ".join(c.label for c in result.categories) or "none"
    bodies = ", ".join(b.value for b in result.body) or "not named"
    lines = [
        f"Qualifies as a sanction: {result.qualifies.label}   Route: {result.route.label}",
        f"Body: {bodies}   Categories: {categories}   Severity: {result.severity.label}",
        f"Risk in the account: {risk_words(result)}",
        f"Why: {result.rationale}",
    ]
    if result.evidence:
        lines.append("Evidence:")
        lines += evidence_lines(result, text)
    return lines


def assessment_lines(interview: Interview) -> list[str]:
    return [
        reflow(interview.texts.assessment),
        *classification_lines(interview.classification, interview.account_text()),
    ]


def routes_lines(interview: Interview) -> list[str]:
    """Where it goes: each route proposed, in words, with what to tell them for it."""
    lines = ["-- Where it goes (proposed: a person in the office confirms it)"]
    for route in routes_so_far(interview):
        lines.append(f"* {route.label}")
        lines += [f"  {line}" for line in reflow(interview.signpost(route)).splitlines() if line]
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
    lines.append(f"Risk: {triaged.level.label}")
    lines += [f"  because: {reason}" for reason in triaged.reasons]
    banner = risk_banner(interview, immediate=interview.immediate_risk)
    if banner:
        lines.append(f"!! {banner}")
    missing = still_missing(interview)
    if missing:
        lines.append("Still missing: " + "; ".join(missing))
    return lines
