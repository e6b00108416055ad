"""Issue 13, ninth batch: concepts the rules missed in wording they had not seen.

- Harassment counted by the hour or by sleep itself (a knock on the glass each time the person
  drops off), searches that never find anything or are only ever of the one person, tests
  counted "three times in two weeks", searches counted "x5".
- Pressure to give up a complaint asked as a question ("taking your complaint back yet?").
- Staff telling another prisoner that the person talks to a body: marked as an informant.
- Needs not met: a meal that stops coming, bread only, served last, a medicine "not ready",
  sanitary towels not fetched, property taken and never given back.
- A hinted detriment ("your parole would go a lot smoother without it"; "your visit might not
  happen if you carry on") is a threat; a threatened slap is a threat, not an assault.
- Name-calling with the name in quotes ("calls me 'the professor'").

And what they must not hear: lights left on all night on a unit, "banged up with him every
night", a cellmate told to sort the person out (a threat, not informant labelling), an asthma
attack. The rules are tested alone (``learned=False``). Every text was written for these tests.
"""

from __future__ import annotations

import pytest

from intake.classifier import classify
from intake.core.vocabulary import Qualifies, Route


def _named(text: str) -> set[str]:
    return {c.value for c in classify(text, learned=False).categories}


@pytest.mark.parametrize(
    "text",
    [
        "Since I saw the IMB the night officer bangs on my door every hour.",
        "Ever since the inspectors came, each time I drop off the officer knocks on the glass.",
        "After my PPO complaint the night OSG flicks my light on and off till I give up sleeping.",
        "Since my IMB app my pad's been spun x5 this month and they never found a thing.",
        "After I spoke to the inspectors they come most mornings for a random, only ever me.",
        "Since the Board visit I've been pulled for piss tests three times in two weeks.",
        "Since I wrote to the ombudsman the SO asks me at unlock if I'm taking my complaint "
        "back yet.",
        "After the IMB app staff keep asking whether I really want to go through with it.",
        "Since I spoke to the inspectors the SO told my cellie that I'm the Board's little helper.",
        "After the PPO interview an officer told the lads next door to watch what they say "
        "round me.",
        "Since she spoke to the monitoring board a male officer comes into her room without "
        "knocking.",
    ],
)
def test_harassment_in_new_words_is_psychological_abuse(text: str) -> None:
    assert "psychological_abuse" in _named(text)


@pytest.mark.parametrize(
    "text",
    [
        "After his wife rang the IMB they moved him to the induction unit where the lights stay "
        "on all night.",
        "An officer told my cellmate to sort me out for talking to the IMB. I'm still banged up "
        "with him every night.",
    ],
)
def test_a_unit_kept_lit_or_a_shared_cell_is_not_harassment(text: str) -> None:
    assert "psychological_abuse" not in _named(text)


@pytest.mark.parametrize(
    "text",
    [
        "Since I complained to the IMB my halal meal has stopped coming.",
        "After the inspectors left the servery gives me bread only.",
        "Since my PPO complaint staff serve me my dinner last, always cold.",
        "Since the Board visit they unlock me last so I miss breakfast.",
        "After I wrote to the ombudsman my methadone has been 'not ready' three mornings.",
        "Since I told the IMB the officers won't fetch me sanitary towels.",
        "My radio was taken in a search the day after I saw the inspectors and I've not had it "
        "back.",
        "Since the IMB came my shower slot has been skipped twice.",
    ],
)
def test_needs_not_met_in_new_words_are_entitlements(text: str) -> None:
    assert "entitlements" in _named(text)


@pytest.mark.parametrize(
    "text",
    [
        "After I wrote to the Board the officer said my parole would go a lot smoother without it.",
        "Since my mum rang the IMB, staff say my visit might not happen if I carry on.",
        "Talk to the inspectors again and you'll need more than a plaster, the SO said.",
    ],
)
def test_a_hinted_detriment_is_a_threat(text: str) -> None:
    assert "threats" in _named(text)


def test_a_threatened_slap_is_a_threat_not_an_assault() -> None:
    text = "After the IMB surgery an officer said I'm getting a slap tonight, grass."
    named = _named(text)
    assert "threats" in named and "physical_abuse" not in named, named


def test_a_shoulder_barge_is_force() -> None:
    text = "Since I saw the IMB the officer shoulder barged me on the stairs."
    assert "physical_abuse" in _named(text)


def test_an_asthma_attack_in_the_night_is_not_an_assault() -> None:
    text = (
        "My inhaler was taken the day after I saw the Board. I had two attacks in the night and "
        "pressed the bell."
    )
    named = _named(text)
    assert "physical_abuse" not in named and "entitlements" in named, named


def test_a_name_in_quotes_is_name_calling() -> None:
    text = "Since I told the inspectors, an officer calls me 'the professor' at every unlock."
    assert "verbal_abuse" in _named(text)


