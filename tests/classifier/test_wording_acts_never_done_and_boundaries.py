"""Issue 13, session 15: acts said never to have happened, and categories at their boundaries.

- An act said never to have happened ("never been moved, never lost my job") is no detriment;
  an omission said with "not" still is.
- A process never opened ("never been on an ACCT", "off ACCT for a year") is no present risk.
- Detriments in words of their own (entitlements, moves, announcements, pressure as a question,
  mind games), and their false friends at the boundaries (self-inflicted cuts, what a body was
  told, eating in one's cell by choice, a wing job, a move to the CSU, threats to staff).

The rules are tested alone (``learned=False``). Every text was written for these tests.
"""

from __future__ import annotations

import pytest

from intake.classifier import classify
from intake.core.vocabulary import Qualifies, Route, SanctionCategory

C = SanctionCategory


@pytest.mark.parametrize(
    ("text", "never"),
    [
        (
            "I've had apps in to the IMB for years. Nobody has bothered me for it, I've never "
            "been moved and never lost my job. I'm here about the shower that's broken.",
            C.LOSS_OF_EMPLOYMENT,
        ),
        (
            "Spoke to the inspectors last spring. I was never once searched after, never "
            "downgraded. My complaint is the canteen prices.",
            C.PSYCHOLOGICAL_ABUSE,
        ),
    ],
)
def test_an_act_said_never_to_have_happened_is_no_detriment(
    text: str, never: SanctionCategory
) -> None:
    result = classify(text, learned=False)
    assert never not in result.categories
    assert result.qualifies is Qualifies.NO


def test_an_act_said_with_not_is_still_the_detriment() -> None:
    text = (
        "Since I wrote to the ombudsman I have not been given my canteen and they moved me "
        "to the twos."
    )
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert {C.ENTITLEMENTS, C.RELOCATION} <= set(result.categories)


@pytest.mark.parametrize(
    "text",
    [
        "I put an IMB app in about my parole dossier. I have never been on an ACCT and I feel "
        "safe; I just want the dossier chased.",
        "She has old scars, off ACCT for a year and doing well, and has asked the Board about "
        "her course. Staff have been nothing but supportive.",
    ],
)
def test_an_acct_never_opened_or_closed_is_no_present_risk(text: str) -> None:
    result = classify(text, learned=False)
    assert not result.immediate_risk
    assert result.route is not Route.SAFER_CUSTODY


def test_an_acct_open_now_is_still_a_risk() -> None:
    text = "He was put on an ACCT last night after the officer told him he'd be shipped out."
    assert classify(text, learned=False).immediate_risk


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Since my nan rang the IMB for me the night officer has stopped my evening snack.",
            C.ENTITLEMENTS,
        ),
        (
            "After I spoke to the inspectors staff said I can't go to the gym all week.",
            C.ENTITLEMENTS,
        ),
        (
            "The week after she wrote to the ombudsman she was moved off the enhanced landing "
            "back to the main wing.",
            C.RELOCATION,
        ),
        (
            "After he saw the Board a DCO announced in the lounge that he 'has been talking to "
            "the monitors'.",
            C.PSYCHOLOGICAL_ABUSE,
        ),
        (
            "Since my PPO complaint the custody manager keeps asking if I really want to put "
            "my name to it, with my Cat D board next month.",
            C.PSYCHOLOGICAL_ABUSE,
        ),
        (
            "After my letter to the IMB an officer said 'people who write to the Board should "
            "think about who unlocks them on nights'.",
            C.THREATS,
        ),
        (
            "Since my partner emailed the ombudsman the SO told me 'one more email and watch "
            "your visits go'.",
            C.THREATS,
        ),
        (
            "Since my letter to the Board I'm on basic: telly out, own clothes bagged up, two "
            "visits a month.",
            C.ENTITLEMENTS,
        ),
        (
            "A week after the inspectors' group, Officer P started making me come for my "
            "meals after everyone else and take the tray back to my cell.",
            C.ISOLATION,
        ),
        (
            "Since I saw the IMB the night officer has been going round the other cells "
            "telling people I'm 'the one feeding the Board'.",
            C.PSYCHOLOGICAL_ABUSE,
        ),
        (
            "Since my PPO complaint went in my cat D got knocked back again.",
            C.RECATEGORISATION,
        ),
        (
            "A fortnight after my PPO complaint I was moved to another B cat, no reason.",
            C.TRANSFER,
        ),
        (
            "Ever since the focus group with the inspectors the SO does a big bow whenever I "
            "walk onto the servery, and the queue copies him.",
            C.HUMILIATION,
        ),
        (
            "After my letter to the ombudsman the officer held his fist right up to my face "
            "and said 'one day'. He never touched me.",
            C.THREATS,
        ),
        (
            "Since I went to the IMB the SO stops at my door: 'them stairs are slippy, people "
            "fall, only joking', and winks.",
            C.THREATS,
        ),
        (
            "After she talked to the inspectors, staff stopped her going to the gym and out on "
            "the field for a week.",
            C.ENTITLEMENTS,
        ),
        (
            "On 4 May he told the IMB that staff were opening his legal post. On 9 May our "
            "letter to him was again opened.",
            C.COMMUNICATION_LIMITS,
        ),
        (
            "Since I went to the Board, every morning at unlock the officer goes 'bags packed?' "
            "and grins.",
            C.PSYCHOLOGICAL_ABUSE,
        ),
        (
            "Since the ombudsman's letter, the night officer has stood at my door twice staring "
            "in.",
            C.PSYCHOLOGICAL_ABUSE,
        ),
        (
            "Since my complaint went to the ombudsman I've had twenty minutes outside in two "
            "weeks; the others get an hour a day.",
            C.ENTITLEMENTS,
        ),
        (
            "The day after I saw the IMB, my radio and my photos were gone from my cell while "
            "I was at work.",
            C.ENTITLEMENTS,
        ),
    ],
)
def test_detriments_in_words_of_their_own(text: str, category: SanctionCategory) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert category in result.categories


@pytest.mark.parametrize(
    ("text", "not_this"),
    [
        (
            "Pr has fresh cuts to both arms, self-inflicted last night. No assault alleged. "
            "Since his IMB app, his post has been handed back to him opened.",
            C.PHYSICAL_ABUSE,
        ),
        (
            "Dear Board, my son told your members that three officers held him down on the "
            "landing. Since he told you, every visit I book gets cancelled.",
            C.PHYSICAL_ABUSE,
        ),
        (
            "Since I saw the Board I've started eating in my cell by choice, and the SO calls "
            "me 'Board boy' at the servery.",
            C.ISOLATION,
        ),
        (
            "The week after his IMB app he was taken off his wing cleaner job; the SO said "
            "'ask the Board for a job'.",
            C.RELOCATION,
        ),
        (
            "The morning after he gave the Board a statement he was relocated from B wing to "
            "the CSU, citing 'intel re threats to staff'.",
            C.RELOCATION,
        ),
        (
            "The morning after he gave the Board a statement he was relocated from B wing to "
            "the CSU, citing 'intel re threats to staff'.",
            C.THREATS,
        ),
    ],
)
def test_category_false_friends_at_the_boundaries(text: str, not_this: SanctionCategory) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is not Qualifies.NO
    assert not_this not in result.categories
