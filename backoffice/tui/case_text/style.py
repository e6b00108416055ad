"""The case screen's styles, and what every part of it is built with: a line of plain text and
styled parts, and a date or time as people read it."""

from __future__ import annotations

from datetime import date, datetime

from rich.text import Text

from backoffice.text import plain

# Named styles: their colours are the theme's (``intake.look.themes.STYLES``), and each goes
# with words ("immediate", "ask now", "OVERDUE"), never alone.
RISK_STYLES = {
    "immediate": "sanctions.level.immediate",
    "high": "sanctions.level.high",
    "standard": "sanctions.level.standard",
}
ASK_NOW_STYLE = "sanctions.ask-now"
LATE = "sanctions.late"
MUTED = "sanctions.muted"
ATTENTION = "sanctions.attention"
OPEN = "sanctions.open"
IDENTITY = "sanctions.identity"
OVERRIDDEN = "sanctions.overridden"
REFUSED_KEY = "sanctions.refused-key"


def when_words(value: datetime | date | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    return value.isoformat()


def add_line(text: Text, *parts: str | tuple[str, str]) -> None:
    for part in parts:
        if isinstance(part, tuple):
            text.append(plain(part[0]), style=part[1])
        else:
            text.append(plain(part))
    text.append("\n")
