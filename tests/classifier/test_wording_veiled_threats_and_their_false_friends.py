"""Issue 13, session 18: threats said sideways, and wording that only looks like one.

- Veiled threats: a harm left unsaid on purpose ("be a shame if", "be terrible if"), "one more
  letter and see if", what the person "can kiss goodbye", "do you want to see your kids or not",
  what happens once the inspectors are gone, a body that "can't protect you", a door someone
  "might forget" to lock, where the next move lands, "talk to the Board and ..." the first time,
  and what people who complain "don't tend to get".
- False friends: a date after the inspectors left, "people who don't make trouble", the person's
  own threatening (nicked for it, or threatening to go to the ombudsman), a threat denied as a
  reprisal ("never threatened me for the Board"), a punishment accepted ("fair do's", "no bother
  off nobody since") and what other prisoners did that staff have "nothing to do with".

The rules are tested alone (``learned=False``). Every text was written for these tests.
"""

from __future__ import annotations

import pytest

from intake.classifier import classify
from intake.core.vocabulary import Qualifies, SanctionCategory

C = SanctionCategory
BEFORE = "Since I wrote to the IMB about my canteen, "


@pytest.mark.parametrize(
    "after",
    [
        "the SO keeps saying 'be terrible if your parole got caught up in a security report'.",
        "the officer said 'be a shame if anything happened to your family day'.",
        "the officer said 'send one more letter to the Board and see if your visit still happens'.",
        "the SO told me I could kiss my enhanced goodbye.",
        "the officer asked me 'do you want to see your kids this month or not?'",
        "the SO keeps telling me 'once the inspectors are gone, things change for you'.",
        "the officer said 'the Board can't protect you on nights'.",
        "the night officer says he might forget to lock my door when the lads are out.",
        "the CM said 'next stop is the detox landing'.",
        "the officer said 'talk to the Board again and nobody will sort your canteen'.",
        "the SO said 'lads who write to the Board don't tend to get their D cat'.",
        "the SO keeps saying 'parole goes easier for people who don't write letters'.",
    ],
    ids=[
        "be-terrible-if",
        "be-a-shame-if-unsaid",
        "one-more-and-see-if",
        "kiss-goodbye",
        "want-to-see-or-not",
        "once-the-inspectors-are-gone",
        "cant-protect-you",
        "might-forget-to-lock",
        "next-stop-landing",
        "talk-to-the-board-and",
        "lads-who-write-dont-get",
        "easier-for-people-who-dont",
    ],
)
def test_a_veiled_threat_is_a_threat(after: str) -> None:
    result = classify(BEFORE + after, learned=False)
    assert result.qualifies is not Qualifies.NO
    assert C.THREATS in result.categories


@pytest.mark.parametrize(
    "text",
    [
        "I spoke to the inspectors on Monday. Two days after the inspectors left they moved me "
        "to the threes.",
        "The week after I wrote to the IMB the SO moved me off my landing and said singles are for "
        "people who don't make trouble.",
    ],
    ids=["after-the-inspectors-left", "people-who-dont-make-trouble"],
)
def test_a_date_or_a_remark_is_no_threat(text: str) -> None:
    result = classify(text, learned=False)
    assert C.RELOCATION in result.categories
    assert C.THREATS not in result.categories


@pytest.mark.parametrize(
    "text",
    [
        "Pr nicked for threatening an officer after IMB surgery; accepts he said it when his "
        "canteen refund was refused. Lost canteen for 7 days, not disputing it.",
        "I want to complain about the IMB member who told me to stop threatening to go to the "
        "ombudsman. The wing staff have done nothing to me.",
        "Officer Hale never threatened me for the Board, I want that clear. He said if I kicked "
        "the hotplate again I'd be on basic, and he was right. I'm here about my knee.",
        "Lost my canteen for a week for smashing a tray, fair do's. Saw the IMB in May about my "
        "tag date and had no bother off nobody since. Just want my tag date sorted.",
        "Since I saw the IMB two lads keep taking my canteen off my door and say I'm getting "
        "done tonight. Staff have got nothing to do with it, they don't even know.",
    ],
    ids=[
        "nicked-for-threatening",
        "threatening-to-go-to-the-ombudsman",
        "never-for-the-board",
        "fair-dos-no-bother",
        "staff-nothing-to-do-with-it",
    ],
)
def test_the_persons_own_threatening_or_a_denied_reprisal_is_no_sanction(text: str) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.NO
    assert C.THREATS not in result.categories


@pytest.mark.parametrize(
    "text",
    [
        "Since I wrote to the IMB they moved me to the fours. I told the officer if they move me "
        "again I'll cut up, I mean it.",
        "Pr moved to the 4s two days after his IMB app. He says if they move him again he will "
        "cut himself.",
    ],
    ids=["ill-cut-up", "he-will-cut-himself"],
)
def test_the_persons_own_words_of_self_harm_are_a_risk_not_a_threat(text: str) -> None:
    result = classify(text, learned=False)
    assert C.THREATS not in result.categories
    assert result.immediate_risk or result.possible_immediate_risk
