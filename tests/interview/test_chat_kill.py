"""Never lose a word: `intake chat` killed with SIGKILL mid-narrative, then resumed."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from pathlib import Path

from sqlmodel import Session, select

from intake.core.db.engine import open_database
from intake.core.db.models import SanctionCase
from intake.core.settings import load_settings
from intake.interview.drafts import DraftStore
from tests.support.chat import (
    ANSWERS,
    asks_for_lines,
    run_conversation,
    script_answers,
    start_chat,
)

FIRST_LINES = [
    "After I spoke to the IMB about the food, Officer Grey moved me to the seg unit.",
    "He said [bold red]grasses[/] get no visits, and my phone PIN was stopped \x1b[31m.",
]
UNFINISHED = "And then the next morning he"


def _pending_text(data_dir: Path) -> str:
    engine = open_database(load_settings(data_dir=data_dir))
    try:
        drafts = DraftStore(engine).open_drafts()
        return (DraftStore(engine).load(drafts[0].id).pending_text or "") if drafts else ""
    finally:
        engine.dispose()


def _wait_for(check: Callable[[], object], what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError(f"never happened: {what}")


def test_a_killed_chat_resumes_with_the_narrative_lines_already_given(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    process = start_chat(data_dir, text=True, bufsize=1)
    assert process.stdin and process.stdout
    seen = ""
    try:
        for line in process.stdout:
            seen += line
            if line.startswith("> ") and asks_for_lines(seen):
                break
            if line.startswith("> "):
                answer = script_answers(seen, ANSWERS)
                assert answer is not None, seen[-500:]
                process.stdin.write(answer + "\n")
                process.stdin.flush()
        assert "own words" in seen, seen[-500:]
        # Into the narrative: two whole lines, then the start of a third (no newline yet).
        process.stdin.write("\n".join(FIRST_LINES) + "\n" + UNFINISHED)
        process.stdin.flush()
        _wait_for(lambda: FIRST_LINES[1] in _pending_text(data_dir), "both lines autosaved")
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL

    status, output = run_conversation(
        tmp_path, answers={"What would you like to do?": "resume", "own words": ""}
    )
    assert status == 0, output[-2000:]
    assert "unfinished interview" in output and "Recovered from the last session" in output
    assert "First start" not in output  # the interviewer is remembered
    engine = open_database(load_settings(data_dir=data_dir))
    try:
        with Session(engine) as session:
            case = session.exec(select(SanctionCase)).one()
    finally:
        engine.dispose()
    # Every line given before the kill is in the case, as typed; only the unfinished one is lost.
    assert FIRST_LINES[0] in case.narrative
    assert "He said [bold red]grasses[/] get no visits, and my phone PIN was stopped ." in (
        case.narrative
    )
    assert "\x1b" not in case.narrative  # the escape sequence is dropped, the words kept
    assert UNFINISHED not in case.narrative
    assert case.person_name == "[bold red]Sam Smith"
