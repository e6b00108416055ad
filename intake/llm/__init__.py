"""An optional language-model assistant: advisory, time-limited, validated, and off by default.

With ``SANCTIONS_LLM_URL`` unset, :meth:`Assistant.from_settings` returns ``None`` and nothing
changes. With it set, these uses are available, all async and all raising only
:class:`LlmError` (whose ``notice`` is one line to show staff)::

    assistant = Assistant.from_settings(settings)
    advice = await assistant.advise(narrative, rules_classification, Identifiers.from_answers(a))
    advice.disagreements          # fields where the model differs from the rules, for triage
    wording = await assistant.suggest_question(key=..., prompt=..., known=..., narrative=...)

The back office's drafts (the step 5 briefing, the letters of steps 7 and 10) are written with
the same assistant by :mod:`backoffice.drafting.writing`.

The rules' result always stands: nothing here writes to the database or changes a route,
consent or status.
"""

from __future__ import annotations

from intake.llm import prompting
from intake.llm.answers import Extraction
from intake.llm.assistant import Assistant
from intake.llm.client import ChatClient, Endpoint, chat_url
from intake.llm.compare import Advice, AdviceDisagreement, advise, compare
from intake.llm.errors import LlmError
from intake.llm.redaction import Identifiers, Redactor

__all__ = [
    "Advice",
    "AdviceDisagreement",
    "Assistant",
    "ChatClient",
    "Endpoint",
    "Extraction",
    "Identifiers",
    "LlmError",
    "Redactor",
    "advise",
    "chat_url",
    "compare",
    "prompting",
]
