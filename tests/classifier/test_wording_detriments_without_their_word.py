"""Issue 13, session 12: detriments said without their textbook word, one table.

Needs not met (a script not had since Sunday, the meds hatch shut by the time the door is
opened, prayers clashed with an appointment, a gym name never called, exercise "forgotten",
served last and cold), contact limited (PIN numbers "not approved yet", visits that always show
"full", calls that never come through, a mobile taken "for checking", an application come back
opened, apps that never arrive), isolation (unlock "forgotten", locked in while the rest are
out, alone at mealtimes, own unlock), humiliation (a whiny voice, a remark loud enough for the
queue, an app read out to the unit), force (a door left on the latch and others let in),
harassment (pressure kept up, progression made "a game"), threats ("next time he'll snap it",
"inspectors won't be here forever"), progression put back, moves within and between prisons,
a job lost as wing painter.

The rules are tested alone (``learned=False``). Every text was written for these tests.
"""

from __future__ import annotations

import pytest

from intake.classifier import classify


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "since i put an app in to the board the meds hatch is shut every nite by the "
            "time they crack my door. im on a meth script, aint had it since sunday",
            "entitlements",
        ),
        (
            "Since she told the IMB about reception, her sanitary towels have been 'missed' "
            "off her canteen three weeks running.",
            "entitlements",
        ),
        (
            "Since my PPO complaint went in my ROTL board's been put back four times.",
            "recategorisation",
        ),
        (
            "After he gave evidence to the PPO he was returned to category B on 'new information'.",
            "recategorisation",
        ),
        (
            "Since my complaint to the Ombudsman the officer on my house keeps saying 'you "
            "know what you need to do, take it back'.",
            "psychological_abuse",
        ),
        (
            "After she spoke to the IMB the officer said loud enough for the queue that she "
            "was the Board's little helper.",
            "humiliation",
        ),
        (
            "Since he spoke to the HMIP team he is booked for interviews at exactly Jummah time "
            "every Friday.",
            "entitlements",
        ),
        (
            "Since my IMB app he is recorded as declining the gym but his name was never called.",
            "entitlements",
        ),
        (
            "Pr on CSU since the day after IMB surgery. Exercise 'forgotten' 5 of 8 days.",
            "entitlements",
        ),
        (
            "Since he complained to the PPO he is served last and his tea is left cold on the "
            "hatch.",
            "entitlements",
        ),
        (
            "since the ombudsman complaint all my pin numbers are 'not approved yet'",
            "communication_limits",
        ),
        (
            "Since she spoke to the inspectors her Saturday visits show 'full' every week.",
            "communication_limits",
        ),
        ("After the IMB visit the video calls I book never come through.", "communication_limits"),
        (
            "The morning after he rang the Board his mobile was taken 'for checking' and not "
            "returned.",
            "communication_limits",
        ),
        (
            "Since the PPO letter his visitors were told at the gate that he did not want to see "
            "them.",
            "communication_limits",
        ),
        ("Since I told the inspectors my unlock keeps getting 'forgotten'.", "isolation"),
        ("told the board bout it and they aint cracked me for assoc since", "isolation"),
        ("Since he spoke to HMIP his room is kept locked during free flow.", "isolation"),
        ("Since she spoke to the inspectors she's on her own at mealtimes.", "isolation"),
        (
            "Since his complaint to the PPO one officer does a whiny voice in front of the boys.",
            "humiliation",
        ),
        (
            "Since she wrote to the IMB she is told to take her top off every time she leaves the "
            "workroom.",
            "humiliation",
        ),
        (
            "After my IMB app my door was left on the latch at bang-up and two lads came in and "
            "went at my face.",
            "physical_abuse",
        ),
        (
            "Since the ombudsman upheld my complaint my progression has become a game.",
            "psychological_abuse",
        ),
        (
            "After his PPO complaint the CM said it would be easier for everybody if he withdrew "
            "it.",
            "psychological_abuse",
        ),
        (
            "i told the board lady about the restraint. one of them said next time he'll snap it.",
            "threats",
        ),
        (
            "The evening after he spoke to the inspectors he was moved into a room with a man "
            "he is scared of.",
            "relocation",
        ),
        ("Since my PPO letter went in I've been put down to go back to Bronzefield.", "transfer"),
        ("Pr: since PPO complaint, removed as wing painter same wk.", "loss_of_employment"),
        (
            "since my ombudsman complaint they bang me up early every night while the rest of the "
            "landing is still out",
            "isolation",
        ),
        ("YP: IMB app 2/10. From 3/10 on 'own unlock' 6 days.", "isolation"),
        ("since my ombudsman letter they aint give me my meth till dinner time", "entitlements"),
        ("since my IMB app the screw tipped my canteen in a bin bag", "entitlements"),
        ("Pr: IEP enh->std 2 days after IMB app.", "recategorisation"),
        (
            "Since he spoke to the IMB a DCO says at every night check 'we are watching you'.",
            "psychological_abuse",
        ),
        (
            "Since the complaint staff keep telling him to 'drop the ombudsman thing'.",
            "psychological_abuse",
        ),
        (
            "After the HMIP survey an officer said to him 'inspectors won't be here forever'.",
            "threats",
        ),
        ("the screw on the meds hatch goes 'go cry to the ombudsman smackhead'", "verbal_abuse"),
        (
            "Her IMB application came back to her under the door, opened, with 'think carefully' "
            "written across it.",
            "communication_limits",
        ),
        (
            "He gave his IMB application to a DCO because the box was locked. The Board says it "
            "never arrived.",
            "communication_limits",
        ),
        ("I post my IMB apps every Thursday. Seven apps, none arrived.", "communication_limits"),
        (
            "Since her aunt wrote to the ombudsman her calls to her aunt are 'not on the approved "
            "list'.",
            "communication_limits",
        ),
        ("2 days after I told the IMB im slung up the 4s with the smackheads.", "relocation"),
        (
            "After she gave evidence to the PPO officers moved her to the detox house though she "
            "doesn't use.",
            "relocation",
        ),
    ],
)
def test_detriments_without_their_textbook_word(text: str, category: str) -> None:
    assert category in {c.value for c in classify(text, learned=False).categories}


def test_an_application_read_out_to_the_unit_is_humiliation() -> None:
    text = (
        "After he put an IMB app in, the unit officer read it out at tea to the whole unit and "
        "said 'so now you know who's been telling on you lot'."
    )
    assert "humiliation" in {c.value for c in classify(text, learned=False).categories}
