"""Line-mode input and output for `intake chat`: questions out, answers in, one line at a time.

Standard input is decoded a line at a time, so a line that is not UTF-8 spoils only itself; a
narrative is read over several lines and saved as it comes (``LineIO.ask_lines``).
"""

from __future__ import annotations

import select
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TextIO

#: Seconds between saves of a narrative while more of it is already waiting to be read.
SAVE_EVERY = 0.2


class EndOfInput(Exception):
    """Standard input closed: the draft is kept for next time."""


@dataclass(frozen=True)
class NotText:
    """A line of input that is not UTF-8: refused with a clear line, never half-recorded."""

    raw: bytes

    def message(self) -> str:
        return (
            f"! that line is not UTF-8 text ({len(self.raw)} bytes, starting "
            f"{self.raw[:8]!r}), so it was not recorded; type it again (your other answers "
            "are kept)"
        )


def _input_lines(stdin: TextIO) -> Iterator[str | NotText]:
    """Lines of standard input, decoded one at a time so a bad byte spoils only its line."""
    buffer = getattr(stdin, "buffer", None)
    if buffer is None:
        yield from iter(stdin.readline, "")
        return
    for raw in iter(buffer.readline, b""):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield NotText(raw.rstrip(b"\r\n"))
            continue
        yield text.replace("\r\n", "\n")


@dataclass
class LineIO:
    """Reading answers and writing questions, one line at a time."""

    stdin: TextIO
    stdout: TextIO
    _lines: Iterator[str | NotText] = field(init=False)

    def __post_init__(self) -> None:
        self._lines = _input_lines(self.stdin)

    def say(self, text: str = "") -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def ask(self) -> str:
        while True:
            self.stdout.write("> \n")
            self.stdout.flush()
            try:
                line = next(self._lines)
            except StopIteration as exc:
                raise EndOfInput from exc
            if isinstance(line, NotText):
                self.say(line.message())
                continue
            return line.rstrip("\n")

    def ask_lines(
        self, on_lines: Callable[[list[str], bool], None], *, may_be_empty: bool = False
    ) -> str:
        """Several lines, ended by an empty one; ``on_lines(new, first)`` saves the lines
        not yet saved (``first``: the first save of this text).

        Lines are saved before waiting for the next one, so everything typed is kept; only
        while more input is already waiting (a paste) are they saved in batches, at least
        every ``SAVE_EVERY`` seconds, so a long paste costs what it adds, not its square.

        An empty line before any text is ignored, unless ``may_be_empty`` (text recovered
        from a draft is already there, and an empty line keeps it as it is).
        """
        self.stdout.write("> \n")
        self.stdout.flush()
        lines: list[str] = []
        saved = 0
        last_save = time.monotonic()

        def save() -> None:
            nonlocal saved, last_save
            if saved < len(lines):
                on_lines(lines[saved:], saved == 0)
                saved, last_save = len(lines), time.monotonic()

        for raw in self._lines:
            if isinstance(raw, NotText):
                self.say(raw.message())
                continue
            line = raw.rstrip("\n")
            if not line.strip():
                if lines or may_be_empty:
                    save()
                    return "\n".join(lines)
                continue
            lines.append(line)
            if not self._input_waiting() or time.monotonic() - last_save >= SAVE_EVERY:
                save()
        save()
        if lines:
            return "\n".join(lines)
        raise EndOfInput

    def _input_waiting(self) -> bool:
        """Whether the next whole line can be read without waiting (so saving can wait).

        Only a line break already read from the pipe or terminal counts: the unfinished line
        someone is still typing must not hold back the save of the lines before it.
        """
        buffer = getattr(self.stdin, "buffer", None)
        if buffer is None:
            return True  # text in memory (tests, benchmarks): all of it is there already
        try:
            ready, _, _ = select.select([buffer.fileno()], [], [], 0)
            # With input ready, peek() returns what is buffered or can be read at once.
            return bool(ready) and b"\n" in buffer.peek(1)
        except (AttributeError, OSError, ValueError):
            return False  # cannot tell (a Windows console): save every line
