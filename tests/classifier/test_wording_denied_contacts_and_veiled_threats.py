"""Issue 13, session 14: contacts denied by pointing back, denials in staff's mouths, veiled
threats and quiet mind games.

- A contact denied with "them", "either lot" or "don't come into it" denies the bodies named
  before it ("the inspectors were there in the spring but he never spoke to them").
- A denial inside a member of staff's quoted words is no denial of the person's contact ("tables
  are for people who don't write to the ombudsman").
- More ways of saying nothing followed the contact, or the cause was the person's own.
- Threats left veiled ("hope your parole board sees it that way", "stairs are slippy at night,
  people fall"), mind games (things moved in the cell), informing told at visits.
- A carried-out threat is labelled by its act and is still a link to the contact.

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
        "The monitors were on our wing in May but he never spoke to them. He says he rang a "
        "charity about his food and since then he has been moved to a room of six.",
        "The Board and the inspectors don't come into it, I've never spoke to either lot. My "
        "MP wrote to the governor and since then my cell's been spun four times.",
        "Det. saw the inspectors on the corridor but has not spoken to them. Since his "
        "complaint to the Home Office he has been taken off the kitchen job.",
    ],
    ids=["never-spoke-to-them", "either-lot", "has-not-spoken-to-them"],
)
def test_a_contact_denied_by_pointing_back(text: str) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.NO
    assert result.route is Route.COMPLAINT


def test_a_denial_in_a_staff_remark_denies_no_contact() -> None:
    text = (
        "A week after my complaint to the ombudsman the DCO made me eat standing up at the "
        "counter, saying 'tables are for people who don't write to the ombudsman'. The other "
        "men laughed."
    )
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert C.HUMILIATION in result.categories


@pytest.mark.parametrize(
    "text",
    [
        "I went to the Board about my glasses. Lost my gym for a week but thats cos i threw a "
        "chair in the gym, i know i did.",
        "Pr R45 since 03/04 after assault on officer. IMB app 06/04 re cold cell. Pr does not "
        "link seg to app.",
        "I spoke to the inspectors and since then the officers have been nothing but polite. "
        "My showers were stopped for a week when the boiler went.",
        "Sunday visits were stopped for the whole jail. I did talk to the inspectors about the "
        "visits hall, but it isn't personal.",
        "The move to Stocken was on my sentence plan since the summer. I saw the PPO "
        "investigator in October, so don't put them together, it was always coming.",
        "He asked the Board about his diet and says there was no problem after that. His job "
        "in the laundry went when the contract changed.",
    ],
    ids=[
        "cos-i-threw-a-chair",
        "does-not-link",
        "nothing-but-polite",
        "isnt-personal",
        "dont-put-them-together",
        "no-problem-after-that",
    ],
)
def test_more_ways_of_saying_there_was_no_sanction(text: str) -> None:
    assert classify(text, learned=False).qualifies is Qualifies.NO


@pytest.mark.parametrize(
    "text",
    [
        "The day after I helped the inspectors a governor stopped me on the yard: 'Very "
        "public-spirited. Hope your parole board sees it that way.'",
        "Since I sent my sealed letter to the Board an officer says 'your pen pals don't work "
        "weekends, we do'.",
        "Officer on nights, the day after my PPO interview: 'stairs are slippy on this wing at "
        "night, people fall'.",
        "Since I wrote to the ombudsman the custody manager keeps asking if I'm sure, and says "
        "my HDC paperwork is on his desk as well.",
    ],
    ids=["parole-board-sees-it", "pen-pals-dont-work-weekends", "stairs-slippy", "hdc-on-desk"],
)
def test_veiled_threats(text: str) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert C.THREATS in result.categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Since I told the Board about the night staff, things get moved in my cell while "
            "I'm at work and my photos are turned face down.",
            C.PSYCHOLOGICAL_ABUSE,
        ),
        (
            "At visits, after my ombudsman complaint, the officer told my partner, with our "
            "son sat right there, that I'd been telling tales about staff.",
            C.PSYCHOLOGICAL_ABUSE,
        ),
        (
            "Since his IMB app the DCOs have not called him for his insulin at night.",
            C.ENTITLEMENTS,
        ),
        (
            "Two days after the PPO letter came they put him in a double with a lad who bullies "
            "him.",
            C.RELOCATION,
        ),
    ],
    ids=["things-moved-in-cell", "told-partner-at-visits", "not-called-for-insulin", "a-double"],
)
def test_quiet_detriments(text: str, category: SanctionCategory) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert category in result.categories


def test_a_threat_carried_out_is_still_a_link() -> None:
    text = (
        "Officer said if I kept writing to the ombudsman I'd be off the servery job and on the "
        "next bus out. The job went on Monday. No bus yet."
    )
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert C.LOSS_OF_EMPLOYMENT in result.categories
    assert C.THREATS in result.categories


def test_a_girl_laughing_is_no_threat() -> None:
    text = (
        "After my IMB app the SO read my letter out at roll check in a posh voice in front of "
        "the whole house. The girls were in bits."
    )
    assert C.THREATS not in classify(text, learned=False).categories
