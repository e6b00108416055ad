"""The model read in a helper process beside the rules (intake/classifier/learned/helper.py):
what the classifier says is the same to the last bit whether the helper reads the narrative or
this process does, and whatever goes wrong with the helper (busy, late, killed, silent, the
rules failing in between) the narrative is still read, here."""

from __future__ import annotations

import logging
import os
import signal
import time
from collections.abc import Callable, Iterator
from datetime import date

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import intake.classifier as classifier
from intake.classifier import ClassifierInputError, classify
from intake.classifier.document import checked_text
from intake.classifier.learned import Opinion, second_opinion
from intake.classifier.learned import helper as helpers
from intake.classifier.learned.helper import Helper

pytestmark = pytest.mark.skipif(
    len(os.sched_getaffinity(0)) < 2, reason="the helper runs only with a core to spare"
)

TEXTS = [
    "I wrote to the IMB on Monday and on Tuesday the SO put me on basic and stopped my visits.",
    "After I spoke to the inspecters my meds were stopped and I have been self harming again.",
    "Ünïcode: the officer’s mate said “keep talking to the Ombudsman and you’ll be shipped out”.",
    "Lone surrogate \ud800 in a letter to the PPO; they took my job.",
    "The food is cold. " * 400,
]


@pytest.fixture
def helper(monkeypatch: pytest.MonkeyPatch) -> Iterator[Helper]:
    """A helper of this test's own, ready, in place of any other; its answers are waited for."""
    own = Helper()
    monkeypatch.setattr(helpers, "_helper", own)
    monkeypatch.setattr(helpers, "PATIENCE", 5.0)
    assert own.wait_until_ready(30.0)
    yield own
    own.close()


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[Opinion | None]:
    """Every answer the helper gives, as it gives it."""
    given: list[Opinion | None] = []
    answer = Helper.answer

    def counted(self: Helper, model: object) -> Opinion | None:
        opinion = answer(self, model)  # type: ignore[arg-type]
        given.append(opinion)
        return opinion

    monkeypatch.setattr(Helper, "answer", counted)
    return given


def read_here(text: str) -> str:
    """What the classifier says with no helper at all."""
    kept = helpers._helper
    helpers._helper = None
    try:
        return classify(text).model_dump_json()
    finally:
        helpers._helper = kept


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_the_helper_says_what_this_process_says(
    helper: Helper, answers: list[Opinion | None], text: str
) -> None:
    assert classify(text).model_dump_json() == read_here(text)
    assert len(answers) == 1 and answers[0] is not None  # the helper did read it


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(min_size=1, max_size=300))
def test_any_text_reaches_the_helper_whole(helper: Helper, text: str) -> None:
    try:
        clean = checked_text(text)
    except ClassifierInputError:
        return
    model = second_opinion()
    helper.ask(clean)
    there, here = helper.answer(model), model.read(clean)
    assert there is not None
    for field in ("probabilities", "present", "values"):
        a, b = getattr(there, field), getattr(here, field)
        assert a.dtype == b.dtype and np.array_equal(a, b)
    assert there.words == here.words


def _busy(helper: Helper) -> None:
    assert helper.lock.acquire(blocking=False)  # another thread's narrative


def _killed(helper: Helper) -> None:
    helper.process.kill()
    helper.process.wait()


def _silent(helper: Helper) -> None:
    os.kill(helper.process.pid, signal.SIGSTOP)


@pytest.mark.parametrize(
    ("trouble", "still_used"),
    [(_busy, True), (_killed, False), (_silent, False)],
    ids=["busy with another narrative", "killed", "silent"],
)
def test_trouble_with_the_helper_reads_here(
    helper: Helper,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    trouble: Callable[[Helper], None],
    still_used: bool,
) -> None:
    monkeypatch.setattr(helpers, "PATIENCE", 0.2)
    monkeypatch.setattr(helpers, "REPLY_TIMEOUT", 0.5)
    expected = [read_here(text) for text in TEXTS[:2]]
    trouble(helper)
    with caplog.at_level(logging.WARNING, logger=helpers.__name__):
        assert classify(TEXTS[0]).model_dump_json() == expected[0]
        time.sleep(0.6)  # a silent helper is given up after REPLY_TIMEOUT
        assert classify(TEXTS[1]).model_dump_json() == expected[1]
    assert helper.broken is not still_used
    assert ("reading here" in caplog.text) is not still_used
    if still_used:
        helper.lock.release()


def test_a_late_answer_is_dropped_and_the_next_is_its_own(
    helper: Helper, answers: list[Opinion | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = [read_here(text) for text in TEXTS[:2]]
    os.kill(helper.process.pid, signal.SIGSTOP)  # a busy core: the answer comes late
    with monkeypatch.context() as patch:
        patch.setattr(helpers, "PATIENCE", 0.0)
        assert classify(TEXTS[0]).model_dump_json() == expected[0]  # read here
    os.kill(helper.process.pid, signal.SIGCONT)
    assert helper.has_answer(5.0)  # the late answer, for the first narrative
    assert classify(TEXTS[1]).model_dump_json() == expected[1]
    assert len(answers) == 1 and answers[0] is not None
    here = second_opinion().read(checked_text(TEXTS[1]))
    assert np.array_equal(answers[0].probabilities, here.probabilities)


def test_rules_failing_in_between_leave_the_helper_free(
    helper: Helper, answers: list[Opinion | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(*_: object) -> None:
        raise RuntimeError("a rule failed")

    expected = read_here(TEXTS[1])
    with monkeypatch.context() as patch:
        patch.setattr(classifier, "decide", failing)
        with pytest.raises(RuntimeError):
            classify(TEXTS[0])
    assert helper.has_answer(5.0)
    assert classify(TEXTS[1]).model_dump_json() == expected
    assert len(answers) == 1 and answers[0] is not None  # the second narrative's own


def test_switched_off_there_is_no_helper(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(helpers, "_helper", None)
    monkeypatch.setenv(helpers.SWITCH, "off")
    assert helpers.start_helper() is False
    assert helpers._helper is None


def test_the_intake_starts_the_helper_as_it_warms_up(monkeypatch: pytest.MonkeyPatch) -> None:
    from intake.interview.session import warm_up

    monkeypatch.setattr(helpers, "_helper", None)
    monkeypatch.delenv(helpers.SWITCH, raising=False)
    warm_up(date(2026, 12, 3))
    started = helpers._helper
    assert started is not None
    try:
        assert helpers.wait_until_ready()
    finally:
        started.close()
