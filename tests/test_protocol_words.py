"""The protocol's words live once (prompts/protocol.yaml), for every step, duty and route."""

from __future__ import annotations

from backoffice.workflow.definition import TaskSpec
from intake.classifier import classify
from intake.core.protocol_words import protocol_words
from intake.core.vocabulary import Duty, ProtocolStep, Route, missing_protocol_words


def test_every_step_duty_and_route_has_its_words_and_nothing_else() -> None:
    assert missing_protocol_words() == []


def test_the_workflow_the_vocabulary_and_the_classifier_read_the_same_words() -> None:
    words = protocol_words()
    assert ProtocolStep.LOG_ON_TRACKER.label == words.steps[3]
    duty = TaskSpec(duty=Duty.INFORM_PARTNERS, deadline="inform_partners")
    assert duty.default_title == words.duties["inform_partners"]
    said = classify("Since I spoke to the IMB the officers stopped my visits.").rationale
    assert said.endswith(f"route: {words.routes[Route.SANCTION_PROTOCOL.value].goes_to}.")
