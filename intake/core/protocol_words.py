"""The protocol's own words, read once from ``prompts/protocol.yaml``: the label of each
flowchart step, the title of each parallel duty, and each route's label and who it goes to.

The vocabulary's ``label`` properties, the workflow's task titles and the classifier's
rationale all read them here, so a wording is changed in one place.
"""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, ValidationError

from prompts import PromptDataError, load_yaml

PROTOCOL_FILE = "protocol.yaml"


class RouteWords(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str
    goes_to: str


class ProtocolWords(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    steps: dict[int, str]
    duties: dict[str, str]
    routes: dict[str, RouteWords]


@cache
def protocol_words() -> ProtocolWords:
    """The words, validated (unknown keys are refused; the vocabulary checks completeness)."""
    try:
        return ProtocolWords.model_validate(load_yaml(PROTOCOL_FILE))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise PromptDataError(f"prompts/{PROTOCOL_FILE}: {where}: {first['msg']}") from exc
