"""A letter's text as the account (issue 15 point 1): a UTF-8 text file read whole, every
character kept; a file that is not text, not there or too long is refused with one clear line
and nothing is written."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from intake.core.errors import ValidationProblem
from intake.core.validation import MAX_NARRATIVE_CHARS
from intake.interview.session import Imported

#: Bytes read at most: the longest account in the widest UTF-8 (4 bytes a character).
MAX_FILE_BYTES = MAX_NARRATIVE_CHARS * 4
#: Control characters a text file may hold (line breaks and tabs); any other is not text.
TEXT_CONTROLS = frozenset("\n\r\t")


def read_letter(path: Path) -> Imported:
    """The text of ``path`` exactly as written (a UTF-8 byte order mark aside; Windows line ends
    read as line breaks); a ValidationProblem when it cannot be the account."""
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise ValidationProblem(f"{path}: no such file") from exc
    except OSError as exc:
        raise ValidationProblem(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if not path.is_file():
        raise ValidationProblem(f"{path} is not a file: give the letter's .txt file")
    if size > MAX_FILE_BYTES:
        raise ValidationProblem(
            f"{path} is {size:,} bytes: too long for an account (at most "
            f"{MAX_NARRATIVE_CHARS:,} characters); nothing was recorded"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationProblem(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    text = _decoded(path, data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ValidationProblem(f"{path} is empty: there is no account to import")
    if len(text) > MAX_NARRATIVE_CHARS:
        raise ValidationProblem(
            f"{path} holds {len(text):,} characters, more than the {MAX_NARRATIVE_CHARS:,} an "
            "account may have; nothing was recorded"
        )
    return Imported(name=path.name, text=text)


def _decoded(path: Path, data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationProblem(
            f"{path} is not UTF-8 text (byte {exc.start + 1} cannot be read): save it as plain "
            "text (UTF-8) and import it again; nothing was recorded"
        ) from exc
    for index, char in enumerate(text):
        if char not in TEXT_CONTROLS and unicodedata.category(char) == "Cc":
            line = text.count("\n", 0, index) + 1
            raise ValidationProblem(
                f"{path} is not plain text (a control character, U+{ord(char):04X}, on line "
                f"{line}; a binary file?); nothing was recorded"
            )
    return text
