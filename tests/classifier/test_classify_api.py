"""The Python API: qualifies, evidence spans, negation, reported speech, the causal link,
slang and misspellings. Every sentence here was written for these tests."""

from __future__ import annotations

import pytest

from intake.classifier import classify
from intake.core.vocabulary import Body, Qualifies, Route
from tests.classifier.classifier_support import (
    categories,
    matched,
    rules_categories,
    spans,
    verdict,
)

YES = Qualifies.YES
NO = Qualifies.NO
UNCLEAR = Qualifies.UNCLEAR


def test_a_sanction_qualifies_with_body_link_and_detriment() -> None:
    text = "Since I spoke to the IMB on Tuesday the officers have kept me behind my door."
    result = classify(text)
    assert result.qualifies is YES
    assert result.route is Route.SANCTION_PROTOCOL
    assert result.body == [Body.IMB]
    assert [c.value for c in result.categories] == ["isolation"]
    assert result.missing == []
    assert "IMB" in result.rationale and "isolation" in result.rationale.lower()


def test_evidence_spans_point_at_the_words_of_the_text() -> None:
    text = "Since I spoke to the IMB on Tuesday the officers have kept me behind my door."
    result = classify(text)
    for ev in result.evidence:
        assert text[ev.start : ev.end] == ev.matched
    assert matched(result, "body:IMB") == ["imb"]
    assert any("behind my door" in words for words in matched(result, "category:isolation"))
    assert matched(result, "link") and all(w.startswith("since") for w in matched(result, "link"))
    assert matched(result, "staff") == ["the officers"]


def test_spans_keep_their_offsets_with_control_characters_and_curly_quotes() -> None:
    text = "\tAfter I wrote to the \u2018Ombudsman\u2019 they\x00 put me down the block.\r\n"
    result = classify(text)
    assert result.qualifies is YES
    (body,) = spans(result, "body:PPO")
    assert text[body.start : body.end] == body.matched == "Ombudsman"
    (iso,) = spans(result, "category:isolation")
    assert iso.matched == "put me down the block"


def test_no_contact_with_a_body_does_not_qualify() -> None:
    result = classify("The officer on nights shouted at me and called me a liar for no reason.")
    assert result.qualifies is NO
    assert result.categories == []
    assert result.route is Route.COMPLAINT
    assert "body" in result.missing and "link" in result.missing


def test_contact_without_any_detriment_does_not_qualify() -> None:
    assert verdict("I saw the IMB last week about my property and they were helpful.") == (
        NO,
        Route.COMPLAINT,
    )


# ------------------------------------------------------------------------------- negation
def test_a_denial_of_any_sanction_is_no() -> None:
    text = "nobody has threatened me for talking to the IMB, my problem is the food"
    result = classify(text)
    assert result.qualifies is NO
    assert result.categories == []
    assert matched(result, "negation")


@pytest.mark.parametrize(
    "text",
    [
        "No one has had a go at me for seeing the Board, I just want my canteen sorted.",
        "The officers have been fine about me writing to the ombudsman, nothing's happened.",
    ],
)
def test_other_denials_are_no(text: str) -> None:
    assert classify(text).qualifies is NO


def test_a_sanction_after_contact_with_someone_else_is_no() -> None:
    result = classify("After I wrote to my MP the wing SO took my phone credit off me.")
    assert result.qualifies is NO
    assert result.body == []
    assert spans(result, "contact:other")


# ------------------------------------------------------------------------ reported speech
def test_reported_speech_of_a_staff_remark_is_a_link() -> None:
    text = "The SO said go cry to the ombudsman then, and put me on basic."
    result = classify(text)
    assert result.qualifies is YES
    assert result.body == [Body.PPO]
    assert "recategorisation" in {c.value for c in result.categories}


def test_someone_speaking_for_the_person_is_reported_speech_that_counts() -> None:
    text = (
        "My brother rang me crying, he said since our mum phoned the IMB for him the screws "
        "have stopped his visits."
    )
    result = classify(text)
    assert result.qualifies is YES
    assert {c.value for c in result.categories} == {"communication_limits"}


def test_an_officer_quoted_threatening_is_a_threat_not_the_act() -> None:
    text = "He told me the officer said he'd get shipped out if he kept talking to the Board."
    assert rules_categories(text) == {"threats"}
    assert classify(text).qualifies is YES


