"""The engine without a front end: routes, whose consent it is, immediate risk, old drafts."""

from __future__ import annotations

from datetime import date

import pytest

from intake.classifier import Classification
from intake.classifier.result import Evidence
from intake.core.submission import proposed_routes
from intake.core.vocabulary import (
    ConsentGiver,
    Organisation,
    Qualifies,
    Route,
    Severity,
)
from intake.interview.engine import Interview
from intake.interview.known import is_not_yet
from intake.interview.outcome import build_submission, consent_giver, routes_so_far, rules_view
from intake.interview.panel import case_panel, closing_words, risk_banner

TODAY = date(2026, 11, 23)
ACCOUNT = (
    "I told the IMB about the food on my wing. Two days later Officer Jones put me in "
    "segregation and said it was because I went to the IMB."
)
ANSWERS = {
    "received_via": "1",
    "establishment": "Wandsworth",
    "visit_date": "",
    "out_of_hearing": "y",
    "reassurance_given": "y",
    "interpreter": "1",
    "raised_by": "1",
    "concern_type": "1",
    "staff_fears_reprisal": "n",
    "person_name": "John Smith",
    "prison_number": "A1234BC",
    "age_band": "3",
    "location": "B wing",
    "narrative": ACCOUNT,
    "body": "2",
    "channel": "2",
    "contact_date": "two weeks ago",
    "link_reason": "The officer said so.",
    "when_where": "skip",
    "staff_involved": "Officer Jones",
    "witnesses": "skip",
    "evidence": "5",
    "still_happening": "n",
    "immediate_danger": "n",
    "self_harm": "n",
    "action_taken": "Told the duty governor",
    "action_at": "14:30 today",
    "injuries": "n",
    "vulnerabilities": "9",
    "move_coming": "1",
    "consent_pursue": "y",
    "consent_share_identity": "y",
    "consent_imb_enquiries": "y",
    "refer_without_consent": "n",
    "staff_agrees": "y",
}


def interview(**changes: str) -> tuple[Interview, list[str]]:
    """An interview answered from ANSWERS (with ``changes``) until nothing is left."""
    answers = {**ANSWERS, **changes}
    engine = Interview(today=TODAY)
    asked: list[str] = []
    while (question := engine.current()) is not None:
        asked.append(question.key)
        assert len(asked) < 60
        engine.answer(answers[question.key])
    return engine, asked


def routes(engine: Interview) -> list[Route]:
    submission = build_submission(engine, organisation=Organisation.IMB, establishment_id=None)
    return proposed_routes(submission)


def test_a_sanction_and_a_death_in_custody_are_both_kept() -> None:
    engine, asked = interview(concern_type="1, 2")
    assert engine.ending() is None and "narrative" in asked and "consent_pursue" in asked
    assert routes(engine) == [Route.SANCTION_PROTOCOL, Route.DEATH_IN_CUSTODY]
    assert engine.extra_routes() == [Route.DEATH_IN_CUSTODY]


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        ("2", [Route.DEATH_IN_CUSTODY]),
        ("3", [Route.IMB_MEMBER_COMPLAINT]),
        ("2, 3", [Route.DEATH_IN_CUSTODY, Route.IMB_MEMBER_COMPLAINT]),
    ],
)
def test_only_signposted_concerns_end_the_interview_early(
    chosen: str, expected: list[Route]
) -> None:
    engine, asked = interview(concern_type=chosen)
    ending = engine.ending()
    assert ending is not None and list(ending.routes) == expected
    assert asked[-1] == "concern_type"
    assert routes(engine) == expected


def test_something_else_beside_a_death_takes_the_account() -> None:
    engine, asked = interview(concern_type="2, 4")
    assert engine.ending() is None and "narrative" in asked
    assert Route.DEATH_IN_CUSTODY in routes(engine)


def test_staff_raising_it_for_themselves_end_with_whistleblowing() -> None:
    engine, asked = interview(raised_by="6")
    assert asked[-1] == "raised_by"
    assert routes(engine) == [Route.WHISTLEBLOWING]


def test_staff_who_also_fear_reprisal_add_whistleblowing() -> None:
    engine, asked = interview(raised_by="5", staff_fears_reprisal="y")
    assert "staff_fears_reprisal" in asked
    assert routes(engine) == [Route.SANCTION_PROTOCOL, Route.WHISTLEBLOWING]
    engine, _ = interview(raised_by="5", staff_fears_reprisal="n")
    assert routes(engine) == [Route.SANCTION_PROTOCOL]


def test_an_older_draft_with_one_concern_still_loads() -> None:
    saved = {"concern_type": {"value": "death", "display": "A death in custody"}}
    engine = Interview(today=TODAY, answers=saved)
    assert engine.concerns() == ["death"]
    ending = engine.ending()
    assert ending is not None and ending.route == Route.DEATH_IN_CUSTODY
    assert engine.state()["concern_type"]["value"] == ["death"]


