"""Heightened risk (issue 15, point 6) through the session both front ends use: the interview
asks who is at heightened risk and whether a move is coming up (a passed date refused, nothing
changed), whether it is held out of staff hearing; the level and its reasons are in the case
panel, and they are stored with the case."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from intake.core.db.models import InterviewDraft, RiskAssessment, SanctionCase
from intake.core.errors import ValidationProblem
from intake.core.settings import Settings
from intake.core.users import Actor
from intake.core.vocabulary import Organisation, RiskLevel, Role
from intake.interview.drafts import DraftStore
from intake.interview.engine import Interview
from intake.interview.outcome import risk_triage
from intake.interview.panel import facts
from intake.interview.session import InterviewSession
from tests.support.factories import make_user
from tests.support.intake_tui import COMMON, TODAY, accepted_text

#: No sign of risk in the words: only what the risk questions establish raises the level.
PLAIN = (
    "I wrote to the PPO about my canteen. The week after, the SO stopped my visits and said "
    "it was because I wrote to the PPO."
)
COERCED = (
    "After I spoke to the IMB the officers restrained me, put me down the seg and strip "
    "searched me."
)
ANSWERS = {**COMMON, "narrative": PLAIN, "still_happening": "n", "evidence": "5"}


@pytest.fixture
def interviewer(engine: Engine) -> Actor:
    with Session(engine) as session:
        actor = make_user(session, "Ines Pector", Role.INTAKE, Organisation.HMIP)
        session.commit()
        return actor


def session_at(
    engine: Engine, settings: Settings, actor: Actor, key: str, **changes: str
) -> InterviewSession:
    """A new interview answered up to the question ``key``."""
    session = InterviewSession.start(
        DraftStore(engine), actor=actor, settings=settings, today=TODAY
    )
    answers = {**ANSWERS, **changes}
    while (question := session.interview.current()) is not None and question.key != key:
        session.answer(question, accepted_text(question, answers[question.key]))
    assert question is not None, f"{key} was never asked"
    return session


def finish(session: InterviewSession, **changes: str) -> str:
    answers = {**ANSWERS, **changes}
    while (question := session.interview.current()) is not None:
        session.answer(question, accepted_text(question, answers[question.key]))
    return session.submit()


def stored(engine: Engine, reference: str) -> tuple[SanctionCase, RiskAssessment]:
    with Session(engine) as db:
        case = db.exec(select(SanctionCase).where(SanctionCase.reference == reference)).one()
        risk = db.exec(select(RiskAssessment).where(RiskAssessment.case_id == case.id)).one()
        return case, risk


def test_out_of_hearing_is_asked_before_the_account_and_stored(
    engine: Engine, settings: Settings, interviewer: Actor
) -> None:
    session = session_at(engine, settings, interviewer, "out_of_hearing")
    question = session.interview.current()
    assert question is not None and question.section == "start"
    assert question.help and "may not feel free to speak" in question.help
    session.answer(question, "no")
    panel = dict(session.panel().facts)
    assert panel["Hearing"] == "Staff can hear: they may not speak freely. Recorded with the case."
    keys = [q.key for q in session.interview.script.questions]
    assert keys.index("out_of_hearing") < keys.index("narrative")
    case, _ = stored(engine, finish(session, out_of_hearing="n"))
    assert case.out_of_hearing is False


def test_out_of_hearing_says_nothing_more_when_it_is() -> None:
    interview = Interview(today=TODAY)
    for key in ("received_via", "establishment", "visit_date", "out_of_hearing"):
        interview.answer(accepted_text(interview.script.question(key), ANSWERS[key]))
    assert "Hearing" not in dict(facts(interview))


def test_a_move_date_that_has_passed_is_refused_and_changes_nothing(
    engine: Engine, settings: Settings, interviewer: Actor
) -> None:
    session = session_at(engine, settings, interviewer, "move_coming")
    session.answer(session.interview.question("move_coming"), "3")  # release
    question = session.interview.current()
    assert question is not None and question.key == "move_date"
    before = dict(session.interview.answers)
    with Session(engine) as db:
        saved_before = db.get(InterviewDraft, session.draft_id)
        assert saved_before is not None
        state_before = dict(saved_before.state)
    with pytest.raises(ValidationProblem, match="22 November 2026 has passed"):
        session.answer(question, "yesterday")
    assert session.interview.answers == before
    assert session.interview.current() == question
    with Session(engine) as db:
        draft = db.get(InterviewDraft, session.draft_id)
        assert draft is not None and draft.state == state_before
    assert session.panel().risk == RiskLevel.STANDARD

    session.answer(question, "next Friday")
    panel = session.panel()
    assert panel.risk == RiskLevel.HIGH
    assert panel.risk_reasons == ["Release due on 27 November 2026 (in 4 days)"]

    case, risk = stored(engine, finish(session))
    assert case.risk_level == "high"
    assert risk.move_kind == "release" and risk.move_date == date(2026, 11, 27)
    assert risk.reasons == ["Release due on 27 November 2026 (in 4 days)"]


def test_heightened_factors_are_ticked_and_age_is_not_asked_again(
    engine: Engine, settings: Settings, interviewer: Actor
) -> None:
    session = session_at(engine, settings, interviewer, "vulnerabilities", age_band="1")
    question = session.interview.current()
    assert question is not None
    labels = [c.label for c in question.choices]
    assert "Under 18" not in labels and "Pregnant" in labels and labels[-1] == "None known"
    session.answer(question, "2, 3")  # pregnant; past trauma
    case, risk = stored(engine, finish(session))
    assert case.risk_level == "high"
    assert risk.vulnerabilities == ["under_18", "pregnant", "past_trauma"]
    assert risk.reasons[-3:] == [
        "a child (under 18)",
        "pregnant",
        "past trauma (such as torture, trafficking or abuse)",
    ]  # after "exceptionally serious": any detriment to a child is


def test_a_young_adult_is_at_heightened_risk_from_their_age() -> None:
    interview = Interview(today=TODAY)
    while (question := interview.current()) is not None and question.key != "narrative":
        answer = {**ANSWERS, "age_band": "2"}[question.key]
        interview.answer(accepted_text(question, answer))
    assert risk_triage(interview).reasons == ["a young adult (18 to 20)"]


def test_force_segregation_and_a_strip_search_in_the_account_raise_it(
    engine: Engine, settings: Settings, interviewer: Actor
) -> None:
    session = session_at(engine, settings, interviewer, "still_happening", narrative=COERCED)
    panel = session.panel()
    assert panel.risk == RiskLevel.HIGH
    assert panel.risk_reasons[-3:] == [
        "force, restraint or assault described in the account",
        "segregation or isolation described in the account",
        "a strip-search or being made to undress, described in the account",
    ]
    _, risk = stored(engine, finish(session, narrative=COERCED))
    assert "segregation or isolation described in the account" in risk.reasons


def test_an_immediate_risk_stays_immediate_with_every_reason(
    engine: Engine, settings: Settings, interviewer: Actor
) -> None:
    session = session_at(engine, settings, interviewer, "immediate_danger", narrative=COERCED)
    reference = finish(session, narrative=COERCED, immediate_danger="y", vulnerabilities="2")
    case, risk = stored(engine, reference)
    assert case.risk_level == risk.level == "immediate"
    assert risk.reasons[0] == "immediate serious risk to them or to others, said at interview"
    assert "pregnant" in risk.reasons
    assert "force, restraint or assault described in the account" in risk.reasons
