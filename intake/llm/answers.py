"""What the model may answer, validated with pydantic against the classifier's vocabulary.

A model's answer is never trusted: it is parsed, checked field by field, and refused whole
(:class:`LlmError`) if anything is off, such as a category the protocol does not have.
"""

from __future__ import annotations

import json
import re
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from intake.core.vocabulary import Body, Qualifies, SanctionCategory
from intake.llm.errors import LlmError

MAX_DRAFT_CHARS = 20_000
_FENCE = re.compile(r"^\s*```[a-zA-Z]*\s*\n?(?P<body>.*?)\n?```\s*$", re.DOTALL)

Model = TypeVar("Model", bound=BaseModel)


def _lower(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


def _upper(value: Any) -> Any:
    return value.strip().upper() if isinstance(value, str) else value


def _unique(values: Any) -> Any:
    """Drop repeats, keep order (the model may name a category twice)."""
    if not isinstance(values, list):
        return values
    seen: list[Any] = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() in ("", "null", "none", "unknown"):
        return None
    return value


Category = Annotated[SanctionCategory, BeforeValidator(_lower)]
BodyName = Annotated[Body, BeforeValidator(_upper)]
Phrase = Annotated[str, Field(min_length=1, max_length=300)]
OptionalPhrase = Annotated[
    Annotated[str, Field(max_length=600)] | None, BeforeValidator(_blank_to_none)
]


class Extraction(BaseModel):
    """Facts the model read in a narrative: the same fields as the rules where they overlap."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    qualifies: Annotated[Qualifies, BeforeValidator(_lower)]
    categories: Annotated[list[Category], AfterValidator(_unique), Field(max_length=12)] = []
    body: Annotated[list[BodyName], AfterValidator(_unique), Field(max_length=3)] = []
    #: The narrative's words tying the treatment to the contact, if any.
    link: OptionalPhrase = None
    #: When it happened, as the narrative says it.
    when: OptionalPhrase = None
    #: Staff roles involved (never names).
    staff: Annotated[list[Phrase], Field(max_length=12)] = []
    risk_cues: Annotated[list[Phrase], Field(max_length=20)] = []
    immediate_risk: bool


class QuestionWording(BaseModel):
    """The model's wording for the next question."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    question: Annotated[str, Field(min_length=3, max_length=400)]


def _strip_fence(text: str) -> str:
    match = _FENCE.match(text)
    return match.group("body") if match else text


def _where(error: ValidationError) -> str:
    first = error.errors()[0]
    loc = ".".join(str(part) for part in first["loc"]) or "answer"
    if first["type"] == "enum":
        return f"{loc}: {first['input']!r} is not an allowed value"
    return f"{loc}: {first['msg']}"


def parse_json_answer(text: str, model: type[Model]) -> Model:
    """The model's JSON reply as ``model``; :class:`LlmError` names what did not fit."""
    try:
        data = json.loads(_strip_fence(text))
    except json.JSONDecodeError as exc:
        raise LlmError(f"the model's answer is not JSON ({exc.msg})") from exc
    if not isinstance(data, dict):
        raise LlmError("the model's answer is not a JSON object")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise LlmError(f"the model's answer does not fit the schema ({_where(exc)})") from exc


def parse_draft(text: str) -> str:
    """A draft as plain text: fences removed, stripped, within a sane length."""
    draft = _strip_fence(text).strip()
    if not draft:
        raise LlmError("the model gave an empty draft")
    if len(draft) > MAX_DRAFT_CHARS:
        raise LlmError(f"the model's draft is over {MAX_DRAFT_CHARS:,} characters")
    return draft


def one_line(text: str) -> str:
    """A suggested question on one line."""
    return " ".join(text.split())
