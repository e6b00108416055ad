"""Issue 13, session 13: threats said as conditions, and informing said in staff's own words.

- A threat is often a condition on the contact: "next time you go to that office ...", "keep
  writing and I'll ...", "speak to them again and ...", "unless you withdraw ...", "another word
  from you", "I'll make sure ...", "you're mine". A sarcastic "put another app in then" or the
  person's own "I don't want to see her again, and ..." is no threat.
- Staff telling others the person informed, in words of their own: a quoted call to "lads" or
  "girls" naming the body, told to "a lad on the spur" or "them all". Psychological abuse (and
  humiliation with the person there, eval README).
- What a contact was about ends where a member of staff acts: "rang the ombudsman about my
  restraint the staff on my unit call me ..." is a detriment after the contact; "complained about
  the officer who restrained him" is still the topic.

The rules are tested alone (``learned=False``). Every text was written for these tests.
"""

from __future__ import annotations

import pytest

from intake.classifier import classify
from intake.core.vocabulary import Qualifies, SanctionCategory

THREATS = SanctionCategory.THREATS
PSYCH = SanctionCategory.PSYCHOLOGICAL_ABUSE
HUMILIATION = SanctionCategory.HUMILIATION


@pytest.mark.parametrize(
    "text",
    [
        "After I saw the IMB about the laundry an officer said 'next time you go to them "
        "you lose your canteen too'.",
        "Since my PPO complaint the SO says 'keep writing to the ombudsman and I'll make sure "
        "your visits get cut'.",
        "Told the inspectors about the food. Officer at the hatch: 'talk to them again and you "
        "can forget the gym'.",
        "She put in a complaint to the ombudsman. Her keyworker said that unless she withdraws "
        "it by Monday her enhanced is gone.",
        "After I went to the Board the SO said if the Board hears another word from me my "
        "family visit is off.",
        "I spoke to the inspectors on Tuesday. A DCO said 'when the inspectors go home "
        "Friday, you're mine'.",
        "since i wrote to the board the officer on nights keeps saying 'hope youre not scared "
        "of heights' when i pass the railings",
    ],
)
def test_threats_said_as_conditions(text: str) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert THREATS in result.categories


@pytest.mark.parametrize(
    "text",
    [
        "Pr missed his methadone Sat and Sun since his IMB app went in. Wing officer: 'put "
        "another app in then'.",
        "I want to complain about a Board member who laughed at me. I don't want to see her "
        "again, and I want a different member.",
    ],
)
def test_a_sarcastic_reply_or_the_persons_own_wish_is_no_threat(text: str) -> None:
    assert THREATS not in classify(text, learned=False).categories


def test_a_threat_carried_out_is_labelled_by_the_act() -> None:
    text = (
        "I went to the Board about the showers and the SO said 'go to the Board again and you "
        "can kiss that job goodbye'. I went again in June. Next morning my name was off the "
        "cleaners' list."
    )
    result = classify(text, learned=False)
    assert SanctionCategory.LOSS_OF_EMPLOYMENT in result.categories
    assert THREATS not in result.categories


@pytest.mark.parametrize(
    ("text", "public"),
    [
        (
            "After my one-to-one with the inspectors the officer stood on the landing and "
            "shouted 'gather round, lads, the inspectors' little helper lives here'.",
            False,
        ),
        (
            "Since I rang the ombudsman the officer told a lad on my spur, right in front of "
            "me, that 'your neighbour writes to the ombudsman about all of you'.",
            True,
        ),
        (
            "After I saw the IMB the officer came into the workshop and told them all that "
            "'this one runs to the Board with everything'.",
            False,
        ),
    ],
)
def test_staff_telling_others_the_person_informed_in_their_own_words(
    text: str, public: bool
) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert PSYCH in result.categories
    assert (HUMILIATION in result.categories) is public


def test_a_quoted_remark_about_people_who_talk_is_not_telling_others() -> None:
    text = (
        "I put an app in to the Board. The officer said, 'people who moan to the Board don't "
        "get far here, lads'. A week later my enhanced was taken."
    )
    assert PSYCH not in classify(text, learned=False).categories


def test_what_a_contact_was_about_ends_where_staff_act() -> None:
    text = (
        "since my mum rang the ombudsman about my restraint the staff on my unit call me "
        "'little miss ombudsman' when they come in"
    )
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert SanctionCategory.VERBAL_ABUSE in result.categories


def test_a_contact_about_a_member_of_staff_stays_the_topic() -> None:
    text = (
        "He complained to the ombudsman about the officer who pushed him in the servery. "
        "Nothing has happened since."
    )
    assert SanctionCategory.PHYSICAL_ABUSE not in classify(text, learned=False).categories


@pytest.mark.parametrize(
    "text",
    [
        "The next time I went to the Board they moved me to the 4s.",
        "I had to write to the Board again and they moved me to the 4s.",
    ],
)
def test_the_persons_own_next_time_or_again_is_no_threat(text: str) -> None:
    result = classify(text, learned=False)
    assert THREATS not in result.categories
    assert SanctionCategory.RELOCATION in result.categories
