"""Text to and from people, shared by the command line and the TUI: safe to print, dates typed."""

from __future__ import annotations

from datetime import date, datetime

from intake.core.errors import ValidationProblem
from intake.core.validation import clean_text


def plain(text: object) -> str:
    """Text safe to print: no terminal escapes or control characters (newlines kept)."""
    return clean_text("" if text is None else str(text))


def parse_date(value: str | None, *, what: str) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value.strip(), "%Y-%m-%d").date()
    except ValueError as exc:
        raise ValidationProblem(f"{what} {value!r} is not a date like 2026-03-31") from exc
