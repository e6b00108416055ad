"""Issue 13: the classifier on wording it was not tuned on, one class of wording at a time.

Every text here was written for these tests (none comes from the labelled sets). Each class has
several phrasings of the same idea, and the assertions are what a user of the intake notices: the
account is not dismissed as "no", the detriment is named, "ask about risk now" is raised, and the
whistleblowing route is taken only when a member of staff speaks about their own fear.
"""

from __future__ import annotations

import pytest

from intake.classifier import classify
from intake.core.vocabulary import Qualifies, Route

NO = Qualifies.NO


def _asks_about_risk(text: str) -> bool:
    result = classify(text)
    return result.possible_immediate_risk or result.immediate_risk


# ---- threats in slang, euphemism, second-hand
THREATS_IN_SLANG = [
    "Since I put my IMB app in, the night officer keeps telling me I'll get wet up on the landing.",
    "After I grassed to the inspectors a screw told me the lads are going to merk me on exercise.",
    "My cellmate heard an officer say I'd get done in for writing to the ombudsman.",
    "Ever since I spoke to the monitors, Miss says I should watch my back in the showers.",
    "The SO said 'accidents happen on them stairs' the day after my letter went to the PPO.",
    "Because I talked to the inspection team an officer told me he'd sort me out when the "
    "cameras are off.",
    "Since my mum rang the ombudsman for me, staff keep saying I'll be going home in a wheelchair.",
]


@pytest.mark.parametrize("text", THREATS_IN_SLANG)
def test_threats_in_slang_or_second_hand_qualify_and_ask_about_risk(text: str) -> None:
    result = classify(text)
    assert result.qualifies is not NO, result.rationale
    assert "threats" in {c.value for c in result.categories}, result.rationale
    assert result.possible_immediate_risk, result.rationale


# ---- suicide and self-harm said indirectly
SELF_HARM_INDIRECT = [
    "I've been saving up my sleeping tablets in a pillowcase.",
    "She has a razor blade hidden under her mattress and won't hand it over.",
    "He says he won't be around for his daughter's birthday and he's made his peace with it.",
    "I've given all my stuff away to the lads on the landing, I won't need any of it.",
    "She has written letters to each of her kids just in case.",
    "He ripped his sheet into strips last night and the officer took them off him.",
    "I haven't slept for four nights and I'm hearing voices now.",
    "My padmate keeps talking about ending it and I'm worried for him.",
    "What's the point anymore, I can't do another five years of this.",
    "He's tired of everything and says his family would be better off without him.",
]


@pytest.mark.parametrize("text", SELF_HARM_INDIRECT)
def test_indirect_self_harm_cues_ask_about_risk_now(text: str) -> None:
    assert _asks_about_risk(text), classify(text).rationale


def test_indirect_cues_ask_without_claiming_immediate_risk() -> None:
    result = classify("She has written letters to each of her kids just in case.")
    assert result.possible_immediate_risk
    assert not result.immediate_risk


# ---- critical medicine or care missed
MEDICINE_MISSED = [
    "Since I saw the IMB they keep missing my warfarin and my INR clinic got cancelled.",
    "My son's anti-epileptic tablets were not given for three nights after he wrote to the "
    "ombudsman.",
    "He's on subutex and since he talked to the inspectors the dose comes late or not at all, "
    "he's rattling in his cell.",
    "After my letter to the PPO my insulin was forgotten twice and my sugars are through the roof.",
    "I can't catch my breath and they won't take me to healthcare.",
    "The cut on his leg has gone green and nobody has dressed it.",
    "She's been clucking since the methadone was stopped.",
]


@pytest.mark.parametrize("text", MEDICINE_MISSED)
def test_critical_medicine_or_care_missed_asks_about_risk(text: str) -> None:
    assert _asks_about_risk(text), classify(text).rationale


@pytest.mark.parametrize("text", MEDICINE_MISSED[:4])
def test_medicine_withheld_after_contact_is_an_entitlement_detriment(text: str) -> None:
    result = classify(text)
    assert result.qualifies is not NO, result.rationale
    assert "entitlements" in {c.value for c in result.categories}, result.rationale


