"""Issue 13, session 15: whose contact a link points at, what an account says was never done.

- A time or a reason that points at a contact with someone else ("after his sister wrote to
  their MP", "... the local paper. Since then") ties what followed to that contact: a body named
  elsewhere without a link of its own does not make it a sanction. A body beside the other
  ("her advocate sent it on to the ombudsman", "the Board or some charity") still counts.
- "... nothing to do with it" points back at the body named before it, as "them" does.
- The whole wing or the whole prison treated alike, said other ways.
- A cause the person accepts of a warning about their own conduct ("if I kick off again I'm
  down the block, and that's fair") does not deny what was done to them elsewhere.
- An act said never to have happened ("never been moved, never lost my job") is no detriment.
- A process never opened ("never been on an ACCT", "off ACCT for a year") is no present risk.

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
        "After his sister wrote to their MP about the heating, officers took his kettle and "
        "his radio. He also saw the IMB about his glasses but they have nothing on that.",
        "My story was in the local paper in May. Since then the SO has stopped my gym. I've "
        "talked to the inspectors too, but that's old news.",
        "Ever since my solicitor lodged the judicial review, DCOs search my room twice a "
        "week. I did fill in the inspectors' survey as well.",
    ],
)
def test_a_link_pointing_at_someone_else_is_not_a_sanction(text: str) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.NO
    assert result.route is Route.COMPLAINT
    assert "someone other than" in result.rationale


@pytest.mark.parametrize(
    "text",
    [
        "After her advocate sent her complaint on to the ombudsman, staff took her off the "
        "kitchen rota.",
        "I wrote to the Board or some charity, I forget which. A week later I was on the van "
        "to Swaleside.",
    ],
)
def test_a_body_beside_the_other_contact_keeps_the_link(text: str) -> None:
    assert classify(text, learned=False).qualifies is not Qualifies.NO


@pytest.mark.parametrize(
    "text",
    [
        "Moved to D wing on the 3rd after a fight, I'd put a letter to the ombudsman in on the "
        "20th about my missing trainers. He says the move 'came before, nothing to do with it'.",
        "Since her piece was in the paper she's been off the orderly job. She spoke to the "
        "Board that week too but 'the Board's got nothing to do with it', she says.",
        "The whole of C wing was put on a restricted regime after the inspectors left. I did "
        "speak to them, but it's the whole wing, not just me.",
        "A security sweep across the whole prison the week after the inspection: our cells "
        "were turned over, I spoke to the inspectors but so did plenty.",
    ],
)
def test_denials_pointing_back_and_the_whole_wing_are_no(text: str) -> None:
    assert classify(text, learned=False).qualifies is Qualifies.NO


@pytest.mark.parametrize(
    ("text", "done"),
    [
        (
            "The day after the Board saw me I was taken off the servery and the SO said 'that's "
            "what talking to the Board gets you'. He also said if I kick off again I'm going "
            "down the block, but that's fair, I did kick off.",
            C.LOSS_OF_EMPLOYMENT,
        ),
        (
            "After I told the inspectors about the restraint, staff took me off the barbering "
            "course, one saying 'should have kept quiet for the inspectors'. They also said I'd "
            "lose my TV if I kept swearing; fair enough, I was swearing.",
            C.LOSS_OF_EMPLOYMENT,
        ),
    ],
)
def test_an_accepted_warning_leaves_what_was_done(text: str, done: SanctionCategory) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert done in result.categories
    assert C.THREATS not in result.categories


@pytest.mark.parametrize(
    ("text", "never"),
    [
        (
            "I've had apps in to the IMB for years. Nobody has bothered me for it, I've never "
            "been moved and never lost my job. I'm here about the shower that's broken.",
            C.LOSS_OF_EMPLOYMENT,
        ),
        (
            "Spoke to the inspectors last spring. I was never once searched after, never "
            "downgraded. My complaint is the canteen prices.",
            C.PSYCHOLOGICAL_ABUSE,
        ),
    ],
)
def test_an_act_said_never_to_have_happened_is_no_detriment(
    text: str, never: SanctionCategory
) -> None:
    result = classify(text, learned=False)
    assert never not in result.categories
    assert result.qualifies is Qualifies.NO


def test_an_act_said_with_not_is_still_the_detriment() -> None:
    text = (
        "Since I wrote to the ombudsman I have not been given my canteen and they moved me "
        "to the twos."
    )
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert {C.ENTITLEMENTS, C.RELOCATION} <= set(result.categories)


@pytest.mark.parametrize(
    "text",
    [
        "I put an IMB app in about my parole dossier. I have never been on an ACCT and I feel "
        "safe; I just want the dossier chased.",
        "She has old scars, off ACCT for a year and doing well, and has asked the Board about "
        "her course. Staff have been nothing but supportive.",
    ],
)
def test_an_acct_never_opened_or_closed_is_no_present_risk(text: str) -> None:
    result = classify(text, learned=False)
    assert not result.immediate_risk
    assert result.route is not Route.SAFER_CUSTODY


def test_an_acct_open_now_is_still_a_risk() -> None:
    text = "He was put on an ACCT last night after the officer told him he'd be shipped out."
    assert classify(text, learned=False).immediate_risk


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Since my nan rang the IMB for me the night officer has stopped my evening snack.",
            C.ENTITLEMENTS,
        ),
        (
            "After I spoke to the inspectors staff said I can't go to the gym all week.",
            C.ENTITLEMENTS,
        ),
        (
            "The week after she wrote to the ombudsman she was moved off the enhanced landing "
            "back to the main wing.",
            C.RELOCATION,
        ),
        (
            "After he saw the Board a DCO announced in the lounge that he 'has been talking to "
            "the monitors'.",
            C.PSYCHOLOGICAL_ABUSE,
        ),
        (
            "Since my PPO complaint the custody manager keeps asking if I really want to put "
            "my name to it, with my Cat D board next month.",
            C.PSYCHOLOGICAL_ABUSE,
        ),
        (
            "After my letter to the IMB an officer said 'people who write to the Board should "
            "think about who unlocks them on nights'.",
            C.THREATS,
        ),
        (
            "Since my partner emailed the ombudsman the SO told me 'one more email and watch "
            "your visits go'.",
            C.THREATS,
        ),
    ],
)
def test_detriments_in_words_of_their_own(text: str, category: SanctionCategory) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert category in result.categories


@pytest.mark.parametrize(
    "text",
    [
        "I saw the IMB about my phone credit and that was no problem at all. They moved me to "
        "the 3s after the fight.",
        "I wrote to the ombudsman in May and nobody's said a dicky bird about it. My canteen "
        "was short because of the supplier.",
        "After I saw the Board the officer told me I'd get a negative if my music's loud "
        "again. He never mentioned the Board and said it nicely.",
    ],
)
def test_staff_who_never_raised_the_contact_and_a_contact_with_no_problem_are_no(
    text: str,
) -> None:
    assert classify(text, learned=False).qualifies is Qualifies.NO


@pytest.mark.parametrize(
    "text",
    [
        "Since I told the inspectors about the showers they nicked me for a threat I never "
        "made, and my cell gets turned over every morning.",
        "One officer joked 'careful or you'll be in the inspectors' report' at pool. Since I "
        "spoke to the inspectors the other one keeps my letters in the office.",
    ],
)
def test_a_charge_for_a_threat_and_a_joke_are_no_threats(text: str) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert C.THREATS not in result.categories


def test_an_assault_by_another_prisoner_staff_stopped_is_no_sanction() -> None:
    text = (
        "Last night another detainee punched him because he had translated for men who spoke "
        "to the IMB. DCOs pulled the man off at once and took him to healthcare."
    )
    result = classify(text, learned=False)
    assert C.PHYSICAL_ABUSE not in result.categories
    assert result.qualifies is Qualifies.NO


def test_an_assault_by_staff_beside_other_prisoners_is_still_physical_abuse() -> None:
    text = (
        "After he told the inspectors about the food, staff kept him in while no other lads "
        "were out, and one of them grabbed him by the throat on the landing."
    )
    assert C.PHYSICAL_ABUSE in classify(text, learned=False).categories


def test_a_threat_from_the_prisoner_the_person_reported_is_not_staffs() -> None:
    text = (
        "After she told the Board about bullying in the laundry, the woman she named told "
        "others she'll 'get her in the showers'. Staff moved that woman to another house."
    )
    result = classify(text, learned=False)
    assert C.THREATS not in result.categories


def test_an_imb_member_told_of_by_what_she_did_is_a_complaint_about_the_member() -> None:
    text = (
        "I want to complain about the lady from the Board with the green coat. She told the "
        "officer in the wing office what I said in private about my son. Staff have done "
        "nothing to me, it's her I've got the problem with."
    )
    assert classify(text, learned=False).route is Route.IMB_MEMBER_COMPLAINT


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Since my letter to the Board I'm on basic: telly out, own clothes bagged up, two "
            "visits a month.",
            C.ENTITLEMENTS,
        ),
        (
            "A week after the inspectors' group, Officer P started making me come for my "
            "meals after everyone else and take the tray back to my cell.",
            C.ISOLATION,
        ),
        (
            "Since I saw the IMB the night officer has been going round the other cells "
            "telling people I'm 'the one feeding the Board'.",
            C.PSYCHOLOGICAL_ABUSE,
        ),
        (
            "Since my PPO complaint went in my cat D got knocked back again.",
            C.RECATEGORISATION,
        ),
        (
            "A fortnight after my PPO complaint I was moved to another B cat, no reason.",
            C.TRANSFER,
        ),
        (
            "Ever since the focus group with the inspectors the SO does a big bow whenever I "
            "walk onto the servery, and the queue copies him.",
            C.HUMILIATION,
        ),
        (
            "After my letter to the ombudsman the officer held his fist right up to my face "
            "and said 'one day'. He never touched me.",
            C.THREATS,
        ),
        (
            "Since I went to the IMB the SO stops at my door: 'them stairs are slippy, people "
            "fall, only joking', and winks.",
            C.THREATS,
        ),
        (
            "After she talked to the inspectors, staff stopped her going to the gym and out on "
            "the field for a week.",
            C.ENTITLEMENTS,
        ),
        (
            "On 4 May he told the IMB that staff were opening his legal post. On 9 May our "
            "letter to him was again opened.",
            C.COMMUNICATION_LIMITS,
        ),
    ],
)
def test_category_boundaries_in_words_of_their_own(text: str, category: SanctionCategory) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert category in result.categories


@pytest.mark.parametrize(
    ("text", "not_this"),
    [
        (
            "Pr has fresh cuts to both arms, self-inflicted last night. No assault alleged. "
            "Since his IMB app, his post has been handed back to him opened.",
            C.PHYSICAL_ABUSE,
        ),
        (
            "Dear Board, my son told your members that three officers held him down on the "
            "landing. Since he told you, every visit I book gets cancelled.",
            C.PHYSICAL_ABUSE,
        ),
        (
            "Since I saw the Board I've started eating in my cell by choice, and the SO calls "
            "me 'Board boy' at the servery.",
            C.ISOLATION,
        ),
        (
            "The week after his IMB app he was taken off his wing cleaner job; the SO said "
            "'ask the Board for a job'.",
            C.RELOCATION,
        ),
        (
            "The morning after he gave the Board a statement he was relocated from B wing to "
            "the CSU, citing 'intel re threats to staff'.",
            C.RELOCATION,
        ),
        (
            "The morning after he gave the Board a statement he was relocated from B wing to "
            "the CSU, citing 'intel re threats to staff'.",
            C.THREATS,
        ),
    ],
)
def test_category_false_friends_at_the_boundaries(text: str, not_this: SanctionCategory) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is not Qualifies.NO
    assert not_this not in result.categories


def test_a_detriment_dated_before_the_contact_is_no_link_for_a_bare_now() -> None:
    text = (
        "Lost my enhanced in February for a failed MDT. Went to the Board in April to ask how "
        "long I'd be on standard. Still on standard now."
    )
    assert classify(text, learned=False).qualifies is Qualifies.NO


def test_a_list_of_bodies_never_approached_denies_each() -> None:
    text = (
        "Our client has been on basic since we issued proceedings over his injury. Staff call "
        "him 'the claimant'. He has not approached the IMB, HMIP or the PPO."
    )
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.NO
    assert result.body == []


@pytest.mark.parametrize(
    "text",
    [
        "Since I spoke to the inspectors the SO says 'funny how lads who talk to inspectors "
        "slip in the showers'.",
        "After my IMB app the officer on the 3s said I'd have 'a very sore weekend' if I kept "
        "writing.",
        "Since the ombudsman upheld my complaint the SO runs his thumb across his throat "
        "whenever I pass the office.",
        "My cellmate heard two officers saying they're going to give 'the Board's grass' a "
        "kicking on nights. I went to the Board last week.",
        "After I saw the IMB the officer told me 'be a shame if you went down them stairs'.",
        "A DCO tore up his IMB application and said 'next one I find, you go to separation'.",
    ],
)
def test_veiled_threats_of_harm(text: str) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is not Qualifies.NO
    assert C.THREATS in result.categories


def test_a_fall_that_happened_is_no_threat() -> None:
    text = (
        "Since his son wrote to the IMB his evening tablets have not been given five times. "
        "He fell on the landing yesterday."
    )
    assert C.THREATS not in classify(text, learned=False).categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Since I went to the Board, every morning at unlock the officer goes 'bags packed?' "
            "and grins.",
            C.PSYCHOLOGICAL_ABUSE,
        ),
        (
            "Since the ombudsman's letter, the night officer has stood at my door twice staring "
            "in.",
            C.PSYCHOLOGICAL_ABUSE,
        ),
        (
            "Since my complaint went to the ombudsman I've had twenty minutes outside in two "
            "weeks; the others get an hour a day.",
            C.ENTITLEMENTS,
        ),
        (
            "The day after I saw the IMB, my radio and my photos were gone from my cell while "
            "I was at work.",
            C.ENTITLEMENTS,
        ),
    ],
)
def test_mind_games_and_entitlements_said_other_ways(text: str, category: SanctionCategory) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert category in result.categories
