"""The reassurance in writing (issue 15 point 1): when an allegation came in writing, the
protocol's reassurance goes back as a plain-language letter, from
``prompts/letters/reassurance.yaml``, filled from the interview; a new file, never one replaced.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from intake.core.errors import ValidationProblem
from intake.core.files import private_dir, write_new_private_text
from intake.core.letter_words import reassurance_letter as reassurance_letter

#: The answer that leaves the letter to be sent later (the case records it is not written).
LATER_WORDS = frozenset({"later", "not now", "no", "n", "skip"})
LETTERS_FOLDER = "letters"


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
