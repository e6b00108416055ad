"""A narrative arriving through a real pipe in bursts is kept piece by piece, and every
character of it is still there when input ends mid-narrative and the interview resumes."""

from __future__ import annotations

import subprocess
import time
from itertools import pairwise
from pathlib import Path

from sqlmodel import Session, func, select

from intake.core.db.engine import open_database
from intake.core.db.models import PendingChunk, SanctionCase
from intake.core.settings import load_settings
from intake.interview.drafts import DraftStore
from tests.support.chat import BEFORE_NARRATIVE, narrative_lines, run_conversation, start_chat


def pipe_narrative(
    data_dir: Path, bursts: list[str], pause: float = 0.3
) -> subprocess.Popen[bytes]:
    """`intake chat` fed through a pipe: the answers, then the narrative in bursts with a pause
    between them (a paste arriving over a slow link), without the closing empty line."""
    process = start_chat(data_dir, stdout=subprocess.DEVNULL)
    assert process.stdin is not None
    process.stdin.write(("\n".join(BEFORE_NARRATIVE) + "\n").encode())
    for burst in bursts:
        process.stdin.write(burst.encode())
        process.stdin.flush()
        time.sleep(pause)
    return process


def _kept(data_dir: Path) -> tuple[str, int]:
    """The unfinished text of the one open draft, and in how many pieces it was saved."""
    engine = open_database(load_settings(data_dir=data_dir))
    try:
        store = DraftStore(engine)
        drafts = store.open_drafts()
        if not drafts or not drafts[0].has_pending_text:
            return "", 0
        with Session(engine) as session:
            pieces = session.exec(select(func.count()).select_from(PendingChunk)).one()
        return store.load(drafts[0].id).pending_text or "", pieces
    finally:
        engine.dispose()


def test_a_narrative_piped_in_bursts_then_killed_resumes_with_every_character(
    tmp_path: Path,
) -> None:
    lines = narrative_lines(400)  # about 30,000 characters: within a narrative's limit
    text = "\n".join(lines)
    cut = [0, 100, 250, 330, 400]
    bursts = ["\n".join(lines[a:b]) + "\n" for a, b in pairwise(cut)]
    data_dir = tmp_path / "data"
    process = pipe_narrative(data_dir, bursts)
    try:
        deadline = time.monotonic() + 60
        while _kept(data_dir)[0] != text and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        process.kill()  # mid-narrative: no empty line has ended it
        process.wait(timeout=10)
    kept, pieces = _kept(data_dir)
    assert kept == text  # every line given before the kill, in order, once
    assert pieces > 1  # added as it came, not rewritten whole

    status, output = run_conversation(
        tmp_path, answers={"What would you like to do?": "resume", "own words": ""}
    )
    assert status == 0, output[-2000:]
    engine = open_database(load_settings(data_dir=data_dir))
    try:
        with Session(engine) as session:
            case = session.exec(select(SanctionCase)).one()
            assert case.narrative == text
            assert not session.exec(select(PendingChunk)).all()  # submitted: nothing pending
    finally:
        engine.dispose()
