"""Issue 13: wording classes found missing in the team's written batches, by concept: a letter
written to a body ("since I emailed you"), harassment said in everyday words (searches counted,
sleep broken, being watched), medicines withheld by name, what a denial does and does not deny,
a threat carried out, and accounts that are not sanctions (nothing followed the contact, the whole
wing treated alike, a cause accepted, a death in prison, an IMB member's own conduct).

The rules are tested alone (``learned=False``) so each class stands on the vocabulary, not on the
learned second opinion. Every text here was written for these tests (none comes from the labelled
sets).
"""

from __future__ import annotations

import pytest

from intake.classifier import Classification, classify
from intake.core.vocabulary import Body, Qualifies, Route

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


def test_staff_at_the_new_place_being_fine_is_no_denial_of_the_old() -> None:
    text = (
        "Two days after I spoke to the inspectors I was told to pack and sent to HMP Guys Marsh. "
        "No complaint about the staff at this end, they've been decent."
    )
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
