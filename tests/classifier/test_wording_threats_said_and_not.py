"""Issue 13, session 15: threats said other ways, and what only looks like one.

- Veiled threats of harm (slipping in the showers, a very sore weekend, a thumb across the
  throat, a kicking planned, "the next one I find"); a fall that happened is none.
- A warning about the person's own conduct that they accept is no threat, and what was done to
  them elsewhere stands; a charge for "a threat" and a joke told as one are no threats.
- An assault or a threat by another prisoner counts only when staff permit it.

The rules are tested alone (``learned=False``). Every text was written for these tests.
"""

from __future__ import annotations

import pytest

from intake.classifier import classify
from intake.core.vocabulary import Qualifies, SanctionCategory

C = SanctionCategory


@pytest.mark.parametrize(
    ("text", "done"),
    [
        (
            "The day after the Board saw me I was taken off the servery and the SO said 'that's "
            "what talking to the Board gets you'. He also said if I kick off again I'm going "
            "down the block, but that's fair, I did kick off.",
            C.LOSS_OF_EMPLOYMENT,
        ),
        (
            "After I told the inspectors about the restraint, staff took me off the barbering "
            "course, one saying 'should have kept quiet for the inspectors'. They also said I'd "
            "lose my TV if I kept swearing; fair enough, I was swearing.",
            C.LOSS_OF_EMPLOYMENT,
        ),
    ],
)
def test_an_accepted_warning_leaves_what_was_done(text: str, done: SanctionCategory) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert done in result.categories
    assert C.THREATS not in result.categories


@pytest.mark.parametrize(
    "text",
    [
        "Since I told the inspectors about the showers they nicked me for a threat I never "
        "made, and my cell gets turned over every morning.",
        "One officer joked 'careful or you'll be in the inspectors' report' at pool. Since I "
        "spoke to the inspectors the other one keeps my letters in the office.",
    ],
)
def test_a_charge_for_a_threat_and_a_joke_are_no_threats(text: str) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert C.THREATS not in result.categories


def test_an_assault_by_another_prisoner_staff_stopped_is_no_sanction() -> None:
    text = (
        "Last night another detainee punched him because he had translated for men who spoke "
        "to the IMB. DCOs pulled the man off at once and took him to healthcare."
    )
    result = classify(text, learned=False)
    assert C.PHYSICAL_ABUSE not in result.categories
    assert result.qualifies is Qualifies.NO


def test_an_assault_by_staff_beside_other_prisoners_is_still_physical_abuse() -> None:
    text = (
        "After he told the inspectors about the food, staff kept him in while no other lads "
        "were out, and one of them grabbed him by the throat on the landing."
    )
    assert C.PHYSICAL_ABUSE in classify(text, learned=False).categories


def test_a_threat_from_the_prisoner_the_person_reported_is_not_staffs() -> None:
    text = (
        "After she told the Board about bullying in the laundry, the woman she named told "
        "others she'll 'get her in the showers'. Staff moved that woman to another house."
    )
    result = classify(text, learned=False)
    assert C.THREATS not in result.categories


@pytest.mark.parametrize(
    "text",
    [
        "Since I spoke to the inspectors the SO says 'funny how lads who talk to inspectors "
        "slip in the showers'.",
        "After my IMB app the officer on the 3s said I'd have 'a very sore weekend' if I kept "
        "writing.",
        "Since the ombudsman upheld my complaint the SO runs his thumb across his throat "
        "whenever I pass the office.",
        "My cellmate heard two officers saying they're going to give 'the Board's grass' a "
        "kicking on nights. I went to the Board last week.",
        "After I saw the IMB the officer told me 'be a shame if you went down them stairs'.",
        "A DCO tore up his IMB application and said 'next one I find, you go to separation'.",
    ],
)
def test_veiled_threats_of_harm(text: str) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is not Qualifies.NO
    assert C.THREATS in result.categories


def test_a_fall_that_happened_is_no_threat() -> None:
    text = (
        "Since his son wrote to the IMB his evening tablets have not been given five times. "
        "He fell on the landing yesterday."
    )
    assert C.THREATS not in classify(text, learned=False).categories
