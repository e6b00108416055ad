"""A saved letter written out as plain text or PDF, marked OFFICIAL-SENSITIVE."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from backoffice.view_models import LetterView
from intake.core.db.backup import check_output
from intake.core.errors import ValidationProblem
from intake.core.files import write_private_bytes

LETTER_FORMATS = ("txt", "pdf")


def letter_file_bytes(letter: LetterView, fmt: str, *, author: str) -> bytes:
    """The saved letter as a file: plain text (UTF-8, OFFICIAL-SENSITIVE on the first and last
    lines) or PDF (:mod:`backoffice.letter_pdf`)."""
    from backoffice.letter_pdf import MARKING, letter_pdf

    assert letter.text is not None, "read the letter with its words first"
    if fmt == "pdf":
        return letter_pdf(letter.text, title=letter.title, author=author)
    if fmt != "txt":
        raise ValidationProblem(f"a letter is written as {' or '.join(LETTER_FORMATS)}")
    ending = "" if letter.text.endswith("\n") else "\n"
    return f"{MARKING}\n\n{letter.text}{ending}\n{MARKING}\n".encode()


def write_letter_file(
    letter: LetterView,
    out: Path,
    fmt: str,
    *,
    author: str,
    force: bool = False,
    protected: Iterable[Path] = (),
) -> Path:
    """Write the saved letter to ``out`` (0600); an existing file only with ``force``, and
    never the database (:func:`intake.core.db.backup.check_output`)."""
    out = out.expanduser()
    check_output(out, force=force, protected=protected)
    if not out.parent.is_dir():
        raise ValidationProblem(f"there is no folder {out.parent}: choose another path")
    try:
        write_private_bytes(out, letter_file_bytes(letter, fmt, author=author))
    except OSError as exc:
        raise ValidationProblem(f"could not write {out}: {exc.strerror or exc}") from exc
    return out


def default_letter_file(folder: Path, reference: str, kind: str, fmt: str, on: date) -> Path:
    """A new file in ``folder`` named by the case, the letter and the day (no person's name):
    SAN-2026-0001-proved-2026-03-05.pdf, then -2, -3 ..."""
    base = f"{reference}-{kind.replace('_', '-')}-{on.isoformat()}"
    candidate = folder / f"{base}.{fmt}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{base}-{number}.{fmt}"
        number += 1
    return candidate
