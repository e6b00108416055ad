"""Issue 13, session 14: accounts that name a body and a detriment but are no sanction, and
detriments said quietly.

- A body named and a detriment told, with no sanction: the person says the body was not the
  reason, that staff were not about or are on their side, that they never had grief for it, that
  it was before; the whole house was moved or every cell on the landing; a solicitor who does not
  suggest a connection; a contact only meant, or a body never used.
- The same detriments with a link are still sanctions: days of the month in order, days of the
  week in one sentence, straight from the interview room.
- Detriments said quietly, each its category; threats left veiled; and the prison's own mental
  health unit, or a man named Ashworth, is no place outside the protocol.

The rules are tested alone (``learned=False``). Every text was written for these tests.
"""

from __future__ import annotations

import pytest

from intake.classifier import classify
from intake.core.vocabulary import Qualifies, Route, SanctionCategory

C = SanctionCategory


@pytest.mark.parametrize(
    "text",
    [
        "I spoke to the inspectors on Monday. On Wednesday I was moved to C wing with six "
        "others because of the flooding; the inspectors are not the reason.",
        "The lads on my landing took my canteen off me after I saw the Board. The officers "
        "weren't about, and when I told them they got it back for me.",
        "I've been to the Board loads and never had grief for it once. My course was cut "
        "because the tutor left.",
        "Lost my gym place on the Tuesday cos I kicked off at the gym officer. The "
        "inspectors came on the Thursday, so it wasnt cos I talked to them, it was before.",
        "They moved the whole house to the new block last week after I'd seen the ombudsman, "
        "forty of us, so I can't say it had anything to do with me.",
        "Our client does not suggest that his removal from the kitchen is connected in any "
        "way with his letter to the Prisons and Probation Ombudsman.",
        "The TVs were taken after I put my IMB app in, but every cell on the landing lost "
        "its TV after two got smashed.",
        "I'd been meaning to go to the Board about the night officer but never got round to "
        "it. Next morning he moved me up to the 4s.",
        "My solicitor wrote to the governor and since then I've been on basic. I've never "
        "used the ombudsman, the leaflet's just on my wall.",
    ],
    ids=[
        "not-the-reason",
        "staff-not-about",
        "never-had-grief",
        "it-was-before",
        "whole-house-moved",
        "solicitor-no-connection",
        "every-cell-on-the-landing",
        "never-got-round-to-it",
        "never-used-the-ombudsman",
    ],
)
def test_a_body_and_a_detriment_with_no_sanction(text: str) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.NO
    assert result.route is Route.COMPLAINT


@pytest.mark.parametrize(
    "text",
    [
        "Wrote to the ombudsman the 2nd, put on basic the 5th, no nicking no nothing.",
        "went to see the board monday about the food, wednesday the SO says im sacked off "
        "the servery.",
        "Pr escorted from HMIP interview room 4/6 direct to CSU, no paperwork.",
    ],
    ids=["days-of-the-month", "weekdays-in-one-sentence", "straight-from-the-interview"],
)
def test_the_same_detriments_with_a_link_are_sanctions(text: str) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert result.route is Route.SANCTION_PROTOCOL


def test_the_third_landing_is_no_date() -> None:
    text = "Wrote to the ombudsman the 2nd. They put me on the 3rd landing with no reason."
    assert classify(text, learned=False).qualifies is Qualifies.UNCLEAR


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "After my IMB app the officer on post gave my letter back to me opened.",
            C.COMMUNICATION_LIMITS,
        ),
        (
            "Since my mum rang the Board his phone account has been under review.",
            C.COMMUNICATION_LIMITS,
        ),
        (
            "Since I wrote to the inspectors none of my letters have reached my sister.",
            C.COMMUNICATION_LIMITS,
        ),
        (
            "After I saw the Board my canteen has been delayed three weeks running.",
            C.ENTITLEMENTS,
        ),
        (
            "Since his PPO complaint his special diet has stopped and he eats crisps.",
            C.ENTITLEMENTS,
        ),
        (
            "After she spoke to the monitors her prayer mat was not given back after a search.",
            C.ENTITLEMENTS,
        ),
        (
            "Two days after I saw the IMB an officer stuck his foot out on the stairs.",
            C.PHYSICAL_ABUSE,
        ),
        (
            "Since my ombudsman complaint the officer reads out bits of my letters at unlock.",
            C.HUMILIATION,
        ),
        (
            "After the inspectors' visit his place on the plumbing course was offered to "
            "another lad.",
            C.LOSS_OF_EMPLOYMENT,
        ),
        (
            "The morning after my IMB app it was 'pack up, sweatbox to Wakefield'.",
            C.TRANSFER,
        ),
        (
            "Since she wrote to the ombudsman her keyworker keeps asking 'are you sure you "
            "want the ombudsman involved'.",
            C.PSYCHOLOGICAL_ABUSE,
        ),
        (
            "After the IMB saw him an officer said 'the Board comes Thursdays, we're here "
            "every day'.",
            C.THREATS,
        ),
        (
            "The day after I saw the Board the whole spur got unlocked for association except me.",
            C.ISOLATION,
        ),
        (
            "Since I spoke to the inspectors my keyworker keeps saying I should withdraw my "
            "complaint.",
            C.PSYCHOLOGICAL_ABUSE,
        ),
    ],
    ids=[
        "letter-given-back-opened",
        "phone-account-under-review",
        "letters-never-reached",
        "canteen-delayed",
        "diet-stopped",
        "prayer-mat-not-given-back",
        "foot-stuck-out",
        "letters-read-out",
        "course-place-offered-to-another",
        "sweatbox-to",
        "are-you-sure-you-want-the-ombudsman",
        "board-comes-thursdays",
        "unlocked-except-me",
        "should-withdraw",
    ],
)
def test_detriments_said_quietly(text: str, category: SanctionCategory) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert category in result.categories


@pytest.mark.parametrize(
    "text",
    [
        "The day after she spoke to the inspectors about the mental health unit, officers "
        "held her arms and strip searched her with the door open.",
        "Night officer, asked us not to name her: saw a colleague grab Mr Ashworth by the "
        "neck the day before his IMB appointment. She fears for her job if she writes it up.",
    ],
    ids=["the-prisons-mental-health-unit", "a-man-named-ashworth"],
)
def test_no_place_outside_the_protocol(text: str) -> None:
    assert classify(text, learned=False).route is not Route.OUT_OF_SCOPE


def test_a_member_on_her_phone_the_whole_time_is_a_complaint_about_the_member() -> None:
    text = (
        "The board lady was on her phone the whole time I was talking about my food. I don't "
        "want her coming back to see me."
    )
    assert classify(text, learned=False).route is Route.IMB_MEMBER_COMPLAINT