# ---------------------------------------------------------------------- the causal link
@pytest.mark.parametrize(
    ("text", "body", "category"),
    [
        (
            "Since I put the app in to the IMB they've had me banged up 23 hours a day.",
            Body.IMB,
            "isolation",
        ),
        (
            "The screws are calling me a grass for grassing to the inspectors.",
            Body.HMIP,
            "verbal_abuse",
        ),
        (
            "After my complaint went to the ombudsman I got moved off the wing to the twos.",
            Body.PPO,
            "relocation",
        ),
        (
            "They stopped my letter to the PPO, the officer binned it in front of me.",
            Body.PPO,
            "communication_limits",
        ),
        (
            "The day after I talked to the inspection team I lost my job in the laundry.",
            Body.HMIP,
            "loss_of_employment",
        ),
    ],
)
def test_the_link_in_its_many_forms(text: str, body: Body, category: str) -> None:
    result = classify(text)
    assert result.qualifies is YES, result.rationale
    assert result.body == [body]
    assert category in {c.value for c in result.categories}
    assert spans(result, "link")


def test_a_vague_application_with_no_body_named_is_unclear() -> None:
    text = "since I put the app in they've had me behind my door every day"
    result = classify(text)
    assert result.qualifies is UNCLEAR
    assert result.route is Route.SANCTION_PROTOCOL
    assert result.body == []
    assert "body" in result.missing


def test_a_named_body_with_the_link_doubted_is_unclear() -> None:
    text = (
        "I saw the Board in June and got shipped out in August, might be nothing to do "
        "with it though."
    )
    result = classify(text)
    assert result.qualifies is UNCLEAR
    assert spans(result, "doubt")


# ------------------------------------------------------------------------------ slang
@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Since I spoke to the IMB they've had me down the block.", "isolation"),
        ("After I saw the inspectors I ended up in seg for a week.", "isolation"),
        ("Got shipped out to another jail two days after I rang the ombudsman.", "transfer"),
        ("I got IEP'd to basic the week after I put an IMB app in.", "recategorisation"),
        ("Ever since I went to the Board I'm on bang-up all day.", "isolation"),
        ("For talking to the inspectors the DCO stopped my phone credit.", "communication_limits"),
    ],
)
def test_slang(text: str, category: str) -> None:
    result = classify(text)
    assert result.qualifies is YES, result.rationale
    assert category in {c.value for c in result.categories}


def test_nicked_on_a_made_up_charge_is_harassment() -> None:
    text = "I keep getting nicked for nothing since I wrote to the PPO."
    assert "psychological_abuse" in categories(text)


def test_acct_and_self_harm_words_are_an_immediate_risk() -> None:
    text = (
        "I'm on an ACCT and since I spoke to the Board the staff have stopped my meds, I'm cutting."
    )
    result = classify(text)
    assert result.qualifies is YES
    assert result.immediate_risk is True
    assert "acct" in matched(result, "risk")


# ------------------------------------------------------------------------ misspellings
@pytest.mark.parametrize(
    ("text", "body", "category"),
    [
        ("After I wrote to the ombusman they took my job off me.", Body.PPO, "loss_of_employment"),
        ("The inspecters saw me and next day I was put in segragation.", Body.HMIP, "isolation"),
    ],
)
def test_common_misspellings(text: str, body: Body, category: str) -> None:
    result = classify(text)
    assert result.qualifies is YES
    assert result.body == [body]
    assert category in {c.value for c in result.categories}


@pytest.mark.parametrize(
    ("text", "typos", "body", "category"),
    [
        (
            "After I wrote to the ombudsamn they took my job off me.",
            ["ombudsamn"],
            Body.PPO,
            "loss_of_employment",
        ),
        (
            "The inspectros saw me and the next day I was put in segregaton.",
            ["inspectros", "segregaton"],
            Body.HMIP,
            "isolation",
        ),
        (
            "Since I saw the Indepedent Monitoring Borad they stopped my visits.",
            ["indepedent"],
            Body.IMB,
            "communication_limits",
        ),
    ],
)
def test_other_typos_are_corrected_and_the_evidence_says_so(
    text: str, typos: list[str], body: Body, category: str
) -> None:
    result = classify(text)
    assert result.qualifies is YES
    assert result.body == [body]
    assert category in {c.value for c in result.categories}
    for typo in typos:
        said = [ev for ev in result.evidence if f"'{typo}' read as" in ev.stands_for.lower()]
        assert said, typo
        assert typo in said[0].matched.lower()


def test_a_real_word_near_a_vocabulary_word_is_not_corrected() -> None:
    # "glass" is one letter from "grass": a broken glass is not an insult.
    result = classify("After I saw the IMB an officer cleared up the broken glass on the landing.")
    assert "verbal_abuse" not in {c.value for c in result.categories}
    # The rules see no detriment; the learned second opinion may still send it to a person.
    assert result.qualifies is not Qualifies.YES, result.rationale
