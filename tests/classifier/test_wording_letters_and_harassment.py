"""Issue 13: wording classes found missing in the team's written batches, by concept: a letter
written to a body ("since I emailed you"), a body named in passing, harassment said in everyday
words (searches counted, sleep broken, being watched, nickings, private things told, nicknames),
and medicines withheld by name.

The rules are tested alone (``learned=False``) so each class stands on the vocabulary, not on the
learned second opinion. Every text here was written for these tests (none comes from the labelled
sets).
"""

from __future__ import annotations

import pytest

from intake.classifier import Classification, classify
from intake.core.vocabulary import Body, Qualifies

NO, UNCLEAR, YES = Qualifies.NO, Qualifies.UNCLEAR, Qualifies.YES


def _rules(text: str) -> Classification:
    return classify(text, learned=False)


def _named(text: str) -> set[str]:
    return {c.value for c in _rules(text).categories}


# ---- a letter to a body: "you" is that body
@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "Dear Ombudsman, since I wrote to you in March about my son's property, the officers "
            "on his wing have stopped his visits.",
            Body.PPO,
        ),
        (
            "Dear Board, my husband says that after you saw him on Tuesday he was moved to the 4s "
            "and lost his cleaning job.",
            Body.IMB,
        ),
        (
            "Dear Inspectors, after your visit in June my daughter was put on basic for talking "
            "to one of your team.",
            Body.HMIP,
        ),
    ],
)
def test_you_in_a_letter_to_a_body_is_contact_with_it(text: str, body: Body) -> None:
    result = _rules(text)
    assert result.qualifies is YES, result.rationale
    assert body in result.body


def test_a_letter_to_a_body_about_contact_with_someone_else_is_not_contact_with_it() -> None:
    text = "Dear IMB, since my son wrote to his MP the officers have stopped his gym."
    result = _rules(text)
    assert result.qualifies is NO, result.rationale


# ---- harassment in everyday words
@pytest.mark.parametrize(
    "text",
    [
        "Since I went to the Board my cell's been spun five times and nothing was ever found.",
        "After my complaint to the ombudsman they searched my pad, then again after tea.",
        "Since the inspectors came they keep wakin me up at 3am for no reason.",
        "Since I wrote to the IMB the night officer shines his torch in my face every hour.",
        "Since my PPO complaint an officer follows me to the gym, to work and to the chapel.",
        "After my sister rang the Board the officer listens in to my phone calls and laughs.",
    ],
)
def test_harassment_said_plainly_is_psychological_abuse(text: str) -> None:
    assert "psychological_abuse" in _named(text)


def test_a_light_left_on_where_someone_lives_is_not_harassment() -> None:
    text = "After I wrote to the IMB they moved me to the unit where the lights stay on all night."
    assert "psychological_abuse" not in _named(text)


@pytest.mark.parametrize(
    "text",
    [
        "My Epilim wasn't given all weekend after I wrote to the IMB.",
        "Since the inspectors' visit the officer has kept my inhaler from me.",
        "After my mum phoned the ombudsman my warfarin was missed three days running.",
    ],
)
def test_a_medicine_withheld_by_name_is_an_entitlement(text: str) -> None:
    assert "entitlements" in _named(text)


# ---- harassment by nickings, private things told, the same thing said again and again
@pytest.mark.parametrize(
    "text",
    [
        "Since I wrote to the ombudsman the SO has written me up for 'attitude' twice.",
        "After my IMB app I had four nickings in a week, all thrown out at the hearing.",
        "Since I spoke to the inspectors an officer told the lads on the main wing what my charge "
        "is.",
        "After the Board saw me, my keyworker asks me every session whether I've dropped it yet.",
        "Since my complaint to the PPO security have put me on the E list for no reason.",
        "After I went to the IMB an officer tipped a jug of water over my mattress at bang up.",
    ],
)
def test_harassment_in_more_words_is_psychological_abuse(text: str) -> None:
    assert "psychological_abuse" in _named(text)


def test_a_nicking_whose_punishment_is_stated_is_the_punishment() -> None:
    text = (
        "I saw the Board on Monday. On Wednesday I got nicked for a fight I wasn't in and lost "
        "my enhanced."
    )
    named = _named(text)
    assert "recategorisation" in named
    assert "psychological_abuse" not in named


@pytest.mark.parametrize(
    "text",
    [
        "After I wrote to the IMB the SO pinned my application on the landing noticeboard.",
        "Since my ombudsman complaint an officer announced at the servery that I'd been writing "
        "to the ombudsman about everyone.",
    ],
)
def test_a_complaint_shown_to_others_exposes_the_person(text: str) -> None:
    assert "psychological_abuse" in _named(text)


def test_reading_a_private_letter_out_is_not_exposing_an_informant() -> None:
    text = "After my IMB app the officer read my letter from my girlfriend out loud on the landing."
    assert "psychological_abuse" not in _named(text)


@pytest.mark.parametrize(
    "text",
    [
        "Every time I pass the office the SO calls me a rat. It started the day after the board "
        "fella came to my door about my canteen.",
        "He was restrained on the seg after asking for the IMB on their round; he says an "
        "officer knelt on his back.",
        "I told the man with the visitor's badge about the rats. Now I'm on the transfer list.",
    ],
)
def test_a_body_named_in_passing_or_asked_for_is_contact(text: str) -> None:
    assert _rules(text).qualifies is not NO


@pytest.mark.parametrize(
    "text",
    [
        "The night after he spoke to the inspectors he was woken at 4am and moved to Colnbrook.",
        "I've been strip searched three times this week since my complaint to the ombudsman.",
        "I'm in for a sex offence and since my mum rang the PPO they moved me onto the main wing.",
        "Following her complaint to the ombudsman she has been removed from her course.",
    ],
)
def test_one_waking_a_strip_search_or_the_persons_own_words_are_not_harassment(
    text: str,
) -> None:
    assert "psychological_abuse" not in _named(text)


def test_a_nickname_from_the_body_is_name_calling() -> None:
    text = "Since my IMB app the officer on the hotplate calls me Board boy every dinner."
    named = _named(text)
    assert "verbal_abuse" in named
    assert "humiliation" not in named


def test_a_nickname_in_front_of_others_is_humiliation_only() -> None:
    text = (
        "Since he spoke to the PPO, staff call him 'the ombudsman' at the servery in front of "
        "everyone."
    )
    named = _named(text)
    assert "humiliation" in named
    assert "verbal_abuse" not in named
