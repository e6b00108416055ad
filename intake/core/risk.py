"""Risk triage at intake (NPM guidance 3.3): immediate, high or standard."""

from __future__ import annotations

from pydantic import BaseModel, Field

from intake.core.vocabulary import RiskLevel, Severity

# Heightened-risk factors staff may tick (NPM guidance 3.3: people at heightened risk).
VULNERABILITIES = (
    "under_18",
    "disability",
    "mental_health",
    "language",
    "migration_status",
    "recent_arrival_or_transfer",
    "on_acct",
)


class RiskAnswers(BaseModel):
    """What staff established in the risk questions."""

    immediate_danger: bool = False
    self_harm: bool = False
    injuries: bool = False
    still_happening: bool = False
    vulnerabilities: list[str] = Field(default_factory=list)
    notes: str | None = None
    #: With an immediate risk: what staff did at once (who they told) and when, as they said it.
    action_taken: str | None = None
    action_at: str | None = None


def assess_risk(
    answers: RiskAnswers, *, classifier_immediate: bool = False, severity: Severity | None = None
) -> RiskLevel:
    """Immediate for a present serious danger; high for injury, vulnerability or serious cases."""
    if answers.immediate_danger or answers.self_harm:
        return RiskLevel.IMMEDIATE
    if classifier_immediate and (answers.injuries or answers.still_happening):
        return RiskLevel.IMMEDIATE
    if (
        answers.injuries
        or answers.still_happening
        or answers.vulnerabilities
        or classifier_immediate
        or severity == Severity.EXCEPTIONAL
    ):
        return RiskLevel.HIGH
    return RiskLevel.STANDARD


def risk_rank(level: RiskLevel, *, possible_immediate_risk: bool = False) -> int:
    """A case's place in the queue (``sanction_case.risk_rank``), 0 the most urgent.

    Risk level first (immediate, high, standard); within high and within standard, a case
    whose classification saw a possible immediate risk ("ask now") comes before the others.
    Stored on the case so the queue's one indexed ORDER BY (risk_rank, created_at) serves it.
    """
    ask_now = possible_immediate_risk and level != RiskLevel.IMMEDIATE
    return 2 * level.rank - (1 if ask_now else 0)
