"""Letters to the person in the case's language (issue 17, point 2): a case interviewed in Welsh
gets its letters in Welsh (dates, the body's name, where to go), as text and as a PDF that keeps
every Welsh letter (ŵ, ŷ, â ...); a case with no language recorded gets English."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from backoffice.letters import LetterKind
from backoffice.service import BackofficeService
from intake.core.settings import Settings
from intake.core.submission import PersonDetails
from tests.backoffice.test_bo_letters import AT_ITS_STEP, _fill, _pdf_words
from tests.support.cli import cli_env, run_cli
from tests.support.factories import ActFn, Staff, SubmitFn, ViewFn

#: Each letter in Welsh: words it must say.
IN_WELSH: dict[LetterKind, tuple[str, ...]] = {
    LetterKind.REASSURANCE: ("Diolch am eich llythyr", "y Bwrdd Monitro Annibynnol yn HMP "
                             "Wandsworth", "Rydym am ichi wybod tri pheth"),
    LetterKind.DOES_NOT_QUALIFY: ("Ble i fynd yn lle hynny", "ffurflen gwyno", "COMP1A"),
    LetterKind.NO_INVESTIGATION: ("penderfynodd yr Ombwdsmon beidio â dechrau ymchwiliad",),
    LetterKind.UNFOUNDED: ("Rydym yn galw hyn yn ddi-sail",),
    LetterKind.PROVED: ("Mae'n ddrwg gennym", "Retrain wing staff on the protocol"),
}  # fmt: skip


@pytest.mark.parametrize("kind", list(IN_WELSH), ids=[k.value for k in IN_WELSH])
def test_each_letter_of_a_welsh_case_is_in_welsh(
    kind: LetterKind, act: ActFn, staff: Staff, submit: SubmitFn, engine: Engine
) -> None:
    prepare, writer, _ = AT_ITS_STEP[kind]

    def in_welsh(**changes: object) -> str:
        return submit(language="cy", interpreter="none", **changes)

    ref = prepare(act, staff, in_welsh)
    text = _fill(engine, getattr(staff, writer), ref, kind)
    assert text.startswith("5 Mawrth 2026\n\nAnnwyl Jordan Example,\n")
    for words in IN_WELSH[kind]:
        assert words in text, words
    assert "Dear" not in text and "Yours sincerely" not in text
    assert not re.search(r"[{}]", text), "a placeholder was left unfilled"
    signed = "Bwrdd Monitro Annibynnol, HMP Wandsworth" if writer == "imb" else (
        "Ombwdsmon Carchardai a Phrawf")  # fmt: skip
    assert text.rstrip().endswith(f"Yn gywir,\n\n{signed}")


def test_a_case_with_no_language_recorded_gets_english(
    staff: Staff, submit: SubmitFn, engine: Engine
) -> None:
    ref = submit(received_via="letter", consent=None)
    text = _fill(engine, staff.imb, ref, LetterKind.REASSURANCE)
    assert text.startswith("5 March 2026\n\nDear Jordan Example,\n")


def test_a_welsh_letter_as_a_pdf_keeps_every_welsh_letter(
    staff: Staff, submit: SubmitFn, engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    ref = submit(
        received_via="letter", consent=None, language="cy",
        person=PersonDetails(name="Siôn Ŵyn Tŷ-Ŷr", prison_number="A1234BC"),
    )  # fmt: skip
    service = BackofficeService(engine=engine, settings=settings, actor=staff.imb)
    text = service.fill_letter(ref, LetterKind.REASSURANCE)
    text += "\nMae'r dŵr yn y tŷ yn oer; caniatâd, ffôn."
    saved = service.letter(ref, service.save_letter(ref, LetterKind.REASSURANCE, text).id)
    pdf = service.write_letter(saved, tmp_path / "llythyr.pdf", "pdf")
    words, pages = _pdf_words(pdf)
    assert words == text.split()
    assert "Annwyl Siôn Ŵyn Tŷ-Ŷr," in pages[0]
    assert any("dŵr yn y tŷ" in line for page in pages for line in page)
    assert f"{date.today().day} " in text


def test_the_case_says_its_language_and_interpreter_in_the_back_office(
    submit: SubmitFn, view: ViewFn, settings: Settings
) -> None:
    ref = submit(language="cy", interpreter="telephone", interpreter_language="Welsh")
    case = view(ref)
    assert (case.language, case.interpreter, case.interpreter_language) == (
        "cy", "telephone", "Welsh"
    )  # fmt: skip
    shown = run_cli("backoffice", "--as", "Ian Board", "show", ref, env=cli_env(settings))
    assert shown.returncode == 0, shown.stderr
    assert "interview in Welsh (Cymraeg); an interpreter by telephone (Welsh)" in shown.stdout
    english = run_cli("backoffice", "--as", "Ian Board", "show", submit(), env=cli_env(settings))
    assert "interview in" not in english.stdout  # English, no interpreter: nothing to say