@pytest.mark.parametrize(
    ("raised_by", "giver"),
    [
        ("1", ConsentGiver.PERSON),
        ("2", ConsentGiver.FAMILY),
        ("3", ConsentGiver.OTHER_PRISONER),
        ("4", ConsentGiver.LAWYER),
        ("5", ConsentGiver.STAFF_FOR_PRISONER),
    ],
)
def test_consent_is_recorded_as_the_word_of_whoever_gave_it(
    raised_by: str, giver: ConsentGiver
) -> None:
    engine, _ = interview(raised_by=raised_by)
    assert consent_giver(engine) == giver
    submission = build_submission(engine, organisation=Organisation.HMIP, establishment_id=None)
    assert submission.consent is not None
    assert submission.consent.given_by == giver


def test_someone_else_is_asked_for_their_word_not_the_persons_consent() -> None:
    engine, _ = interview(raised_by="4")
    prompt = engine.question("consent_pursue").prompt
    assert prompt.startswith("Does the solicitor or advocate say the person wants it pursued?")
    assert "confirm it themselves" in prompt
    said = engine.say_text("consent")
    assert "You are asking the solicitor or advocate" in said and "{raiser}" not in said
    own, _ = interview()
    assert own.question("consent_pursue").prompt == "Do they consent to it being pursued?"


def test_with_immediate_risk_someone_elses_yes_still_asks_about_the_exception() -> None:
    engine, asked = interview(raised_by="2", immediate_danger="y")
    assert "refer_without_consent" in asked  # their yes is not the person's own consent
    assert closing_words(engine) is None


def test_the_immediate_risk_action_is_asked_and_recorded() -> None:
    engine, asked = interview(immediate_danger="y")
    assert asked.index("self_harm") < asked.index("action_taken") < asked.index("action_at")
    submission = build_submission(engine, organisation=Organisation.HMIP, establishment_id=None)
    assert submission.risk.action_taken == "Told the duty governor"
    assert submission.risk.action_at == "14:30 today"
    assert engine.risk_acted_on() is True
    assert risk_banner(engine, immediate=True).startswith("IMMEDIATE RISK. Acted on (14:30")


def test_not_yet_keeps_the_warning() -> None:
    engine, _ = interview(immediate_danger="y", action_at="Not yet.")
    assert engine.risk_acted_on() is False
    assert "NOT ACTED ON YET" in case_panel(engine).banner
    assert is_not_yet("no one") and not is_not_yet("the duty governor")


def test_without_immediate_risk_no_action_is_asked() -> None:
    engine, asked = interview()
    assert "action_taken" not in asked
    assert (
        build_submission(
            engine, organisation=Organisation.HMIP, establishment_id=None
        ).risk.action_taken
        is None
    )
    assert case_panel(engine).banner == ""


def test_refused_consent_gets_the_words_to_raise_it_later() -> None:
    engine, _ = interview(consent_pursue="n")
    assert closing_words(engine) == "raise_later"
    engine, _ = interview(consent_share_identity="n")
    assert closing_words(engine) == "not_named"


def test_route_evidence_of_the_rules_is_a_proposed_route() -> None:
    death = Evidence(start=0, end=4, matched="died", label="route:death_in_custody",
                     stands_for="a death")  # fmt: skip
    result = Classification(
        qualifies=Qualifies.YES, categories=[], body=[], immediate_risk=False,
        severity=Severity.STANDARD, route=Route.SANCTION_PROTOCOL, evidence=[death],
        rationale="", missing=[],
    )  # fmt: skip
    assert rules_view(result).routes == [Route.DEATH_IN_CUSTODY]


def test_routes_are_shown_before_there_is_an_account() -> None:
    engine = Interview(today=TODAY)
    for key in (
        "received_via",
        "establishment",
        "visit_date",
        "out_of_hearing",
        "reassurance_given",
        "interpreter",
        "raised_by",
    ):
        engine.answer(ANSWERS[key])
    engine.answer("1, 2")
    assert routes_so_far(engine) == [Route.SANCTION_PROTOCOL, Route.DEATH_IN_CUSTODY]
    assert case_panel(engine).routes[1] == "a death in custody: the PPO investigates"


def test_a_possible_immediate_risk_reaches_the_submission() -> None:
    """Indirect cues ("ask now") are carried into what is stored, by the rules' view and by
    intake staff's own view when they disagree on where the case goes."""
    account = ACCOUNT + " Since then I have given my radio away to the lad next door."
    engine, _ = interview(narrative=account)
    assert engine.classification is not None
    assert engine.classification.possible_immediate_risk
    assert not engine.classification.immediate_risk
    submission = build_submission(engine, organisation=Organisation.IMB, establishment_id=None)
    assert submission.rules is not None and submission.rules.possible_immediate_risk
    assert not submission.rules.immediate_risk
    disagreeing, _ = interview(
        narrative=account, staff_agrees="n", staff_qualifies="2", staff_route="1",
        staff_reason="Not sure of the link",
    )  # fmt: skip
    staff = build_submission(disagreeing, organisation=Organisation.IMB, establishment_id=None)
    assert staff.staff_view is not None and staff.effective.possible_immediate_risk
    plain, _ = interview()
    plain_rules = build_submission(plain, organisation=Organisation.IMB, establishment_id=None)
    assert plain_rules.rules is not None and not plain_rules.rules.possible_immediate_risk
