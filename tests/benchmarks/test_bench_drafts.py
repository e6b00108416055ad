"""Benchmark: typing a 10 MB narrative into `intake chat`, saved as it is typed. Prints only.

Run with ``pytest -m benchmark -s tests/benchmarks/test_bench_drafts.py`` (``./dev.sh bench``).
Every line is saved before the next is read (nothing typed is lost on kill -9), so the cost of a
save must not grow with the text already saved: the figures per MB should stay flat as the
narrative grows. The chat's own reader and draft store are timed, in process, on the database
the tests use (SQLite, or PostgreSQL under ``.ci/with-postgres``).
"""

from __future__ import annotations

import io
import os
import random
import time
from datetime import date

import pytest
from sqlalchemy import Engine

from intake.cli.chat import ChatSession
from intake.cli.lineio import LineIO
from intake.core.settings import Settings
from intake.core.users import Actor
from intake.core.vocabulary import Organisation, Role
from intake.interview.drafts import DraftStore

pytestmark = pytest.mark.benchmark

LINE_CHARS = 100
#: The interviewer: nobody submits here, the draft belongs to no user.
NOBODY = Actor(id=None, name="Bench", role=Role.INTAKE, organisation=Organisation.HMIP)
SIZES_MB = tuple(int(s) for s in os.environ.get("BENCH_DRAFT_MB", "1 10").split())
TYPED_MB = tuple(int(s) for s in os.environ.get("BENCH_DRAFT_TYPED_MB", "1").split())
WORDS = [
    "after",
    "I",
    "told",
    "the",
    "IMB",
    "about",
    "the",
    "food",
    "the",
    "SO",
    "moved",
    "me",
    "to",
    "the",
    "seg",
    "and",
    "stopped",
    "my",
    "visits",
]


@pytest.fixture(scope="module", autouse=True)
def only_when_asked(request: pytest.FixtureRequest) -> None:
    if "benchmark" not in (request.config.getoption("-m") or ""):
        pytest.skip("benchmark: run with -m benchmark -s")


def _lines(megabytes: int) -> list[str]:
    rng = random.Random(megabytes)
    count = megabytes * 1_000_000 // (LINE_CHARS + 1)
    out = []
    for _ in range(count):
        line = ""
        while len(line) < LINE_CHARS:
            line += rng.choice(WORDS) + " "
        out.append(line[:LINE_CHARS])
    return out


@pytest.mark.parametrize("every_line", [False, True], ids=["pasted", "typed"])
def test_typing_a_long_narrative(
    engine: Engine, settings: Settings, every_line: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``pasted``: all the text is waiting to be read (saved in batches, every 0.2 s);
    ``typed``: a save after every line, as when a person types (nothing else is waiting)."""
    if every_line:
        monkeypatch.setattr(LineIO, "_input_waiting", lambda self, wait=0.0: False)
    for megabytes in SIZES_MB if not every_line else TYPED_MB:
        lines = _lines(megabytes)
        store = DraftStore(engine)
        stdin = io.StringIO("\n".join(lines) + "\n\n")
        draft_id = store.start(user_id=None)
        chat = ChatSession(
            LineIO(stdin, io.StringIO()),
            store,
            NOBODY,
            draft_id,
            today=date.today(),
            settings=settings,
        )
        question = chat.interview.question("narrative")
        started = time.perf_counter()
        typed = chat._read(question)
        seconds = time.perf_counter() - started
        saved = store.load(draft_id).pending_text or ""
        assert typed == "\n".join(lines)
        assert saved == typed  # every line was saved as it came
        print(
            f"\n{'typed' if every_line else 'pasted'}: {megabytes:>3} MB narrative, "
            f"{len(lines):,} lines of {LINE_CHARS}: "
            f"{seconds:.2f} s ({seconds / megabytes:.2f} s/MB, "
            f"{seconds / len(lines) * 1e6:.0f} µs a line)"
        )
