"""Issue 13, session 13: days in order, post stopped after a contact, causes accepted, risks.

- Days of the week in order are a link, as dates are ("rang your office on Monday ... On
  Wednesday they moved him back"); a routine ("every Thursday") is not a day.
- Post stopped or opened in the sentence after a contact is done to the contact itself: a link.
  A Board member who would not take an application is no sanction (an IMB member complaint).
- A cause accepted ("fair enough") denies the detriment it is said of, not one further on.
- A possessive after a noun starts a new subject and ends what a contact was about ("about
  contact with my daughter my PIN has been frozen").
- Risks said other ways, and words that only sound like risks (hours "cut", an ACCT closed).

The rules are tested alone (``learned=False``). Every text was written for these tests.
"""

from __future__ import annotations

import pytest

from intake.classifier import classify
from intake.core.vocabulary import Qualifies, Route, SanctionCategory

C = SanctionCategory


def test_days_of_the_week_in_order_are_a_link() -> None:
    text = (
        "Dear Board, I rang your office on Monday about my son being slashed last month. On "
        "Wednesday they moved him back onto the same landing as the lad who did it."
    )
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert C.RELOCATION in result.categories
    assert result.immediate_risk


def test_a_routine_day_is_no_link() -> None:
    text = (
        "He sees the IMB every Tuesday about his diet. Every Thursday his cell is searched "
        "and his things are left on the floor."
    )
    assert classify(text, learned=False).qualifies is Qualifies.UNCLEAR


def test_post_opened_after_a_contact_is_done_to_the_contact() -> None:
    text = (
        "I wrote to the ombudsman about being restrained. When the reply came back an officer "
        "had opened the letter before I saw it."
    )
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert C.COMMUNICATION_LIMITS in result.categories


def test_a_board_member_not_taking_an_application_is_no_sanction() -> None:
    text = (
        "I want to complain about the Board member who would not take my application about "
        "my visits. Staff on my wing are fine."
    )
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.NO
    assert result.route is Route.IMB_MEMBER_COMPLAINT


def test_a_cause_accepted_denies_only_what_it_is_said_of() -> None:
    text = (
        "My parcel went missing on the move, which is fair enough, it's not these officers' "
        "fault. Later I put an IMB app in about my sentence plan. Two weeks after that my "
        "review came back 'not suitable for progression' and on Friday my name was on the "
        "transfer list."
    )
    assert classify(text, learned=False).qualifies is not Qualifies.NO


def test_a_cause_accepted_beside_its_detriment_denies_it() -> None:
    text = (
        "I got moved to another wing cos I smashed my telly, fair enough. I wrote to the IMB "
        "afterwards about my property, not the move."
    )
    assert classify(text, learned=False).qualifies is Qualifies.NO


def test_a_possessive_after_a_noun_ends_what_the_contact_was_about() -> None:
    text = (
        "Since I wrote to the IMB about contact with my daughter my PIN has been frozen for "
        "two weeks."
    )
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert C.COMMUNICATION_LIMITS in result.categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Since my mum rang the ombudsman my PIN got 'reset' and nobody else on the wing had "
            "that.",
            C.COMMUNICATION_LIMITS,
        ),
        (
            "After she asked for the form for the independent monitors the guard told her "
            "children no more snacks until morning.",
            C.ENTITLEMENTS,
        ),
        (
            "The week after his complaint to the Ombudsman his hearing aid batteries were taken "
            "'for checking' and never came back.",
            C.ENTITLEMENTS,
        ),
        (
            "done the inspectors survey. 2 days later im packed off the enhanced landing down "
            "to the induction spur, officer goes 'survey that then'",
            C.RELOCATION,
        ),
        (
            "Im at an STC. I had 40 points saved and after I done the questionnaire for the "
            "inspectors Mr K took 30 off me.",
            C.RECATEGORISATION,
        ),
    ],
)
def test_more_detriments_without_their_textbook_word(text: str, category: C) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is not Qualifies.NO
    assert category in result.categories


@pytest.mark.parametrize(
    "text",
    [
        "Via interpreter. Det. showed a razor blade wrapped in tissue inside his shoe and said "
        "he will use it if the flight on Thursday goes ahead. No complaint about staff.",
        "lad next door give me his flask and the photos of his kids last night, says 'look "
        "after them i wont be needing em'. he left letters for his mum in case. no bother "
        "from staff",
    ],
)
def test_clear_risks_said_other_ways(text: str) -> None:
    result = classify(text, learned=False)
    assert result.immediate_risk
    assert result.route is Route.SAFER_CUSTODY


@pytest.mark.parametrize(
    "text",
    [
        "Workshop instructor: since she spoke to the PPO investigator her hours have been cut.",
        "Pr on basic since a fire in his cell, which he admits. ACCT closed in May, no current "
        "concerns.",
        "YP says his trainers were taken on reception and the food 'is killing him'.",
    ],
)
def test_words_that_only_sound_like_risks(text: str) -> None:
    assert not classify(text, learned=False).immediate_risk


def test_a_whistleblowers_fear_for_herself_is_not_a_threat_to_the_prisoner() -> None:
    text = (
        "OSG, post room: saw the SO put a sealed letter from Pr K. in his drawer instead of "
        "the outgoing bag. Next day K. was moved to the 4s. She'd be finished if he found out "
        "she'd told us."
    )
    result = classify(text, learned=False)
    assert C.THREATS not in result.categories
    assert result.route is Route.WHISTLEBLOWING


def test_a_child_named_by_initial_and_age_in_a_staff_note_is_the_prisoner() -> None:
    text = (
        "Teacher at Cookham Wood: after R. (15) spoke to the inspectors, an officer took him "
        "off the catering course and told the class he 'tells tales'. She fears her contract "
        "won't be renewed if she is named."
    )
    result = classify(text)
    assert result.route is Route.WHISTLEBLOWING
    assert result.qualifies is Qualifies.YES


def test_a_sanction_that_happened_in_a_place_outside_the_protocol_is_outside_it() -> None:
    text = (
        "when i was up in Barlinnie last year the screws put me in the digger for a week "
        "after i spoke to the inspectors. since they moved me down to Durham its been fine"
    )
    result = classify(text, learned=False)
    assert result.route is Route.OUT_OF_SCOPE


def test_a_place_outside_only_in_the_past_of_a_sanction_here_stays_in_the_protocol() -> None:
    text = (
        "I was in police cells last year before I came here. Since I wrote to the IMB in May "
        "I was dropped from enhanced to basic and an officer said 'ask the Board for it back'."
    )
    assert classify(text, learned=False).route is Route.SANCTION_PROTOCOL
