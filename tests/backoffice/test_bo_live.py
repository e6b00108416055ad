"""The live queue's change mark (what the triage app polls to reload): reading, searching and
exporting are audited but change no case, so they do not move it; an action does."""

from __future__ import annotations

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from backoffice.case_view import show_case
from backoffice.live import ChangeMark, change_mark
from backoffice.queue import list_queue
from intake.core.audit_chain import ACCESS_CHAIN
from intake.core.db.models import AuditEvent
from tests.support.factories import ActFn, Staff, SubmitFn


def _mark(engine: Engine) -> ChangeMark:
    with Session(engine) as session:
        return change_mark(session)


def _access_events(engine: Engine) -> int:
    with Session(engine) as session:
        query = select(func.count()).where(col(AuditEvent.chain) == ACCESS_CHAIN)
        return session.exec(query).one()


def test_reading_a_case_or_searching_leaves_the_mark_and_an_action_moves_it(
    engine: Engine, staff: Staff, submit: SubmitFn, act: ActFn
) -> None:
    reference = submit()
    before, audited = _mark(engine), _access_events(engine)
    with Session(engine) as session:
        show_case(session, actor=staff.hmip, reference=reference)
    with Session(engine) as session:
        list_queue(session, actor=staff.hmip, search="visits")
    assert _access_events(engine) > audited  # the reads were audited ...
    assert _mark(engine) == before  # ... and no desk is told to reload for them
    act(staff.hmip, reference, "confirm_qualifies", note="seen")
    assert _mark(engine) != before
