"""Issue 13: wording classes found missing in the team's written batches, by concept: accounts
that are not sanctions (nothing followed the contact, the whole wing treated alike, a cause
accepted, a death in prison or outside, a risk with no sanction), places outside the protocol,
and an IMB member's own conduct.

The rules are tested alone (``learned=False``) so each class stands on the vocabulary, not on the
learned second opinion. Every text here was written for these tests (none comes from the labelled
sets).
"""

from __future__ import annotations

import pytest

from intake.classifier import Classification, classify
from intake.core.vocabulary import Qualifies, Route

NO, UNCLEAR, YES = Qualifies.NO, Qualifies.UNCLEAR, Qualifies.YES


def _rules(text: str) -> Classification:
    return classify(text, learned=False)


def _named(text: str) -> set[str]:
    return {c.value for c in _rules(text).categories}


# ---- not sanctions
@pytest.mark.parametrize(
    "text",
    [
        "I was put on basic on the 2nd for a fight. On the 9th I wrote to the ombudsman about it. "
        "Nothing else has happened since, I'm waiting to hear.",
        "The whole wing was banged up for three days after the inspection because of staffing. I "
        "spoke to the inspectors but so did everyone else, it's not just me.",
        "I lost my orderly job after a positive MDT, that's on me. I saw the Board last week "
        "about my canteen.",
        "He was moved to another wing at his own request. He saw the IMB about his property.",
    ],
)
def test_accounts_where_nothing_was_done_for_the_contact_do_not_qualify(text: str) -> None:
    result = _rules(text)
    assert result.qualifies is NO, result.rationale


def test_a_hedged_concession_is_not_a_denial() -> None:
    text = (
        "The week after the inspectors were in my cell I lost enhanced. I did get a warning for "
        "the state of my cell, so maybe that's fair, maybe it isn't."
    )
    assert _rules(text).qualifies is not NO


def test_a_relative_who_died_in_prison_is_a_death_in_custody() -> None:
    text = (
        "My son died at HMP Ashfield last month, two weeks after he told the IMB he was being "
        "bullied. I want to know what happened."
    )
    result = _rules(text)
    assert result.route is Route.DEATH_IN_CUSTODY
    assert result.qualifies is NO


def test_a_relative_who_died_outside_is_not_a_death_in_custody() -> None:
    text = (
        "My mum passed away last week and since I saw the Board they won't let me go to the "
        "funeral."
    )
    assert _rules(text).route is not Route.DEATH_IN_CUSTODY


@pytest.mark.parametrize(
    "text",
    [
        "I want to complain about the IMB member who came on Monday: she refused to take my "
        "application and said to ask an officer.",
        "The Board member who saw him talked about his medical history loudly in front of the "
        "officers. He wants an apology.",
    ],
)
def test_an_imb_members_own_conduct_is_a_complaint_about_the_member(text: str) -> None:
    assert _rules(text).route is Route.IMB_MEMBER_COMPLAINT


@pytest.mark.parametrize(
    "text",
    [
        "She gave a statement to the PPO's investigator about the death of a woman on her wing. "
        "A week later she was told she is being transferred to HMP Styal.",
        "Since I spoke to the inspectors a note was pushed under my door saying 'grasses die'.",
    ],
)
def test_a_death_investigation_or_a_threat_of_death_is_not_a_death_told_of(text: str) -> None:
    result = _rules(text)
    assert result.route is not Route.DEATH_IN_CUSTODY
    assert result.qualifies is not NO, result.rationale


@pytest.mark.parametrize(
    "text",
    [
        "My cellmate gave away his radio and his trainers last night and wrote letters to his "
        "kids. It's nothing to do with staff, he had bad news from home.",
        "A lad I owe money to said 'accidents happen on the stairs'. Nothing to do with the "
        "officers, they're alright.",
    ],
)
def test_a_possible_risk_with_no_sanction_is_asked_about_and_stays_a_complaint(text: str) -> None:
    result = _rules(text)
    assert result.qualifies is NO
    assert result.possible_immediate_risk
    assert result.route is Route.COMPLAINT


# ---- places and an IMB member's conduct
def test_since_a_month_is_now_not_the_past() -> None:
    text = (
        "She has been in a secure children's home since March. Since she rang the Board, staff "
        "have stopped her calls to her nan."
    )
    assert _rules(text).route is Route.OUT_OF_SCOPE


def test_a_medium_secure_unit_is_outside_the_protocol() -> None:
    text = (
        "A patient at a medium secure unit says that since he wrote to the PPO from prison, ward "
        "staff have stopped his escorted leave."
    )
    assert _rules(text).route is Route.OUT_OF_SCOPE


@pytest.mark.parametrize(
    "text",
    [
        "He wants to complain that the IMB member laughed when he told her about his family.",
        "The Board lady kept calling me by the wrong name. I want someone else.",
        "Dear Chair, a member of your Board has not answered my son's applications for two "
        "months. We would like someone else to deal with it.",
    ],
)
def test_an_imb_members_manner_is_a_complaint_about_the_member(text: str) -> None:
    result = _rules(text)
    assert result.route is Route.IMB_MEMBER_COMPLAINT
    assert result.qualifies is NO


def test_a_members_breach_that_led_staff_to_punish_still_qualifies() -> None:
    text = (
        "I want to complain about the Board member I saw. She told the SO it was me who "
        "complained, and since then the SO has kept me behind my door at association."
    )
    result = _rules(text)
    assert result.route is Route.IMB_MEMBER_COMPLAINT
    assert result.qualifies is not NO, result.rationale
