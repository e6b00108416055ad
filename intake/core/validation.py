"""Checks on what people type: clear messages, nothing changed when input is refused."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from intake.core.clock import local_today
from intake.core.errors import ValidationProblem

PRISON_NUMBER = re.compile(r"^[A-Z][0-9]{4}[A-Z]{2}$")  # [0-9]: \d also takes "١٢٣٤"
#: A prison number written in a text (a letter gives it: "Mr Okafor (A4821KD)").
PRISON_NUMBER_IN_TEXT = re.compile(r"\b[A-Z][0-9]{4}[A-Z]{2}\b")
HOME_OFFICE_REF = re.compile(r"^[A-Z0-9][A-Z0-9/\-]{4,23}$")
MAX_ANSWER_CHARS = 20_000
MAX_NARRATIVE_CHARS = 50_000
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


def clean_text(text: str) -> str:
    """Remove terminal escape sequences and control characters; keep newlines and tabs as space.

    Rich markup such as ``[bold red]`` is left as typed: it is text, and the apps show it
    literally.
    """
    text = _ESCAPES.sub("", text)
    out = []
    for char in text:
        if char == "\n":
            out.append(char)
        elif char == "\t":
            out.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cf") and char not in "\u200d":
            continue
        else:
            out.append(char)
    return "".join(out).replace("\r", "")


def clean_prose(text: str) -> str:
    """Prose as written or pasted: terminal escape sequences and control characters (a pasted
    terminal's codes) removed, Windows line ends (CR LF, a lone CR) read as line breaks;
    everything else kept: tabs, blank lines, and the marks of right-to-left scripts."""
    text = _ESCAPES.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")


def narrative_text(text: str, *, limit: int = MAX_NARRATIVE_CHARS) -> str:
    """An account kept as it was written or pasted: every character, line breaks, tabs and
    blank lines included. Only terminal escape sequences and invisible control characters go
    (a pasted terminal's codes), and Windows line ends (CR LF, or a lone CR) read as line
    breaks. An account with no words, or longer than ``limit``, is refused."""
    kept = clean_prose(text)
    if not kept.strip():
        raise ValidationProblem("the account is needed: please type an answer")
    if len(kept) > limit:
        raise ValidationProblem(
            f"the account is {len(kept):,} characters, more than the {limit:,} allowed; "
            "shorten it or split it into notes"
        )
    return kept


def required_text(text: str, *, what: str, limit: int = MAX_ANSWER_CHARS) -> str:
    cleaned = clean_text(text).strip()
    if not cleaned:
        raise ValidationProblem(f"{what} is needed: please type an answer")
    if len(cleaned) > limit:
        raise ValidationProblem(
            f"{what} is {len(cleaned):,} characters, more than the {limit:,} allowed; "
            "shorten it or split it into notes"
        )
    return cleaned


def prison_number(text: str) -> str:
    """A UK prison number such as A1234BC (spaces and case forgiven)."""
    value = re.sub(r"\s+", "", clean_text(text)).upper()
    if not PRISON_NUMBER.match(value):
        raise ValidationProblem(
            f"{text.strip()!r} is not a prison number: it is one letter, four digits and two "
            "letters, such as A1234BC"
        )
    return value


def home_office_reference(text: str) -> str:
    value = re.sub(r"\s+", "", clean_text(text)).upper()
    if not HOME_OFFICE_REF.match(value):
        raise ValidationProblem(
            f"{text.strip()!r} is not a Home Office reference: use the letters and digits "
            "printed on their papers (such as B1234567 or a CID number)"
        )
    return value


def past_date(text: str, *, today: date | None = None) -> date:
    """A date as people say it: "last Tuesday", "two weeks ago", "12/10" (day first)."""
    import dateparser

    today = today or local_today()
    cleaned = clean_text(text).strip()
    if not cleaned:
        raise ValidationProblem("a date is needed, such as 'last Tuesday' or '12/10'")
    base = datetime(today.year, today.month, today.day, 12, 0)
    settings = {"DATE_ORDER": "DMY", "PREFER_DATES_FROM": "past", "RELATIVE_BASE": base}
    parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
    if parsed is None:
        raise ValidationProblem(
            f"{cleaned!r} is not a date I understand; try 'last Tuesday', "
            "'two weeks ago' or '12/10'"
        )
    when = parsed.date()
    if when > today:
        raise ValidationProblem(f"{when:%d %B %Y} is in the future; give a date that has passed")
    return when


#: A day and month without a year read as next year's is refused as passed when this year's
#: fell within this many days before today ("3/6" typed on 20 June meant 3 June, now gone).
JUST_PASSED_DAYS = 60


def _read_date(text: str, *, today: date, prefer: str) -> date | None:
    import dateparser

    base = datetime(today.year, today.month, today.day, 12, 0)
    settings = {"DATE_ORDER": "DMY", "PREFER_DATES_FROM": prefer, "RELATIVE_BASE": base}
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed is not None else None


def coming_date(text: str, *, today: date | None = None) -> date:
    """A day still to come, or today, as people say it: "next Friday", "in two weeks",
    "24/12" (day first). A day that has passed is refused with a clear message."""
    today = today or local_today()
    cleaned = clean_text(text).strip()
    if not cleaned:
        raise ValidationProblem("a date is needed, such as 'next Friday' or '24/12'")
    this_year = _read_date(cleaned, today=today, prefer="current_period")
    ahead = _read_date(cleaned, today=today, prefer="future")
    if this_year is None and ahead is None:
        raise ValidationProblem(
            f"{cleaned!r} is not a date I understand; try 'next Friday', 'in two weeks' or '24/12'"
        )
    if this_year == today:
        return today
    when = ahead if ahead is not None else this_year
    assert when is not None
    just_passed = (
        this_year is not None
        and this_year < today
        and (today - this_year).days <= JUST_PASSED_DAYS
        and when.year > today.year
        and (when.month, when.day) == (this_year.month, this_year.day)
    )
    if when < today or just_passed:
        gone = this_year if just_passed and this_year is not None else when
        raise ValidationProblem(
            f"{gone:%d %B %Y} has passed; give the date it is due (today or later)"
        )
    return when
