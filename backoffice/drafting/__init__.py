"""Drafts for staff to edit, written by the optional language model from what the case holds:
the IMB's briefing to HMIP and the PPO (protocol step 5) and the outcome letter to the person
(steps 7 and 10). Nothing here changes the case; without a model configured it says so."""

from __future__ import annotations

import asyncio
from typing import Any

from backoffice.drafting.facts import AccountLine, BriefingFacts, LetterFacts, LetterStep
from backoffice.drafting.writing import Draft, write_briefing, write_letter
from backoffice.view_models import CaseView
from intake.core.errors import ConfigError, PermissionDenied, ValidationProblem
from intake.core.settings import Settings
from intake.core.vocabulary import Body, Outcome, ProtocolStep
from intake.llm import Assistant, Identifiers

LETTER_STEPS: dict[int, LetterStep] = {
    7: ProtocolStep.OUTCOME_EXPLAINED,
    10: ProtocolStep.UNFOUNDED_TOLD,
}
LETTER_OUTCOMES = {7: Outcome.NOT_INVESTIGATED, 10: Outcome.UNFOUNDED}


def assistant_for(settings: Settings) -> Assistant:
    assistant = Assistant.from_settings(settings)
    if assistant is None:
        raise ConfigError(
            "SANCTIONS_LLM_URL: no language model is configured, so there is nothing to draft with "
            "(see the README: Ollama or vLLM)"
        )
    return assistant


def _identifiers(view: CaseView) -> Identifiers:
    person = view.person
    return Identifiers(
        name=person.name, prison_number=person.prison_number, home_office_ref=person.home_office_ref
    )


def _consent_words(view: CaseView) -> str | None:
    state = view.consent_state
    if state.given_by is None:
        return None
    said = [state.summary]
    consent = view.consent
    if state.exception_confirmed and consent is not None and consent.justification:
        said.append(f"referred without consent because: {consent.justification}")
    return "; ".join(said)


def briefing_facts(view: CaseView, imb_findings: str | None = None) -> BriefingFacts:
    if not view.consent_state.pursue:
        raise PermissionDenied(
            f"{view.summary.reference}: no briefing without the person's own consent to it "
            f"being pursued ({view.consent_state.summary})"
        )
    summary = view.summary
    return BriefingFacts(
        reference=summary.reference,
        receiving_organisation=summary.receiving_organisation,
        establishment=summary.establishment,
        bodies=view.bodies,
        categories=summary.categories,
        qualifies=summary.qualifies,
        severity=summary.severity,
        risk_level=summary.risk_level,
        narrative=view.narrative,
        account=[AccountLine(question=t.question, answer=t.answer) for t in view.transcript],
        consent=_consent_words(view),
        imb_findings=imb_findings,
        identifiers=_identifiers(view),
    )


def letter_facts(view: CaseView, *, step: int, sender: Body, reasons: str) -> LetterFacts:
    if step not in LETTER_STEPS:
        raise ValidationProblem(
            "an outcome letter is for step 7 (not investigated) or 10 (unfounded)"
        )
    if not reasons.strip():
        raise ValidationProblem("say why this is the outcome (--reasons): the letter explains it")
    return LetterFacts(
        reference=view.summary.reference,
        step=LETTER_STEPS[step],
        sender=sender,
        outcome=LETTER_OUTCOMES[step],
        what_they_told_us=view.narrative,
        reasons=reasons,
        identifiers=_identifiers(view),
    )


def audit_draft(record: tuple[Any, Any] | None, view: CaseView, kind: str) -> None:
    """What is sent to the model is audited (who, when, which case, which draft), before it
    is sent; ``record`` is the caller's (session, actor)."""
    if record is None:
        return
    from intake.core.audit_chain import record_access

    session, actor = record
    details = {"draft": kind, "reference": view.summary.reference}
    record_access(session, actor=actor, action="draft.sent_to_model", entity="case",
                  details=details)  # fmt: skip


def draft_briefing(
    settings: Settings,
    view: CaseView,
    imb_findings: str | None = None,
    *,
    record: tuple[Any, Any] | None = None,
) -> Draft:
    """Blocking helper for the CLI (the TUI awaits the assistant in a worker instead)."""
    assistant = assistant_for(settings)
    facts = briefing_facts(view, imb_findings)
    audit_draft(record, view, "briefing")
    return asyncio.run(write_briefing(assistant, facts))


def draft_letter(
    settings: Settings,
    view: CaseView,
    *,
    step: int,
    sender: Body,
    reasons: str,
    record: tuple[Any, Any] | None = None,
) -> Draft:
    facts = letter_facts(view, step=step, sender=sender, reasons=reasons)
    assistant = assistant_for(settings)
    audit_draft(record, view, f"letter step {step}")
    return asyncio.run(write_letter(assistant, facts))
