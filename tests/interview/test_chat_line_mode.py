"""Line mode for screen readers (issue 15, point 5), through the real `intake chat`: nothing
wrapped at a fixed width, instructions before the prompt, several choices as "1 3", and a
refused piped line asked again so the conversation does not drift."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from sqlmodel import Session, select

from intake.core.db.engine import open_database
from intake.core.db.models import SanctionCase
from intake.core.settings import load_settings
from intake.core.submission import transcript
from tests.support.chat import ANSWERS, asks_for_lines, chat_env, script_answers
from tests.support.cli import BIN
from tests.support.labels import raw_codes_in


def _answers_in_order(tmp_path: Path, answers: dict[str, str | None]) -> tuple[list[str], str]:
    """Talk to `intake chat` question by question; every line sent, in order, and the output."""
    process = subprocess.Popen(
        [str(BIN / "intake"), "chat"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **chat_env(tmp_path)},
        bufsize=1,
    )
    assert process.stdin and process.stdout
    seen, sent = "", []
    for line in process.stdout:
        seen += line
        if line.startswith("> "):
            answer = script_answers(seen, {**ANSWERS, **answers})
            assert answer is not None, seen[-400:]
            lines = [answer, ""] if asks_for_lines(seen) and answer else [answer]
            sent += lines
            process.stdin.write("".join(f"{x}\n" for x in lines))
            process.stdin.flush()
    assert process.wait(timeout=60) == 0, seen[-2000:]
    return sent, seen


def _pipe(data_dir: Path, lines: list[str]) -> subprocess.CompletedProcess[str]:
    """Every line at once through a pipe, as a script or a screen reader's paste sends them."""
    return subprocess.run(
        [str(BIN / "intake"), "chat"],
        input="".join(f"{x}\n" for x in lines),
        capture_output=True,
        text=True,
        env={**os.environ, "SANCTIONS_DATA_DIR": str(data_dir)},
        timeout=120,
        check=False,
    )


def _case(data_dir: Path) -> tuple[SanctionCase, list[tuple[str, str]]]:
    engine = open_database(load_settings(data_dir=data_dir))
    try:
        with Session(engine) as session:
            case = session.exec(select(SanctionCase)).one()
            assert case.id is not None
            lines = [(a.question, a.answer) for a in transcript(session, case_id=case.id)]
            return case, lines
    finally:
        engine.dispose()


def _before(lines: list[str], answer: str, *inserted: str) -> list[str]:
    """``lines`` with ``inserted`` sent just before the first ``answer``."""
    at = lines.index(answer)
    return [*lines[:at], *inserted, *lines[at:]]


def test_refused_piped_lines_are_asked_again_and_the_next_line_answers_them(
    tmp_path: Path,
) -> None:
    answers: dict[str, str | None] = {"evidence to preserve": "1 3"}
    good, _ = _answers_in_order(tmp_path / "first", answers)
    _, expected = _case(tmp_path / "first" / "data")
    # A name too short at the first start, an age that is no choice, a prison number
    # malformed: each refused, then the very next line answers the same question.
    lines = _before(good, "Ines Pector", "I")
    lines = _before(lines, "A1234BC", "1234")
    lines = _before(lines, "21 or over", "42")
    done = _pipe(tmp_path / "data", lines)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr
    case, stored = _case(tmp_path / "data")
    assert stored == expected  # the same answers to the same questions: no drift
    assert case.age_band == "21_plus" and case.prison_number == "A1234BC"
    out = done.stdout
    assert out.count("! your name") == 1
    refusal = out.index("! choose a number from 1 to 4")
    assert out[refusal:].split("\n", 2)[1] == "Their age?"  # the same question again
    assert "evidence to preserve" in "\n".join(q for q, _ in stored).lower()


def test_several_choices_as_1_3_and_1_comma_3(tmp_path: Path) -> None:
    for n, typed in enumerate(("1 3", "1, 3", "1,3")):
        _answers_in_order(tmp_path / str(n), {"evidence to preserve": typed})
        _, stored = _case(tmp_path / str(n) / "data")
        (evidence,) = [a for q, a in stored if "evidence" in q.lower() and "preserve" in q.lower()]
        assert evidence == "CCTV, Letters, applications or records", typed


def test_no_hard_wrapping_and_instructions_before_the_prompt(tmp_path: Path) -> None:
    _, out = _answers_in_order(tmp_path, {})
    lines = out.splitlines()
    # The reassurance is said as three whole items, each on one line, however long.
    item = next(x for x in lines if x.startswith("• You can talk to HM Inspectorate"))
    assert item.endswith("freely, at any time.") and len(item) > 100
    assert not any(x.startswith("  Prisons and Probation Ombudsman freely") for x in lines)
    # Every prompt line is bare: what to do was said before it.
    assert {x for x in lines if x.startswith(">")} == {"> "}
    narrative = lines.index("What happened, in their own words?")
    assert "end with an empty line" in lines[narrative - 1]
    assert lines[narrative + 1] == "> "
    yes_no = lines.index("Have you said this to them, in words they understood?")
    assert lines[yes_no - 1] == "(yes / no)"


def test_line_mode_says_labels_never_codes(tmp_path: Path) -> None:
    _, out = _answers_in_order(tmp_path, {})
    assert not raw_codes_in(out), raw_codes_in(out)
