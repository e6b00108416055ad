"""Building the messages: prompts come from ``prompts/llm/``, people's words go in as data.

Every piece of text that came from a person (the narrative, answers, case facts) is placed in
the user message as a JSON value between ``<tag>`` and ``</tag>`` markers, and the system
prompt says that what is inside the markers is data to read, never instructions to follow. The
JSON encoding escapes ``<`` and ``>``, so a narrative cannot close the markers and speak outside
them.
"""

from __future__ import annotations

import json
from string import Template
from typing import Any

from intake.core.vocabulary import Body, SanctionCategory
from intake.llm.client import Message
from prompts import PromptDataError, load_text

PROMPT_DIR = "llm"


def data_block(tag: str, value: Any) -> str:
    """``value`` as JSON between ``<tag>`` markers it cannot break out of."""
    encoded = json.dumps(value, ensure_ascii=False, indent=1, default=str)
    encoded = encoded.replace("<", "\\u003c").replace(">", "\\u003e")
    return f"<{tag}>\n{encoded}\n</{tag}>"


def vocabulary_lines() -> dict[str, str]:
    """The allowed values, written into the prompts from the same enums the rules use."""
    return {
        "categories": "\n".join(f"- {c.value}: {c.label}" for c in SanctionCategory),
        "bodies": "\n".join(f"- {b.value}: {b.full_name}" for b in Body),
    }


def render(name: str, **values: str) -> str:
    """``prompts/llm/<name>`` with ``$placeholders`` filled; a missing value is an error."""
    template = Template(load_text(f"{PROMPT_DIR}/{name}"))
    try:
        return template.substitute(values).strip()
    except (KeyError, ValueError) as exc:
        raise PromptDataError(f"prompts/{PROMPT_DIR}/{name}: placeholder {exc} not filled") from exc


def messages(task: str, **blocks: Any) -> list[Message]:
    """System and user messages for ``task`` (``extract``, ``question``, ``briefing``,
    ``letter``); each keyword becomes a data block named after it in the user template."""
    system = render(f"{task}.system.md", **vocabulary_lines())
    user = render(
        f"{task}.user.md", **{name: data_block(name, value) for name, value in blocks.items()}
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]
