"""Turning what staff type into an answer's value, or a clear message and no change."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from rapidfuzz import fuzz, process, utils

from intake.core import validation
from intake.core.errors import ValidationProblem
from intake.core.establishments import EstablishmentDirectory
from intake.interview.script import Kind, Question

SKIP_WORDS = {"skip", "-", "n/a", "na", "pass"}
UNKNOWN_WORDS = {"unknown", "not known", "dont know", "don't know", "not sure", "n/k", "nk"}
YES_WORDS = {"y", "yes", "yeah", "yep", "true", "they have", "i have", "done", "ok"}
NO_WORDS = {"n", "no", "nope", "false", "not", "they have not", "no they dont"}
CHOICE_CUTOFF = 75.0
STOP_WORDS = {
    "the", "a", "an", "or", "of", "to", "on", "their", "them", "it", "and", "by", "for",
    "with", "is", "in", "i", "they", "he", "she", "was", "were",
}  # fmt: skip


@dataclass(frozen=True)
class Parsed:
    """An accepted answer: the value kept, and the words shown back in the transcript."""

    value: Any
    display: str


def parse_answer(
    question: Question, text: str, *, directory: EstablishmentDirectory, today: date
) -> Parsed:
    """Validate ``text`` as an answer to ``question``; raise ValidationProblem if it is not one."""
    if question.kind == Kind.NARRATIVE:  # kept as written: every character, every line
        value = validation.narrative_text(text)
        return Parsed(value, value)
    cleaned = validation.clean_text(text).strip()
    lowered = cleaned.lower()
    if question.allow_skip and lowered in SKIP_WORDS | {""}:
        return Parsed(None, "(skipped)")
    if question.allow_unknown and lowered in UNKNOWN_WORDS:
        return Parsed(None, "not known")
    if lowered in SKIP_WORDS:  # never kept as the answer itself ("skip" is no language)
        also = "; type 'unknown' if they do not know" if question.allow_unknown else ""
        raise ValidationProblem(f"this question cannot be skipped: please answer it{also}")
    parser = _PARSERS[question.kind]
    return parser(question, cleaned, directory=directory, today=today)


def _text(question: Question, text: str, **_: Any) -> Parsed:
    value = validation.required_text(text, what="an answer", limit=validation.MAX_ANSWER_CHARS)
    return Parsed(value, value)


def _yes_no(question: Question, text: str, **_: Any) -> Parsed:
    lowered = text.lower().strip(" .!")
    if lowered in YES_WORDS or lowered == "1":
        value = True
    elif lowered in NO_WORDS or lowered == "2":
        value = False
    else:
        raise ValidationProblem("please answer yes or no (y / n)")
    if question.must_be_yes and not value:
        raise ValidationProblem(question.must_be_yes)
    return Parsed(value, "yes" if value else "no")


def match_choice(question: Question, text: str) -> str:
    """A choice by its number or by its words (fuzzy), as its value."""
    options = question.choices
    stripped = text.strip().rstrip(".)")
    # isdecimal and short: "¹⁶", "①" or 5,000 digits are words, not a choice's number.
    if stripped.isdecimal() and len(stripped) <= 4:
        index = int(stripped)
        if 1 <= index <= len(options):
            return options[index - 1].value
        raise ValidationProblem(f"choose a number from 1 to {len(options)}")
    for option in options:
        if stripped.lower() in (option.value.lower(), option.label.lower()):
            return option.value
    labels = [_words(f"{o.value} {o.label}") for o in options]
    best = process.extract(_words(text), labels, scorer=_choice_score, processor=None, limit=2)
    if best and best[0][1] >= CHOICE_CUTOFF and (len(best) == 1 or best[0][1] > best[1][1]):
        return options[best[0][2]].value
    listing = "; ".join(f"{i}) {o.label}" for i, o in enumerate(options, 1))
    raise ValidationProblem(f"{text!r} is not one of the choices: {listing}")


def _words(text: str) -> str:
    words = utils.default_process(text.replace("_", " ")).split()
    return " ".join(w for w in words if w not in STOP_WORDS)


def _choice_score(query: str, label: str, **kwargs: Any) -> float:
    """Typos (WRatio) or a few of the label's words (token set), whichever fits better."""
    if not query:
        return 0.0
    return max(fuzz.WRatio(query, label), fuzz.token_set_ratio(query, label))


