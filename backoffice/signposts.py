"""Where a case that does not qualify goes instead: the kind words staff are shown and say."""

from __future__ import annotations

from prompts import PromptDataError, load_yaml


def signpost_text(route: str) -> str | None:
    """The kind words telling staff where a case that does not qualify goes instead."""
    try:
        signposts = load_yaml("texts.yaml").get("signposts", {})
    except (PromptDataError, AttributeError):
        return None
    text = signposts.get(route)
    return text.replace("{covered_by}", "").strip() if isinstance(text, str) else None
