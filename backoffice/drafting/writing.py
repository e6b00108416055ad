"""The model writes a draft for staff to edit: the IMB's briefing to HMIP and the PPO
(protocol step 5) and the outcome letter to the person (steps 7 and 10). Identifiers are
redacted before anything is sent (unless the settings allow them) and put back in the text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from backoffice.drafting.facts import BriefingFacts, LetterFacts
from intake.llm import Assistant, Redactor, prompting
from intake.llm.answers import parse_draft

DRAFT_TEMPERATURE = 0.3
DRAFT_MAX_TOKENS = 1200


@dataclass(frozen=True)
class Draft:
    """A text for staff to edit: ``kind`` is ``briefing`` or ``letter``."""

    kind: str
    text: str
    model: str


async def write_briefing(assistant: Assistant, facts: BriefingFacts) -> Draft:
    """The IMB briefing to HMIP and the PPO (protocol step 5), for staff to edit."""
    redactor = assistant.redactor(facts.identifiers)
    data = redactor.redact_data(facts.model_dump(mode="json", exclude={"identifiers"}))
    return await _write(assistant, "briefing", redactor, case=data)


async def write_letter(assistant: Assistant, facts: LetterFacts) -> Draft:
    """The plain-language outcome letter to the person (steps 7 and 10), for staff to edit."""
    redactor = assistant.redactor(facts.identifiers)
    data = redactor.redact_data(facts.model_dump(mode="json", exclude={"identifiers"}))
    data["step"] = f"{facts.step.value}: {facts.step.label}"
    return await _write(assistant, "letter", redactor, letter=data)


async def _write(assistant: Assistant, kind: str, redactor: Redactor, **blocks: Any) -> Draft:
    reply = await assistant.client.complete(
        prompting.messages(kind, **blocks),
        temperature=DRAFT_TEMPERATURE,
        max_tokens=DRAFT_MAX_TOKENS,
    )
    text = redactor.restore(parse_draft(reply))
    return Draft(kind=kind, text=text, model=assistant.client.endpoint.model)
