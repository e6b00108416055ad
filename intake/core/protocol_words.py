"""The protocol's own words, read once from ``prompts/protocol.yaml``: the label of each
flowchart step, the title of each parallel duty, and each route's label and who it goes to.

The vocabulary's ``label`` properties, the workflow's task titles and the classifier's
rationale all read them here, so a wording is changed in one place.
"""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict

from prompts import load_validated

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
    return load_validated(ProtocolWords, PROTOCOL_FILE)
