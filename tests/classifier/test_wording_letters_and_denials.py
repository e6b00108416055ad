"""Issue 13: wording classes found missing in the team's written batches, by concept: what a
denial does and does not deny, and a threat carried out or not the prisoner's (a threat carried
out is labelled by the act; being accused of threatening staff, or staff fearing for themselves,
is no threat to the prisoner).

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


# ---- what a denial denies
@pytest.mark.parametrize(
    "text",
    [
        "Since I saw the Board an officer calls me a grass every morning. No one's touched me, "
        "I just want it to stop.",
        "After the inspectors left a DCO said 'talk to them again and see what happens'. "
        "Nobody has laid a finger on him.",
    ],
)
def test_not_being_hurt_denies_only_harm(text: str) -> None:
    assert _rules(text).qualifies is not NO


def test_a_denial_of_harm_alone_takes_away_physical_abuse() -> None:
    text = "After my IMB app they called me a grass on the landing. Nobody has hit me though."
    assert "physical_abuse" not in _named(text)


@pytest.mark.parametrize(
    ("text", "left"),
    [
        (
            "Since my IMB app the SO has had me on basic and he grabbed me by the arm on the "
            "landing. I'm not saying he threatened me or hit me, he just doesn't like me.",
            {"recategorisation"},
        ),
        (
            "After the inspectors came an officer pushed me in the servery and said I'd be moved "
            "if I spoke to them again. I am not claiming he hurt me or threatened me, I was moved "
            "to C wing on Monday.",
            {"relocation"},
        ),
        (
            "After my IMB app the officer told me I'd be shipped out if I did it again. Nobody "
            "has hit me.",
            {"threats"},
        ),
        (
            "After my IMB app the officer slammed me against the door. Nobody has threatened me.",
            {"physical_abuse"},
        ),
    ],
    ids=["threat then hit", "hurt then threatened", "hurt only", "threatened only"],
)
def test_a_denial_of_harm_takes_away_each_harm_it_names(text: str, left: set[str]) -> None:
    assert _named(text) == left


def test_a_concession_before_but_is_not_a_denial() -> None:
    text = (
        "I was nicked for the hooch, fair enough, but on the way to the block the officer twisted "
        "my arm and said 'that's for the inspectors'."
    )
    result = _rules(text)
    assert result.qualifies is not NO, result.rationale
    assert "physical_abuse" in _named(text)


def test_keep_going_on_to_a_body_is_contact_not_a_plan() -> None:
    text = "The SO said if I keep going on to the ombudsman he'll have me moved off the wing."
    result = _rules(text)
    assert Body.PPO in result.body
    assert "threats" in _named(text)


# ---- a threat carried out is labelled by the act
def test_a_threat_then_carried_out_is_the_act() -> None:
    text = (
        "An officer told me I'd be down the block if I went to the IMB surgery. I went anyway "
        "and the next day I was put in segregation."
    )
    assert _named(text) == {"isolation"}


def test_a_further_threat_after_the_act_stays() -> None:
    text = (
        "Since my complaint to the ombudsman I've been dropped to standard, and the SO said one "
        "more complaint and I'll be on basic."
    )
    assert {"recategorisation", "threats"} <= _named(text)


# ---- threats: whose they are
def test_being_accused_of_threatening_staff_is_not_a_threat() -> None:
    text = (
        "Two days after I saw the Board I was restrained and put down the block. They say I "
        "threatened an officer, which I never did."
    )
    assert "threats" not in _named(text)


def test_a_staff_writers_fear_for_themselves_is_not_a_threat_to_the_prisoner() -> None:
    text = (
        "Night OSG, wants to stay anonymous. She saw an officer refuse to let a lad ring the IMB "
        "freephone. She says she'll lose her shifts if she is named."
    )
    named = _named(text)
    assert "threats" not in named
    assert "communication_limits" in named


def test_staff_at_the_new_place_being_fine_is_no_denial_of_the_old() -> None:
    text = (
        "Two days after I spoke to the inspectors I was told to pack and sent to HMP Guys Marsh. "
        "No complaint about the staff at this end, they've been decent."
    )
    assert _rules(text).qualifies is not NO
