"""One cell's text: a date, a JSON list, the consent words, and never a spreadsheet formula."""

from __future__ import annotations

import json
import unicodedata
from datetime import UTC, datetime
from typing import Any

from intake.core.consent import SNAPSHOT_FIELDS, consent_state
from intake.core.db.models import ConsentRecord


def _consent_of(snapshot: tuple[Any, ...]) -> str:
    """The consent column from the newest snapshot's fields (all None: none recorded)."""
    if snapshot[0] is None:
        return consent_state([]).short()
    row = ConsentRecord(case_id=0, **dict(zip(SNAPSHOT_FIELDS, snapshot, strict=True)))
    return consent_state([row]).short()


def _safe(value: str | None) -> str:
    """Text as typed, never a spreadsheet formula.

    A spreadsheet skips leading spaces and line breaks and may read the full-width "＝" or the
    small "﹦" as "=", so the check looks past leading whitespace and control characters at the
    NFKC form; the text itself is kept exactly as typed, behind an apostrophe.
    """
    text = value or ""
    if not text or (text[0].isascii() and text[0].isalnum()):
        return text  # the usual case, and nothing a spreadsheet reads as a formula
    start = 0
    while start < len(text) and (
        text[start].isspace() or unicodedata.category(text[start]) in _SKIPPED
    ):
        start += 1
    head = unicodedata.normalize("NFKC", text[start : start + 4]).lstrip()
    return "'" + text if text[:1] in ("\t", "\r") or head[:1] in _FORMULA_STARTS else text


_FORMULA_STARTS = ("=", "+", "-", "@")
_SKIPPED = ("Cc", "Cf", "Zs", "Zl", "Zp")


def _day(value: datetime | str | None) -> str:
    """The date (UTC) of a moment: SQLite gives the stored text, PostgreSQL a datetime."""
    if not value:
        return ""
    if isinstance(value, str):
        return value[:10]
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.date().isoformat()


def _json(value: Any) -> Any:
    """A JSON column read raw: text on SQLite, already decoded on PostgreSQL."""
    return json.loads(value) if isinstance(value, str) else value
