"""Issue 13, seventh batch: concepts the rules missed in wording they had not seen.

- A threat's shape ("if you ... again", "you'll be ...", "one more word") is a threat only when it
  names a harm or a detriment ("you'll be on basic", "you'll regret it"), not "you'll be fine".
- Humiliation is a degrading act before an audience, whoever the audience is (the queue, other
  patients, waiting families), and an officer watching is not an audience.
- A move to a named establishment (any name or alias the project knows) is a transfer.
- A hold on a part of the body ("grabbed her by the wrist", "a thumb lock") is force; an asthma
  attack is not an assault.
- A job or education place given away, and a medicine still missing, are detriments.

The rules are tested alone (``learned=False``). Every text was written for these tests.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from intake.classifier import Classification, classify
from intake.classifier.lexicon import establishment_words
from intake.classifier.patterns import WORD_RE
from intake.core.establishment_data import reference_establishments
from intake.core.vocabulary import Qualifies

YES = Qualifies.YES


def _rules(text: str) -> Classification:
    return classify(text, learned=False)


def _named(text: str) -> set[str]:
    return {c.value for c in _rules(text).categories}


# ---- a threat names a harm
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "An officer told me if I keep writing to the Board I'll be down the seg by Friday.",
            {"threats"},
        ),
        (
            "Since I went to the ombudsman the SO says if I speak to them again I'll end up on "
            "the numbers with the nonces.",
            {"threats"},
        ),
        (
            "After the inspectors left, the wing manager said one more word to them and you'll "
            "regret it.",
            {"threats"},
        ),
        (
            "Since my IMB app the officer says carry on and you'll be on the next bus out of "
            "here; my canteen was stopped on Monday.",
            {"threats", "entitlements"},
        ),
    ],
)
def test_a_threat_that_names_a_harm_is_a_threat(text: str, expected: set[str]) -> None:
    result = _rules(text)
    assert {c.value for c in result.categories} == expected, result.rationale


@pytest.mark.parametrize(
    "text",
    [
        "After I saw the IMB my canteen was stopped and the officer said you'll be fine, go "
        "back to your cell.",
        "Since I wrote to the PPO my visits were cancelled. The officer said if you write "
        "again they will have to answer you properly.",
    ],
)
def test_the_shape_of_a_threat_with_no_harm_is_not_a_threat(text: str) -> None:
    named = _named(text)
    assert "threats" not in named and named, named


def test_a_threat_of_the_block_is_not_being_put_on_the_block() -> None:
    text = "After I saw the Board the SO said one more word to them and you go to the block."
    assert _named(text) == {"threats"}


# ---- humiliation before an audience
@pytest.mark.parametrize(
    "text",
    [
        "The day after I spoke to the inspectors the officer read my letter out at dinner and "
        "the other men laughed.",
        "Since my complaint to the ombudsman an officer copies my stutter at the hatch while the "
        "whole queue cracks up.",
        "After she saw the IMB the officer made her stand facing the wall in front of waiting "
        "families for an hour.",
        "Since he went to the Board the officer chained him to the bed in front of the other "
        "patients at the hospital.",
    ],
)
def test_shown_up_before_others_is_humiliation(text: str) -> None:
    assert "humiliation" in _named(text)


def test_an_officer_watching_is_not_an_audience() -> None:
    text = (
        "The day after I gave my statement to the PPO they opened my door and let the lad I "
        "named walk in while the officer stood on the landing watching. He punched me."
    )
    named = _named(text)
    assert "humiliation" not in named and "physical_abuse" in named, named


@pytest.mark.parametrize(
    "text",
    [
        "Since I wrote to the IMB the officer stood in front of my room and told me I was a liar.",
        "After the inspectors came an officer waited in front of his unit and called him a grass.",
    ],
)
def test_a_place_before_a_possessive_is_not_an_audience(text: str) -> None:
    named = _named(text)
    assert "humiliation" not in named and "verbal_abuse" in named, named


def test_the_whole_wing_is_an_audience() -> None:
    text = (
        "The day after I saw the Board an officer read my complaint out in front of the whole wing."
    )
    assert "humiliation" in _named(text)


# ---- a move to a named establishment
@pytest.mark.parametrize(
    "text",
    [
        "Two days after I spoke to the HMIP inspectors I was told I'm on the list for Dartmoor.",
        "Since he wrote to the ombudsman they say he's moving to Full Sutton next week.",
        "After the Board visit the detainee was told he moves to Yarls Wood on Friday.",
        "Since my IMB app I've been told I'm being sent to HMP Frankland.",
    ],
)
def test_a_move_to_a_named_place_is_a_transfer(text: str) -> None:
    assert "transfer" in _named(text)


def test_where_a_person_came_from_is_not_a_transfer() -> None:
    text = (
        "I came to Lewes from Pentonville in 2023. Since I spoke to the IMB my visits keep "
        "getting cancelled."
    )
    assert _named(text) == {"communication_limits"}


def test_the_establishment_family_holds_every_place_without_its_title() -> None:
    words = set(establishment_words())
    assert {"frankland", "full sutton", "yarl's wood", "cookham wood", "parc"} <= words
    assert not any(w.startswith(("hmp ", "hmyoi ")) for w in words)
    for place in reference_establishments():  # the same file as the database layer reads
        assert " ".join(WORD_RE.findall(place.aliases[0].lower())) in words or not place.aliases


def test_the_classifier_starts_without_the_database_layer() -> None:
    """Reading the vocabulary (establishment names included) must not import SQLAlchemy: it
    would add a quarter of a second to every start of the classifier."""
    code = (
        "import sys; from intake.classifier.lexicon import vocabulary; vocabulary(); "
        "print('sqlalchemy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


# ---- holds on the body; attacks that are not assaults
@pytest.mark.parametrize(
    "text",
    [
        "After I told the IMB about the food, an officer grabbed me by the wrist and bent it.",
        "The day after the inspection the officer put me in a thumb lock in the dinner hall.",
        "Since she went to the ombudsman two officers held her arms while they searched her.",
    ],
)
def test_a_hold_on_the_body_is_force(text: str) -> None:
    assert "physical_abuse" in _named(text)


def test_an_asthma_attack_is_not_an_assault_and_an_attack_by_staff_is() -> None:
    text = (
        "Since I rang the Board about my son his visits were cancelled, and he had an asthma "
        "attack last night waiting for the nurse."
    )
    assert "physical_abuse" not in _named(text)
    text = "Since I spoke to the IMB there was an attack on me by two officers in the showers."
    assert "physical_abuse" in _named(text)


# ---- a job given away; a medicine still missing
@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Since he spoke at the IMB surgery his paid library work went to another man.",
            "loss_of_employment",
        ),
        (
            "After my letter to the PPO my place on the access course was withdrawn.",
            "loss_of_employment",
        ),
        (
            "Since his mum rang the Board he still has no inhaler and the officers laugh about it.",
            "entitlements",
        ),
    ],
)
def test_a_job_given_away_and_a_medicine_missing_are_detriments(text: str, category: str) -> None:
    result = _rules(text)
    assert result.qualifies is YES and category in {c.value for c in result.categories}, (
        result.rationale
    )


def test_a_teacher_who_stopped_is_not_a_lost_job() -> None:
    text = "Since she told the IMB about her maths teacher, the teacher stopped smiling at her."
    assert "loss_of_employment" not in _named(text)


@pytest.mark.parametrize(
    "text",
    [
        "Since I wrote to the IMB the SO keeps saying talk to them again and you'll see.",
        "After my PPO complaint the officer said carry on writing and you'll learn.",
        "Since the inspectors came the wing manager told me to stop talking to them or else.",
    ],
)
def test_a_threat_left_open_is_a_veiled_threat(text: str) -> None:
    assert "threats" in _named(text)


def test_a_threat_about_contact_with_a_body_needs_no_harm_named() -> None:
    text = "After my first letter the officer said if you write to the Board again you'll know."
    assert "threats" in _named(text)


def test_a_threat_with_no_harm_named_stands_when_it_is_the_only_detriment() -> None:
    """A doubtful threat never turns an account into a "no" on its own: a person reads it."""
    text = (
        "Since my mum rang the ombudsman the officer keeps saying you'll be first in line now, "
        "won't you."
    )
    result = _rules(text)
    assert result.qualifies is not Qualifies.NO and "threats" in _named(text), result.rationale


def test_fewer_visits_said_as_numbers_are_communication_limits() -> None:
    text = "After her sister rang the ombudsman her visits went from three a week to one."
    assert "communication_limits" in _named(text)


def test_a_letter_read_out_at_the_servery_is_not_a_lost_job() -> None:
    text = (
        "Since I wrote to the Board the officer read my letter out at the servery while the "
        "other men laughed."
    )
    named = _named(text)
    assert "loss_of_employment" not in named and "humiliation" in named, named
