"""Issue 13, session 12 (the fourteenth to sixteenth batches): concepts the rules missed.

- Dates in order link a detriment to a contact, as solicitors and staff notes link them: the
  contact dated first, the detriment a few days or weeks later. A detriment dated before the
  contact, or months after it, is no link. A death dated more than 14 days after a dated
  release is not a death in custody.
- Denials said other ways ("never once held it against me", "none of that is to do with the
  Board", "nothing bad followed"), doubt ("unable to say which", "maybe that's it, maybe it
  isn't"); a letter to a prisoners' paper or a solicitors' letter before claim is not a contact
  with a body.
- A staff member's quoted words that name a body are a link ("a DCO told him 'people who talk
  to inspectors don't earn here'"); the person quoting their own words is not.
- More denials: staff "were kind to me", "treat him normally", "no difficulty with staff", the
  downgrade "preceded the app", "I started it", a move "because of the building work", "nobody has
  contacted the IMB", "confirms no app to the IMB"; another ombudsman ("not the prisons one") and
  the borders inspectorate are not protocol bodies.
- Needs not met said other ways (a script not had since Sunday, the meds hatch shut by the time
  the door is opened, sanitary towels "missed" off canteen), progression put back (a ROTL board
  put back, returned to category B), pressure to withdraw kept up ("keeps saying ... take it
  back"), a remark loud enough for the queue.
- Detriments said without their textbook word: prayers clashed with an appointment, a gym
  name never called, exercise "forgotten", served last and cold; PIN numbers "not approved yet",
  visits that always show "full", video calls that never come through, a mobile taken "for
  checking", visitors told he did not want to see them; unlock "forgotten", not unlocked for
  association, locked in while the rest are out, alone at mealtimes; a whiny voice put on, told
  to take her top off; a door left on the latch and others let in; progression made "a game",
  "easier for everybody if you withdrew"; "next time he'll snap it"; moved into a room with a
  man; put down to go back to another prison; removed as wing painter.
- Indirect cues that together are a clear risk: a veiled threat set for tomorrow ("he'll have
  a fall on the stairs tomorrow morning"), the means of self-harm at hand with despair or a time
  ("a blade hidden 'for later' ... given his trainers away"). An account that is no sanction then
  goes to Safer Custody today, not to the complaints process.
- A complaint about a Board member's own conduct said other ways; court cells named by the
  court ("cells at Snaresbrook CC") and the Lay Observers are outside the protocol.

The rules are tested alone (``learned=False``). Every text was written for these tests.
"""

from __future__ import annotations

import pytest

from intake.classifier import classify
from intake.core.vocabulary import Qualifies, Route


def _qualifies(text: str) -> Qualifies:
    return classify(text, learned=False).qualifies


@pytest.mark.parametrize(
    "text",
    [
        "Mr Q. wrote to the Prisons and Probation Ombudsman on 4 April. On 11 April he was "
        "removed from his kitchen job without a reason given.",
        "Dear Board, I emailed you on 2nd June about my son's epilepsy. On 6th June his "
        "tablets were taken off him as no longer in-possession.",
        "Pr saw HMIP insp 3/9. 5/9 moved to F wing, no explanation.",
        "She spoke to the inspectors on 28 February 2026. On 3 March 2026 her ROTL was suspended.",
    ],
)
def test_dates_in_order_link_a_detriment_to_a_contact(text: str) -> None:
    assert _qualifies(text) is Qualifies.YES


@pytest.mark.parametrize(
    "text",
    [
        # the detriment dated before the contact: the contact was about it
        "On 2 May Mr Q. was removed from his kitchen job. On 9 May he wrote to the Ombudsman.",
        # months apart
        "He spoke to the IMB on 3 January. On 20 August he was moved to F wing.",
        # a month alone: the detriment in the same month may have come first
        "In May he wrote to the Ombudsman. On 2 May he had been removed from the gardens.",
    ],
)
def test_dates_out_of_order_or_far_apart_are_no_link(text: str) -> None:
    assert _qualifies(text) is not Qualifies.YES


def test_a_vague_contact_is_none_when_the_person_names_another_and_denies_the_bodies() -> None:
    text = (
        "Her library job was taken away the week after her MP wrote to the governor about her "
        "application. She hasn't been in touch with the Board, the inspectors or the ombudsman."
    )
    assert _qualifies(text) is Qualifies.NO


def test_a_date_that_is_no_date_is_read_as_none() -> None:
    text = "He wrote to the PPO on 30/2. On 31/2 he lost his job."
    assert _qualifies(text) is not Qualifies.YES


def test_a_death_long_after_release_is_not_a_death_in_custody() -> None:
    late = "Her brother left HMP Hull, released on 2 March, and died on 30 June of an overdose."
    soon = "Her brother was released from HMP Hull on 2 March and died on 9 March of an overdose."
    assert classify(late, learned=False).route is not Route.DEATH_IN_CUSTODY
    assert classify(soon, learned=False).route is Route.DEATH_IN_CUSTODY


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
    ],
)
def test_denials_and_other_contacts_said_other_ways_are_no(text: str) -> None:
    assert _qualifies(text) is Qualifies.NO


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
    ("text", "route"),
    [
        (
            "Dear Chair, I wish to complain about one of your members. She repeated what my "
            "son told her to the wing officer. Your member has made it much worse for him.",
            Route.IMB_MEMBER_COMPLAINT,
        ),
        (
            "that board man told me i should stop moaning, he never wrote down nothing. "
            "i want a different one",
            Route.IMB_MEMBER_COMPLAINT,
        ),
        (
            "I want to put a complaint in about one of the Board members. She laughed at me "
            "in front of an officer.",
            Route.IMB_MEMBER_COMPLAINT,
        ),
        (
            "Pr says in cells at Isleworth CC the escort staff refused him water all day.",
            Route.OUT_OF_SCOPE,
        ),
        (
            "He told the Lay Observers the van was freezing and the escort laughed at him.",
            Route.OUT_OF_SCOPE,
        ),
    ],
)
def test_routes_said_other_ways(text: str, route: Route) -> None:
    assert classify(text, learned=False).route is route


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
    ],
)
def test_detriments_said_other_ways(text: str, category: str) -> None:
    assert category in {c.value for c in classify(text, learned=False).categories}


