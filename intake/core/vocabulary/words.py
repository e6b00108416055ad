"""The words of the flowchart's steps, the duties and the routes, as the vocabulary's labels
read them from prompts/protocol.yaml (``intake.core.protocol_words``)."""

from __future__ import annotations

from typing import Any

from intake.core.protocol_words import PROTOCOL_FILE, protocol_words
from prompts import PromptDataError


def _words(kind: str, key: object) -> Any:
    """A step's, duty's or route's words from prompts/protocol.yaml; every one must be there."""
    table = getattr(protocol_words(), kind)
    if key not in table:
        raise PromptDataError(f"prompts/{PROTOCOL_FILE}: {kind} lacks {key!r}")
    return table[key]
