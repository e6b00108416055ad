"""Issue 13, session 14: denials, warnings to others, threats and their false friends, healing.

- Denials said other ways ("that's nothing to do with it", "nothing bad came of it", "never
  once caused me a moment's trouble", "I'm not saying anybody's punishing me"): no sanction.
- A quoted warning to other prisoners about the person ("careful what you say round him, he
  tells the Board everything") tells them the person informs: psychological abuse.
- Threats set on the next contact ("next app you put in you're shipped") and the words that only
  look like threats (a body "won't help you", a procedure explained, "it'll make life easier").
- Detriments said other ways, each its category; a contact's topic ends at a new "I'd".
- An injury said to have healed is no present danger; risks said other ways are.
- Whistleblowers who work for a contractor or spoke to a newspaper; bodies described, and doubt
  about which body it was.

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
        "Lost my gym orderly job, fair one, I was caught with a phone. I saw the IMB about my "
        "glasses the week before but that's nothing to do with it, different thing.",
        "He was put in the segregation unit after throwing a chair. He talked to the "
        "inspectors in March and says nothing bad came from that.",
        "I've put apps in to the Board for years and nobody has ever given me a hard time for "
        "it. My problem is my cellmate took my radio.",
        "My transfer to Channings Wood came through after I saw the Board, but I asked for the "
        "move myself to be near my sister.",
        "I went down to basic for a positive test in May. I spoke to the IMB in June. I'm not "
        "saying anybody's punishing me for the Board.",
        "They moved me off the enhanced landing when it flooded. The ombudsman has helped me "
        "for years and they've never once caused me a moment's trouble with staff.",
    ],
    ids=[
        "nothing-to-do-with-it",
        "nothing-bad-came-from-it",
        "never-given-a-hard-time",
        "move-asked-for",
        "not-saying-anybody-punishing",
        "never-caused-trouble",
    ],
)
def test_denials_said_other_ways_are_no_sanction(text: str) -> None:
    assert classify(text, learned=False).qualifies is Qualifies.NO


@pytest.mark.parametrize(
    "text",
    [
        "Two days after I saw the Board an officer said at the hotplate 'careful what you say "
        "round this one, lads, he tells the Board everything'.",
        "After my ombudsman complaint the SO told the girl in the next cell I'd 'grassed the "
        "lot of you to the ombudsman'.",
        "Since I spoke to the inspectors an officer told the two lads on the spur that I'd "
        "given the inspectors their names.",
    ],
    ids=["careful-what-you-say", "told-the-girl-next-door", "told-the-two-lads"],
)
def test_a_warning_to_others_that_the_person_informs(text: str) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert C.PSYCHOLOGICAL_ABUSE in result.categories


def test_a_threat_set_on_the_next_application_is_a_threat_not_a_move() -> None:
    text = (
        "I was dropped to basic two days after the IMB saw me. The SO says the next app I put "
        "in I'm getting shipped."
    )
    result = classify(text, learned=False)
    assert C.THREATS in result.categories
    assert C.TRANSFER not in result.categories


@pytest.mark.parametrize(
    "text",
    [
        "After my IMB application I was taken off the bricklaying course. An officer wrote on "
        "my paperwork 'Board won't help you here'.",
        "I wrote to the ombudsman about my property and since then my canteen has been stopped. "
        "The SO explained that if I did it again I'd be charged, as per the rules.",
        "Since my IMB app my keyworker keeps coming to say I should drop it, 'it'll make life "
        "easier'. My visits were cancelled twice.",
    ],
    ids=["board-wont-help", "procedure-explained", "make-life-easier"],
)
def test_words_that_only_look_like_threats(text: str) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert C.THREATS not in result.categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Two days after my PPO complaint I got 14 days loss of canteen for nothing.",
            C.ENTITLEMENTS,
        ),
        ("After I saw the IMB the adjudicator gave me 7 days CC for a cup of tea.", C.ISOLATION),
        (
            "Since he wrote to the Board they took the walking stick off him at the gate.",
            C.ENTITLEMENTS,
        ),
        (
            "Since his HMIP interview his warfarin has not been given on three nights.",
            C.ENTITLEMENTS,
        ),
        (
            "After the inspectors left an officer shut the cell door on my hand on purpose.",
            C.PHYSICAL_ABUSE,
        ),
        (
            "The day after my IMB app two officers took an arm each and marched me to the van "
            "bent double.",
            C.PHYSICAL_ABUSE,
        ),
        (
            "Since I complained to the ombudsman I'm on standard, so it's one phone call to my "
            "mum a week not three.",
            C.COMMUNICATION_LIMITS,
        ),
        (
            "After my complaint to the PPO the OSG took the envelopes out of the box in front "
            "of me.",
            C.COMMUNICATION_LIMITS,
        ),
        (
            "Since she wrote to the IMB, letters from her kids have been sitting in the post "
            "room for a week each time.",
            C.COMMUNICATION_LIMITS,
        ),
        (
            "The week after I spoke to the inspectors the instructor told me I was finished "
            "as workshop orderly.",
            C.LOSS_OF_EMPLOYMENT,
        ),
        (
            "Two days after my IMB app they put me back on the 3s with no reason given.",
            C.RELOCATION,
        ),
        (
            "After my PPO complaint officers come to my door at two and four in the morning "
            "to check on me though I'm on no watch.",
            C.PSYCHOLOGICAL_ABUSE,
        ),
        (
            "After the inspectors were in, an officer rammed me into the railings on the twos.",
            C.PHYSICAL_ABUSE,
        ),
    ],
    ids=[
        "loss-of-canteen",
        "days-cc",
        "stick-taken-off",
        "medicine-not-given",
        "door-shut-on-hand",
        "an-arm-each",
        "fewer-calls-as-numbers",
        "envelopes-out-of-the-box",
        "letters-sat-in-post-room",
        "finished-as-orderly",
        "back-on-the-3s",
        "door-at-two-and-four",
        "rammed-into-railings",
    ],
)
def test_detriments_said_other_ways(text: str, category: SanctionCategory) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert category in result.categories


def test_the_person_not_coming_out_is_not_segregation() -> None:
    text = (
        "Since I wrote to the ombudsman an officer keeps telling the landing I'm a grass. I'm "
        "not unlocking, I stay in my pad."
    )
    assert C.ISOLATION not in classify(text, learned=False).categories


def test_a_topic_ends_at_a_new_clause_so_the_threat_is_carried_out() -> None:
    text = (
        "The SO said if I went to the ombudsman about my review I'd be down the block by "
        "Friday. I sent it anyway. Thursday I'm in the seg."
    )
    result = classify(text, learned=False)
    assert C.ISOLATION in result.categories
    assert C.THREATS not in result.categories


@pytest.mark.parametrize(
    "text",
    [
        "A week after I spoke to the inspectors I had a black eye from a lad on the spur over "
        "a debt. The eye's healed now and it's sorted. Staff have been fine.",
        "After the ombudsman took her complaint an officer pushed her into the wall and she "
        "had a bruise on her cheek. The bruise has gone now.",
    ],
    ids=["eye-healed", "bruise-gone"],
)
def test_an_injury_said_to_have_healed_is_no_immediate_risk(text: str) -> None:
    assert not classify(text, learned=False).immediate_risk


@pytest.mark.parametrize(
    "text",
    [
        "My cellmate says he's boiling the kettle on me tonite if I don't pay him.",
        "She has a shoelace hidden under her mattress 'for later' since her appeal failed.",
        "He's got 30 odd of his tablets saved in a sock and says it doesn't matter now.",
        "I've got a strip of sheet knotted up in my pillowcase. I'm not saying I'll use it.",
        "Her mum says she has a strip of sheet hidden under her mattress.",
    ],
    ids=["kettle-tonite", "for-later", "tablets-counted", "knotted-sheet", "strip-hidden"],
)
def test_risks_said_other_ways(text: str) -> None:
    assert classify(text, learned=False).immediate_risk


def test_hours_or_phone_time_cut_is_no_violence() -> None:
    text = "Since she rang a radio station about the food her PIN calls have been cut."
    assert not classify(text, learned=False).immediate_risk


@pytest.mark.parametrize(
    "text",
    [
        "I work for the escort contractor. After a detainee raised his IMB complaint at "
        "handover my colleague bent his fingers back in the van. If my firm finds out I "
        "told you, I'm finished.",
        "Officer, local prison: gave a quote to a newspaper about the drones. There is now a "
        "leak investigation and he thinks they know it was him.",
    ],
    ids=["escort-contractor", "newspaper"],
)
def test_whistleblowers_said_other_ways(text: str) -> None:
    assert classify(text, learned=False).route is Route.WHISTLEBLOWING


@pytest.mark.parametrize(
    "text",
    [
        "My dad says he wrote to the people who look at complaints when the prison won't. The "
        "next week they moved him from his ground-floor cell up to the threes.",
        "Since he wrote to London he has been kept behind his door. He won't say to whom.",
        "Some people came round with iPads doing a survey. Next week they moved me off my "
        "unit. Dunno if the iPad people was the inspectors or the centre's own.",
    ],
    ids=["people-who-look-at-complaints", "wrote-to-london", "dunno-if-inspectors"],
)
def test_bodies_described_or_doubted_are_unclear(text: str) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.UNCLEAR
    assert result.route is Route.SANCTION_PROTOCOL


def test_an_imb_member_who_told_the_so_every_word() -> None:
    text = (
        "That IMB fella told the SO every word I said about the showers. Isn't he meant to be "
        "independent? I want to complain about him."
    )
    assert classify(text, learned=False).route is Route.IMB_MEMBER_COMPLAINT
