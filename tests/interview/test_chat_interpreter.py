"""`intake chat` through a pipe: no interpreter stops the interview and keeps it; resumed with
one, it says the reassurance again and goes on (issue 15, point 4)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.chat import chat_env
from tests.support.cli import run_cli

FIRST_START = ["Ines Pector", "HMIP", "intake", "in person"]
STOPPED = "Stopped: an interpreter is needed (Polish)"


def chat(tmp_path: Path, lines: list[str]) -> tuple[int, str]:
    result = run_cli("intake", "chat", env=chat_env(tmp_path), input="\n".join(lines) + "\n")
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stdout


def drafts(tmp_path: Path) -> list[dict[str, object]]:
    listed = run_cli("intake", "drafts", "list", "--json", env=chat_env(tmp_path))
    assert listed.returncode == 0, listed.stderr
    return list(json.loads(listed.stdout))


def test_piped_interview_stops_without_an_interpreter_and_goes_on_with_one(
    tmp_path: Path,
) -> None:
    stop_and_keep = [*FIRST_START, "wandsworth", "", "yes", "yes", "4", "Polish", "Jan Kowalski",
                     "unknown", "2"]  # fmt: skip
    status, out = chat(tmp_path, stop_and_keep)
    assert status == 1
    assert "!! Stop: they need an interpreter" in out
    assert "Safer Custody" in out
    assert out.index("!! Stop:") < out.index("Which language do they need?")
    assert "== What happened ==" not in out and "== Consent ==" not in out
    assert "Do they consent" not in out and "own words" not in out
    assert f"!! {STOPPED}" in out
    assert f"{STOPPED}. Everything noted is kept in the draft" in out
    (draft,) = drafts(tmp_path)
    assert draft["stopped"] == STOPPED and draft["person"] == "Jan Kowalski"
    listed = run_cli("intake", "drafts", "list", env=chat_env(tmp_path))
    assert f"[{STOPPED}]" in listed.stdout

    # Later, with an interpreter on the telephone: resume, go on, answer again.
    go_on = ["1", "1", "3", "yes"]  # resume; go on; by telephone; the reassurance again
    status, out = chat(tmp_path, go_on)
    assert status == 1  # the input ends at the next question: the draft keeps it all
    assert f"{STOPPED}: resume it once the interpreter is there." in out
    after = out.split("Is an interpreter being used?")[-1]
    assert "Before we start" in after  # the reassurance, said again through the interpreter
    assert "Who is raising this?" in after
    (draft,) = drafts(tmp_path)
    assert draft["stopped"] is None
