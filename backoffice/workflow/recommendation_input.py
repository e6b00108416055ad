"""A formal report's recommendation as people give it (step 11): what, who owns it, the
measurable outcome that shows it is done, and when it is due (NPM guidance para 4).

One line each, on the command line (``--recommendation``) and in the app (a line each)::

    Retrain B wing staff | owner: Governor | outcome: every B wing officer trained | due: 2027-03-01

The text comes first; ``owner`` (default: the establishment) and ``due`` (default: the
recommendation deadline) may be left out; ``outcome`` may not: a recommendation without a
measurable outcome cannot be checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from backoffice.text import parse_date
from intake.core.errors import ValidationProblem
from intake.core.validation import required_text

FORMAT = "TEXT | owner: WHO | outcome: WHAT SHOWS IT IS DONE | due: YYYY-MM-DD"
KEYS = ("owner", "outcome", "due")
MAX_OWNER = 120
MAX_TEXT = 4_000


@dataclass(frozen=True)
class RecommendationInput:
    text: str
    outcome: str
    owner: str | None = None
    due: date | None = None


def _key_value(part: str) -> tuple[str, str] | None:
    for sep in (":", "="):
        key, found, value = part.partition(sep)
        if found and key.strip().lower() in KEYS:
            return key.strip().lower(), value.strip()
    return None


def parse_recommendation(line: str, *, seq: int = 1) -> RecommendationInput:
    """One recommendation from its line; a missing outcome or an unknown part is refused with
    the format to use."""
    parts = [p.strip() for p in line.split("|")]
    what = f"recommendation {seq}"
    text = required_text(parts[0], what=f"the text of {what}", limit=MAX_TEXT)
    if _key_value(parts[0]) is not None:
        raise ValidationProblem(f"{what} starts with its {parts[0].split(':')[0]}: write {FORMAT}")
    found: dict[str, str] = {}
    for part in parts[1:]:
        pair = _key_value(part)
        if pair is None:
            raise ValidationProblem(
                f"{what}: {part!r} is not owner, outcome or due; write {FORMAT}"
            )
        key, value = pair
        if key in found:
            raise ValidationProblem(f"{what} gives its {key} twice")
        found[key] = value
    if not found.get("outcome"):
        raise ValidationProblem(
            f"{what} has no measurable outcome (what will show it is done): write {FORMAT}"
        )
    outcome = required_text(found["outcome"], what=f"the outcome of {what}", limit=MAX_TEXT)
    owner = found.get("owner") or None
    if owner is not None:
        owner = required_text(owner, what=f"the owner of {what}", limit=MAX_OWNER)
    due = parse_date(found["due"], what=f"the due date of {what}") if found.get("due") else None
    return RecommendationInput(text=text, outcome=outcome, owner=owner, due=due)
