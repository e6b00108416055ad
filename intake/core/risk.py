"""Risk triage at intake (NPM guidance 3.3): immediate, high or standard, and why.

Every sign that applies gives a reason in words (``prompts/risk.yaml``); the level is the
highest any reason calls for, so a reason never lowers it (immediate stays immediate). Staff
see the reasons in the interview's case panel, the review and the back office.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from intake.core.vocabulary import RiskLevel, Severity
from prompts import load_validated

RISK_FILE = "risk.yaml"

# Heightened-risk factors staff may tick (NPM guidance 3.3: people at heightened risk), and
# those the interview knows from their age or establishment (under_18, young_adult).
VULNERABILITIES = (
    "under_18",
    "young_adult",
    "protected_characteristic",
    "pregnant",
    "past_trauma",
    "mental_health",
    "language",
    "migration_status",
    "recent_arrival_or_transfer",
    "on_acct",
    "disability",
)
#: What may be coming up (question ``move_coming``; "none" is not a move).
MOVES = ("removal", "release", "transfer")


class AccountEvidence(BaseModel):
    """One evidence entry of the classification whose plain words give a reason."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str
    stands_for: str
    reason: str


class AccountWords(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    categories: dict[str, str]
    evidence: list[AccountEvidence] = Field(default_factory=list)


class SignWords(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    immediate_danger: str
    self_harm: str
    injuries: str
    still_happening: str
    account_immediate: str
    exceptional: str


class RiskWords(BaseModel):
    """``prompts/risk.yaml``: the reasons' words and the window of an imminent move."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    imminent_move_days: int = Field(ge=0, le=365)
    signs: SignWords
    heightened: dict[str, str]
    moves: dict[str, str]
    imminent_move: str
    account: AccountWords


@cache
def reason_words() -> RiskWords:
    return load_validated(RiskWords, RISK_FILE)


class RiskAnswers(BaseModel):
    """What staff established in the risk questions."""

    immediate_danger: bool = False
    self_harm: bool = False
    injuries: bool = False
    still_happening: bool = False
    #: Heightened-risk factors (``VULNERABILITIES``): ticked, or known from their age.
    vulnerabilities: list[str] = Field(default_factory=list)
    notes: str | None = None
    #: With an immediate risk: what staff did at once (who they told) and when, as they said it.
    action_taken: str | None = None
    action_at: str | None = None
    #: A removal, release or transfer coming up (``MOVES``), and the day it is due if known.
    move_kind: str | None = None
    move_date: date | None = None


class AccountReading(BaseModel):
    """What the classification of the account says that bears on risk (the stored form:
    category values and evidence entries as dicts, so core needs no classifier)."""

    immediate_risk: bool = False
    severity: Severity | None = None
    categories: list[str] = Field(default_factory=list)
    evidence: list[dict[str, Any]] = Field(default_factory=list)


class RiskTriage(BaseModel):
    """The level, and every reason for it in words (the highest reason sets the level)."""

    model_config = ConfigDict(frozen=True)

    level: RiskLevel
    reasons: list[str] = Field(default_factory=list)


Reason = tuple[RiskLevel, str]


def _signs(answers: RiskAnswers, account: AccountReading) -> list[Reason]:
    words = reason_words().signs
    found: list[Reason] = []
    if answers.immediate_danger:
        found.append((RiskLevel.IMMEDIATE, words.immediate_danger))
    if answers.self_harm:
        found.append((RiskLevel.IMMEDIATE, words.self_harm))
    if account.immediate_risk:
        # the account's risk with injuries, or still going on, is present and serious
        present = answers.injuries or answers.still_happening
        found.append((RiskLevel.IMMEDIATE if present else RiskLevel.HIGH, words.account_immediate))
    if answers.injuries:
        found.append((RiskLevel.HIGH, words.injuries))
    if answers.still_happening:
        found.append((RiskLevel.HIGH, words.still_happening))
    if account.severity == Severity.EXCEPTIONAL:
        found.append((RiskLevel.HIGH, words.exceptional))
    return found


def _heightened(answers: RiskAnswers) -> list[Reason]:
    words = reason_words().heightened
    return [(RiskLevel.HIGH, words.get(v, v.replace("_", " "))) for v in answers.vulnerabilities]


def _when(days: int) -> str:
    return {0: "today", 1: "tomorrow"}.get(days, f"in {days} days")


def imminent_move(answers: RiskAnswers, *, today: date) -> str | None:
    """The reason an imminent move gives: one due from today to ``imminent_move_days`` ahead."""
    words = reason_words()
    if answers.move_kind not in MOVES or answers.move_date is None:
        return None
    days = (answers.move_date - today).days
    if not 0 <= days <= words.imminent_move_days:
        return None
    move = words.moves.get(answers.move_kind, answers.move_kind)
    due = f"{answers.move_date.day} {answers.move_date:%B %Y}"
    text = words.imminent_move.format(move=move, date=due, when=_when(days))
    return text[0].upper() + text[1:]


def measures_in_account(
    categories: Iterable[str], evidence: Iterable[Mapping[str, Any]]
) -> list[str]:
    """Force, segregation or a strip-search the account describes, as the classification read
    it: its categories, and evidence entries whose plain words ``prompts/risk.yaml`` names."""
    words = reason_words().account
    chosen = set(categories)
    found = [reason for category, reason in words.categories.items() if category in chosen]
    items = list(evidence)
    for wanted in words.evidence:
        if any(_is(item, wanted) for item in items) and wanted.reason not in found:
            found.append(wanted.reason)
    return found


def _is(item: Mapping[str, Any], wanted: AccountEvidence) -> bool:
    stands_for = str(item.get("stands_for") or "")
    return item.get("label") == wanted.label and stands_for.startswith(wanted.stands_for)


def triage(
    answers: RiskAnswers, account: AccountReading | None = None, *, today: date
) -> RiskTriage:
    """The risk level and its reasons: immediate for a present serious danger; high for
    injuries, an account still going on or exceptionally serious, a heightened risk of
    reprisal (who they are, a move coming up within ``imminent_move_days``) or force,
    segregation or a strip-search in the account; standard otherwise."""
    account = account or AccountReading()
    found = _signs(answers, account) + _heightened(answers)
    move = imminent_move(answers, today=today)
    if move is not None:
        found.append((RiskLevel.HIGH, move))
    measures = measures_in_account(account.categories, account.evidence)
    found += [(RiskLevel.HIGH, reason) for reason in measures]
    if not found:
        return RiskTriage(level=RiskLevel.STANDARD)
    level = min((lvl for lvl, _ in found), key=lambda lvl: lvl.rank)
    reasons = list(dict.fromkeys(reason for _, reason in found))
    return RiskTriage(level=level, reasons=reasons)


def risk_rank(level: RiskLevel, *, possible_immediate_risk: bool = False) -> int:
    """A case's place in the queue (``sanction_case.risk_rank``), 0 the most urgent.

    Risk level first (immediate, high, standard); within high and within standard, a case
    whose classification saw a possible immediate risk ("ask now") comes before the others.
    Stored on the case so the queue's one indexed ORDER BY (risk_rank, created_at) serves it.
    """
    ask_now = possible_immediate_risk and level != RiskLevel.IMMEDIATE
    return 2 * level.rank - (1 if ask_now else 0)
