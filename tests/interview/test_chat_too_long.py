"""A narrative refused as too long stays whole in the draft: what comes next never replaces it
unless the interviewer chooses to type a shorter account."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from intake.core.validation import MAX_NARRATIVE_CHARS
from tests.support.chat import (
    BEFORE_NARRATIVE,
    NARRATIVE,
    kept_narrative,
    narrative_lines,
    run_conversation,
)
from tests.support.cli import BIN

LONG = narrative_lines(900)  # about 68,000 characters
#: What a script pipes after the narrative: the answers to the next questions.
AFTER_NARRATIVE = ["spoke to an inspector", "last Tuesday", "skip", "the wing SO", "skip"]


def test_a_script_going_on_after_a_refused_narrative_does_not_replace_it(
    tmp_path: Path,
) -> None:
    assert len("\n".join(LONG)) > MAX_NARRATIVE_CHARS
    piped = "\n".join([*BEFORE_NARRATIVE, *LONG, "", *AFTER_NARRATIVE]) + "\n"
    result = subprocess.run(
        [str(BIN / "intake"), "chat"],
        input=piped,
        capture_output=True,
        text=True,
        env={**os.environ, "SANCTIONS_DATA_DIR": str(tmp_path / "data")},
        timeout=120,
    )
    assert result.returncode == 1
    assert f"more than the {MAX_NARRATIVE_CHARS:,} allowed" in result.stdout
    assert "Nothing is lost: all of it is kept" in result.stdout
    assert "How did they contact" not in result.stdout  # the interview did not go on
    assert kept_narrative(tmp_path / "data") == "\n".join(
        LONG
    )  # whole: not the answers piped after it


def test_stopping_keeps_it_and_a_shorter_account_replaces_it_only_when_chosen(
    tmp_path: Path,
) -> None:
    status, output = run_conversation(
        tmp_path,
        answers={"own words": "\n".join(LONG), "What would you like to do now?": "1"},
    )
    assert status == 1 and "Stopped. Everything said is kept in the draft" in output
    assert kept_narrative(tmp_path / "data") == "\n".join(LONG)

    status, output = run_conversation(
        tmp_path,
        "--json",
        answers={
            "What would you like to do?": "resume",
            "What would you like to do now?": "2",
            "own words": NARRATIVE,
        },
    )
    assert status == 0, output[-2000:]
    assert "Recovered 6" in output and "characters from the last session" in output
    assert LONG[0] not in output  # too long to read back
    limit = f"(at most {MAX_NARRATIVE_CHARS:,} characters; end with an empty line)"
    assert f"{limit}\nWhat happened, in their own words?" in output  # said before the prompt
    assert '"narrative": "' + NARRATIVE in output
