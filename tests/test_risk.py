"""Risk triage (NPM guidance 3.3): every heightened-risk factor, an imminent move and force,
segregation or a strip-search in the account raise standard to high, each with its reason in
words; nothing lowers an immediate risk."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from intake.core import risk
from intake.core.risk import AccountReading, RiskAnswers, reason_words, triage
from intake.core.vocabulary import RiskLevel, Severity
from intake.interview.script import load_script

TODAY = date(2026, 11, 23)
STRIP_SEARCH = {
    "start": 10,
    "end": 24,
    "matched": "strip searched",
    "label": "severity",
    "stands_for": "sexualised humiliation",
}

# (what raises it, the answers, the classification of the account, words of the reason)
FACTORS: list[tuple[str, RiskAnswers, AccountReading | None, str]] = [
    *(
        (value, RiskAnswers(vulnerabilities=[value]), None, words)
        for value, words in reason_words().heightened.items()
    ),
    (
        "release in 3 days",
        RiskAnswers(move_kind="release", move_date=TODAY + timedelta(days=3)),
        None,
        "Release due on 26 November 2026 (in 3 days)",
    ),
    (
        "removal today",
        RiskAnswers(move_kind="removal", move_date=TODAY),
        None,
        "Removal or deportation due on 23 November 2026 (today)",
    ),
    (
        "transfer on the last day of the window",
        RiskAnswers(move_kind="transfer", move_date=TODAY + timedelta(days=14)),
        None,
        "Transfer to another establishment due on 7 December 2026 (in 14 days)",
    ),
    (
        "force in the account",
        RiskAnswers(),
        AccountReading(categories=["physical_abuse"]),
        "force, restraint or assault described in the account",
    ),
    (
        "segregation in the account",
        RiskAnswers(),
        AccountReading(categories=["isolation"]),
        "segregation or isolation described in the account",
    ),
    (
        "a strip-search in the account",
        RiskAnswers(),
        AccountReading(categories=["humiliation"], evidence=[STRIP_SEARCH]),
        "a strip-search or being made to undress, described in the account",
    ),
    ("injuries", RiskAnswers(injuries=True), None, "injuries, or medical care they still need"),
    ("still happening", RiskAnswers(still_happening=True), None, "it is still happening"),
    (
        "an exceptionally serious account",
        RiskAnswers(),
        AccountReading(severity=Severity.EXCEPTIONAL),
        "the account is exceptionally serious (severity exceptional)",
    ),
]
IDS = [f[0] for f in FACTORS]


def test_nothing_to_raise_it_is_standard_with_no_reason() -> None:
    result = triage(RiskAnswers(), AccountReading(categories=["entitlements"]), today=TODAY)
    assert result.level == RiskLevel.STANDARD and result.reasons == []


@pytest.mark.parametrize(("_name", "answers", "account", "reason"), FACTORS, ids=IDS)
def test_each_factor_raises_standard_to_high_with_its_reason(
    _name: str, answers: RiskAnswers, account: AccountReading | None, reason: str
) -> None:
    result = triage(answers, account, today=TODAY)
    assert result.level == RiskLevel.HIGH
    assert result.reasons == [reason]


@pytest.mark.parametrize(("_name", "answers", "account", "reason"), FACTORS, ids=IDS)
def test_no_factor_lowers_an_immediate_risk(
    _name: str, answers: RiskAnswers, account: AccountReading | None, reason: str
) -> None:
    immediate = answers.model_copy(update={"immediate_danger": True})
    result = triage(immediate, account, today=TODAY)
    assert result.level == RiskLevel.IMMEDIATE
    assert result.reasons[0] == reason_words().signs.immediate_danger
    assert reason in result.reasons


@pytest.mark.parametrize(
    ("move_date", "raised"),
    [
        (None, False),  # the date is not known
        (TODAY - timedelta(days=1), False),  # passed
        (TODAY + timedelta(days=15), False),  # beyond the window
        (TODAY + timedelta(days=14), True),
    ],
)
def test_only_a_move_due_within_the_window_raises_it(move_date: date | None, raised: bool) -> None:
    answers = RiskAnswers(move_kind="release", move_date=move_date)
    result = triage(answers, today=TODAY)
    assert (result.level == RiskLevel.HIGH) is raised


def test_the_window_is_data(monkeypatch: pytest.MonkeyPatch) -> None:
    narrower = reason_words().model_copy(update={"imminent_move_days": 3})
    monkeypatch.setattr(risk, "reason_words", lambda: narrower)
    answers = RiskAnswers(move_kind="transfer", move_date=TODAY + timedelta(days=5))
    assert triage(answers, today=TODAY).level == RiskLevel.STANDARD
    answers = RiskAnswers(move_kind="transfer", move_date=TODAY + timedelta(days=3))
    assert triage(answers, today=TODAY).level == RiskLevel.HIGH


def test_several_reasons_are_all_kept_once_in_order() -> None:
    answers = RiskAnswers(
        vulnerabilities=["pregnant", "past_trauma"],
        move_kind="removal",
        move_date=TODAY + timedelta(days=1),
    )
    account = AccountReading(
        categories=["isolation", "physical_abuse", "humiliation"],
        evidence=[STRIP_SEARCH, STRIP_SEARCH],
    )
    result = triage(answers, account, today=TODAY)
    assert result.level == RiskLevel.HIGH
    assert result.reasons == [
        "pregnant",
        "past trauma (such as torture, trafficking or abuse)",
        "Removal or deportation due on 24 November 2026 (tomorrow)",
        "force, restraint or assault described in the account",
        "segregation or isolation described in the account",
        "a strip-search or being made to undress, described in the account",
    ]


def test_humiliation_without_a_strip_search_is_not_a_coercive_measure() -> None:
    mocked: dict[str, Any] = {**STRIP_SEARCH, "label": "category:humiliation"}
    mocked["stands_for"] = "degrading treatment in front of others"
    account = AccountReading(categories=["humiliation"], evidence=[mocked])
    assert triage(RiskAnswers(), account, today=TODAY).level == RiskLevel.STANDARD


def test_every_answer_the_interview_offers_has_its_reason_in_words() -> None:
    script = load_script()
    words = reason_words()
    ticked = {c.value for c in script.question("vulnerabilities").choices} - {"none"}
    assert ticked <= set(words.heightened) and ticked <= set(risk.VULNERABILITIES)
    moves = {c.value for c in script.question("move_coming").choices} - {"none"}
    assert moves == set(risk.MOVES) == set(words.moves)
