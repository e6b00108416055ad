"""Issue 13, session 20: a threat the person defied, then carried out.

"Keep going to the Board and you'll be up on the fours", "I went anyway", "Monday I'm on the
fours": the eval README labels a threatened act by the act once it is done, and a threat whose
act the rules cannot name ("up on the fours", "well acquainted with the M6") is known to be
carried out when the person did what they were warned off and a detriment followed.

False friends: a threat defied and nothing done since; a threat in words of its own ("I'm
getting shanked"), not a warning off; a threat defied whose named act is not what was done.

The rules are tested alone (``learned=False``). Every text was written for these tests.
"""

from __future__ import annotations

import pytest

from intake.classifier import classify
from intake.core.vocabulary import SanctionCategory

C = SanctionCategory


@pytest.mark.parametrize(
    ("text", "done"),
    [
        (
            "The SO told me 'keep bleating to the Board and you'll be up on the fours with the "
            "smackheads'. I saw the Board on Friday anyway. Monday I'm moved to the fours.",
            C.RELOCATION,
        ),
        (
            "Officer said if I went to the IMB again I'd be sorry. I went anyway, about my "
            "window. Next morning she took me off the servery, no reason given.",
            C.LOSS_OF_EMPLOYMENT,
        ),
        (
            "Miss said if I told the inspector about the restraint I wouldn't be seeing my nan "
            "this month. I told her anyway. My nan's visit on Sunday got cancelled.",
            C.COMMUNICATION_LIMITS,
        ),
        (
            "The wing officer goes 'carry on with the ombudsman and watch what happens'. I "
            "sent my second letter on the 3rd. On the 5th my canteen was stopped.",
            C.ENTITLEMENTS,
        ),
        (
            "An officer warned me 'one more app to the Board and you'll know about it'. I put "
            "one more in about the heating. Two days later I was down the block.",
            C.ISOLATION,
        ),
        (
            "The SO kept on at me to drop my complaint to the ombudsman or he'd make my life "
            "hard. I wouldn't. The Monday after, my canteen was stopped for a fortnight.",
            C.ENTITLEMENTS,
        ),
        (
            "Screw said 'keep writing to the ombudsman and you'll be seeing the M6'. I wrote "
            "again in May. I'm at Frankland now, four hours from my kids.",
            C.TRANSFER,
        ),
        (
            "The SO said I'd 'be sorry' if I went to the Board again. I went anyway. I'm on "
            "standard now after two years enhanced.",
            C.RECATEGORISATION,
        ),
    ],
    ids=[
        "saw-the-board-anyway",
        "went-anyway",
        "told-her-anyway",
        "second-letter",
        "one-more",
        "wouldnt-drop-it",
        "at-the-prison-now",
        "on-standard-now",
    ],
)
def test_a_threat_defied_then_done_is_labelled_by_the_act(
    text: str, done: SanctionCategory
) -> None:
    result = classify(text, learned=False)
    assert done in result.categories
    assert C.THREATS not in result.categories


@pytest.mark.parametrize(
    "text",
    [
        # defied, and nothing done since
        "The SO told me 'keep bleating to the Board and you'll be up on the fours'. I saw the "
        "Board on Friday anyway. Nothing's happened yet but he's on again tomorrow.",
        # a threat in words of its own, and "I did talk" owning up to the contact, not defying
        "Lads keep saying I'm getting shanked cos I'm a grass. I did talk to the inspectors, "
        "and staff just laugh and call me a rat.",
        # the act threatened is named, and another was done
        "The officer said if I went to the IMB again I'd be shipped out. I went anyway. Next "
        "day my canteen was stopped.",
        # "I won't" inside the threat is no defiance
        "Staff say if I talk to the inspectors again they'll tell my mum I'm a liar and I "
        "won't get my home visit. Then they took my radio off me the next day.",
        # no defiance: the detriment is told, but not that he did it again
        "The officer said if I went to the IMB again I'd regret it. Since then my canteen has "
        "been stopped.",
    ],
    ids=[
        "defied-nothing-done",
        "own-words-not-a-warning",
        "another-act-done",
        "i-wont-in-the-threat",
        "not-defied",
    ],
)
def test_a_threat_stays_unless_defied_and_then_done(text: str) -> None:
    assert C.THREATS in classify(text, learned=False).categories


def test_a_threat_and_force_denied_in_passing_are_not_read() -> None:
    text = (
        "I'm not saying they've hit me or threatened me, they haven't. But since I spoke to the "
        "inspectors about the chapel, the officer won't put me on the list for Jummah."
    )
    result = classify(text, learned=False)
    assert result.categories == [C.ENTITLEMENTS]
