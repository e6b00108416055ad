"""Issue 13, session 13: humiliation, moves, force and threats said without their usual words.

- Humiliation: the body written by the person's name where others see it, a private letter read
  out on the landing, letters spread on the pool table, "everyone listening", made to take
  everything off.
- Moves and force: "moved without notice to HMP ...", "tfr to HMP ...", a room changed, moved
  from one house to another wing, an arm forced up the back, an elbow driven in, walked back in a
  hold, "held pr against wall", cat D "taken off the table".
- Threats: "finish what he started" with staff aware and doing nothing, "he'll make sure",
  "talk again and ..." said right after the contact.

The rules are tested alone (``learned=False``). Every text was written for these tests.
"""

from __future__ import annotations

import pytest

from intake.classifier import classify
from intake.core.vocabulary import Qualifies, SanctionCategory

C = SanctionCategory


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Pr states staff chalked 'BOARD BUDDY' next to his name on the landing roll board "
            "the day after his IMB app. Pr embarrassed.",
            C.HUMILIATION,
        ),
        (
            "after I spoke to the inspectors the officer read out the letter from my solicitor "
            "on the landing at unlock and laughed.",
            C.HUMILIATION,
        ),
        (
            "Since my complaint to the ombudsman the SO took my letters and photos and spread "
            "them out on the pool table for the lads.",
            C.HUMILIATION,
        ),
        (
            "The morning after I filled in the Board's form they took me to the block and made "
            "me take everything off in the corridor.",
            C.HUMILIATION,
        ),
        (
            "On 3 March he wrote to the Ombudsman. On 20 March he was moved without notice to "
            "HMP Frankland, and an officer said 'write to the Ombudsman from there'.",
            C.TRANSFER,
        ),
        (
            "Det. spoke to the IMB on Monday. Two days later his room was changed and a DCO said "
            "'the Board can visit your new room'.",
            C.RELOCATION,
        ),
        (
            "She lost her job in the salon and was moved from the enhanced house to the "
            "induction wing two days after she gave a statement to a PPO investigator.",
            C.RELOCATION,
        ),
        (
            "After I told the inspectors about the night staff, two officers walked me to the "
            "block with my arm forced up my back.",
            C.PHYSICAL_ABUSE,
        ),
        (
            "I told the Board fella about the SO on Monday. Soon as the Board left the SO drove "
            "his elbow into my side and said 'tell him that n all'.",
            C.PHYSICAL_ABUSE,
        ),
        (
            "Pr's cell searched x4 since his PPO interview. On the 4th search the OSG held pr "
            "against wall with his forearm.",
            C.PHYSICAL_ABUSE,
        ),
        (
            "Pr says cat D 'taken off the table' a week after he saw the IMB about his sentence "
            "plan; OMU say 'not now'.",
            C.RECATEGORISATION,
        ),
    ],
)
def test_said_without_their_usual_words(text: str, category: SanctionCategory) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is not Qualifies.NO
    assert category in result.categories


@pytest.mark.parametrize(
    "text",
    [
        "Three days after his HMIP interview he was put on the landing of the man who attacked "
        "him in May. That man has told him he will 'finish what he started'. Wing staff are "
        "aware and have taken no action.",
        "since my ombudsman complaint the SO keeps on at me, last time he said if i dont "
        "withdraw he'll make sure my cat D board never happens.",
        "YP told the inspectors about lads locked in all weekend. 'Talk again and we'll do "
        "the other one,' the officer said after bending his thumb back.",
    ],
)
def test_threats_said_other_ways(text: str) -> None:
    assert C.THREATS in classify(text, learned=False).categories


def test_a_water_tap_switched_off_is_no_move() -> None:
    text = (
        "After she asked to speak to the monitoring board the tap in her room has been switched "
        "off since last night."
    )
    assert C.RELOCATION not in classify(text, learned=False).categories


def test_a_man_who_had_threatened_him_is_who_he_was_moved_in_with_not_a_threat() -> None:
    text = "After I wrote to the IMB they moved me in with a man who had threatened me."
    result = classify(text, learned=False)
    assert C.RELOCATION in result.categories
    assert C.THREATS not in result.categories
    assert result.immediate_risk