def _label(question: Question, value: str) -> str:
    return next(o.label for o in question.choices if o.value == value)


def _choice(question: Question, text: str, **_: Any) -> Parsed:
    if not text:
        raise ValidationProblem("please choose one (type its number or its words)")
    value = match_choice(question, text)
    return Parsed(value, _label(question, value))


EXCLUSIVE = {"none", "unsure"}


def choice_parts(text: str) -> list[str]:
    """The choices in one answer: separated by commas, semicolons, "and", & or +; numbers
    also by spaces ("1 3", "1, 3" and "1,3" alike)."""
    parts = [p.strip() for p in re.split(r"\s*(?:,|;|\band\b|&|\+)\s*", text) if p.strip()]
    return [n for p in parts for n in (p.split() if _NUMBERS.fullmatch(p) else [p])]


#: Numbers separated by spaces: several choices ("1 3").
_NUMBERS = re.compile(r"[0-9]+(?:\s+[0-9]+)+")


def _multi(question: Question, text: str, **_: Any) -> Parsed:
    parts = choice_parts(text)
    if not parts:
        raise ValidationProblem("please choose at least one (numbers or words, comma-separated)")
    values: list[str] = []
    for part in parts:
        value = match_choice(question, part)
        if value not in values:
            values.append(value)
    if len(values) > 1 and EXCLUSIVE & set(values):
        raise ValidationProblem("'none' or 'not sure' cannot be combined with other choices")
    chosen = [] if set(values) <= EXCLUSIVE else values
    return Parsed(chosen, ", ".join(_label(question, v) for v in values))


def _date(question: Question, text: str, *, today: date, **_: Any) -> Parsed:
    if not text and question.default_today:
        return Parsed(today.isoformat(), f"{today:%d %B %Y}")
    if question.future:
        when = validation.coming_date(text, today=today)
    else:
        when = validation.past_date(text, today=today)
    return Parsed(when.isoformat(), f"{when:%d %B %Y}")


def _establishment(
    question: Question, text: str, *, directory: EstablishmentDirectory, **_: Any
) -> Parsed:
    if not text:
        raise ValidationProblem("type the establishment's name, a local name or its code")
    result = directory.lookup(text)
    if result.not_covered is not None:
        value = {
            "not_covered": result.not_covered.kind,
            "covered_by": result.not_covered.covered_by,
            "text": text,
        }
        return Parsed(value, f"{text} (not covered: {result.not_covered.kind})")
    record = result.best
    if record is None:
        raise ValidationProblem(result.problem or f"{text!r} does not name one establishment")
    value = {"name": record.name, "type": record.type.value}
    return Parsed(value, record.name)


def _prison_number(question: Question, text: str, **_: Any) -> Parsed:
    value = validation.prison_number(text)
    return Parsed(value, value)


def _home_office_ref(question: Question, text: str, **_: Any) -> Parsed:
    value = validation.home_office_reference(text)
    return Parsed(value, value)


class _Parser(Protocol):
    def __call__(
        self, question: Question, text: str, *, directory: EstablishmentDirectory, today: date
    ) -> Parsed: ...


_PARSERS: dict[Kind, _Parser] = {
    Kind.TEXT: _text,
    Kind.LONG_TEXT: _text,
    Kind.NARRATIVE: _text,
    Kind.CHOICE: _choice,
    Kind.MULTI: _multi,
    Kind.YES_NO: _yes_no,
    Kind.DATE: _date,
    Kind.ESTABLISHMENT: _establishment,
    Kind.PRISON_NUMBER: _prison_number,
    Kind.HOME_OFFICE_REF: _home_office_ref,
}
