"""`intake chat --import letter.txt` (and `intake --import`): a letter's text is the account,
every character kept; a binary, missing or oversized file is refused and nothing is written."""

from __future__ import annotations

import json
from pathlib import Path

from sqlmodel import Session, select

from intake.core.db.engine import open_database
from intake.core.db.models import InterviewDraft, SanctionCase
from intake.core.settings import load_settings
from intake.core.validation import MAX_NARRATIVE_CHARS
from tests.support.chat import chat_env, run_conversation
from tests.support.cli import run_cli

LETTER = (
    "Dear Sir or Madam,\n\n"
    "We act for Mr Zoë Ólafsdóttir (A4821KD) at HMP Pentonville.\t(ref. ZÓ/25)\n\n\n"
    "On 3 March our client complained to the Prisons and Probation Ombudsman. Since then his "
    "visits have been cancelled: «you keep writing to the Ombudsman» — officer’s words.\n"
    "   Indented line, trailing spaces   \n\n"
    "Yours faithfully,\nR. Mistry 🙂\n"
)


def _data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def _nothing_written(tmp_path: Path) -> None:
    """No database and no draft: a refused file changes nothing."""
    database = _data(tmp_path) / "sanctions.db"
    if not database.exists():
        return
    engine = open_database(load_settings(data_dir=_data(tmp_path)))
    with Session(engine) as session:
        assert session.exec(select(InterviewDraft)).all() == []
        assert session.exec(select(SanctionCase)).all() == []
    engine.dispose()


def test_a_letter_is_imported_exactly_and_submitted(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_bytes(LETTER.encode("utf-8"))
    answers: dict[str, str | None] = {
        "How did this reach you": "letter",
        "Which establishment": "pentonville",
        "date did it reach you": "",
        "Who is raising this": "a solicitor",
        "Write the reply letter": "",
        "prison number": "",  # found in the letter: Enter confirms it
    }
    status, out = run_conversation(tmp_path, "--import", str(letter), "--json", answers=answers)
    assert status == 0, out[-3000:]
    assert f"The account is the text of letter.txt, as written: {len(LETTER):,} characters" in out
    assert "own words" not in out  # the account is not asked again
    assert "Have you said this" not in out and "Do they consent" not in out
    assert "From the account" in out and "Press Enter to confirm it" in out
    data = json.loads(out[out.index("{") :])
    assert data["narrative"] == LETTER
    assert data["received_via"] == "letter" and data["consent"] is None
    assert data["raised_by_detail"] == "lawyer" and data["reassurance_written_at"]
    engine = open_database(load_settings(data_dir=_data(tmp_path)))
    with Session(engine) as session:
        (case,) = session.exec(select(SanctionCase)).all()
        assert case.narrative == LETTER
        assert case.prison_number == "A4821KD"  # found in the letter, confirmed
    engine.dispose()
    shown = run_cli("intake", "drafts", "list", env=chat_env(tmp_path))
    assert "No unfinished interviews." in shown.stdout


def test_windows_line_ends_and_a_byte_order_mark_read_as_the_text(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_bytes(b"\xef\xbb\xbf" + b"Line one\r\n\r\nLine two\r\n")
    first_start = "Ines Pector\nHMIP\nintake\n"
    result = run_cli(
        "intake", "chat", "--import", str(letter), env=chat_env(tmp_path), input=first_start
    )
    assert "as written: 19 characters on 4 lines" in result.stdout


def test_a_binary_file_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"%PDF-1.7\n\x00\x01\x02\xff\xfe binary")
    for command in (["intake", "chat"], ["intake"]):
        result = run_cli(*command, "--import", str(binary), env=chat_env(tmp_path), input="")
        assert result.returncode != 0
        assert "is not UTF-8 text" in result.stderr or "is not plain text" in result.stderr
        assert "nothing was recorded" in result.stderr
        assert "Traceback" not in result.stderr
    _nothing_written(tmp_path)


def test_a_control_character_is_refused_with_its_line(tmp_path: Path) -> None:
    odd = tmp_path / "odd.txt"
    odd.write_bytes(b"first line\nsecond \x00 line\n")
    result = run_cli("intake", "chat", "--import", str(odd), env=chat_env(tmp_path), input="")
    assert "a control character, U+0000, on line 2" in result.stderr
    _nothing_written(tmp_path)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    result = run_cli(
        "intake", "chat", "--import", str(tmp_path / "nope.txt"), env=chat_env(tmp_path), input=""
    )
    assert result.returncode != 0
    assert "nope.txt: no such file" in result.stderr
    assert "Traceback" not in result.stderr
    _nothing_written(tmp_path)


def test_an_oversized_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("a" * (MAX_NARRATIVE_CHARS + 1), encoding="utf-8")
    result = run_cli("intake", "chat", "--import", str(big), env=chat_env(tmp_path), input="")
    assert result.returncode != 0
    assert "more than the 50,000 an account may have" in result.stderr
    _nothing_written(tmp_path)