@pytest.mark.parametrize(
    "text",
    [
        "He spoke to the inspectors about the heating. He was taken off his cleaning job and "
        "a DCO told him 'people who talk to inspectors don't earn here'.",
        "Pr strip searched on return from the IMB room, no intel. Off.: 'just checking what "
        "you've been handing the Board'.",
        "She wrote to the Ombudsman. Her ROTL was stopped and an officer said the 'Ombudsman "
        "letter did you no favours'.",
    ],
)
def test_a_staff_remark_in_quotes_naming_a_body_is_a_link(text: str) -> None:
    assert _qualifies(text) is Qualifies.YES


def test_the_persons_own_quoted_words_are_not_a_staff_remark() -> None:
    text = (
        "I saw the IMB last month. The officer moved me to the 4s and I said to him 'I told "
        "the IMB about the showers, that's all'."
    )
    assert _qualifies(text) is Qualifies.UNCLEAR


@pytest.mark.parametrize(
    ("text", "category"),
    [
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
    ],
)
def test_detriments_without_their_textbook_word(text: str, category: str) -> None:
    assert category in {c.value for c in classify(text, learned=False).categories}


@pytest.mark.parametrize(
    "text",
    [
        "My husband spoke to a reporter about the rats. Since then an officer has told him "
        "through the door that he'll 'have a fall on the stairs tomorrow morning'.",
        "YP (16) has a blade hidden 'for later' and has given his trainers and radio to his "
        "cellmate. Says staff are fine.",
        "Has a bit of razor blade 'put away' and says he'll use it tonight. Nothing to do with "
        "staff.",
    ],
)
def test_indirect_cues_together_are_a_clear_risk(text: str) -> None:
    found = classify(text, learned=False)
    assert found.immediate_risk
    assert found.qualifies is Qualifies.NO and found.route is Route.SAFER_CUSTODY


def test_the_means_at_hand_alone_is_asked_about_not_called_clear() -> None:
    found = classify("She has been saving her tablets in a sock.", learned=False)
    assert found.possible_immediate_risk and not found.immediate_risk


def test_the_prisons_and_probation_ombudsman_is_not_a_staff_members_probation() -> None:
    text = (
        "On 14 March he wrote to the Prisons and Probation Ombudsman about property lost on a "
        "transfer. On 2 April his security category was raised from C to B. An officer told "
        "him the 'Ombudsman "
        "letter did you no favours'."
    )
    found = classify(text, learned=False)
    assert found.route is Route.SANCTION_PROTOCOL and found.qualifies is Qualifies.YES


def test_one_part_accepted_is_not_a_denial_of_the_rest() -> None:
    text = (
        "After she told the inspectors about the unit, she was strip searched three times in a "
        "fortnight with the door open while others queued. She was told to face the wall, which "
        "she says was fair enough; it's the rest she objects to."
    )
    assert _qualifies(text) is Qualifies.YES


@pytest.mark.parametrize(
    "text",
    [
        "my nan wrote to our MP about my script and since the MP letter they took me off "
        "kitchens. i aint been near the board or inspectors or nothing",
        "I contacted the visitors' charity about his phone credit. Since they raised it our "
        "visits have been closed visits. Neither of us has contacted the Board or the "
        "inspectors.",
        "Pr lost enhanced 20/1 after swearing at the SO. Saw IMB 15/1 re canteen, says 'not "
        "connected, the board's fine'.",
    ],
)
def test_session_12_denials_are_no(text: str) -> None:
    assert _qualifies(text) is Qualifies.NO


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


def test_a_fall_that_was_the_persons_own_fault_is_no_denial_of_what_staff_did() -> None:
    text = (
        "I went over on my hand playing football on the yard, my own fault. Since I told the "
        "inspectors about healthcare, the officer has refused to put me down for the nurse."
    )
    assert _qualifies(text) is Qualifies.YES


def test_what_a_contact_was_about_ends_where_they_acted() -> None:
    text = "when my mum rang the board about me getting no education they moved me to another unit"
    assert "relocation" in {c.value for c in classify(text, learned=False).categories}


def test_an_application_read_out_to_the_unit_is_humiliation() -> None:
    text = (
        "After he put an IMB app in, the unit officer read it out at tea to the whole unit and "
        "said 'so now you know who's been telling on you lot'."
    )
    assert "humiliation" in {c.value for c in classify(text, learned=False).categories}


@pytest.mark.parametrize(
    ("text", "category"),
    [
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
def test_more_detriments_without_their_textbook_word(text: str, category: str) -> None:
    assert category in {c.value for c in classify(text, learned=False).categories}
