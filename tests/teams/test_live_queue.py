"""The live queue's change mark: it moves for a change made elsewhere, and only then."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from backoffice.live import ChangeMark, change_mark
from intake.core.db.models import AuditEvent
from intake.core.settings import Settings
from tests.support.factories import add_interviewer
from tests.support.offline import submit_some


def _mark(engine: Engine) -> ChangeMark:
    with Session(engine) as session:
        return change_mark(session)


def test_the_mark_moves_when_a_case_arrives_elsewhere(engine: Engine, settings: Settings) -> None:
    from intake.core.db.engine import create_db_engine

    desk = create_db_engine(settings.effective_database_url)  # another desk's connection
    before = _mark(desk)
    assert _mark(desk) == before
    submit_some(engine, settings, 1)
    assert _mark(desk) != before
    desk.dispose()


@pytest.mark.postgres_only
def test_a_late_commit_with_a_lower_id_is_noticed(engine: Engine, settings: Settings) -> None:
    actor = add_interviewer(engine)
    submit_some(engine, settings, 2)
    slow, quick = Session(engine), Session(engine)
    slow.add(AuditEvent(case_id=1, actor_id=actor.id, actor_name="x", action="slow", entity="case"))
    slow.flush()  # takes its id now, commits later
    # Another case's chain: appends to one chain wait for each other (intake.core.audit_chain).
    quick.add(
        AuditEvent(case_id=2, actor_id=actor.id, actor_name="x", action="quick", entity="case")
    )
    quick.commit()
    seen = _mark(engine)
    slow.commit()
    assert _mark(engine) != seen
    slow.close()
    quick.close()
