"""Offline intake: cases kept in the laptop's outbox reach the central database exactly once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from intake.core.db.models import Answer, CaseClassification, OutboxEntry, SanctionCase
from intake.core.db.outbox import open_outbox
from intake.core.risk import risk_rank
from intake.core.settings import Settings
from intake.core.submission import ClassificationView, submit_case
from intake.core.vocabulary import Qualifies, RiskLevel, Route
from intake.sync import sync_outbox
from tests.support.factories import add_interviewer, make_submission
from tests.support.offline import record_offline_cases


@pytest.fixture
def laptop(settings: Settings, tmp_path: Path) -> Iterator[Engine]:
    """The laptop's outbox (a SQLite file in its data folder), whatever the central database."""
    engine = open_outbox(settings)
    yield engine
    engine.dispose()


def _central_cases(engine: Engine) -> list[SanctionCase]:
    with Session(engine) as session:
        return list(session.exec(select(SanctionCase).order_by(col(SanctionCase.id))).all())


def test_offline_cases_get_provisional_references(laptop: Engine, settings: Settings) -> None:
    references = record_offline_cases(laptop, settings, 2)
    assert all(ref.startswith("PROV-") and len(ref) == 13 for ref in references)
    assert len(set(references)) == 2
    with Session(laptop) as session:
        assert session.exec(select(func.count()).select_from(OutboxEntry)).one() == 2


def test_sync_sends_each_case_once_with_its_transcript(
    laptop: Engine, engine: Engine, settings: Settings
) -> None:
    add_interviewer(engine)
    provisional = record_offline_cases(laptop, settings, 3)
    report = sync_outbox(laptop, engine, settings)
    assert [old for old, _ in report.sent] == provisional
    central = _central_cases(engine)
    assert [c.reference for c in central] == [new for _, new in report.sent]
    assert all(c.reference.startswith("SAN-") for c in central)
    with Session(engine) as session:
        said = session.exec(select(Answer.answer).where(Answer.case_id == central[0].id)).all()
    assert said == ["Person 0"]
    # The laptop now shows the central references.
    with Session(laptop) as session:
        local = session.exec(select(SanctionCase.reference).order_by(col(SanctionCase.id))).all()
    assert local == [c.reference for c in central]
    again = sync_outbox(laptop, engine, settings)
    assert again.sent == [] and again.already_there == []
    assert len(_central_cases(engine)) == 3


def test_sync_interrupted_after_the_server_took_a_case_doubles_nothing(
    laptop: Engine, engine: Engine, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_interviewer(engine)
    record_offline_cases(laptop, settings, 3)
    import intake.sync as sync

    def die(*_: object) -> str:
        raise KeyboardInterrupt  # the process dies between the central and the local commit

    monkeypatch.setattr(sync, "_mark_sent", die)
    with pytest.raises(KeyboardInterrupt):
        sync_outbox(laptop, engine, settings)
    assert len(_central_cases(engine)) == 1
    monkeypatch.undo()
    report = sync_outbox(laptop, engine, settings)
    assert len(report.already_there) == 1 and len(report.sent) == 2
    central = _central_cases(engine)
    assert len(central) == 3 and len({c.uuid for c in central}) == 3


def test_an_interviewer_missing_centrally_is_reported_and_kept(
    laptop: Engine, engine: Engine, settings: Settings
) -> None:
    record_offline_cases(laptop, settings, 1)
    report = sync_outbox(laptop, engine, settings)
    assert report.sent == [] and "not on the central user list" in report.problems[0]
    assert _central_cases(engine) == []
    add_interviewer(engine)
    assert len(sync_outbox(laptop, engine, settings).sent) == 1


def test_unfinished_drafts_are_copied_once(
    laptop: Engine, engine: Engine, settings: Settings
) -> None:
    from intake.interview.drafts import DraftStore

    add_interviewer(engine)
    actor = add_interviewer(laptop)
    store = DraftStore(laptop)
    draft = store.start(user_id=actor.id)
    store.save_answer(draft, key="location", question="Where?", answer="B wing", value="B wing",
                      answers={"location": {"display": "B wing"}})  # fmt: skip
    store.save_pending(draft, key="narrative", text="They took my letter to the")
    for _ in range(2):
        assert sync_outbox(laptop, engine, settings).drafts == 1
    central = DraftStore(engine).open_drafts()
    assert len(central) == 1 and central[0].has_pending_text
    assert DraftStore(engine).load(central[0].id).pending_text == "They took my letter to the"


def test_a_possible_immediate_risk_survives_the_sync(
    laptop: Engine, engine: Engine, settings: Settings
) -> None:
    """The rules' "ask now" recorded offline reaches the central case, its rank and its
    classification."""
    add_interviewer(engine)
    actor = add_interviewer(laptop)
    rules = ClassificationView(
        qualifies=Qualifies.YES, route=Route.SANCTION_PROTOCOL, possible_immediate_risk=True
    )
    with Session(laptop) as session:
        submission = make_submission(None, rules=rules, risk_level=RiskLevel.HIGH)
        submit_case(session, submission=submission, actor=actor, settings=settings)
        session.commit()
    assert len(sync_outbox(laptop, engine, settings).sent) == 1
    (case,) = _central_cases(engine)
    assert case.possible_immediate_risk is True
    assert case.risk_rank == risk_rank(RiskLevel.HIGH, possible_immediate_risk=True)
    with Session(engine) as session:
        row = session.exec(
            select(CaseClassification).where(CaseClassification.case_id == case.id)
        ).one()
    assert row.possible_immediate_risk is True
