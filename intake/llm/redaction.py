"""Withholding identifiers before text leaves the machine.

Unless ``SANCTIONS_LLM_SEND_IDENTIFIERS`` is true, every text sent to the model goes through
:meth:`Redactor.redact`:

- the person's name as recorded (whole, in any case; each part of three letters or more when
  written with a capital) becomes
  ``[PERSON]``; their prison number ``[PRISON NUMBER]``; their Home Office reference
  ``[HOME OFFICE REF]``;
- anything shaped like a prison number (A1234BC), a Home Office reference (B1234567) or a long
  number (seven digits or more: CID numbers, phone numbers) becomes ``[NUMBER]`` even if not
  recorded (someone else's number is an identifier too);
- a capitalised word after a title or rank ("Officer Smith", "Mr Jones", "Miss Patel") becomes
  ``[NAME]``, keeping the title: the model still learns a member of staff acted; so does a word
  in lower case after a title in lower case ("officer smith", "gov jones"), unless it is a
  common word ("officer said", "the gov told me");
- an email address becomes ``[EMAIL]``.

Names said without a title ("Dave on the wing") cannot be found by rules and are sent as typed;
the README says so. Drafts returned by the model get the person's own placeholders filled back
in locally (:meth:`Redactor.restore`), so staff edit a letter that already names the person.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

PERSON = "[PERSON]"
PRISON_NUMBER = "[PRISON NUMBER]"
HOME_OFFICE_REF = "[HOME OFFICE REF]"
NAME = "[NAME]"
NUMBER = "[NUMBER]"
EMAIL = "[EMAIL]"

_PRISON_NUMBER_SHAPE = re.compile(r"\b[A-Z]\s?\d{4}\s?[A-Z]{2}\b", re.IGNORECASE)
_HOME_OFFICE_SHAPE = re.compile(r"\b[A-Z]\d{7}\b", re.IGNORECASE)
_LONG_NUMBER = re.compile(r"(?<![\w/-])\d(?:[\s-]?\d){6,}(?![\w/])")
_TITLES = (
    r"Mr|Mrs|Ms|Miss|Mx|Dr|Officer|Governor|Gov|Nurse|Sister|Sir|Guv|Boss|Father|Imam"
    r"|SO|PO|CM|OSG|DCO|PCO"
)
_TITLED_NAME = re.compile(
    rf"\b(?P<title>{_TITLES})\.?\s+(?P<name>[A-Z][a-zA-Z'’-]+(?:[\s-][A-Z][a-zA-Z'’-]+)?)"
)
_EMAIL = re.compile(
    r"[\w.+%'-]+\s?(?:@|＠|\(at\)|\[at\])\s?[\w-]+(?:\s?\.\s?[\w-]+)+", re.IGNORECASE
)
# Titles that are words, so may be typed in lower case (the abbreviations SO, PO ... may not:
# "so" and "po" are ordinary words).
_WORD_TITLES = (
    r"mr|mrs|ms|miss|mx|dr|officer|governor|gov|nurse|sister|guv|boss|father|imam|"
    r"sergeant|sgt|manager|chaplain|doctor|screw|kanga|dco|osg|custody\s+officer"
)
_LOWER_TITLED = re.compile(
    rf"(?<![\w])(?P<title>(?i:{_WORD_TITLES}))\.?\s+(?P<name>[a-z][a-z'’-]+)(?![\w])"
)
# Words that follow a title but are not names: kept, so the model still reads the sentence.
_COMMON_WORDS = """a an the and or but so then than that this these those there here who whom
    whose which
    what when where why how if as at on in into onto of off out up down over under to too for
    from by with without about after before again also all any both each few more most other
    some such no nor not only own same very can could will would shall should may might must
    is was were are be been being am has had have having do does did done doing i me my he him
    his she her they them their we us our you your it its one two three said says say told
    tells tell asked asks came come comes went go goes going took take takes put puts gave
    give gives got get gets moved moves stopped stops called calls shouted shouts refused
    refuses kept keeps made make makes left leaves saw see sees knew know knows wrote writes
    started starts just never always still then back away later today yesterday tonight
    again office on duty wing block unit landing cell seg segregation staff team nurse officer
    officers governor gov manager man men woman women lady guy lad bloke one ones"""
_COMMON = frozenset(_COMMON_WORDS.split())
_NOT_NAMES = frozenset({"I", "The", "He", "She", "They", "And", "But", "Then", "When", "On", "In"})
_MISSING = frozenset({"", "unknown", "skip", "not known", "none"})


def _text_value(item: Any) -> str | None:
    """An answer as the interview stores it (``{"value", "display"}``) or a plain value."""
    if isinstance(item, Mapping):
        item = item.get("value") or item.get("display")
    if not isinstance(item, str) or item.strip().lower() in _MISSING:
        return None
    return item.strip()


@dataclass(frozen=True)
class Identifiers:
    """What identifies the person, as recorded in the interview."""

    name: str | None = None
    prison_number: str | None = None
    home_office_ref: str | None = None

    @classmethod
    def from_answers(cls, answers: Mapping[str, Any]) -> Identifiers:
        """From interview answers keyed ``person_name``, ``prison_number``, ``home_office_ref``."""
        return cls(
            name=_text_value(answers.get("person_name")),
            prison_number=_text_value(answers.get("prison_number")),
            home_office_ref=_text_value(answers.get("home_office_ref")),
        )


def _spaced(value: str) -> re.Pattern[str]:
    """A code matched whatever the case and spacing people typed it with."""
    chars = [re.escape(c) for c in re.sub(r"\s+", "", value)]
    return re.compile(r"(?<!\w)" + r"\s?".join(chars) + r"(?!\w)", re.IGNORECASE)


def _name_patterns(name: str) -> list[re.Pattern[str]]:
    """The whole name in any case, then each part with its capital ("Will", not "will")."""
    whole = r"\s+".join(re.escape(p) for p in name.split())
    patterns = [re.compile(rf"\b{whole}\b", re.IGNORECASE)]
    for part in sorted({p for p in name.split() if len(p) >= 3}, key=len, reverse=True):
        capitalised = re.escape(part[0].upper() + part[1:].lower())
        patterns.append(re.compile(rf"\b(?:{capitalised}|{re.escape(part.upper())})\b"))
    return patterns


def _lower_titled(match: re.Match[str]) -> str:
    if match.group("name").lower() in _COMMON:
        return match.group(0)
    return f"{match.group('title')} {NAME}"


def _titled(match: re.Match[str]) -> str:
    if match.group("name").split()[0] in _NOT_NAMES:
        return match.group(0)
    return f"{match.group('title')} {NAME}"


class Redactor:
    """Replaces identifiers with placeholders; a no-op when sending them is allowed."""

    def __init__(self, identifiers: Identifiers | None = None, *, allowed: bool = False) -> None:
        self.identifiers = identifiers or Identifiers()
        self.allowed = allowed
        known: list[tuple[re.Pattern[str], str]] = []
        ids = self.identifiers
        if ids.prison_number:
            known.append((_spaced(ids.prison_number), PRISON_NUMBER))
        if ids.home_office_ref:
            known.append((_spaced(ids.home_office_ref), HOME_OFFICE_REF))
        if ids.name:
            known.extend((pattern, PERSON) for pattern in _name_patterns(ids.name))
        self._known = known

    def redact(self, text: str) -> str:
        if self.allowed or not text:
            return text
        for pattern, placeholder in self._known:
            text = pattern.sub(placeholder, text)
        text = _PRISON_NUMBER_SHAPE.sub(NUMBER, text)
        text = _HOME_OFFICE_SHAPE.sub(NUMBER, text)
        text = _EMAIL.sub(EMAIL, text)
        text = _LONG_NUMBER.sub(NUMBER, text)
        text = _TITLED_NAME.sub(_titled, text)
        return _LOWER_TITLED.sub(_lower_titled, text)

    def redact_data(self, value: Any) -> Any:
        """Redact every string inside nested dicts and lists (keys are left alone)."""
        if isinstance(value, str):
            return self.redact(value)
        if isinstance(value, Mapping):
            return {k: self.redact_data(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.redact_data(v) for v in value]
        return value

    def restore(self, text: str) -> str:
        """Put the person's own identifiers back into a draft, on this machine."""
        ids = self.identifiers
        for placeholder, original in (
            (PERSON, ids.name),
            (PRISON_NUMBER, ids.prison_number),
            (HOME_OFFICE_REF, ids.home_office_ref),
        ):
            if original:
                text = text.replace(placeholder, original)
        return text
