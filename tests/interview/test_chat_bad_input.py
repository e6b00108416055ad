"""`intake chat` with hostile input: Unicode digits, bytes that are not UTF-8. Nothing is lost."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from sqlmodel import Session, select

from intake.core.db.engine import open_database
from intake.core.db.models import SanctionCase
from intake.core.errors import ValidationProblem
from intake.core.settings import load_settings
from intake.core.validation import prison_number
from intake.interview.answers import match_choice
from intake.interview.script import Choice, Kind, Question
from tests.support.chat import (
    ANSWERS,
    asks_for_lines,
    run_conversation,
    script_answers,
    start_chat,
)

DIGITS_NARRATIVE = (
    "I was aged ¹⁶ when I told the inspectors about the showers; ٣ days later the SO put me "
    "on basic ① and said grasses don't get a telly."
)


def _case(data_dir: Path) -> SanctionCase:
    engine = open_database(load_settings(data_dir=data_dir))
    try:
        with Session(engine) as session:
            return session.exec(select(SanctionCase)).one()
    finally:
        engine.dispose()


def _drive(
    data_dir: Path, answers: dict[str, str | None], *, stop_at: str | None = None, bad: bytes = b""
) -> tuple[int, str]:
    """A conversation at the byte level; ``bad`` is sent before the narrative's first line;
    ``stop_at``: SIGKILL the process when a question with these words is asked."""
    process = start_chat(data_dir)
    assert process.stdin and process.stdout
    seen = ""
    try:
        for raw in process.stdout:
            line = raw.decode("utf-8")
            seen += line
            if not line.startswith("> "):
                continue
            if stop_at and stop_at.lower() in seen.split("> ")[-2].lower():
                process.send_signal(signal.SIGKILL)
                break
            answer = script_answers(seen, answers)
            assert answer is not None, seen[-600:]
            payload = answer.encode("utf-8") + b"\n"
            if asks_for_lines(seen) and answer:
                payload = bad + payload + b"\n"
            process.stdin.write(payload)
            process.stdin.flush()
    finally:
        process.wait(timeout=60)
        stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    return process.returncode, seen + stderr


def test_unicode_digits_in_the_narrative_are_recorded_and_the_draft_resumes(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    answers = {**ANSWERS, "own words": DIGITS_NARRATIVE, "Roughly when": "¹⁶ days ago"}
    status, output = _drive(data_dir, answers, stop_at="still happening")
    assert status == -signal.SIGKILL, output[-2000:]
    assert "Traceback" not in output
    status, output = run_conversation(
        tmp_path, answers={"What would you like to do?": "resume", "Roughly when": "last Tuesday"}
    )
    assert status == 0, output[-2000:]
    assert "Traceback" not in output
    assert _case(data_dir).narrative == DIGITS_NARRATIVE


@pytest.mark.parametrize("text", ["¹", "①", "٣", "9" * 5000])
def test_unicode_digits_as_a_choice_are_refused_clearly(text: str) -> None:
    question = Question(
        key="_",
        section="_",
        kind=Kind.CHOICE,
        prompt="?",
        choices=[Choice(value="a", label="Apples"), Choice(value="b", label="Pears")],
    )
    with pytest.raises(ValidationProblem):
        match_choice(question, text)


def test_bytes_that_are_not_utf8_are_refused_with_one_line_and_nothing_is_lost(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    answers = {**ANSWERS, "Your name?": None}
    # The interviewer's name arrives as bytes that are not UTF-8 first; then as text.
    process = start_chat(data_dir)
    out, err = process.communicate(b"\xff\xfe\n", timeout=60)
    assert b"Traceback" not in err, err.decode("utf-8", "replace")
    assert "that line is not UTF-8 text" in out.decode("utf-8")
    assert process.returncode == 1  # input ended: everything answered is kept to resume

    answers = {**ANSWERS, "own words": "After I told the IMB, they stopped my visits."}
    status, output = _drive(data_dir, answers, bad=b"caf\xe9 \xff\xfe\n")
    assert status == 0, output[-2000:]
    assert "Traceback" not in output
    assert output.count("that line is not UTF-8 text") == 1
    assert _case(data_dir).narrative == "After I told the IMB, they stopped my visits."


@pytest.mark.parametrize("text", ["A١٢٣٤BC", "A¹²³⁴BC", "A①②③④BC"])
def test_a_prison_number_has_ascii_digits(text: str) -> None:
    with pytest.raises(ValidationProblem):
        prison_number(text)
