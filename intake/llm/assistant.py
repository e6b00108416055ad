"""The assistant: the intake's uses of the model, each advisory, each failing as one LlmError
(the back office's drafts are :mod:`backoffice.drafting.writing`).

Every call redacts identifiers first (unless the settings allow them), puts people's words in
data blocks, validates what comes back, and returns plain data. Nothing here writes to the
database or changes a classification, route, consent or status.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from intake.classifier.result import Classification
from intake.core.settings import Settings
from intake.llm import prompting
from intake.llm.answers import (
    Extraction,
    QuestionWording,
    one_line,
    parse_json_answer,
)
from intake.llm.client import ChatClient, Endpoint, chat_url
from intake.llm.compare import Advice, advise
from intake.llm.redaction import Identifiers, Redactor


class Assistant:
    """Calls the configured OpenAI-compatible model; build it with :meth:`from_settings`."""

    def __init__(self, client: ChatClient, *, send_identifiers: bool = False) -> None:
        self.client = client
        self.send_identifiers = send_identifiers

    @classmethod
    def from_settings(cls, settings: Settings, **client_options: Any) -> Assistant | None:
        """The assistant, or ``None`` when no ``SANCTIONS_LLM_URL`` is set (the default)."""
        if not settings.llm_url:
            return None
        key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
        endpoint = Endpoint(
            url=settings.llm_url,
            model=settings.llm_model,
            api_key=key or None,
            timeout=settings.llm_timeout,
        )
        chat_url(endpoint.url)  # a malformed URL fails here, as an LlmError
        return cls(
            ChatClient(endpoint, **client_options), send_identifiers=settings.llm_send_identifiers
        )

    def redactor(self, identifiers: Identifiers | None) -> Redactor:
        return Redactor(identifiers, allowed=self.send_identifiers)

    async def extract(self, narrative: str, identifiers: Identifiers | None = None) -> Extraction:
        """Facts the model reads in the narrative, validated against the rules' vocabulary."""
        redactor = self.redactor(identifiers)
        messages = prompting.messages("extract", narrative=redactor.redact(narrative))
        reply = await self.client.complete(messages, json_mode=True)
        return parse_json_answer(reply, Extraction)

    async def advise(
        self, narrative: str, rules: Classification, identifiers: Identifiers | None = None
    ) -> Advice:
        """The model's extraction beside the rules' result, with disagreements for triage."""
        return advise(rules, await self.extract(narrative, identifiers))

    async def suggest_question(
        self,
        *,
        key: str,
        prompt: str,
        help_text: str | None = None,
        known: Mapping[str, str] | None = None,
        narrative: str = "",
        identifiers: Identifiers | None = None,
    ) -> str:
        """A wording for the script's next question, on one line, for staff to use or ignore."""
        redactor = self.redactor(identifiers)
        messages = prompting.messages(
            "question",
            question={"key": key, "prompt": prompt, "help": help_text},
            known=redactor.redact_data(dict(known or {})),
            narrative=redactor.redact(narrative),
        )
        reply = await self.client.complete(messages, json_mode=True)
        wording = parse_json_answer(reply, QuestionWording)
        return redactor.restore(one_line(wording.question))
