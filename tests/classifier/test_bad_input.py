"""Unusable input raises one clear exception type; odd but usable input is classified."""

from __future__ import annotations

from typing import Any

import pytest

from intake.classifier import MAX_TEXT_CHARS, ClassifierInputError, classify
from intake.core.vocabulary import Qualifies


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \n\t  ", "empty"),
        ("\x00\x01\x07\x1b\u200b", "empty"),
        ("x" * (MAX_TEXT_CHARS + 1), "limit"),
        ("since I saw the IMB they moved me. " * 30_000, "limit"),  # about 1 MB
        (None, "string"),
        (b"since I saw the IMB", "string"),
        (42, "string"),
    ],
)
def test_unusable_input_raises_classifier_input_error(text: Any, message: str) -> None:
    """``text: Any``: what a careless caller might pass, whatever the signature says."""
    with pytest.raises(ClassifierInputError, match=message):
        classify(text)


def test_the_error_is_a_value_error_for_callers_that_catch_those() -> None:
    assert issubclass(ClassifierInputError, ValueError)


def test_terminal_escapes_and_markup_are_classified_and_quoted_literally() -> None:
    text = "\x1b[31m[bold]After I wrote to the PPO[/bold] they stopped my visits\x1b[0m"
    result = classify(text)
    assert result.qualifies is Qualifies.YES
    for ev in result.evidence:
        assert text[ev.start : ev.end] == ev.matched


def test_a_long_paste_within_the_limit_is_classified() -> None:
    filler = "The food was cold again and the showers on the twos are still broken. "
    text = filler * 1000 + "Since I spoke to the IMB the officers have kept me behind my door."
    assert len(text) < MAX_TEXT_CHARS
    result = classify(text)
    assert result.qualifies is Qualifies.YES
    assert "isolation" in {c.value for c in result.categories}
    (body,) = [ev for ev in result.evidence if ev.label == "body:IMB"]
    assert text[body.start : body.end] == "IMB"
    assert body.start > len(filler) * 1000


def test_non_english_letters_and_emoji_do_not_move_the_spans() -> None:
    text = "Señor Díaz 😢 says since he saw the inspectors they've had him down the block."
    result = classify(text)
    assert result.qualifies is Qualifies.YES
    for ev in result.evidence:
        assert text[ev.start : ev.end] == ev.matched


@pytest.mark.parametrize(
    "text",
    ["aged ¹⁶ when the IMB came", "① ② ③ visits stopped", "٣ days on basic", "9" * 5000],
)
def test_unicode_digits_and_huge_numbers_are_classified(text: str) -> None:
    classify(text)  # "¹⁶" is a digit to isdigit() but not to int(): it once crashed here
