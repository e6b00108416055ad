"""Unfinished narrative text grows by appending in SQL; a long paste is saved in batches."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import Engine

from intake.cli.lineio import LineIO
from intake.core.errors import NotFoundError
from intake.interview.drafts import DraftStore


def test_append_pending_adds_to_the_saved_text(engine: Engine) -> None:
    store = DraftStore(engine)
    draft = store.start(user_id=None)
    with pytest.raises(NotFoundError):
        store.append_pending(draft, key="narrative", text="lost?")  # nothing started
    store.save_pending(draft, key="narrative", text="They took my letter")
    store.append_pending(draft, key="narrative", text="\nto the IMB ¹⁶ ٣ \u2028 é")
    with pytest.raises(NotFoundError):
        store.append_pending(draft, key="other", text="x")
    data = store.load(draft)
    assert data.pending_text == "They took my letter\nto the IMB ¹⁶ ٣ \u2028 é"
    store.discard(draft)
    with pytest.raises(NotFoundError):
        store.append_pending(draft, key="narrative", text="x")


def _read(text: str, waiting: bool, monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, bool]]:
    saves: list[tuple[int, bool]] = []
    monkeypatch.setattr(LineIO, "_input_waiting", lambda self, wait=0.0: waiting)
    line_io = LineIO(io.StringIO(text), io.StringIO())
    line_io.ask_lines(lambda new, first: saves.append((len(new), first)))
    return saves


def test_each_line_is_saved_before_waiting_for_the_next(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _read("a\nb\nc\n\n", False, monkeypatch) == [(1, True), (1, False), (1, False)]


def test_a_paste_already_waiting_is_saved_in_one_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _read("a\nb\nc\n\n", True, monkeypatch) == [(3, True)]
    assert _read("a\nb\nc", True, monkeypatch) == [(3, True)]  # input ended: saved all the same
