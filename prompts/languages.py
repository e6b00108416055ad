"""Languages as data (issue 17, point 2): what of ``prompts/`` is said or written to the person,
and how a language other than English is laid over the English source.

English is the source. A language lives in ``prompts/<code>/`` with files of the same names
holding only the person-facing words, under the same keys; structure, codes, conditions and
validation stay in the English file, so nothing can drift. :func:`merged` lays a language over a
copy of the English data; ``tests/test_languages.py`` checks that every person-facing key of the
English source is in every shipped language, that no language has keys English lacks, and that
their ``{placeholders}`` match.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

#: The source language, and every language shipped (code: the name staff read).
SOURCE = "en"
LANGUAGES: dict[str, str] = {"en": "English", "cy": "Welsh (Cymraeg)"}

#: Per file, the person-facing keys, as dotted paths: ``*`` stands for every key of a mapping,
#: and in ``questions`` for every question's ``key`` (a question without ``ask`` has none).
#: Everything else (staff's instructions, section titles, choices staff tick, risk and evidence
#: wording for staff, letter titles in the back office) stays English.
PERSON_FACING: dict[str, tuple[str, ...]] = {
    "interview.yaml": ("questions.*.ask",),
    "texts.yaml": (
        "reassurance",
        "consent",
        "raise_later",
        "not_named",
        "signposts.*",
        "on_behalf.consent",
        "on_behalf.raise_later",
        "on_behalf.not_named",
    ),
    "letters/reassurance.yaml": (
        "received.*",
        "on_behalf.*",
        "names.*",
        "signed.*",
        "months.*",
        "no_name",
        "template",
    ),
    "letters/does_not_qualify.yaml": ("routes.*", "template"),
    "letters/no_investigation.yaml": ("template",),
    "letters/unfounded.yaml": ("template",),
    "letters/proved.yaml": ("recommendations", "no_recommendations", "template"),
}

#: Placeholders a translation may leave out, and why: the English names the person raising it
#: in staff's instruction ("Tell {raiser}: ..."), the translation holds only the words said.
MAY_LEAVE_OUT: dict[str, frozenset[str]] = {
    "texts.yaml:on_behalf.consent": frozenset({"raiser"}),
    "texts.yaml:on_behalf.raise_later": frozenset({"raiser"}),
    "texts.yaml:on_behalf.not_named": frozenset({"raiser"}),
}

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


class UnknownLanguage(ValueError):
    """A language code that is not shipped; the message lists those that are."""


def check_language(code: str) -> str:
    """``code`` as shipped ('CY' is 'cy'); an unknown one is refused, naming those shipped."""
    key = code.strip().lower()
    if key not in LANGUAGES:
        known = ", ".join(f"{c} ({n})" for c, n in LANGUAGES.items())
        raise UnknownLanguage(f"no language {code.strip()!r}: choose one of {known}")
    return key


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def _questions(data: Any) -> dict[str, Any]:
    return {q["key"]: q for q in data.get("questions", []) if isinstance(q, dict)}


def _walk(data: Any, parts: list[str], path: str, found: dict[str, str]) -> None:
    if not parts:
        if isinstance(data, str):
            found[path] = data
        return
    head, rest = parts[0], parts[1:]
    if isinstance(data, list):  # a list of words (the months) by position: "months.0"
        data = {str(i): item for i, item in enumerate(data)}
    if head == "questions" and isinstance(data, dict) and rest and rest[0] == "*":
        for key, question in _questions(data).items():
            _walk(question, rest[1:], f"questions.{key}", found)
        return
    if not isinstance(data, dict):
        return
    keys = list(data) if head == "*" else [head]
    for key in keys:
        if key in data:
            _walk(data[key], rest, f"{path}.{key}" if path else str(key), found)


def person_facing(name: str, data: Any) -> dict[str, str]:
    """The person-facing words of the English file ``name``, by dotted path."""
    found: dict[str, str] = {}
    for pattern in PERSON_FACING.get(name, ()):
        _walk(data, pattern.split("."), "", found)
    return found


def flattened(data: Any, path: str = "") -> dict[str, str]:
    """A translation file's words by dotted path (it holds nothing but words)."""
    if isinstance(data, str):
        return {path: data}
    if not isinstance(data, dict):
        return {}
    found: dict[str, str] = {}
    for key, value in data.items():
        found.update(flattened(value, f"{path}.{key}" if path else str(key)))
    return found


def _put(data: Any, parts: list[str], value: str) -> None:
    head, rest = parts[0], parts[1:]
    if head == "questions" and rest:
        _put(_questions(data)[rest[0]], rest[1:], value)
        return
    key: int | str = int(head) if isinstance(data, list) else head
    if not rest:
        data[key] = value  # type: ignore[index]
        return
    _put(data[key], rest, value)  # type: ignore[index]


def merged(name: str, english: Any, load_translation: Callable[[str], Any], language: str) -> Any:
    """The English data of ``name`` with the person-facing words of ``language`` laid over it.

    Only keys the English file has as person-facing are taken; anything else in a translation
    is ignored here (and refused by the test), so a translation can never change a code, a
    condition or a choice.
    """
    if language == SOURCE or name not in PERSON_FACING:
        return english
    words = flattened(load_translation(f"{language}/{name}"))
    allowed = person_facing(name, english)
    data = copy.deepcopy(english)
    for path, text in words.items():
        if path in allowed:
            _put(data, path.split("."), text)
    return data
