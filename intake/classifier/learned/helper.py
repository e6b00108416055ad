"""The second opinion read in a helper process, on another core, while the rules read here.

An app that classifies as people type (the intake, line mode, ``intake classify``) calls
:func:`start_helper` once. From then on :func:`reading` hands each narrative to a helper process
(:func:`serve`) before the rules start, and the classifier takes the model's opinion back when
the rules are done: the two halves run side by side on a machine with two cores or more, and
each keeps its own data in its own core's cache, where in one process they pushed each other's
out (the rules take 0.61 ms alone and 0.75 ms after a model read).

The helper loads the same model file and runs the same code, so its opinion is the same to the
last bit. Whenever it has not answered by the time the rules are done (still loading, busy with
another thread's narrative, on a machine whose cores are busy, gone, or silent for
:data:`REPLY_TIMEOUT` seconds) the narrative is read here instead: what the classifier says never
depends on the helper. ``SANCTIONS_MODEL_HELPER=off`` reads every narrative here. Narratives go to
the helper over a pipe, never to disk.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import select
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np

from intake.classifier.learned import MODEL_PATH, Opinion, SecondOpinion

log = logging.getLogger(__name__)

#: Set to ``off`` to read every narrative in this process.
SWITCH = "SANCTIONS_MODEL_HELPER"
#: Seconds the helper may take to answer, or to finish an answer begun, before it is stopped.
REPLY_TIMEOUT = 5.0
#: Seconds to wait, once the rules are done, for an answer not yet come before reading here.
PATIENCE = 0.0

# what the helper process runs (not ``-m``: the classifier's package imports this module)
_HELPER_MAIN = "import sys; from intake.classifier.learned.helper import serve; serve(sys.argv[1])"
_FORGET = 0xFFFF_FFFF  # a request's length that asks the helper to forget remembered words
_READY = 0xFFFF_FFFF  # the first answer's feature count: the model is loaded
_REQUEST = struct.Struct("<I")  # length of the UTF-8 text that follows
_ANSWER = struct.Struct("<II")  # features present, how many of them are whole words


class Helper:
    """One helper process and the pipe to it; one narrative at a time (``lock``)."""

    def __init__(self, model_path: Path = MODEL_PATH) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", _HELPER_MAIN, str(model_path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl+C in the terminal is the app's, not the helper's
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self._to = self.process.stdin
        self._from = self.process.stdout.fileno()
        self.lock = threading.Lock()
        self.ready = False
        self.broken = False
        self.heads = 0
        #: When the helper was asked for an answer not yet collected (None: none owed).
        self.owed: float | None = None

    def usable(self) -> bool:
        """Whether the helper can take a narrative now (checked without waiting): it has
        loaded the model, still works, and has given any answer it owed (which is dropped)."""
        if self.broken:
            return False
        if not self.ready and _waiting(self._from, 0.0):
            self.ready = self._read_ready()
        if self.ready and self.owed is not None:
            if self.has_answer():
                self._drop_answer()
            elif time.monotonic() - self.owed > REPLY_TIMEOUT:
                self.stop("silent")
        return self.ready and self.owed is None and not self.broken

    def has_answer(self, within: float = 0.0) -> bool:
        return _waiting(self._from, within)

    def wait_until_ready(self, timeout: float) -> bool:
        if not self.ready and not self.broken and _waiting(self._from, timeout):
            self.ready = self._read_ready()
        return self.ready and not self.broken

    def ask(self, text: str) -> None:
        data = text.encode("utf-8", "surrogatepass")
        self.owed = time.monotonic()
        self._send(_REQUEST.pack(len(data)) + data)

    def forget(self) -> None:
        self._send(_REQUEST.pack(_FORGET))

    def answer(self, model: SecondOpinion) -> Opinion | None:
        """The helper's opinion on the narrative last asked about; None if it gave none."""
        heads = self.heads
        try:
            count, words, body = self._receive_answer(heads)
        except (OSError, EOFError, TimeoutError) as exc:
            self.stop(f"no answer ({type(exc).__name__})")
            return None
        self.owed = None
        # the features first, so their 8-byte numbers start aligned
        at = _ANSWER.size
        present = np.frombuffer(body, np.int64, count, at)
        values = np.frombuffer(body, np.float32, count, at + count * 8)
        probabilities = np.frombuffer(body, np.float32, heads, at + count * 12)
        return Opinion(
            model.heads,
            probabilities,
            model.thresholds,
            model.names,
            model.weights,
            present,
            values,
            words,
        )

    def stop(self, why: str) -> None:
        """Stop the helper for good; every narrative is read here from now on."""
        if not self.broken:
            log.warning("the model's helper process stopped (%s): reading here", why)
        self.broken = True
        self.close()

    def close(self) -> None:
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()
        self.process.kill()
        self.process.wait()

    def _send(self, data: bytes) -> None:
        try:
            self._to.write(data)
            self._to.flush()
        except (OSError, ValueError) as exc:
            self.stop(f"cannot write ({type(exc).__name__})")

    def _receive_answer(self, heads: int) -> tuple[int, int, bytearray]:
        """(features present, how many are words, the whole answer) as it arrives."""
        answer = bytearray()
        size = _ANSWER.size
        count = words = 0
        deadline = time.monotonic() + REPLY_TIMEOUT
        while len(answer) < size:
            if not _waiting(self._from, max(0.0, deadline - time.monotonic())):
                raise TimeoutError
            chunk = os.read(self._from, 1 << 20)
            if not chunk:
                raise EOFError
            answer += chunk
            if size == _ANSWER.size and len(answer) >= size:
                count, words = _ANSWER.unpack_from(answer)
                size += count * 12 + heads * 4 if count != _READY else 0
        return count, words, answer

    def _drop_answer(self) -> None:
        """Take the answer owed for a narrative read here meanwhile, and drop it."""
        try:
            self._receive_answer(self.heads)
        except (OSError, EOFError, TimeoutError) as exc:
            self.stop(f"no answer ({type(exc).__name__})")
            return
        self.owed = None

    def _read_ready(self) -> bool:
        try:
            count, heads, _ = self._receive_answer(0)
        except (OSError, EOFError, TimeoutError) as exc:
            self.stop(f"did not start ({type(exc).__name__})")
            return False
        if count != _READY:
            self.stop("answered before it was asked")
            return False
        self.heads = heads
        return True


