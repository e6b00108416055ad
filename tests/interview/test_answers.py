"""What staff type, turned into answers, or refused with a clear message."""

from __future__ import annotations

from datetime import date

import pytest

from intake.core.errors import ValidationProblem
from intake.core.establishments import default_directory
from intake.interview.answers import Parsed, parse_answer
from intake.interview.script import load_script

TODAY = date(2026, 11, 23)


def parse(key: str, text: str) -> Parsed:
    question = load_script().question(key)
    return parse_answer(question, text, directory=default_directory(), today=TODAY)


def test_choice_by_number_or_words_or_typo() -> None:
    assert parse("raised_by", "1").value == "person"
    assert parse("raised_by", "another prisoner").value == "other_prisoner"
    assert parse("raised_by", "solicitr").value == "lawyer"
    assert parse("age_band", "under 18").value == "under_18"


def test_choice_out_of_range_lists_the_options() -> None:
    with pytest.raises(ValidationProblem, match="choose a number from 1 to"):
        parse("raised_by", "9")
    with pytest.raises(ValidationProblem, match="not one of the choices"):
        parse("raised_by", "the moon")


def test_multi_choice() -> None:
    assert parse("body", "1, 3").value == ["HMIP", "PPO"]
    assert parse("body", "imb and ombudsman").value == ["IMB", "PPO"]
    assert parse("body", "not sure").value == []
    with pytest.raises(ValidationProblem, match="cannot be combined"):
        parse("evidence", "cctv, none")


def test_yes_no_and_the_reassurance_must_be_given() -> None:
    assert parse("self_harm", "n").value is False
    assert parse("self_harm", "Yes").value is True
    with pytest.raises(ValidationProblem, match="yes or no"):
        parse("self_harm", "perhaps")
    with pytest.raises(ValidationProblem, match="reassurance"):
        parse("reassurance_given", "no")


def test_prison_number_formats() -> None:
    assert parse("prison_number", "a1234bc").value == "A1234BC"
    assert parse("prison_number", "unknown").value is None
    with pytest.raises(ValidationProblem, match="such as A1234BC"):
        parse("prison_number", "1234ABC")


def test_dates_as_people_say_them_and_never_in_the_future() -> None:
    assert parse("contact_date", "last Tuesday").value == "2026-11-17"
    assert parse("contact_date", "two weeks ago").value == "2026-11-09"
    assert parse("contact_date", "12/10").value == "2026-10-12"
    assert parse("visit_date", "").value == "2026-11-23"
    with pytest.raises(ValidationProblem, match="in the future"):
        parse("contact_date", "next Friday")
    with pytest.raises(ValidationProblem, match="in the future"):
        parse("contact_date", "01/01/2027")


@pytest.mark.parametrize(
    ("typed", "due"),
    [
        ("next Friday", "2026-11-27"),
        ("in two weeks", "2026-12-07"),
        ("24/12", "2026-12-24"),
        ("today", "2026-11-23"),
        ("23/11", "2026-11-23"),
        ("5/1", "2027-01-05"),  # next January: this year's has long passed
    ],
)
def test_a_move_is_due_on_a_day_still_to_come(typed: str, due: str) -> None:
    assert parse("move_date", typed).value == due


@pytest.mark.parametrize(
    ("typed", "gone"),
    [
        ("yesterday", "22 November 2026"),
        ("last week", "16 November 2026"),
        ("01/06/2026", "01 June 2026"),
        ("3/11", "03 November 2026"),  # this month's, just gone: never read as next year's
    ],
)
def test_a_move_date_that_has_passed_is_refused_with_the_date(typed: str, gone: str) -> None:
    with pytest.raises(ValidationProblem, match=f"{gone} has passed; give the date it is due"):
        parse("move_date", typed)


def test_a_move_date_may_be_unknown_but_not_empty() -> None:
    assert parse("move_date", "unknown").value is None
    with pytest.raises(ValidationProblem, match="a date is needed"):
        parse("move_date", "")


def test_establishment_fuzzy_and_out_of_scope() -> None:
    assert parse("establishment", "the scrubs").value["name"] == "HMP Wormwood Scrubs"
    place = parse("establishment", "Leeds police station").value
    assert place["not_covered"] == "police custody"
    with pytest.raises(ValidationProblem, match="could be several places"):
        parse("establishment", "Heathrow IRC")
    with pytest.raises(ValidationProblem, match="no establishment found"):
        parse("establishment", "qwxz plorb")


def test_empty_required_answer_is_refused() -> None:
    with pytest.raises(ValidationProblem, match="is needed"):
        parse("person_name", "   ")


def test_skippable_answer() -> None:
    assert parse("witnesses", "skip").value is None


@pytest.mark.parametrize(
    ("key", "typed"),
    [("interpreter_language", "skip"), ("person_name", "n/a"), ("raised_by", "pass")],
)
def test_skip_typed_where_an_answer_is_needed_is_refused_not_kept(key: str, typed: str) -> None:
    with pytest.raises(ValidationProblem, match="cannot be skipped"):
        parse(key, typed)


def test_a_prison_number_may_be_unknown_but_not_skipped() -> None:
    assert parse("prison_number", "unknown").value is None
    with pytest.raises(ValidationProblem, match="type 'unknown'"):
        parse("prison_number", "skip")


def test_huge_paste_and_control_characters() -> None:
    with pytest.raises(ValidationProblem, match="more than the"):
        parse("staff_involved", "x" * 100_001)
    narrative = parse("narrative", "Officer said \x1b[31m[bold red]grass\x1b[0m\x07 to me")
    assert narrative.value == "Officer said [bold red]grass to me"
    big = parse("narrative", "word " * 9_000)
    assert len(big.value) > 40_000