# ---- detriments said indirectly
DETRIMENTS_INDIRECT = [
    (
        "Since I went to the IMB the nurse says I can wait for my tablets, three days now.",
        "entitlements",
    ),
    (
        "After I wrote to the ombudsman my rule 39 letters from my solicitor arrive opened.",
        "communication_limits",
    ),
    (
        "Since I talked to the inspectors my partner's number was taken off my PIN list.",
        "communication_limits",
    ),
    (
        "The week after the IMB saw me, my family visit was refused at the gate.",
        "communication_limits",
    ),
    (
        "Straight after my ombudsman complaint I was knocked down from enhanced to basic.",
        "recategorisation",
    ),
    (
        "Boy (15) at the STC went from silver to bronze the day after the inspectors spoke to him.",
        "recategorisation",
    ),
    (
        "After I spoke to the monitoring board an officer told the wing I'd grassed them up.",
        "psychological_abuse",
    ),
    (
        "Since I gave evidence to the PPO, staff told the other lads I'm an informant.",
        "psychological_abuse",
    ),
    (
        "The day after I saw the inspectors I was told I'm being shipped to a jail 200 miles away.",
        "transfer",
    ),
    (
        "Since my IMB app the officer read my letters out in front of everyone on the landing.",
        "humiliation",
    ),
    (
        "After I complained to the IMB they took me off my course in the workshop.",
        "loss_of_employment",
    ),
    (
        "Since the inspectors came I've been doubled up with a smoker on the other wing.",
        "relocation",
    ),
]


@pytest.mark.parametrize(("text", "category"), DETRIMENTS_INDIRECT)
def test_indirect_detriments_are_named(text: str, category: str) -> None:
    result = classify(text)
    assert result.qualifies is not NO, result.rationale
    assert category in {c.value for c in result.categories}, result.rationale


# ---- the link, said many ways
LINKS = [
    "I was moved off the wing the morning after I spoke to the IMB.",
    "No sooner had the inspectors left than I was banged up for three days.",
    "I lost my job in the kitchen because I went to the Board.",
    "My sister phoned the ombudsman for me and within a week my visits were cut.",
    "My cellmate wrote my IMB application for me and next day they took my telly.",
    "An officer said 'that's what you get for chatting to the inspectors' and put me on basic.",
    "Once the monitors had gone, they put me down the block.",
]


@pytest.mark.parametrize("text", LINKS)
def test_links_in_many_words_qualify(text: str) -> None:
    result = classify(text)
    assert result.qualifies is Qualifies.YES, result.rationale
    assert result.route is Route.SANCTION_PROTOCOL


# ---- whose voice: whistleblowing
STAFF_OWN_VOICE = [
    "Night officer: since she told the inspectors about the staffing, her manager has cut her "
    "overtime and she fears she'll lose her job.",
    "Prison nurse: reported missed medication rounds to the IMB; she's now excluded from team "
    "meetings and doesn't want her name used.",
    "Workshop instructor says since he gave evidence to a PPO investigator his colleagues have "
    "stopped speaking to him and he is worried about his contract.",
]

PRISONER_DESCRIBING_STAFF = [
    "The officer on my wing told me I'm a grass since I spoke to the IMB and I'm worried I'll "
    "lose my job in the kitchen.",
    "After I wrote to the ombudsman an officer said his manager wants me off the wing, and they "
    "moved me to the 4s.",
    "Since I saw the inspectors, Miss on the servery says I'm a snitch; she told the whole "
    "landing.",
    # a prisoner with a prison job speaks of "my manager" and "my colleagues" too
    "Since I told the PPO investigator what the officers did, they moved me off my wing job "
    "and my manager at the workshop called me a grass, I'll lose my place.",
    "I'm on basic now. After I gave evidence to the IMB my manager in the laundry took me off "
    "the rota and my colleagues there won't talk to me.",
]


@pytest.mark.parametrize("text", STAFF_OWN_VOICE)
def test_a_staff_member_fearing_for_themselves_is_whistleblowing(text: str) -> None:
    assert classify(text).route is Route.WHISTLEBLOWING


@pytest.mark.parametrize("text", PRISONER_DESCRIBING_STAFF)
def test_a_prisoner_describing_an_officer_is_not_whistleblowing(text: str) -> None:
    result = classify(text)
    assert result.route is not Route.WHISTLEBLOWING, result.rationale
    assert result.qualifies is not NO, result.rationale


