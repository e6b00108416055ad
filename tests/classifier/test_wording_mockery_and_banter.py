"""Issue 13, session 18: mockery in its other forms, banter the person shrugs off, what was done to
everyone, and where a threat's list of acts ends.

- Mockery before others said without the usual words: anything mimicked, noises made at the
  person, words read out in a silly accent, a mock salute, a photo shown round, laughing with
  colleagues, done for laughs, made to kneel, walked in on while dressing, standing at the shower.
- Its false friends: name-calling the person calls banter ("its jokes tho, I don't mind", "I give
  it back"), and a loss everyone had ("everyone lost theirs"), not "everyone else gets theirs",
  which singles the person out.
- A threat's clause stops at a word of time ("and later saw him reading it out").

The rules are tested alone (``learned=False``). Every text was written for these tests.
"""

from __future__ import annotations

import pytest

from intake.classifier import classify
from intake.core.vocabulary import Qualifies, SanctionCategory

C = SanctionCategory
BEFORE = "Since I went to the IMB about my canteen, "


@pytest.mark.parametrize(
    "after",
    [
        "the officer on the servery mimics the way I walk while the queue watches.",
        "two of the night staff make chicken noises at my door when the lads are out.",
        "the SO read my app out in a squeaky voice at the hatch.",
        "the officer greets me at unlock with a big mock salute.",
        "an officer took a picture of my cell and showed it round the wing office.",
        "the DCO reads my letters and sits laughing with his colleagues about them.",
        "they put my drawings on the office window for laughs.",
        "the officers made me kneel on the landing at dinner time.",
        "a male officer walked in while I was getting dressed and said 'go tell them'.",
        "an officer keeps standing outside the showers laughing when I'm in there.",
        "the SO read my complaint out to the group at association.",
    ],
    ids=[
        "mimics-his-walk",
        "chicken-noises",
        "squeaky-voice",
        "mock-salute",
        "photo-shown-round",
        "laughing-with-colleagues",
        "for-laughs",
        "made-to-kneel",
        "walked-in-dressing",
        "outside-the-showers",
        "read-out-to-the-group",
    ],
)
def test_mockery_before_others_said_other_ways_is_humiliation(after: str) -> None:
    result = classify(BEFORE + after, learned=False)
    assert result.qualifies is Qualifies.YES
    assert C.HUMILIATION in result.categories


@pytest.mark.parametrize(
    "text",
    [
        "Since I asked for the Board forms the staff call me 'Little Monitor'. Its jokes tho, I "
        "don't mind, they've all got nicknames. What I want is my gym back on the list.",
        "The lads and two officers call me the Inspector since I did the HMIP survey. Honestly "
        "it's banter, I give it back. I'm here about my canteen refund.",
        "Since the IMB visit the officer on the hotplate calls me 'Board man'. We get on fine, "
        "I don't want anything done. I need a new mattress.",
        "Staff call me 'the lawyer' since I did the IMB forms for the lads. Its a joke lol, "
        "they're sound. Can I get more phone credit.",
        "Pr queried why his IMB letter came back from the post office. Off. explained it goes in "
        "the IMB box. Pr reposted it the same day, satisfied with the explanation.",
    ],
    ids=["jokes-tho", "banter-give-it-back", "get-on-fine", "a-joke-lol", "satisfied"],
)
def test_name_calling_the_person_shrugs_off_as_banter_is_no_sanction(text: str) -> None:
    assert classify(text, learned=False).qualifies is Qualifies.NO


@pytest.mark.parametrize(
    ("text", "qualifies"),
    [
        (
            "I saw the IMB on Tuesday. On Saturday all visits were cancelled for staffing, "
            "everyone lost theirs, the notice was on every wing.",
            Qualifies.NO,
        ),
        (
            "I saw the IMB on Tuesday. Since then my visits keep getting cancelled and everyone "
            "else gets theirs.",
            Qualifies.YES,
        ),
    ],
    ids=["everyone-lost-theirs", "everyone-else-gets-theirs"],
)
def test_a_loss_everyone_had_is_no_sanction_one_that_singles_out_is(
    text: str, qualifies: Qualifies
) -> None:
    assert classify(text, learned=False).qualifies is qualifies


def test_a_threats_clause_ends_at_a_word_of_time() -> None:
    text = (
        "A night officer heard the CM tell Pr K. he'd be on the block if he wrote to the "
        "ombudsman again, and later saw the CM reading his PPO letter aloud at the hatch."
    )
    result = classify(text, learned=False)
    assert C.THREATS in result.categories
    assert C.HUMILIATION in result.categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Since I spoke to the inspectors my keyworker keeps on at me to pull the complaint.",
            C.PSYCHOLOGICAL_ABUSE,
        ),
        (
            "Since the IMB visit miss told me I cant go to the cooking class no more.",
            C.LOSS_OF_EMPLOYMENT,
        ),
        (
            "After my letter to the PPO he was told he is off the Tuesday reading class.",
            C.LOSS_OF_EMPLOYMENT,
        ),
        (
            "Since her complaint went to the ombudsman she has been moved to a cell next to the "
            "office.",
            C.RELOCATION,
        ),
    ],
    ids=["keeps-on-at-me", "cant-go-to-class", "off-the-class", "cell-next-to-the-office"],
)
def test_detriments_in_everyday_words(text: str, category: SanctionCategory) -> None:
    assert category in classify(text, learned=False).categories
