"""What every letter to the person shares (issues 15 and 16): the reassurance template of
``prompts/letters/reassurance.yaml``, how the body replying is named and signed, how a date
and what reached us are said. The intake fills the reassurance when an allegation came in
writing (:mod:`intake.interview.letters`); the back office fills it and the other letters
(:mod:`backoffice.letters`)."""

from __future__ import annotations

from datetime import date
from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from intake.core.vocabulary import Organisation
from prompts import load_validated


class LetterTemplate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    received: dict[str, str]
    on_behalf: dict[str, str]
    #: The body writing, in the letter and under it (by organisation; "IMB_at": with its place).
    names: dict[str, str]
    signed: dict[str, str]
    months: list[str] = Field(min_length=12, max_length=12)
    no_name: str
    template: str


@cache
def load_letter(language: str = "en") -> LetterTemplate:
    """The reassurance letter and the words every letter shares, in ``language``."""
    return load_validated(LetterTemplate, "letters/reassurance.yaml", language)


def unwrapped(text: str) -> str:
    """A filled template with its paragraphs on one line each, for the reader's screen, printer
    or PDF to wrap: the templates are wrapped to fit an editor, and a line that goes on from the
    one above (not blank, not a new "- " item) joins it."""
    lines: list[str] = []
    for line in text.split("\n"):
        words = line.strip()
        if lines and lines[-1].strip() and words and not words.startswith("- "):
            lines[-1] = f"{lines[-1].rstrip()} {words}"
        else:
            lines.append(line.rstrip())
    return "\n".join(lines)


def long_date(day: date, language: str = "en") -> str:
    """A date as people write it in a letter: 5 March 2026 (5 Mawrth 2026)."""
    return f"{day.day} {load_letter(language).months[day.month - 1]} {day.year}"


def received_words(received_via: str | None, raised_by: str | None, language: str = "en") -> str:
    """What reached us, in the person's words: 'your letter', 'what you told us' ..."""
    letter = load_letter(language)
    return letter.on_behalf.get(raised_by or "") or letter.received.get(
        received_via or "", "what you sent us"
    )


def _named(names: dict[str, str], organisation: Organisation, establishment: str | None) -> str:
    if organisation is Organisation.IMB and establishment:
        return names["IMB_at"].format(establishment=establishment)
    return names[organisation.value]


def organisation_words(
    organisation: Organisation, establishment: str | None, language: str = "en"
) -> str:
    """The body replying, as the person reads it."""
    return _named(load_letter(language).names, organisation, establishment)


def signed_by(organisation: Organisation, establishment: str | None, language: str = "en") -> str:
    """The body's name under the letter."""
    return _named(load_letter(language).signed, organisation, establishment)


def reassurance_letter(
    *,
    name: str,
    establishment: str,
    organisation: Organisation,
    received_via: str,
    raised_by: str | None,
    received_on: date,
    written_on: date,
    language: str = "en",
) -> str:
    """The reply, filled in: plain text, printable as it is; in the person's ``language``."""
    filled = load_letter(language).template.format(
        date=long_date(written_on, language),
        name=name,
        establishment=establishment,
        organisation=organisation_words(organisation, establishment, language),
        received=received_words(received_via, raised_by, language),
        received_on=long_date(received_on, language),
        signed=signed_by(organisation, establishment, language),
    )
    return unwrapped(filled)
