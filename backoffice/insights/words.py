"""Words both front ends use: bars, changes, days, shares and the period."""

from __future__ import annotations

from backoffice.insights.figures import Insights

BAR = "█"


def bar(count: int, most: int, width: int = 20) -> str:
    """A text bar for ``count`` out of ``most`` (at least one block for any count above 0)."""
    if count <= 0 or most <= 0:
        return ""
    return BAR * max(1, round(width * count / most))


def change_words(count: int, previous: int | None) -> str:
    """The change from the period before, in words ('' without a period before)."""
    if previous is None:
        return ""
    if count == previous:
        return "same"
    sign = "+" if count > previous else "-"
    return f"{sign}{abs(count - previous)}"


def days_words(days: float | None) -> str:
    if days is None:
        return "-"
    return f"{days:g} d"


def share_words(share: float | None) -> str:
    return "-" if share is None else f"{100 * share:.0f}%"


def period_words(insights: Insights) -> str:
    start = insights.date_from.isoformat() if insights.date_from else "the first case"
    return f"received {start} to {insights.date_to.isoformat()}"
