"""The consent state on the case screen, and the person's own consent recorded from it."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select
from textual.widgets import Select

from backoffice.tui.action_modal import ActionModal
from intake.core.db.models import ConsentRecord, SanctionCase, User
from intake.core.establishments import resolve_establishment_id
from intake.core.settings import Settings
from intake.core.submission import ConsentAnswers, submit_case
from intake.core.users import Actor
from intake.core.vocabulary import ConsentGiver, RaisedBy
from tests.support.backoffice_tui import AppFactory, case_shown, open_case, text_of, wait_until
from tests.support.factories import make_submission

SIZE = (80, 24)
IMB_TRIAGE = "DEMO IMB Triage"


@pytest.fixture
def family_case(demo_engine: Engine, settings: Settings) -> str:
    """Raised by the person's mother, who says he wants it pursued: her word, not his."""
    with Session(demo_engine) as session:
        place = resolve_establishment_id(session, "HMP Wandsworth")
        consent = ConsentAnswers(
            given_by=ConsentGiver.FAMILY, pursue=True, share_identity=True, imb_enquiries=True
        )
        submission = make_submission(
            place, consent=consent, raised_by=RaisedBy.ON_BEHALF, raised_by_detail="family"
        )
        intake = session.exec(select(User).where(User.name == "DEMO IMB Intake")).one()
        case = submit_case(
            session, submission=submission, actor=Actor.from_user(intake), settings=settings
        )
        session.commit()
        return case.reference


async def test_the_case_screen_says_whose_consent_it_is_until_the_person_confirms(
    make_app: AppFactory, family_case: str, demo_engine: Engine
) -> None:
    app = make_app(IMB_TRIAGE)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case(pilot, family_case)
        summary = " ".join(text_of(screen, "#summary-text").split())
        assert "consent given by family or a friend, for them: not yet confirmed" in summary
        assert "as said by family or a friend, for them: pursue yes" in summary

        names = [a.name for a in screen.actions]
        await pilot.press(str(names.index("record_consent") + 1))
        await wait_until(pilot, lambda: isinstance(app.screen, ActionModal))
        modal = app.screen
        modal.query_one("#outcome", Select).value = "consents_anonymous"
        modal.query_one("#note").focus()
        await pilot.press(*"Saw him on B wing: he wants it looked into, without his name", "ctrl+s")
        screen = await case_shown(pilot, family_case)
        await wait_until(
            pilot,
            lambda: (
                "but not to their identity being shared"
                in " ".join(text_of(screen, "#summary-text").split())
            ),
        )
    with Session(demo_engine) as session:
        case_id = session.exec(
            select(SanctionCase.id).where(SanctionCase.reference == family_case)
        ).one()
        rows = session.exec(
            select(ConsentRecord)
            .where(ConsentRecord.case_id == case_id)
            .order_by(col(ConsentRecord.id))
        ).all()
    newest = rows[-1] if rows else None
    assert newest is not None and (newest.given_by, newest.kind) == ("person", "change")
    assert newest.pursue and not newest.share_identity
