"""Issue 13, session 16: detriments in words of their own, and what only looks like one.

- What the person chose themselves (stopped using the showers, staying behind her own door) is
  no detriment; being kept behind the door still is.
- Private papers read out to others, and being shown up before a crowd said other ways, are
  humiliation; walking past the wing office is not.
- Post going walkabout, letters already opened or torn in half; crossed off the gym list, kept
  last for everything, not let out for the gym; threats to parole and "pack light".
- Denials in new words ("can't fault the officers", "not one comeback"); deaths told plainly and
  the idiom "dead on his feet".

The rules are tested alone (``learned=False``). Every text was written for these tests.
"""

from __future__ import annotations

import pytest

from intake.classifier import classify
from intake.core.vocabulary import Qualifies, Route, SanctionCategory

C = SanctionCategory
BEFORE = "Since I wrote to the IMB about the heating, "


@pytest.mark.parametrize(
    ("text", "chosen", "done"),
    [
        (
            BEFORE + "an officer calls me 'Board boy' every morning. I've stopped using the "
            "showers because he's on that landing.",
            C.ENTITLEMENTS,
            C.VERBAL_ABUSE,
        ),
        (
            BEFORE + "the SO calls her a grass at every unlock. She is staying behind her door "
            "now, she won't come out.",
            C.ISOLATION,
            C.VERBAL_ABUSE,
        ),
    ],
    ids=["stopped-using-showers", "staying-behind-her-door"],
)
def test_what_the_person_chose_is_no_detriment(
    text: str, chosen: SanctionCategory, done: SanctionCategory
) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert chosen not in result.categories
    assert done in result.categories


def test_being_kept_behind_the_door_is_still_isolation() -> None:
    text = BEFORE + "they have kept me behind my door at association all week."
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert C.ISOLATION in result.categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (BEFORE + "an officer read out part of my mum's letter to the whole queue.", C.HUMILIATION),
        (BEFORE + "the SO read my nan's card out on the landing at tea.", C.HUMILIATION),
        (
            BEFORE + "the officer shouted 'here's the Board's pet' at dinner and everyone turned "
            "round and looked at me.",
            C.HUMILIATION,
        ),
        (BEFORE + "they marched me to the block past the whole landing.", C.HUMILIATION),
        (BEFORE + "my post keeps going walkabout.", C.COMMUNICATION_LIMITS),
        (BEFORE + "my mum's letters reach me already opened.", C.COMMUNICATION_LIMITS),
        (BEFORE + "the officer took my next app and tore it in half.", C.COMMUNICATION_LIMITS),
        (BEFORE + "the PEI keeps crossing me off the gym list.", C.ENTITLEMENTS),
        (BEFORE + "staff keep me last for everything, food included.", C.ENTITLEMENTS),
        (BEFORE + "I haven't been let out for the gym once.", C.ENTITLEMENTS),
        (
            BEFORE + "my offender manager said my parole report 'can be written more than one "
            "way'.",
            C.THREATS,
        ),
        (BEFORE + "the SO says 'pack light' every time he passes my door.", C.THREATS),
    ],
    ids=[
        "letter-read-out",
        "card-read-out",
        "everyone-turned-round",
        "past-the-whole-landing",
        "post-walkabout",
        "already-opened",
        "torn-in-half",
        "crossed-off-gym-list",
        "kept-last",
        "not-let-out-for-gym",
        "parole-report",
        "pack-light",
    ],
)
def test_detriments_in_words_of_their_own(text: str, category: SanctionCategory) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert category in result.categories


def test_walking_past_the_wing_office_is_no_audience() -> None:
    text = BEFORE + "the SO draws a finger across his throat when I walk past the wing office."
    result = classify(text, learned=False)
    assert C.HUMILIATION not in result.categories


@pytest.mark.parametrize(
    "text",
    [
        "I've seen the Board loads about my canteen. Can't fault the officers, they've been "
        "fine. I lost my gym slot because the gym flooded.",
        "Told the inspectors plenty and not one comeback off anyone. My job went when I failed "
        "a drug test, I put my hands up to that.",
    ],
    ids=["cant-fault-the-officers", "not-one-comeback"],
)
def test_denials_in_new_words(text: str) -> None:
    assert classify(text, learned=False).qualifies is Qualifies.NO


def test_a_pad_mate_who_hanged_himself_is_a_death_in_custody() -> None:
    text = (
        "My pad mate hung himself on Sunday and I was the one who found him. The officers "
        "haven't asked how I am."
    )
    assert classify(text, learned=False).route is Route.DEATH_IN_CUSTODY


def test_dead_on_his_feet_is_no_death() -> None:
    text = (
        "After he told the Board about the heating, he was moved three times in a week, the DCO "
        "saying 'we'll keep you moving'. He is dead on his feet."
    )
    result = classify(text, learned=False)
    assert result.route is Route.SANCTION_PROTOCOL
    assert C.RELOCATION in result.categories
