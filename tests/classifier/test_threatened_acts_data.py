"""The words by which a threat names a detriment are data (``categories.yaml``,
``threatened_acts``): validated when loaded, and every one reachable by the rules."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from intake.classifier import classify
from intake.classifier.lexicon import CategoriesFile, vocabulary
from intake.core.vocabulary import SanctionCategory
from prompts import load_yaml

SHIPPED = load_yaml("classifier/categories.yaml")


def _with_acts(acts: dict[str, list[str]]) -> dict[str, object]:
    return {**SHIPPED, "threatened_acts": acts}


@pytest.mark.parametrize(
    ("acts", "why"),
    [
        ({"deportation": ["flight"]}, "not a detriment category"),
        ({"transfer": ["Shipped"]}, "upper case: the rules read lower-cased words"),
        ({"transfer": ["up  north"]}, "two spaces: never a phrase of words"),
        ({"transfer": [""]}, "empty"),
        ({"transfer": ["'s"]}, "an apostrophe alone: never a word the tokenizer reads"),
        ({"transfer": "shipped"}, "a word, not a list"),
    ],
)
def test_a_malformed_threatened_act_is_refused(acts: dict[str, list[str]], why: str) -> None:
    with pytest.raises(ValidationError):
        CategoriesFile.model_validate(_with_acts(acts))


def test_a_word_under_two_detriments_names_either() -> None:
    assert vocabulary().threatened_acts["moved"] == {
        SanctionCategory.TRANSFER,
        SanctionCategory.RELOCATION,
    }


def test_every_threatened_act_can_be_read_in_a_threat() -> None:
    # A threat's own words are read in phrases of up to three words (facts/threats.py); a
    # longer one is only read as a harm of the {harm} family.
    harms = set(load_yaml("classifier/families.yaml")["families"]["harm"])
    for words in vocabulary().threatened_acts:
        assert len(words.split()) <= 3 or words in harms, words


def test_a_threat_carried_out_is_labelled_by_the_act_the_data_names() -> None:
    text = (
        "The SO told me if I wrote to the IMB again I'd be on the next van. "
        "I wrote to them on Monday and on Wednesday I was transferred to another jail."
    )
    got = classify(text, learned=False)
    assert SanctionCategory.TRANSFER in got.categories
    assert SanctionCategory.THREATS not in got.categories
