"""Issue 13, session 19: mind games, entitlements lost by the list, shame at the hatch, threats
told by precedent, and the denials and deaths said in a note's own words.

- Psychological abuse said without the usual words: staff who blank him or turn their backs,
  who tell him he is imagining things, the waiting game in a holding room, a door kicked at
  night.
- Entitlements withheld through the paperwork: a name missing from a list, a canteen sheet
  never put through, a prayer room no longer opened, staff who will not call healthcare.
- Humiliation at the hatch: medicines called out to the queue, a nose held, a crying face.
- Threats by precedent and by paperwork: the last one who did it, people who fill in forms,
  "till one sticks", a release date he won't see, visits that "might start getting cancelled",
  being flagged, weighed at his next review, the wing told what he is.
- Their false friends: his own distress ("I'm losing my mind in here"), a door he kicked
  himself, what was done to everyone ("it's everyone, not me"), "the two are not connected".
- A death told in a note ("death of Pr in 3-21") goes to the PPO.

The rules are tested alone (``learned=False``). Every text was written for these tests.
"""

from __future__ import annotations

import pytest

from intake.classifier import classify
from intake.core.vocabulary import Qualifies, Route, SanctionCategory

C = SanctionCategory
BEFORE = "Ever since I put my IMB application in about the laundry, "
SEEN = "I saw the IMB about my glasses. "


#: Each detriment said another way: mind games (psychological abuse), entitlements lost through
#: the paperwork, shame at the hatch and on the landing (humiliation), threats by precedent and
#: by paperwork.
SAID_OTHER_WAYS: dict[SanctionCategory, dict[str, str]] = {
    C.PSYCHOLOGICAL_ABUSE: {
        "blanked": "the two officers on my spur blank me whenever I ask them anything.",
        "back-turned": "the SO turns his back on me when I come to the office hatch.",
        "not-there": "staff act like I'm not there when I ask for my canteen sheet.",
        "imagining-things": "the officer keeps telling me I'm imagining things.",
        "nobody-believes-you": "the CM says nobody believes a word you say, not even the Board.",
        "holding-room": "they take me to the holding room and leave me sat there for three hours.",
        "door-kicked-at-night": "the night officer kicks my door at 3 every morning and walks off.",
    },
    C.ENTITLEMENTS: {
        "off-the-gym-list": "my name has gone missing from the gym list every week.",
        "meds-list": "the meds hatch list never has my name on it at night.",
        "canteen-sheet": "my canteen sheet never gets put through, three Fridays now.",
        "prayer-room": "the officer stopped unlocking the prayer room for me.",
        "healthcare-not-called": "night staff refuse to ring healthcare when I tell them I'm ill.",
    },
    C.HUMILIATION: {
        "meds-called-out": "the officer at the hatch called out my methadone so the queue heard.",
        "nose-held": "the SO holds his nose when I walk past the office, and the lads copy him.",
        "crying-face": "the officers pull a crying face at me on the landing at dinner.",
    },
    C.THREATS: {
        "last-lad-who": "the officer said 'the last lad who wrote to them ended up on the block'.",
        "people-who-fill-in-forms": "a DCO said 'people who fill in forms go to the far unit'.",
        "till-one-sticks": "the officer keeps nicking me: 'I'll keep going till one sticks'.",
        "release-date": "the SO says to me 'you won't see your release date, you know that'.",
        "might-start-getting-cancelled": "the SO said my visits 'might start getting cancelled'.",
        "flagged": "my POM told me I would be flagged if I wrote again.",
        "considered-at-review": "the case note says my complaints will be considered at my review.",
        "let-the-wing-know": "the officer said he would let the wing know what I am.",
    },
}


@pytest.mark.parametrize(
    ("category", "after"),
    [
        pytest.param(category, after, id=name)
        for category, cases in SAID_OTHER_WAYS.items()
        for name, after in cases.items()
    ],
)
def test_a_detriment_said_another_way_is_read_as_it(category: SanctionCategory, after: str) -> None:
    result = classify(BEFORE + after, learned=False)
    assert result.qualifies is Qualifies.YES, result.rationale
    assert category in result.categories


@pytest.mark.parametrize(
    ("text", "not_read"),
    [
        (SEEN + "I'm losing my mind in here with the noise.", C.PSYCHOLOGICAL_ABUSE),
        (SEEN + "I kicked my door at 3 because my cell bell was broken.", C.PSYCHOLOGICAL_ABUSE),
    ],
    ids=["his-own-distress", "his-own-kick"],
)
def test_what_the_person_says_of_himself_is_no_mind_game(
    text: str, not_read: SanctionCategory
) -> None:
    assert not_read not in classify(text, learned=False).categories


@pytest.mark.parametrize(
    "text",
    [
        "The whole wing lost gym this week after the IMB came round. He agrees it's everyone, "
        "not just him.",
        "He lost his canteen at adjudication after talking to the inspectors, but he says the two "
        "are not connected and he did it.",
    ],
    ids=["its-everyone", "not-connected"],
)
def test_a_loss_the_person_says_is_not_about_the_contact_does_not_qualify(text: str) -> None:
    assert classify(text, learned=False).qualifies is not Qualifies.YES


def test_a_death_told_in_a_note_goes_to_the_ppo() -> None:
    text = "08:10 landing told of death of Pr in 2-14 overnight. Prs upset, staff offering support."
    assert classify(text, learned=False).route is Route.DEATH_IN_CUSTODY


def test_the_two_being_connected_is_no_denial() -> None:
    text = (
        "He lost his job in the kitchen the day after he spoke to the inspectors, and he says "
        "the two are connected."
    )
    assert classify(text, learned=False).qualifies is Qualifies.YES
