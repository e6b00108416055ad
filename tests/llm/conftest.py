"""Fixtures: a fake OpenAI-compatible server on loopback and an assistant pointed at it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from intake.llm import Assistant
from tests.support.llm_server import FakeLlm, make_assistant, serving


@pytest.fixture
def fake_llm() -> Iterator[FakeLlm]:
    with serving() as fake:
        yield fake


@pytest.fixture
def assistant(tmp_path: Path, fake_llm: FakeLlm) -> Assistant:
    return make_assistant(tmp_path, fake_llm.url)