def test_a_staff_note_that_also_tells_of_a_prisoners_sanction_keeps_it() -> None:
    text = (
        "Wing officer: since she told the inspectors about staffing, Pr K. on her landing was "
        "put down the block. Her manager now calls her disloyal and she fears for her contract."
    )
    result = classify(text)
    assert result.route is Route.WHISTLEBLOWING
    assert result.qualifies is not NO, result.rationale
    assert "isolation" in {c.value for c in result.categories}


# ---- other prisoners' insults and threats that staff tolerate
TOLERATED = [
    (
        "Since I went to the IMB the lads on my spur call me a grass and the staff just watch.",
        "verbal_abuse",
    ),
    (
        "After my letter to the ombudsman other prisoners keep threatening me and the officers "
        "turn a blind eye.",
        "threats",
    ),
    (
        "Since I spoke to the inspectors the girls on the unit say they'll batter me and staff "
        "have done nothing.",
        "threats",
    ),
]


@pytest.mark.parametrize(("text", "category"), TOLERATED)
def test_peer_insults_or_threats_staff_tolerate_count(text: str, category: str) -> None:
    result = classify(text)
    assert result.qualifies is not NO, result.rationale
    assert category in {c.value for c in result.categories}, result.rationale


# ---- false alarms and false yeses
NO_RISK = [
    "I cut myself years ago when I was on remand, I'm fine now, it's all healed.",
    "This bang up is killing me, 23 hours a day, the food is dead too.",
    "The bruise on my arm from the restraint in March has healed and healthcare saw it then.",
    "The queue for canteen is killing me, it takes all afternoon.",
    "I used to self-harm at my last jail but I've been fine for two years.",
    "I've been banged up since Friday with nothing to do, it's doing my head in.",
]
#: Known false alarms: the learned second opinion reads distress here and asks about risk.
ASKED_ANYWAY = {NO_RISK[-1]}
KNOWN = pytest.mark.xfail(strict=True, reason="known false alarm of the learned second opinion")


@pytest.mark.parametrize(
    "text", [pytest.param(t, marks=KNOWN) if t in ASKED_ANYWAY else t for t in NO_RISK]
)
def test_false_alarms_do_not_ask_about_risk(text: str) -> None:
    result = classify(text)
    assert not result.immediate_risk, result.rationale
    assert not result.possible_immediate_risk, result.rationale


@pytest.mark.parametrize(
    "text",
    [
        "The food is dead in here and the gym is dead boring.",
        "My phone's battery is dead so I couldn't ring my mum.",
    ],
)
def test_dead_as_an_idiom_is_not_a_death(text: str) -> None:
    assert classify(text).route is not Route.DEATH_IN_CUSTODY


OTHER_CONTACTS = [
    "Since I wrote to my MP about the food, staff have stopped my gym.",
    "After my solicitor sent a letter to the governor they moved me to another wing.",
    "I spoke to a journalist from the local paper and the next day they took my job.",
    "Since my mum complained to the CQC about healthcare, the nurse won't give me my meds.",
    "After I rang the Children's Commissioner they put me on basic.",
    "I wrote to the Independent Monitoring Authority about my settled status and now I've lost "
    "my job.",
]


@pytest.mark.parametrize("text", OTHER_CONTACTS)
def test_reprisals_for_contacting_others_are_not_sanctions(text: str) -> None:
    result = classify(text)
    assert result.qualifies is NO, result.rationale
    assert result.route is not Route.SANCTION_PROTOCOL


# ---- evidence agrees with the decision
EVIDENCE_TEXTS = [
    *THREATS_IN_SLANG,
    *SELF_HARM_INDIRECT,
    *MEDICINE_MISSED,
    *(text for text, _ in DETRIMENTS_INDIRECT),
    *LINKS,
    *STAFF_OWN_VOICE,
    *PRISONER_DESCRIBING_STAFF,
    *NO_RISK,
    *OTHER_CONTACTS,
    *(text for text, _ in TOLERATED),
    "Nobody has had a go at me for seeing the Board, but they did move my cell for the leak.",
    "Teacher: told the IMB a boy was restrained; Pr J. was then shipped out and she fears for "
    "her contract.",
]


@pytest.mark.parametrize("text", EVIDENCE_TEXTS)
def test_evidence_never_names_a_category_the_decision_does_not_list(text: str) -> None:
    result = classify(text)
    labels = [ev.label for ev in result.evidence]
    named = {label.split(":", 1)[1] for label in labels if label.startswith("category:")}
    assert named <= {c.value for c in result.categories}, (named, result.categories)
    if named:
        assert result.categories
