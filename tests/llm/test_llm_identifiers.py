"""Names and prison numbers stay on this machine unless a setting allows them to be sent."""

from __future__ import annotations

from pathlib import Path

from backoffice.drafting.facts import AccountLine, BriefingFacts, LetterFacts
from backoffice.drafting.writing import write_briefing, write_letter
from intake.core.vocabulary import Body, Outcome, ProtocolStep
from intake.llm import Assistant, Identifiers, Redactor
from tests.support.llm_server import NARRATIVE, FakeLlm, Reply, json_reply, make_assistant

PERSON = Identifiers(name="John Smith", prison_number="A1234BC")
ANSWERS = {
    "person_name": {"value": "John Smith", "display": "John Smith"},
    "prison_number": {"value": "A1234BC", "display": "A1234BC"},
    "home_office_ref": {"value": None, "display": "unknown"},
}
EXTRACTION = {"qualifies": "yes", "categories": ["isolation"], "immediate_risk": False}
SECRETS = ("John", "Smith", "A1234BC", "Jones")


def _briefing() -> BriefingFacts:
    return BriefingFacts(
        reference="SAN-2026-0001",
        receiving_organisation="IMB",
        establishment="HMP Example",
        bodies=["IMB"],
        categories=["isolation"],
        narrative=NARRATIVE,
        account=[
            AccountLine(question="The person's name?", answer="John Smith"),
            AccountLine(question="Their prison number?", answer="a1234bc"),
        ],
        identifiers=PERSON,
    )


def _letter() -> LetterFacts:
    return LetterFacts(
        reference="SAN-2026-0001",
        step=ProtocolStep.OUTCOME_EXPLAINED,
        sender=Body.IMB,
        outcome=Outcome.NOT_INVESTIGATED,
        what_they_told_us="John Smith told us Officer Jones kept him behind his door.",
        reasons="The PPO decided not to investigate; the IMB will keep monitoring.",
        identifiers=PERSON,
    )


async def _every_use(assistant: Assistant, fake_llm: FakeLlm) -> None:
    fake_llm.script(
        json_reply(EXTRACTION),
        json_reply({"question": "When did this start?"}),
        Reply(content="OFFICIAL-SENSITIVE\nSummary of the allegation ..."),
        Reply(content="Dear [PERSON],\nThank you ..."),
    )
    await assistant.extract(NARRATIVE, Identifiers.from_answers(ANSWERS))
    await assistant.suggest_question(
        key="contact_date",
        prompt="When did they contact the body?",
        known={"person_name": "John Smith", "prison_number": "A1234BC"},
        narrative=NARRATIVE,
        identifiers=PERSON,
    )
    await write_briefing(assistant, _briefing())
    await write_letter(assistant, _letter())


async def test_identifiers_are_withheld_by_default(assistant: Assistant, fake_llm: FakeLlm) -> None:
    await _every_use(assistant, fake_llm)
    assert len(fake_llm.requests) == 4
    for request in fake_llm.requests:
        for secret in SECRETS:
            assert secret.lower() not in request.raw.lower(), (secret, request.raw[:300])
        assert "[PERSON]" in request.message("user")
    assert "Officer [NAME]" in fake_llm.requests[0].message("user")
    assert "[PRISON NUMBER]" in fake_llm.requests[0].message("user")


async def test_identifiers_are_sent_when_the_setting_allows(
    tmp_path: Path, fake_llm: FakeLlm
) -> None:
    assistant = make_assistant(tmp_path, fake_llm.url, llm_send_identifiers=True)
    await _every_use(assistant, fake_llm)
    for request in fake_llm.requests:
        assert "John Smith" in request.raw
        assert "[PERSON]" not in request.message("user")
    assert "A1234BC" in fake_llm.requests[0].raw
    assert "Officer Jones" in fake_llm.requests[0].raw


def test_numbers_shaped_like_identifiers_are_withheld_even_if_not_recorded() -> None:
    text = "My padmate B9876XY saw it; my HO ref is G1234567, call my sister on 07700 900123."
    redacted = Redactor().redact(text)
    assert "B9876XY" not in redacted
    assert "G1234567" not in redacted
    assert "07700" not in redacted
    assert redacted.count("[NUMBER]") == 3


def test_names_are_matched_as_people_write_them_but_not_in_ordinary_words() -> None:
    redactor = Redactor(Identifiers(name="Will Rose", prison_number="A1234BC"))
    text = "WILL ROSE, known as Will, a 1234 bc. They will see; the water rose. Mrs Khan came."
    assert redactor.redact(text) == (
        "[PERSON], known as [PERSON], [PRISON NUMBER]. They will see; the water rose. "
        "Mrs [NAME] came."
    )


def test_titles_followed_by_ordinary_words_are_kept() -> None:
    assert Redactor().redact("The officer Then left. Sir I asked.") == (
        "The officer Then left. Sir I asked."
    )


def test_unknown_answers_are_not_identifiers() -> None:
    assert Identifiers.from_answers(ANSWERS) == Identifiers(
        name="John Smith", prison_number="A1234BC", home_office_ref=None
    )
