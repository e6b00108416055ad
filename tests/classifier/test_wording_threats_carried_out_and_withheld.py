"""Issue 13, session 17: threats carried out, detriments said indirectly, and their false friends.

- A threat whose harm word names an act ("the next van", "the block", "basic") is labelled by
  that act once it is done, and stays a threat while any act it named is still undone.
- Entitlements, lost jobs, moves and blocked letters said in everyday words ("not called for
  Jummah", "kicked me off bricks", "split us up", "put in a drawer").
- Threats in slang ("glass her", "a wired jaw", "worse is coming").
- False friends: a promise not to contact the body again, a credit that "hasn't gone on", a
  "cat board (not the IMB)", "I don't know how he got it", idioms that name no death, a topic
  that ends where a new clause starts ("about the search they've knocked me down to basic").

The rules are tested alone (``learned=False``). Every text was written for these tests.
"""

from __future__ import annotations

import pytest

from intake.classifier import classify
from intake.core.vocabulary import Qualifies, Route, SanctionCategory

C = SanctionCategory
BEFORE = "Since I wrote to the IMB about my property, "


@pytest.mark.parametrize(
    ("text", "done"),
    [
        (
            "The SO said I'd be on the next van north if I kept ringing the ombudsman. I rang "
            "them again on Monday. Wednesday morning I was on the sweatbox to Frankland.",
            C.TRANSFER,
        ),
        (
            "An officer told me one more letter to the Board and it's the block for me. I sent "
            "the letter Friday and on Saturday they put me down the seg.",
            C.ISOLATION,
        ),
    ],
    ids=["next-van-then-moved", "the-block-then-segregated"],
)
def test_a_threat_whose_harm_is_then_done_is_labelled_by_the_act(
    text: str, done: SanctionCategory
) -> None:
    result = classify(text, learned=False)
    assert done in result.categories
    assert C.THREATS not in result.categories


def test_a_threat_stays_while_one_of_its_acts_is_still_undone() -> None:
    text = (
        "The officer said if I kept writing to the inspectors I'd lose my kitchen job and be on "
        "the next bus out. The job went on Tuesday. I'm still here."
    )
    result = classify(text, learned=False)
    assert C.LOSS_OF_EMPLOYMENT in result.categories
    assert C.THREATS in result.categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (BEFORE + "I've not been called for Jummah three weeks running.", C.ENTITLEMENTS),
        (BEFORE + "the officer won't open up for my evening insulin.", C.ENTITLEMENTS),
        (BEFORE + "I've been barred from the library.", C.ENTITLEMENTS),
        (BEFORE + "my canteen bag keeps going walkabout.", C.ENTITLEMENTS),
        (BEFORE + "they took my rep badge off me.", C.LOSS_OF_EMPLOYMENT),
        (BEFORE + "they kicked me off plastering.", C.LOSS_OF_EMPLOYMENT),
        (BEFORE + "they split us up and put me on the 1s.", C.RELOCATION),
        (BEFORE + "the credit I buy hasn't gone on my PIN.", C.COMMUNICATION_LIMITS),
        (
            BEFORE + "my letters to the ombudsman get put in a drawer in the office.",
            C.COMMUNICATION_LIMITS,
        ),
        (
            BEFORE + "an officer made me scrub the toilets with a toothbrush while the others "
            "were kept waiting to watch.",
            C.HUMILIATION,
        ),
        (BEFORE + "the girls on the landing say they'll glass me at tea.", C.THREATS),
        (BEFORE + "the SO asked how much I'd talk with a wired jaw.", C.THREATS),
        (BEFORE + "the night officer says worse is coming.", C.THREATS),
    ],
    ids=[
        "not-called-for-jummah",
        "not-opened-up-for-insulin",
        "barred-from-library",
        "canteen-walkabout",
        "rep-badge-taken",
        "kicked-off-course",
        "split-up",
        "pin-credit",
        "letters-in-a-drawer",
        "scrub-toilets-watched",
        "glass-me",
        "wired-jaw",
        "worse-is-coming",
    ],
)
def test_detriments_said_indirectly(text: str, category: SanctionCategory) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert category in result.categories


