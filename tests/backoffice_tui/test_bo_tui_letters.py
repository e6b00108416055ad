"""Issue 16: a letter to the person from the case screen (l), at 80x24: the letters possible
now, the letter filled from the case in a box to edit, saved on the case exactly as edited,
written as a PDF on request, and listed in the case's summary."""

from __future__ import annotations

from pypdf import PdfReader
from sqlalchemy import Engine
from sqlmodel import Session, select
from textual.widgets import Select, TextArea

from backoffice.tui.letter_modal import LetterModal
from intake.core.db.models import CaseLetter
from intake.core.establishments import resolve_establishment_id
from intake.core.settings import Settings
from intake.core.submission import submit_case
from tests.support.backoffice_tui import (
    HMIP_TRIAGE,
    IMB_TRIAGE,
    AppFactory,
    demo_actor,
    notifications,
    open_case,
    screen_text,
    text_of,
    wait_until,
)
from tests.support.factories import make_submission

SIZE = (80, 24)


def _written(engine: Engine, settings: Settings) -> str:
    """A letter from the person at HMP Wandsworth: nobody has asked for consent yet."""
    with Session(engine) as session:
        place = resolve_establishment_id(session, "HMP Wandsworth")
        case = submit_case(
            session,
            submission=make_submission(place, received_via="letter", consent=None),
            actor=demo_actor(session, "DEMO IMB Intake"),
            settings=settings,
        )
        session.commit()
        return case.reference


async def test_a_letter_is_filled_edited_saved_and_written_as_a_pdf(
    make_app: AppFactory, demo_engine: Engine, settings: Settings
) -> None:
    reference = _written(demo_engine, settings)
    app = make_app(IMB_TRIAGE)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case(pilot, reference)
        await pilot.press("l")
        await wait_until(pilot, lambda: isinstance(app.screen, LetterModal))
        modal = app.screen
        box = modal.query_one("#text", TextArea)
        await wait_until(pilot, lambda: "Dear Jordan Example," in box.text)
        assert modal.query_one("#kind", Select).value == "reassurance"
        shown = screen_text(app)
        for words in ("a letter to the person", "Reassurance in writing", "Not now"):
            assert words in shown, words
        for button in ("#save", "#save-pdf", "#save-text", "#cancel"):  # all on the 80x24 screen
            region = modal.query_one(button).region
            assert region.height and region.bottom <= SIZE[1] and region.right <= SIZE[0], button
        await pilot.press(*"Hello. ")
        await pilot.pause()
        edited = box.text
        assert edited.startswith("Hello. ")
        await pilot.click("#save-pdf")
        await wait_until(pilot, lambda: app.screen is screen)
        await wait_until(pilot, lambda: "Letters to the person" in text_of(screen, "#summary-text"))
        assert "Reassurance in writing" in text_of(screen, "#summary-text")
        assert "written to" in notifications(app)
    with Session(demo_engine) as session:
        saved = session.exec(select(CaseLetter)).one()
    assert (saved.kind, saved.text) == ("reassurance", edited)
    [pdf] = (settings.data_dir / "letters").glob(f"{reference}-reassurance-*.pdf")
    pdf_words = [w for p in PdfReader(pdf).pages for w in (p.extract_text() or "").split()]
    assert [w for w in pdf_words if w != "OFFICIAL-SENSITIVE"] == edited.split()


async def test_a_reader_not_identified_is_told_and_no_dialog_opens(
    make_app: AppFactory, demo_engine: Engine, settings: Settings
) -> None:
    reference = _written(demo_engine, settings)  # received by the IMB
    app = make_app(HMIP_TRIAGE)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case(pilot, reference)
        await pilot.press("l")
        await wait_until(pilot, lambda: "holds the person's name" in notifications(app))
        assert app.screen is screen
