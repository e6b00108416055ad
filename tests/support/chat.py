"""Driving the installed `intake chat` (the line-mode interview), for its tests and the pipe
benchmark: a scripted conversation, answers by the words of each question, pipes."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from intake.core.db.engine import open_database
from intake.core.settings import load_settings
from intake.interview.drafts import DraftStore
from tests.support.cli import BIN

NARRATIVE = (
    "Two days after I told the inspectors about the showers, the wing SO put me on basic "
    "and said grasses don't get a telly."
)

# The answers a scripted conversation gives, keyed by words of the question it reads.
ANSWERS = {
    "First start": None,
    "Your name?": "Ines Pector",
    "Your organisation?": "HMIP",
    "Your role?": "intake",
    "How did this reach you": "in person",
    "Which establishment": "wandsworth",
    "date of the visit": "",
    "out of the hearing of staff": "yes",
    "Have you said this": "yes",
    "interpreter": "1",
    "Who is raising this": "the person themselves",
    "What is it about": "1",
    "person's name": "[bold red]Sam Smith",
    "prison number": "A1234BC",
    "Their age": "21 or over",
    "Where are they held": "B wing",
    "own words": NARRATIVE,
    "Which body": "1",
    "How did they contact": "spoke to an inspector",
    "Roughly when": "last Tuesday",
    "Why do they link": "The SO said it was for talking to the inspectors.",
    "When and where": "skip",
    "Which staff": "the wing SO",
    "anyone see": "skip",
    "evidence to preserve": "cctv",
    "still happening": "yes",
    "immediate serious risk": "no",
    "spoken of self-harm": "no",
    "injuries": "no",
    "heightened risk": "none",
    "removal, release or transfer": "no",
    "consent to it being pursued": "yes",
    "identity being shared": "yes",
    "IMB making enquiries": "yes",
    "agree with this assessment": "yes",
    "Submit now?": "1",
}


def chat_env(tmp_path: Path) -> dict[str, str]:
    """The environment of an `intake chat` keeping its data under ``tmp_path``."""
    return {"SANCTIONS_DATA_DIR": str(tmp_path / "data")}


def script_answers(stdout_so_far: str, answers: dict[str, str | None]) -> str | None:
    """The answer to the question last asked in ``stdout_so_far`` (None: none scripted)."""
    blocks = stdout_so_far.split("> ")
    question_block = blocks[-2] if len(blocks) >= 2 else ""
    # The question is the last line before its choices (indented), its instructions before
    # it: the nearest line that names a question decides.
    said = [x for x in question_block.splitlines() if x.strip() and not x.startswith("  ")]
    for line in reversed(said):
        for words, answer in answers.items():
            if answer is not None and words.lower() in line.lower():
                return answer
    return None


def asks_for_lines(stdout_so_far: str) -> bool:
    """Whether the question last asked is answered over several lines (a narrative): its
    instructions, said before the ``> `` prompt, say to end with an empty line."""
    blocks = stdout_so_far.split("> ")
    return len(blocks) >= 2 and "end with an empty line" in blocks[-2]


def run_conversation(
    tmp_path: Path, *extra: str, answers: Mapping[str, str | None] | None = None
) -> tuple[int, str]:
    """Drive `intake chat` interactively: read each question, answer it (``answers`` override)."""
    script = {**ANSWERS, **(answers or {})}
    process = subprocess.Popen(
        [str(BIN / "intake"), "chat", *extra],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **chat_env(tmp_path)},
        bufsize=1,
    )
    assert process.stdin and process.stdout
    seen = ""
    for line in process.stdout:
        seen += line
        if line.startswith("> "):
            answer = script_answers(seen, script)
            if answer is None:
                process.kill()
                raise AssertionError(f"no scripted answer for:\n{seen[-400:]}")
            process.stdin.write(answer + "\n")
            if asks_for_lines(seen) and answer:
                process.stdin.write("\n")
            process.stdin.flush()
    process.wait(timeout=60)
    return process.returncode, seen


#: The answers before the narrative, in the order a first start asks them.
BEFORE_NARRATIVE = [
    "Ines Pector", "HMIP", "intake", "1", "wandsworth", "", "yes", "yes", "1",
    "the person themselves",
    "1", "Sam Smith", "A1234BC", "21 or over", "B wing",
]  # fmt: skip


def narrative_lines(count: int) -> list[str]:
    """Distinct lines (numbered), so a line lost or repeated anywhere shows."""
    return [f"{n:05d} the SO moved me to the seg after I wrote to the IMB about the food" for n in
            range(count)]  # fmt: skip


def start_chat(data_dir: Path, *args: str, **popen: Any) -> subprocess.Popen[Any]:
    """`intake chat` on the data folder ``data_dir``, reading a pipe; output goes to a pipe too
    unless ``stdout=`` says otherwise (other keywords go to :class:`subprocess.Popen`)."""
    popen.setdefault("stdout", subprocess.PIPE)
    return subprocess.Popen(
        [str(BIN / "intake"), "chat", *args],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "SANCTIONS_DATA_DIR": str(data_dir)},
        **popen,
    )


def kept_narrative(data_dir: Path) -> str:
    """The unfinished text of the one open draft ("" when none is kept)."""
    engine = open_database(load_settings(data_dir=data_dir))
    try:
        store = DraftStore(engine)
        (draft,) = store.open_drafts()
        return store.load(draft.id).pending_text or ""
    finally:
        engine.dispose()
