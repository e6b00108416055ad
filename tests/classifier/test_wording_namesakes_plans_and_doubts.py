"""Issue 13, session 16: who was contacted, what was said, and how sure the person is.

- Another ombudsman, monitoring authority or inspectorate named: a bare "ombudsman", "the
  monitors" or "Mr Inspector" means that one, not the protocol's body.
- "Going" plans a contact only with "to": an officer "going 'hand it over, ombudsman'" is
  speaking, and post "going walkabout since I wrote to the PPO" is no plan.
- Doubt said other ways ("can't tell you which", "couldn't swear to it", "could of been");
  not knowing who else to tell is no doubt. A cause half accepted and then doubted is unclear.
- Pressure to withdraw a complaint to a body is linked to that contact.
- "Not threatened" takes away threats only; an act "not been" done is none.

The rules are tested alone (``learned=False``). Every text was written for these tests.
"""

from __future__ import annotations

import pytest

from intake.classifier import classify
from intake.core.vocabulary import Body, Qualifies, Route, SanctionCategory

C = SanctionCategory


@pytest.mark.parametrize(
    "text",
    [
        "My sister took my housing case to the Local Government Ombudsman. Since then the landing "
        "officer calls me 'ombudsman girl' and I've lost my wing cleaning job.",
        "He wrote to the Independent Monitoring Authority about his settled status. A week later "
        "his keyworker moved him to the top landing and said 'ask the monitors for a new cell'.",
        "I gave the borders and immigration inspectors an interview about my screening. Now one "
        "DCO calls me 'Mr Inspector' and I've been put in a four-bed room.",
    ],
    ids=["another-ombudsman", "monitoring-authority", "borders-inspectorate"],
)
def test_a_namesake_of_a_protocol_body_is_not_that_body(text: str) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.NO
    assert result.route is Route.COMPLAINT


def test_the_ppo_named_beside_another_ombudsman_is_still_the_ppo() -> None:
    text = (
        "I went to the Financial Ombudsman about my bank and to the Prisons Ombudsman about my "
        "adjudication. The week after the prisons ombudsman letter went off I lost my library job."
    )
    result = classify(text, learned=False)
    assert Body.PPO in result.body
    assert result.qualifies is Qualifies.YES


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Took my orderly bib off me in front of the whole kitchen, the SO going 'give it "
            "here, ombudsman'. Knocked down to standard the same day.",
            C.RECATEGORISATION,
        ),
        (
            "my letters keep going walkabout since i wrote to the PPO, only mine",
            C.COMMUNICATION_LIMITS,
        ),
    ],
    ids=["going-quote-is-speech", "walkabout-is-no-plan"],
)
def test_going_without_to_is_no_plan_to_contact(text: str, category: SanctionCategory) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert category in result.categories


def test_going_to_write_is_still_a_plan() -> None:
    text = "I'm going to write to the ombudsman about it. They took my gym job last week."
    assert classify(text, learned=False).qualifies is Qualifies.NO


@pytest.mark.parametrize(
    "text",
    [
        "Saw the Board about my glasses in May, then got moved to the 1s in June. Was it the "
        "Board or the row I had with my pad mate? I honestly can't tell you which.",
        "The man I talked to had a badge, I thought he was from the Board. Since then I've been "
        "taken off the gardens. I couldn't swear to it though.",
        "Since I wrote to the people who check on jails I've been put on basic. Could of been "
        "the inspectors, could of been the charity lot, I dunno.",
        "Lost my enhanced after I wrote to the ombudsman, but I did get nicked that week for a "
        "phone, fair enough. I just don't know.",
    ],
    ids=["cant-tell-which", "couldnt-swear", "could-of-been", "accepted-then-doubted"],
)
def test_doubt_said_other_ways_is_unclear(text: str) -> None:
    assert classify(text, learned=False).qualifies is Qualifies.UNCLEAR


def test_not_knowing_who_else_to_tell_is_no_doubt() -> None:
    text = (
        "Since my son spoke to the inspectors the night staff shine a torch in every half hour "
        "and say 'in case the inspectors ask'. I don't know who else to tell."
    )
    assert classify(text, learned=False).qualifies is Qualifies.YES


def test_a_cause_accepted_without_doubt_is_still_no_sanction() -> None:
    text = (
        "Lost my enhanced after I wrote to the ombudsman, but I did get nicked for a phone, "
        "fair enough."
    )
    assert classify(text, learned=False).qualifies is Qualifies.NO


def test_pressure_to_withdraw_a_complaint_is_linked_to_it() -> None:
    text = (
        "Her keyworker raises her PPO complaint at every session and asks whether she has "
        "thought about withdrawing it."
    )
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert C.PSYCHOLOGICAL_ABUSE in result.categories


@pytest.mark.parametrize(
    ("text", "gone", "stays"),
    [
        (
            "Since he spoke to the inspectors one DCO calls him 'liar' at every meal. He says "
            "nobody has threatened him.",
            C.THREATS,
            C.VERBAL_ABUSE,
        ),
        (
            "An officer told me 'talk to the Board again and I'll have you moved to the 4s'. I "
            "haven't been moved. He calls me a rat every morning.",
            C.RELOCATION,
            C.THREATS,
        ),
    ],
    ids=["not-threatened", "not-been-moved"],
)
def test_what_is_said_not_to_have_happened_is_taken_away_alone(
    text: str, gone: SanctionCategory, stays: SanctionCategory
) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert gone not in result.categories
    assert stays in result.categories
