"""What every letter to the person shares (issues 15 and 16): the reassurance template of
``prompts/letters/reassurance.yaml``, how the body replying is named and signed, how a date
and what reached us are said. The intake fills the reassurance when an allegation came in
writing (:mod:`intake.interview.letters`); the back office fills it and the other letters
(:mod:`backoffice.letters`)."""

from __future__ import annotations

from datetime import date
from functools import cache

from pydantic import BaseModel, ConfigDict

from intake.core.vocabulary import Organisation
from prompts import load_validated


class LetterTemplate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    received: dict[str, str]
    on_behalf: dict[str, str]
    template: str


@cache
def load_letter() -> LetterTemplate:
    return load_validated(LetterTemplate, "letters/reassurance.yaml")


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


def long_date(day: date) -> str:
    """A date as people write it in a letter: 5 March 2026."""
    return f"{day.day} {day:%B %Y}"


def received_words(received_via: str | None, raised_by: str | None) -> str:
    """What reached us, in the person's words: 'your letter', 'what you told us' ..."""
    letter = load_letter()
    return letter.on_behalf.get(raised_by or "") or letter.received.get(
        received_via or "", "what you sent us"
    )


def organisation_words(organisation: Organisation, establishment: str | None) -> str:
    """The body replying, as the person reads it."""
    if organisation is Organisation.IMB and establishment:
        return f"the Independent Monitoring Board at {establishment}"
    if organisation is Organisation.IMB:
        return "the Independent Monitoring Board"
    return (
        organisation.full_name
        if organisation is Organisation.HMIP
        else (f"the {organisation.full_name}")
    )


def signed_by(organisation: Organisation, establishment: str | None) -> str:
    """The body's name under the letter."""
    if organisation is Organisation.IMB and establishment:
        return f"Independent Monitoring Board, {establishment}"
    return organisation.full_name


def reassurance_letter(
    *,
    name: str,
    establishment: str,
    organisation: Organisation,
    received_via: str,
    raised_by: str | None,
    received_on: date,
    written_on: date,
) -> str:
    """The reply, filled in: plain text, printable as it is."""
    filled = load_letter().template.format(
        date=long_date(written_on),
        name=name,
        establishment=establishment,
        organisation=organisation_words(organisation, establishment),
        received=received_words(received_via, raised_by),
        received_on=long_date(received_on),
        signed=signed_by(organisation, establishment),
    )
    return unwrapped(filled)
