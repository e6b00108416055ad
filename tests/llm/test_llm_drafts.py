"""Drafts for staff to edit (briefing, letter) and a wording for the next question."""

from __future__ import annotations

import json
from typing import Any

import pytest

from backoffice.drafting.facts import AccountLine, BriefingFacts, LetterFacts
from backoffice.drafting.writing import write_briefing, write_letter
from intake.core.vocabulary import Body, Outcome, ProtocolStep
from intake.llm import Assistant, Identifiers, LlmError
from tests.support.llm_server import MODEL, NARRATIVE, FakeLlm, Reply, json_reply

PERSON = Identifiers(name="John Smith", prison_number="A1234BC")
BRIEFING = (
    "OFFICIAL-SENSITIVE\n\nSummary of the allegation\n[PERSON] ([PRISON NUMBER]) says Officer "
    "[NAME] put him on basic after he wrote to the IMB.\n\nSuggested outcome(s)\nPPO investigation."
)


def _case_block(user: str) -> dict[str, object]:
    inside = user[user.index("<case>") + len("<case>") : user.index("</case>")]
    return json.loads(inside)


def _briefing_facts() -> BriefingFacts:
    return BriefingFacts(
        reference="SAN-2026-0007",
        receiving_organisation="IMB",
        establishment="HMP Example",
        bodies=["IMB"],
        categories=["isolation", "recategorisation"],
        qualifies="yes",
        severity="serious",
        risk_level="high",
        narrative=NARRATIVE,
        account=[AccountLine(question="Is it still happening?", answer="Yes, every day")],
        consent="Consents to the IMB making enquiries; identity may be shared.",
        imb_findings="Wing log shows 23-hour bang-up since 3 March; no adjudication recorded.",
        identifiers=PERSON,
    )


async def test_briefing_draft_is_text_with_the_person_named_back_locally(
    assistant: Assistant, fake_llm: FakeLlm
) -> None:
    fake_llm.script(Reply(content=BRIEFING))
    draft = await write_briefing(assistant, _briefing_facts())
    assert draft.kind == "briefing"
    assert draft.model == MODEL
    assert draft.text.startswith("OFFICIAL-SENSITIVE")
    assert "John Smith (A1234BC) says Officer [NAME]" in draft.text

    request = fake_llm.requests[0]
    assert "response_format" not in request.body
    system = request.message("system")
    assert "step 5" in system and "HMIP" in system and "PPO" in system
    case = _case_block(request.message("user"))
    assert case["reference"] == "SAN-2026-0007"
    assert case["imb_findings"] == _briefing_facts().imb_findings
    assert "identifiers" not in case


async def test_letter_draft_names_its_protocol_step(
    assistant: Assistant, fake_llm: FakeLlm
) -> None:
    fake_llm.script(Reply(content="Dear [PERSON],\n\nThank you for telling us ...\n\nIMB"))
    facts = LetterFacts(
        reference="SAN-2026-0007",
        step=ProtocolStep.UNFOUNDED_TOLD,
        sender=Body.PPO,
        outcome=Outcome.UNFOUNDED,
        what_they_told_us="Officer Jones kept him behind his door after he wrote to the IMB.",
        reasons="CCTV and the wing log show normal regime on the days described.",
        contact="Write to the PPO, freepost, or ask the IMB on your wing.",
        identifiers=PERSON,
    )
    draft = await write_letter(assistant, facts)
    assert draft.kind == "letter"
    assert draft.text.startswith("Dear John Smith,")
    user = fake_llm.requests[0].message("user")
    letter = json.loads(user[user.index("<letter>") + 8 : user.index("</letter>")])
    assert letter["step"] == "10: Unfounded: PPO tells the prisoner the outcome"
    assert letter["outcome"] == "unfounded"
    assert letter["sender"] == "PPO"


def test_letter_is_only_for_steps_7_and_10() -> None:
    # Not a letter's step: the types forbid it (Any lets it through), the model must refuse it.
    formal_report: Any = ProtocolStep.FORMAL_REPORT
    with pytest.raises(ValueError, match="step"):
        LetterFacts(
            reference="SAN-2026-0007",
            step=formal_report,
            sender=Body.PPO,
            outcome=Outcome.PROVED,
            what_they_told_us="...",
            reasons="...",
        )


async def test_empty_draft_is_an_error_not_a_blank_letter(
    assistant: Assistant, fake_llm: FakeLlm
) -> None:
    fake_llm.script(Reply(content="```\n\n```"))
    with pytest.raises(LlmError, match="empty draft"):
        await write_briefing(assistant, _briefing_facts())


async def test_question_wording_is_one_line_from_the_script_question(
    assistant: Assistant, fake_llm: FakeLlm
) -> None:
    fake_llm.script(
        json_reply({"question": "When did you write to the IMB,\n[PERSON]?  Roughly is fine."})
    )
    wording = await assistant.suggest_question(
        key="contact_date",
        prompt="When did they contact (or try to contact) the body?",
        help_text="A date or 'about two weeks ago'.",
        known={"body": "IMB", "channel": "application form"},
        narrative=NARRATIVE,
        identifiers=PERSON,
    )
    assert wording == "When did you write to the IMB, John Smith? Roughly is fine."
    user = fake_llm.requests[0].message("user")
    question = json.loads(user[user.index("<question>") + 10 : user.index("</question>")])
    assert question["key"] == "contact_date"
    assert json.loads(user[user.index("<known>") + 7 : user.index("</known>")]) == {
        "body": "IMB",
        "channel": "application form",
    }


async def test_question_wording_must_be_json_with_a_question(
    assistant: Assistant, fake_llm: FakeLlm
) -> None:
    fake_llm.script(json_reply({"wording": "When?"}))
    with pytest.raises(LlmError, match="question"):
        await assistant.suggest_question(key="contact_date", prompt="When?")
