"""An interview in Welsh in line mode (issue 17, point 2): offered at a Welsh establishment, or
chosen with `intake chat --language cy`; what is said to the person comes in Welsh with its
English for the interviewer, staff's questions stay English, and the case records the language
and the interpreter."""

from __future__ import annotations

import json
from pathlib import Path

from sqlmodel import Session, select

from intake.core.db.engine import open_database
from intake.core.db.models import SanctionCase
from intake.core.settings import load_settings
from tests.support.chat import chat_env, run_conversation
from tests.support.cli import run_cli

IN_CARDIFF = {"Which establishment": "cardiff", "Which language": "welsh"}


def _case(tmp_path: Path) -> SanctionCase:
    engine = open_database(load_settings(data_dir=tmp_path / "data"))
    try:
        with Session(engine) as session:
            return session.exec(select(SanctionCase)).one()
    finally:
        engine.dispose()


def test_a_welsh_interview_at_a_welsh_prison_is_said_in_welsh_and_recorded(
    tmp_path: Path,
) -> None:
    answers = {**IN_CARDIFF, "interpreter": "2"}  # Yes, in person; "welsh" answers the next
    status, output = run_conversation(tmp_path, "--json", answers=answers)
    assert status == 0, output[-2000:]
    assert "Which language is the interview in?" in output
    said = output.index("Say this to them, in Welsh:")
    assert output[said:].split("\n")[1] == "Cyn inni ddechrau, rwyf am ichi wybod tri pheth:"
    assert "In English (for you, not to read out):\nBefore we start" in output
    assert "Ask them, in Welsh:\nBeth yw eich enw?\nIn English" in output
    assert "The person's name?" in output  # staff's own question stays English
    assert "Ydych chi am inni fynd â hyn ymhellach?" in output  # consent asked in Welsh
    data = json.loads(output[output.index("{") :])
    assert data["reference"].startswith("SAN-")
    case = _case(tmp_path)
    assert (case.language, case.interpreter, case.interpreter_language) == (
        "cy", "in_person", "welsh"
    )  # fmt: skip


def test_an_english_interview_in_england_is_not_asked_and_records_english(
    tmp_path: Path,
) -> None:
    status, output = run_conversation(tmp_path)
    assert status == 0, output[-2000:]
    assert "Which language" not in output and "in Welsh" not in output
    assert (_case(tmp_path).language, _case(tmp_path).interpreter) == ("en", "none")


def test_welsh_chosen_at_the_start_anywhere(tmp_path: Path) -> None:
    status, output = run_conversation(tmp_path, "--language", "CY")
    assert status == 0, output[-2000:]
    assert "Which language is the interview in?\n  1) English" not in output  # chosen already
    assert "Which language is the interview in?  Welsh (Cymraeg)" in output  # in the review
    assert "Say this to them, in Welsh:" in output
    assert _case(tmp_path).language == "cy"


def test_an_unknown_language_is_refused_with_one_line_and_nothing_opened(
    tmp_path: Path,
) -> None:
    result = run_cli("intake", "chat", "--language", "klingon", env=chat_env(tmp_path))
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines == [
        "error: no language 'klingon': choose one of en (English), cy (Welsh (Cymraeg))"
    ]
    assert not (tmp_path / "data" / "sanctions.db").exists()
