"""Routes (first rule that fits), each of the twelve categories, severity and immediate risk.
Every sentence here was written for these tests."""

from __future__ import annotations

import pytest

from intake.classifier import Setting, classify
from intake.core.vocabulary import EstablishmentType, Qualifies, Route, Severity
from tests.classifier.classifier_support import categories, matched, rules_categories, verdict

# ----------------------------------------------------------------------------- routes


def test_staff_fearing_sanctions_themselves_go_to_whistleblowing() -> None:
    text = (
        "I'm an officer here and I'm scared I'll lose my job if my colleagues find out I "
        "told the inspectors about the restraint."
    )
    result = classify(text)
    assert (result.qualifies, result.route) == (Qualifies.NO, Route.WHISTLEBLOWING)
    assert matched(result, "route:whistleblowing")
    assert result.categories == []


def test_a_death_goes_to_the_ppo_as_a_death_in_custody() -> None:
    text = "My cousin was found hanging in his cell on Sunday and died in hospital."
    result = classify(text)
    assert result.route is Route.DEATH_IN_CUSTODY
    assert any("died" in w for w in matched(result, "route:death_in_custody"))


def test_a_family_bereavement_is_not_a_death_in_custody() -> None:
    text = "My nan passed away last week and the chaplain was really good with me."
    assert classify(text).route is not Route.DEATH_IN_CUSTODY


def test_a_complaint_about_an_imb_member_goes_to_the_imb_complaints_procedure() -> None:
    text = "I want to complain about the IMB lady, she was rude to me and never got back to me."
    assert verdict(text) == (Qualifies.NO, Route.IMB_MEMBER_COMPLAINT)


def test_an_ordinary_complaint_goes_to_the_complaints_process() -> None:
    text = "My canteen sheet was wrong again and I'm missing two weeks of vapes."
    assert verdict(text) == (Qualifies.NO, Route.COMPLAINT)


def test_an_urgent_safety_concern_without_a_sanction_goes_to_safer_custody() -> None:
    text = "My padmate says he's going to hang himself tonight, please get someone to him."
    result = classify(text)
    assert (result.qualifies, result.route) == (Qualifies.NO, Route.SAFER_CUSTODY)
    assert result.immediate_risk is True


@pytest.mark.parametrize(
    "text",
    [
        "I was in the cells at the police station and they wouldn't let me ring the IMB.",
        "I'm sectioned on a psych ward and the nurses took my phone after I wrote to the PPO.",
        "I'm in Barlinnie and got moved to the digger for writing to the inspectors.",
        "I'm in HMP Isle of Man and got moved to the block for writing to the inspectors.",
        "After I spoke to the IMB at the Isle of Man prison they stopped my visits.",
        "I was in police custody and they wouldn't let me ring the IMB after I asked.",
        "I'm in a jail in Jersey and after I spoke to the IMB they took my job.",
    ],
)
def test_places_outside_the_protocol_are_out_of_scope(text: str) -> None:
    result = classify(text)
    assert result.route is Route.OUT_OF_SCOPE
    assert result.qualifies is Qualifies.NO
    assert matched(result, "route:out_of_scope")


@pytest.mark.parametrize(
    "text",
    [
        "I was kept in the Manchester Airport holding room and after I asked to speak to the "
        "IMB they took my phone off me.",
        "They kept me in the holding room at Heathrow and after I said I would tell the "
        "inspectors the officers took my phone.",
        "I'm in Dungavel and after I spoke to the inspectors staff moved me to a room on my own.",
        "I'm in the removal centre in Scotland, Dungavel, and after I spoke to the inspectors "
        "staff took my phone away.",
        "I'm in the Isle of Wight prison and after I spoke to the IMB they took my job.",
    ],
)
def test_holding_rooms_and_the_scottish_irc_are_in_scope(text: str) -> None:
    result = classify(text)
    assert result.route is Route.SANCTION_PROTOCOL
    assert not matched(result, "route:out_of_scope")


def test_the_setting_can_say_the_place_is_out_of_scope() -> None:
    text = "After I rang the ombudsman the staff took my phone off me."
    assert classify(text).route is Route.SANCTION_PROTOCOL
    out = classify(text, setting=Setting(out_of_scope_place=True))
    assert out.route is Route.OUT_OF_SCOPE