@pytest.mark.parametrize(
    "text",
    [
        "officer say me: you talk board again, you go far away. i dont talk board again. "
        "then they move me to other centre.",
        "The credit my mum sends hasn't gone on my PIN since I wrote to the IMB.",
        "I wrote to the IMB in June. In July the cat board (not the IMB) knocked me back for "
        "cat D and my OM said the letter 'didn't help'.",
    ],
    ids=["promise-not-to-again", "credit-hasnt-gone-on", "cat-board-not-the-imb"],
)
def test_words_that_only_look_like_a_contact_denied(text: str) -> None:
    result = classify(text, learned=False)
    assert "IMB" in {b.value for b in result.body}
    assert result.qualifies is not Qualifies.NO


def test_not_knowing_how_staff_got_a_letter_is_no_doubt_of_the_link() -> None:
    text = (
        "Two days after the ombudsman's investigator saw me, an officer read my letter from "
        "them out on the landing and everyone laughed. I don't know how he got it."
    )
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES


def test_a_topic_ends_where_a_new_clause_starts() -> None:
    text = "Since I told the IMB about the strip search they've knocked me down to basic."
    result = classify(text, learned=False)
    assert C.RECATEGORISATION in result.categories


@pytest.mark.parametrize(
    "text",
    [
        "I spoke to the inspectors on Tuesday. That governor will be the death of me, honestly, "
        "he never answers an app.",
        "My back's killing me off this mattress. Not been to the Board. I just want a new one.",
        "The officer calls me the Board's favourite at meds. I'm dying of embarrassment.",
    ],
    ids=["death-of-me", "backs-killing-me", "dying-of-embarrassment"],
)
def test_idioms_name_no_death(text: str) -> None:
    result = classify(text, learned=False)
    assert result.route is not Route.DEATH_IN_CUSTODY
    assert not result.immediate_risk


def test_a_death_days_after_release_goes_to_the_ppo() -> None:
    text = (
        "My son died eleven days after he was released from HMP Leeds. He had written to the "
        "Board about his housing before he got out."
    )
    result = classify(text, learned=False)
    assert result.route is Route.DEATH_IN_CUSTODY


@pytest.mark.parametrize(
    "text",
    [
        "Officer on B wing said 'not about no inspectors, everyone's cell got spun'. "
        "Not about the inspectors at all, every single one of us got it.",
        "Pr warned he'll lose his gym orderly job if late again; accepts he was late. Has an "
        "IMB app in about his canteen; does not think the two are linked.",
    ],
    ids=["not-about-the-inspectors", "accepts-he-was-late"],
)
def test_a_link_denied_in_new_words(text: str) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.NO


@pytest.mark.parametrize(
    ("text", "threat"),
    [
        (
            "IMB note: Pr seen on the 3s after his application about his meds. Pr says he'll "
            "'do something stupid' if he is moved again.",
            False,
        ),
        (
            "Pr seen after his application to the IMB. Officer told him he'd be on basic by "
            "Friday if he went to the Board again.",
            True,
        ),
    ],
    ids=["his-own-words", "an-officers-words"],
)
def test_what_the_person_says_of_themselves_is_no_threat(text: str, threat: bool) -> None:
    result = classify(text, learned=False)
    assert (C.THREATS in result.categories) is threat


def test_a_threat_whose_own_words_name_the_act_then_done() -> None:
    text = (
        "After I wrote to the ombudsman the SO told me my letters were going to cost me my "
        "enhanced. Last week I was dropped to standard."
    )
    result = classify(text, learned=False)
    assert C.RECATEGORISATION in result.categories
    assert C.THREATS not in result.categories


