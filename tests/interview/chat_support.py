"""Shared by the tests (and the pipe benchmark) that drive the installed `intake chat`."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

from intake.core.db.engine import open_database
from intake.core.settings import load_settings
from intake.interview.drafts import DraftStore
from tests.conftest import BIN

#: The answers before the narrative, in the order a first start asks them.
BEFORE_NARRATIVE = [
    "Ines Pector", "HMIP", "intake", "wandsworth", "", "yes", "1", "the person themselves",
    "1", "Sam Smith", "A1234BC", "21 or over", "B wing",
]  # fmt: skip


def narrative_lines(count: int) -> list[str]:
    """Distinct lines (numbered), so a line lost or repeated anywhere shows."""
    return [f"{n:05d} the SO moved me to the seg after I wrote to the IMB about the food" for n in
            range(count)]  # fmt: skip


def start_chat(data_dir: Path, *args: str, **popen: Any) -> subprocess.Popen:
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
