"""Issue 13: intimidation said in many ways, one class of wording at a time: staff telling other
prisoners the person informed, pressure to withdraw, veiled threats, and a whistleblower's fear
that is not a threat to the prisoner.

Every text here was written for these tests (none comes from the labelled sets).
"""

from __future__ import annotations

import pytest

from intake.classifier import classify
from intake.core.vocabulary import Qualifies

NO = Qualifies.NO


# ---- told others they informed: psychological abuse, humiliation when in front of them
EXPOSED = [
    "Since I wrote to the ombudsman the SO has told the other women on my spur that I've been "
    "talking to the ombudsman about them.",
    "An officer let the lads on the 2s know I was the one who dobbed them in to the Board.",
    "Staff announced to the unit that the new boy had been speaking to the inspectors about "
    "the fights.",
    "After my IMB app the screws told the whole wing I'm a grass for the monitors.",
]
EXPOSED_IN_FRONT = [
    "After my IMB app the wing officer told the whole landing I'd been writing to the Board, "
    "in front of me at the servery.",
    "The SO shouted to the lads that she'd been telling tales to the inspectors while she was "
    "standing right there.",
]
OWN_TELLING = [
    "I told the lads on my landing I had written to the ombudsman about the heating.",
    "He had told the other men that he wanted to speak to the inspectors about the food.",
]


@pytest.mark.parametrize("text", EXPOSED)
def test_staff_telling_others_the_person_informed_is_psychological_abuse(text: str) -> None:
    result = classify(text)
    assert result.qualifies is not NO, result.rationale
    assert "psychological_abuse" in {c.value for c in result.categories}, result.rationale


@pytest.mark.parametrize("text", EXPOSED_IN_FRONT)
def test_exposed_in_front_of_the_person_is_humiliation_too(text: str) -> None:
    named = {c.value for c in classify(text).categories}
    assert {"psychological_abuse", "humiliation"} <= named


@pytest.mark.parametrize("text", OWN_TELLING)
def test_the_persons_own_telling_is_no_detriment(text: str) -> None:
    result = classify(text, learned=False)
    assert "psychological_abuse" not in {c.value for c in result.categories}


def test_threats_from_prisoners_staff_set_on_the_person_count() -> None:
    text = (
        "The officers told the lads on the 3s I'd grassed to the Board, and now two of them say "
        "I'm getting battered in the showers tomorrow."
    )
    assert "threats" in {c.value for c in classify(text).categories}


# ---- pressure to withdraw, however it is put
PRESSURE_TO_WITHDRAW = [
    "My keyworker keeps asking me to think again about withdrawing my IMB complaint.",
    "The governor told me to do the sensible thing and pull it, meaning my letter to the PPO.",
    "Since the inspectors came the SO brings up my complaint to them at every review.",
]


@pytest.mark.parametrize("text", PRESSURE_TO_WITHDRAW)
def test_pressure_to_withdraw_is_psychological_abuse(text: str) -> None:
    result = classify(text)
    assert "psychological_abuse" in {c.value for c in result.categories}, result.rationale


# ---- veiled threats
VEILED_THREATS = [
    "Since I saw the IMB, the officer said keep writing to them and see what happens to your "
    "parole.",
    "After my PPO letter an officer told me next time it'll be my legs.",
    "The DCO said the inspectors can't protect you in here, two days after I spoke to them.",
    "Since my complaint to the Board the officer on nights says I want to be careful who's "
    "behind me on the stairs.",
    "Because I went to the ombudsman the SO said tomorrow will be worse for me.",
]


@pytest.mark.parametrize("text", VEILED_THREATS)
def test_veiled_threats_are_named(text: str) -> None:
    result = classify(text)
    assert result.qualifies is not NO, result.rationale
    assert "threats" in {c.value for c in result.categories}, result.rationale


def test_a_staff_members_fear_for_their_job_is_not_a_threat_to_the_prisoner() -> None:
    text = (
        "Night OSG: I saw the SO put Pr R. on basic for writing to the Board. My colleagues say "
        "I'll be finished here if I write it up, and I'm scared for my contract."
    )
    result = classify(text, learned=False)
    assert "threats" not in {c.value for c in result.categories}, result.rationale
    assert "recategorisation" in {c.value for c in result.categories}
