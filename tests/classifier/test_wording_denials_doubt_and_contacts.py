"""Issue 13, session 12: what takes a sanction back out of an account, or leaves it to a person.

- Denials said other ways ("never once held it against me", "none of that is to do with the
  Board", "nothing bad followed", staff "were kind to me" or "treat him normally", the downgrade
  "preceded the app", "I started it", "neither of us has contacted the Board", "aint been near
  the board", "not connected"); other contacts (a prisoners' paper, a letter before claim,
  another ombudsman "not the prisons one", the borders inspectorate) are not protocol bodies; a
  vague contact is none when the person names another and denies the bodies.
- What is not a denial: one part accepted as fair ("it's the rest she objects to"), a fall that
  was the person's own fault.
- Doubt said other ways ("unable to say which", "maybe that's it, maybe it isn't", "or it might
  just be because", "doesn't want to say it's the Board"), and a body the person cannot name
  ("a man from a committee", "the Board or maybe the mental health charity").

The rules are tested alone (``learned=False``). Every text was written for these tests.
"""

from __future__ import annotations

import pytest

from intake.classifier import classify
from intake.core.vocabulary import Qualifies


def _qualifies(text: str) -> Qualifies:
    return classify(text, learned=False).qualifies


@pytest.mark.parametrize(
    "text",
    [
        "I've written to the IMB loads and the officers have never once held it against me. "
        "My job went because of the fight, simple as.",
        "My sister wrote to her MP and two days later she was moved off the wing. None of "
        "that is to do with the Board, she's sure of it.",
        "Det. met HMIP inspectors last month and says nothing bad followed. He wants his "
        "property from the last centre.",
        "spoke to the board twice, no one in here has given me grief for it. but no gym "
        "three weeks now cos of staff shortages",
        "After I wrote a letter to Inside Time about the showers the SO moved me to the 4s.",
        "Since we sent a letter before claim about his adjudication, staff have taken him "
        "off the gym list. He has not contacted the IMB, HMIP or the Ombudsman.",
        "Asked if staff treated her differently after she saw the IMB: 'No. They were kind to "
        "me.' She was moved rooms because of the building work.",
        "Det. saw the IMB in May. His room was moved last week; he says DCOs treat him normally.",
        "Pr raised his canteen with the IMB; that caused him no difficulty with staff. Since "
        "the fight he has been on basic.",
        "Pr on basic from 3/4 after a proven adjudication. IMB app submitted 10/4. The "
        "downgrade preceded the app.",
        "I got moved to another house after the fight. I'd seen the IMB the week before, but "
        "that's got nothing to do with it, I started it.",
        "After my MP wrote to the governor they took my walking stick. As far as I know "
        "nobody has contacted the IMB or the ombudsman.",
        "Pr: PIN blocked 3/6, moved landing 4/6. Links both to his complaint to his MP. "
        "Confirms no app to the IMB, HMIP or PPO.",
        "My MP sent it on to the ombudsman, not the prisons one, the health one. Since then "
        "I've lost my kitchen job.",
        "He spoke to the ICIBI inspector about his interview and was moved to another unit.",
        "my nan wrote to our MP about my script and since the MP letter they took me off "
        "kitchens. i aint been near the board or inspectors or nothing",
        "I contacted the visitors' charity about his phone credit. Since they raised it our "
        "visits have been closed visits. Neither of us has contacted the Board or the "
        "inspectors.",
        "Pr lost enhanced 20/1 after swearing at the SO. Saw IMB 15/1 re canteen, says 'not "
        "connected, the board's fine'.",
    ],
)
def test_denials_and_other_contacts_said_other_ways_are_no(text: str) -> None:
    assert _qualifies(text) is Qualifies.NO


def test_a_vague_contact_is_none_when_the_person_names_another_and_denies_the_bodies() -> None:
    text = (
        "Her library job was taken away the week after her MP wrote to the governor about her "
        "application. She hasn't been in touch with the Board, the inspectors or the ombudsman."
    )
    assert _qualifies(text) is Qualifies.NO


def test_one_part_accepted_is_not_a_denial_of_the_rest() -> None:
    text = (
        "After she told the inspectors about the unit, she was strip searched three times in a "
        "fortnight with the door open while others queued. She was told to face the wall, which "
        "she says was fair enough; it's the rest she objects to."
    )
    assert _qualifies(text) is Qualifies.YES


def test_a_fall_that_was_the_persons_own_fault_is_no_denial_of_what_staff_did() -> None:
    text = (
        "I went over on my hand playing football on the yard, my own fault. Since I told the "
        "inspectors about healthcare, the officer has refused to put me down for the nurse."
    )
    assert _qualifies(text) is Qualifies.YES


@pytest.mark.parametrize(
    "text",
    [
        "He gave evidence to the PPO about a friend's complaint and a week later his level "
        "went to basic. He'd also failed a drug test, so maybe that's it, maybe it isn't.",
        "Moved to the older boys' unit the day after the inspection. It might be because he "
        "talked to the inspector, or it might just be because he turned 16.",
        "In March I was knocked back for cat D, the week after my ombudsman complaint. I "
        "can't tell you it was the ombudsman. I refused a test in February.",
        "Saw the IMB in January. In February she lost her kitchen job; she can't explain it "
        "and doesn't want to say it's the Board.",
        "Our client complained to the Ombudsman in May and was moved to another wing in "
        "June. Security had concerns too; we are unable to say which prompted the move.",
    ],
)
def test_doubt_said_other_ways_is_unclear(text: str) -> None:
    assert _qualifies(text) is Qualifies.UNCLEAR


@pytest.mark.parametrize(
    "text",
    [
        "Since I put an IMB app in about the kitchen, the night staff bang my door every hour and "
        "I haven't slept in four nights. I don't know how long I can keep going like this.",
        "After the inspectors came round they stopped my visits. I don't know how to cope "
        "without seeing my kids.",
    ],
)
def test_not_knowing_how_to_go_on_is_distress_not_doubt(text: str) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES, result.rationale
    assert not any(ev.label == "doubt" for ev in result.evidence)


@pytest.mark.parametrize(
    "text",
    [
        "She told the lady in the yellow lanyard, she thinks from the Board or maybe the mental "
        "health charity, about her cell bell. Since then she has been kept in her cell during "
        "association.",
        "Det. told a man from a committee that he had not seen a doctor. Next day a DCO told "
        "him he is moving to another centre on Thursday.",
    ],
)
def test_a_body_the_person_cannot_name_is_unclear(text: str) -> None:
    assert _qualifies(text) is Qualifies.UNCLEAR