# ------------------------------------------------------------------------- categories
@pytest.mark.parametrize(
    ("category", "text"),
    [
        ("entitlements", "Since I wrote to the IMB they keep skipping my door for dinner."),
        ("communication_limits", "After I rang the ombudsman my visits got cancelled."),
        ("isolation", "Since I saw the inspectors I've been on rule 45 with no association."),
        (
            "humiliation",
            "For grassing to the Board the SO strip searched me in front of the lads.",
        ),
        (
            "physical_abuse",
            "After I saw the inspectors two officers dragged me and punched me.",
        ),
        ("verbal_abuse", "Since I went to the IMB the officers call me a rat every day."),
        ("psychological_abuse", "Since I wrote to the PPO they spin my cell every single day."),
        ("threats", "The SO said if I keep writing to the ombudsman I'll regret it."),
        ("recategorisation", "After I saw the IMB my cat D got knocked back and I went to basic."),
        (
            "loss_of_employment",
            "The week after I saw the inspectors I got sacked from the kitchen.",
        ),
        ("relocation", "Since I talked to the Board they moved me to a cell on the threes."),
        ("transfer", "Two days after I spoke to the inspectors I got shipped out to another jail."),
    ],
)
def test_each_category(category: str, text: str) -> None:
    result = classify(text)
    assert result.qualifies is Qualifies.YES, result.rationale
    assert category in {c.value for c in result.categories}
    assert matched(result, f"category:{category}")


def test_a_threatened_act_counts_as_a_threat_only() -> None:
    text = "The officer said if I talk to the IMB again I'll be down the block and shipped out."
    assert categories(text) == {"threats"}


def test_what_a_contact_was_about_is_not_a_detriment() -> None:
    text = "I told the IMB about my visits being cancelled and now the officers call me a grass."
    assert rules_categories(text) == {"verbal_abuse"}


# --------------------------------------------------------------------------- severity
def test_a_single_insult_is_standard() -> None:
    text = "Since I spoke to the Board one officer keeps calling me a snitch."
    assert classify(text).severity is Severity.STANDARD


def test_segregation_is_serious() -> None:
    text = "Since I wrote to the PPO they put me down the block for a fortnight."
    assert classify(text).severity is Severity.SERIOUS


@pytest.mark.parametrize(
    "text",
    [
        "After I saw the inspectors an officer punched me and broke my nose.",
        "Since I spoke to the IMB the officer said I'd leave here in a body bag.",
        "Since I wrote to the ombudsman they've stopped my insulin and I'm diabetic.",
        "After I saw the Board they took my canteen, moved me off the wing and called me a grass.",
    ],
)
def test_injury_threats_to_life_urgent_medical_and_many_categories_are_exceptional(
    text: str,
) -> None:
    result = classify(text)
    assert result.qualifies is Qualifies.YES
    assert result.severity is Severity.EXCEPTIONAL


def test_a_child_makes_any_sanction_exceptional() -> None:
    text = "I'm 15 and since I spoke to the inspectors the staff keep calling me a grass."
    assert classify(text).severity is Severity.EXCEPTIONAL
    adult = "Since I spoke to the inspectors the staff keep calling me a grass."
    assert classify(adult).severity is Severity.STANDARD
    stc = Setting(establishment_type=EstablishmentType.STC)
    assert classify(adult, setting=stc).severity is Severity.EXCEPTIONAL


# ---------------------------------------------------------------------- immediate risk
@pytest.mark.parametrize(
    "text",
    [
        "Since I spoke to the IMB the officer said I'll get done in tonight.",
        "After I wrote to the PPO they cut my water off and it's been two days.",
        "Since I saw the inspectors they've stopped my epilepsy meds.",
        "I want to end it, they've had me behind my door since I saw the Board.",
        "For grassing to the IMB they put me in a cell with the lad who stabbed me.",
    ],
)
def test_immediate_risk(text: str) -> None:
    result = classify(text)
    assert result.immediate_risk is True, result.rationale
    assert matched(result, "risk")


@pytest.mark.parametrize(
    "text",
    [
        "Since I spoke to the IMB the officers call me a grass.",
        "Years ago in another jail I self harmed, but I'm fine now, I just want my property back.",
    ],
)
def test_no_immediate_risk(text: str) -> None:
    assert classify(text).immediate_risk is False
