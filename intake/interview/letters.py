"""The reassurance in writing (issue 15 point 1): when an allegation came in writing, the
protocol's reassurance goes back as a plain-language letter, from
``prompts/letters/reassurance.yaml``, filled from the interview; a new file, never one replaced.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from intake.core.errors import ValidationProblem
from intake.core.files import private_dir, write_new_private_text
from intake.core.vocabulary import Organisation
from prompts import load_validated

#: The answer that leaves the letter to be sent later (the case records it is not written).
LATER_WORDS = frozenset({"later", "not now", "no", "n", "skip"})
LETTERS_FOLDER = "letters"


class LetterTemplate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    received: dict[str, str]
    on_behalf: dict[str, str]
    template: str


@cache
def load_letter() -> LetterTemplate:
    return load_validated(LetterTemplate, "letters/reassurance.yaml")


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
    letter = load_letter()
    received = letter.on_behalf.get(raised_by or "") or letter.received.get(
        received_via, "what you sent us"
    )
    return letter.template.format(
        date=f"{written_on:%-d %B %Y}",
        name=name,
        establishment=establishment,
        organisation=organisation_words(organisation, establishment),
        received=received,
        received_on=f"{received_on:%-d %B %Y}",
        signed=_signed(organisation, establishment),
    )


def _signed(organisation: Organisation, establishment: str | None) -> str:
    """The body's name under the letter."""
    if organisation is Organisation.IMB and establishment:
        return f"Independent Monitoring Board, {establishment}"
    return organisation.full_name


def letters_folder(data_dir: Path) -> Path:
    """Where reply letters go unless the interviewer names another file."""
    return data_dir / LETTERS_FOLDER


def default_letter_path(folder: Path, name: str, when: date) -> Path:
    """A new file in ``folder``, named after the person and the day (never one that exists)."""
    safe = "-".join("".join(c if c.isalnum() else " " for c in name).lower().split()) or "person"
    base = f"reassurance-{safe}-{when:%Y-%m-%d}"
    candidate = folder / f"{base}.txt"
    number = 2
    while candidate.exists():
        candidate = folder / f"{base}-{number}.txt"
        number += 1
    return candidate


def wants_later(text: str) -> bool:
    return text.strip().lower().strip(".") in LATER_WORDS


def write_letter(path_text: str, text: str, *, folder: Path) -> Path:
    """Write the letter to a new file (a folder given takes the default name); a file that
    exists is never replaced: a ValidationProblem, and nothing is written."""
    path = Path(path_text.strip()).expanduser()
    if not path.is_absolute():
        path = Path.cwd() / path
    if path.is_dir():
        raise ValidationProblem(f"{path} is a folder: type a file name in it (such as reply.txt)")
    if path.exists():
        raise ValidationProblem(
            f"{path} already exists and is never replaced: type another file name"
        )
    if not path.parent.is_dir():
        if path.parent == folder:
            private_dir(path.parent)
        else:
            raise ValidationProblem(f"there is no folder {path.parent}: type another path")
    try:
        write_new_private_text(path, text)
    except FileExistsError as exc:
        raise ValidationProblem(f"{path} already exists and is never replaced") from exc
    except OSError as exc:
        raise ValidationProblem(f"could not write {path}: {exc.strerror or exc}") from exc
    return path