def _waiting(fd: int, timeout: float) -> bool:
    """Whether ``fd`` has something to read within ``timeout`` seconds."""
    return bool(select.select([fd], [], [], timeout)[0])


class Reading:
    """One narrative's second opinion: asked of the helper, or read here.

    The helper's answer is taken if it has come within :data:`PATIENCE` seconds of the rules
    being done (on an idle core it comes first); otherwise, on a machine whose cores are busy,
    the narrative is read here and the late answer dropped. A context manager, so the helper is
    free for the next narrative even when the rules fail in between."""

    def __init__(self, model: SecondOpinion, text: str) -> None:
        self._model = model
        self._text = text
        self._opinion: Opinion | None = None
        self._helper = _claim()
        if self._helper is not None:
            self._helper.ask(text)

    def opinion(self) -> Opinion:
        if self._opinion is None:
            helper, self._helper = self._helper, None
            if helper is not None:
                try:
                    if not helper.broken and helper.has_answer(PATIENCE):
                        self._opinion = helper.answer(self._model)
                finally:
                    helper.lock.release()
            if self._opinion is None:
                self._opinion = self._model.read(self._text)
        return self._opinion

    def __enter__(self) -> Reading:
        return self

    def __exit__(self, *_: object) -> None:
        helper, self._helper = self._helper, None
        if helper is not None:  # asked, and the rules failed: the answer is dropped later
            helper.lock.release()


_helper: Helper | None = None
_starting = threading.Lock()


def start_helper() -> bool:
    """Start the helper process (once) if this machine has a core to spare and it is not
    switched off; returns whether there is one. It loads the model in the background."""
    global _helper
    with _starting:
        if _helper is None and _wanted():
            try:
                _helper = Helper()
            except OSError as exc:
                log.warning("cannot start the model's helper process: %s", exc)
                return False
            atexit.register(_helper.close)
        return _helper is not None and not _helper.broken


def wait_until_ready(timeout: float = 30.0) -> bool:
    """Wait for the started helper to load the model; whether it did (benchmarks, tests)."""
    helper = _helper
    if helper is None:
        return False
    with helper.lock:
        return helper.wait_until_ready(timeout)


def forget() -> None:
    """Ask the helper to forget remembered words (benchmarks measure the cold path)."""
    helper = _helper
    if helper is not None and helper.lock.acquire(blocking=False):
        try:
            if helper.usable():
                helper.forget()
        finally:
            helper.lock.release()


def _wanted() -> bool:
    if os.environ.get(SWITCH, "").strip().lower() in ("off", "0", "no", "false"):
        return False
    return len(os.sched_getaffinity(0)) >= 2


def _claim() -> Helper | None:
    """The helper, locked for one narrative, when it can take one now."""
    helper = _helper
    if helper is None or not helper.lock.acquire(blocking=False):
        return None
    if helper.usable():
        return helper
    helper.lock.release()
    return None


def reading(model: SecondOpinion, text: str) -> Reading:
    """Start reading ``text`` (checked, as :meth:`SecondOpinion.read` takes it)."""
    return Reading(model, text)


def serve(model_path: str) -> None:
    """The helper's side: load the model, say so, then answer each narrative in turn."""
    model = SecondOpinion(Path(model_path))
    into, out = sys.stdin.buffer, sys.stdout.buffer
    out.write(_ANSWER.pack(_READY, len(model.heads)))
    out.flush()
    while True:
        head = into.read(_REQUEST.size)
        if len(head) < _REQUEST.size:
            return  # the app closed the pipe, or is gone
        (size,) = _REQUEST.unpack(head)
        if size == _FORGET:
            model.forget()
            continue
        opinion = model.read(into.read(size).decode("utf-8", "surrogatepass"))
        out.write(_ANSWER.pack(len(opinion.present), opinion.words))
        out.write(opinion.present.astype(np.int64).tobytes())
        out.write(opinion.values.astype(np.float32).tobytes())
        out.write(opinion.probabilities.astype(np.float32).tobytes())
        out.flush()