def test_what_is_said_while_force_is_used_is_part_of_the_assault() -> None:
    text = (
        "The day after I saw the Board an officer shoved me into the railings on the 2s and "
        "said 'mind how you go'. My shoulder was bruised for a week."
    )
    result = classify(text, learned=False)
    assert C.PHYSICAL_ABUSE in result.categories
    assert C.THREATS not in result.categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            BEFORE + "the officer told the whole group at tea that my dad's in rehab.",
            C.HUMILIATION,
        ),
        (BEFORE + "the SO copies my stammer at the meds hatch.", C.HUMILIATION),
        (
            BEFORE + "they made me stand in the corridor with my mattress while the other "
            "lads walked past.",
            C.HUMILIATION,
        ),
        (
            BEFORE + "the officers look straight through me when I ask for anything.",
            C.PSYCHOLOGICAL_ABUSE,
        ),
        (
            BEFORE + "I've been called for a legal visit that didn't exist three times.",
            C.PSYCHOLOGICAL_ABUSE,
        ),
        (BEFORE + "I get rubbed down every single move, nobody else does.", C.PSYCHOLOGICAL_ABUSE),
    ],
    ids=[
        "family-matter-told-to-group",
        "stammer-copied",
        "others-walked-past",
        "looked-through",
        "visit-that-didnt-exist",
        "rubbed-down-every-move",
    ],
)
def test_shown_up_and_mind_games_in_everyday_words(text: str, category: SanctionCategory) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert category in result.categories


def test_a_note_under_the_door_shows_nobody_up() -> None:
    text = BEFORE + "someone pushed a note under my door saying 'we know what you told them'."
    result = classify(text, learned=False)
    assert C.HUMILIATION not in result.categories
    assert C.PSYCHOLOGICAL_ABUSE in result.categories


def test_a_threat_not_yet_carried_out_is_still_a_threat() -> None:
    text = (
        "The officer said if I showed anyone my letter from the ombudsman he'd make sure the "
        "whole wing knew what was in it. He hasn't done anything yet."
    )
    result = classify(text, learned=False)
    assert result.qualifies is not Qualifies.NO
    assert C.THREATS in result.categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            BEFORE + "my personal officer has asked me five times to withdraw it and sort it "
            "locally.",
            C.PSYCHOLOGICAL_ABUSE,
        ),
        (BEFORE + "an officer raps his keys on my door at 3am most nights.", C.PSYCHOLOGICAL_ABUSE),
        (BEFORE + "the night officer kicks my door every hour.", C.PSYCHOLOGICAL_ABUSE),
        (BEFORE + "the SO said we'll have our chat tonight when it's quiet.", C.THREATS),
        (BEFORE + "an officer said he'd find something in my cell.", C.THREATS),
        (BEFORE + "an officer said it's bad for your parole, all this writing.", C.THREATS),
        (
            BEFORE + "two officers put my head into the sink on Saturday night.",
            C.PHYSICAL_ABUSE,
        ),
    ],
    ids=[
        "asked-five-times-to-withdraw",
        "keys-rapped-on-door",
        "door-kicked-every-hour",
        "our-chat-tonight",
        "find-something",
        "bad-for-parole",
        "head-into-sink",
    ],
)
def test_pressure_intimidation_and_threats_in_everyday_words(
    text: str, category: SanctionCategory
) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert category in result.categories


def test_an_accepted_cause_of_what_came_first_leaves_what_followed_standing() -> None:
    text = (
        "I got moved to C wing in January after a fight, my own fault. I spoke to the "
        "ombudsman's investigator in March. Since then the SO calls me a snitch every morning."
    )
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert C.VERBAL_ABUSE in result.categories


@pytest.mark.parametrize(
    "text",
    [
        "Since I saw the Board, the officer on my landing was lovely. My sister shipped a parcel "
        "of trainers and reception asked me to transfer the value into my spends.",
        "I work on the seg as the cleaner, I'm not held there. I told the IMB about the heating.",
    ],
    ids=["shipped-a-parcel", "seg-cleaner"],
)
def test_words_that_only_look_like_a_move_or_segregation(text: str) -> None:
    result = classify(text, learned=False)
    assert C.TRANSFER not in result.categories
    assert C.ISOLATION not in result.categories


def test_the_same_afternoon_as_the_meeting_is_a_link() -> None:
    text = "They took me down the seg the same afternoon as my meeting with the IMB."
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert C.ISOLATION in result.categories