def test_a_call_with_no_name_is_not_name_calling() -> None:
    text = "Since I wrote to the IMB the officer called me the next day to stop my visit."
    assert "verbal_abuse" not in _named(text)


def test_a_letter_whose_body_is_not_said_is_unclear() -> None:
    text = "Pr states nicked for nothing the day after his letter went off, won't say who to."
    assert classify(text, learned=False).qualifies is Qualifies.UNCLEAR


# ---- eleventh batch: warnings, fears, denials said plainly, and hiding someone from a visit


def test_kicking_a_door_is_not_an_assault() -> None:
    text = "Since I spoke to the IMB they nicked me for kicking my door, which I did."
    assert "physical_abuse" not in _named(text)


def test_a_threat_not_yet_carried_out_stands() -> None:
    text = (
        "After the inspectors' visit the SO told him he'll be back on basic by Monday if he "
        "talks to them again. Nothing has happened yet."
    )
    assert _named(text) == {"threats"}


@pytest.mark.parametrize(
    "text",
    [
        "Since my IMB app the SO says keep writing to them and your D cat goes in the bin.",
        "After he saw the Board an officer spoke to him and he understood it as a warning.",
    ],
)
def test_a_threat_told_another_way_is_a_threat(text: str) -> None:
    assert "threats" in _named(text)


def test_kept_away_until_the_inspectors_leave_limits_contact() -> None:
    text = (
        "He told staff he wanted to speak to the inspectors, so they kept him in the "
        "separation unit till the inspectors had gone."
    )
    assert "communication_limits" in _named(text)


@pytest.mark.parametrize(
    "text",
    [
        "I spoke to the inspectors on Monday and lost my job on Friday, but I failed a drug "
        "test on Thursday so I can't say which.",
        "Since I saw the Board my canteen has stopped. Could be because of my debt, I dunno.",
    ],
)
def test_a_cause_the_person_cannot_choose_between_is_unclear(text: str) -> None:
    assert classify(text, learned=False).qualifies is Qualifies.UNCLEAR


def test_a_complaint_about_a_member_goes_to_the_board() -> None:
    text = "Pr complains re IMB member: the member read his app aloud on the landing."
    assert classify(text, learned=False).route is Route.IMB_MEMBER_COMPLAINT


# ---- twelfth batch: links said as a remark


@pytest.mark.parametrize(
    "text",
    [
        "Coming back from my PPO phone call an officer pushed me down the stairs and called me "
        "the ombudsman's grass.",
        "Her caseworker wrote to the ombudsman in May; in June her cat D review was deferred "
        "and the officer said the complaint hasn't helped.",
    ],
)
def test_a_remark_naming_the_contact_is_a_link(text: str) -> None:
    assert classify(text, learned=False).qualifies is Qualifies.YES


# ---- tempting accounts the rules say no to (ninth, eleventh and twelfth batches)
@pytest.mark.parametrize(
    "text",
    [
        # an application for a job is not a contact with a body
        "I complained to the Information Commissioner. Now the wing calls me 'the lawyer' and my "
        "application for the print shop was turned down.",
        "My application for the gardens job was refused and an officer called me 'lazy'.",
        # a warning about the person's own misconduct, which they accept
        "The SO said if I keep smashing my observation panel I'll lose my telly, fair enough. "
        "I did write to the IMB last month about my property.",
        # what the person fears may happen
        "I want to speak to the inspectors but I'm frightened they'll move me off the wing. "
        "Nobody has done owt to me yet.",
        # staff had no part in it
        "Pr says his neighbour threatened him because he saw the IMB. No staff involvement "
        "alleged.",
        # not knowing whom to tell now is not doubt about whom the person told
        "My son complained to his MP. Since then officers search his cell every day. I don't "
        "know who else to tell.",
        # the person names the cause, and it is not the contact
        "I saw the IMB on Monday and on Tuesday I was put on basic, but that's because I flooded "
        "my cell, not because of the Board.",
        # staff did nothing, in plain words and in dialect
        "I wrote to the ombudsman about my canteen. I was moved to the 2s but the officers "
        "haven't done anything to me over it.",
        "Ah went tae the Board aboot ma visits. Naebody's said a word tae me. Got moved up a "
        "landing but ah asked for it.",
        # no contact with a body: said plainly
        "Pr put three COMP1s in about the SO and lost his job the same week. Pr confirms no IMB "
        "apps and nothing to PPO.",
        "The paper printed my story and the officer said I'd be sorry tonight. I haven't told "
        "the Board or the inspectors anything.",
        # a contact only thought about
        "I was put on basic after my complaint to the governor. I thought about putting an app "
        "in to the Board but never did.",
    ],
)
def test_accounts_the_rules_say_no_to(text: str) -> None:
    """Every account a person might read as a sanction that the rules say "no" to, in one table."""
    assert classify(text, learned=False).qualifies is Qualifies.NO
