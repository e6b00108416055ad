"""Benchmark: a long narrative piped into `intake chat` through a real pipe. Prints only.

Run with ``pytest -m benchmark -s tests/benchmarks/test_bench_chat_pipe.py`` (``./dev.sh bench``;
sizes with ``BENCH_PIPE_MB="1 10"``). Unlike ``test_bench_drafts`` (the reader and draft store in
process, on text already in memory), this is the installed command reading from an OS pipe that
a writer fills as fast as it can: the reader often catches up with the writer and saves what it
has before waiting, so each save must cost what it adds, not the text already kept. The figure
per MB should stay flat as the narrative grows. Input ends without the closing empty line, then
the draft must hold every character.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from tests.support.chat import BEFORE_NARRATIVE, kept_narrative, start_chat

pytestmark = pytest.mark.benchmark

SIZES_MB = tuple(int(s) for s in os.environ.get("BENCH_PIPE_MB", "1 10").split())
LINE = "after I told the IMB about the food the SO moved me to the seg and stopped my visits ok"


@pytest.fixture(scope="module", autouse=True)
def only_when_asked(request: pytest.FixtureRequest) -> None:
    if "benchmark" not in (request.config.getoption("-m") or ""):
        pytest.skip("benchmark: run with -m benchmark -s")


def _narrative(megabytes: int) -> str:
    count = megabytes * 1_000_000 // (len(LINE) + 7)
    return "\n".join(f"{n:06d} {LINE}" for n in range(count))


@pytest.mark.parametrize("megabytes", SIZES_MB)
def test_piping_a_long_narrative(megabytes: int, tmp_path: Path) -> None:
    narrative = _narrative(megabytes)
    data_dir = tmp_path / "data"
    started = time.perf_counter()
    process = start_chat(data_dir, stdout=subprocess.DEVNULL)
    assert process.stdin is not None
    process.stdin.write(("\n".join(BEFORE_NARRATIVE) + "\n").encode())
    data = (narrative + "\n").encode()
    for start in range(0, len(data), 64 * 1024):  # as a writer fills a pipe
        process.stdin.write(data[start : start + 64 * 1024])
    process.stdin.close()
    process.wait(timeout=1800)
    seconds = time.perf_counter() - started
    assert kept_narrative(data_dir) == narrative  # every character, once, in order
    lines = narrative.count("\n") + 1
    print(
        f"\npiped: {megabytes:>3} MB narrative, {lines:,} lines, whole command: "
        f"{seconds:.2f} s ({seconds / megabytes:.2f} s/MB)"
    )
