"""Texts kept as data: the interview script, reassurance and consent wording, route signposts,
the classifier's vocabulary and the language-model prompts.

Everything here ships inside the wheel; code reads it through :func:`load_text` and
:func:`load_yaml` so a checkout and an installed package behave alike.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


class PromptDataError(ValueError):
    """A data file in prompts/ is missing or malformed; the message names the file."""


def load_text(name: str) -> str:
    """Return the text of ``prompts/<name>`` (a path relative to this package)."""
    try:
        return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise PromptDataError(f"prompts/{name}: file not found") from exc


@cache
def load_yaml(name: str) -> Any:
    """Parse ``prompts/<name>`` as YAML; errors name the file and the line."""
    text = load_text(name)
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise PromptDataError(f"prompts/{name}{where}: {exc}") from exc


@cache
def load_yaml_in(name: str, language: str = "en") -> Any:
    """``prompts/<name>`` with the person-facing words of ``language`` (``prompts/<code>/<name>``)
    laid over the English source (:mod:`prompts.languages`)."""
    from prompts.languages import merged

    return merged(name, load_yaml(name), load_yaml, language)


def load_validated(model: type[M], name: str, language: str = "en") -> M:
    """``prompts/<name>`` read into ``model`` (in ``language``: English with that language's
    words for the person); a mistake names the file and the field."""
    try:
        return model.model_validate(load_yaml_in(name, language))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise PromptDataError(f"prompts/{name}: {where}: {first['msg']}") from exc
