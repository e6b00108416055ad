"""Driving the served apps (``intake serve``, ``backoffice serve``) in a real headless Chromium
with Playwright: start a server, open its page, type keys, read the terminal's text.

textual-serve draws the app with xterm.js on a canvas (WebGL), so the page's DOM holds no text.
Its script keeps the xterm ``Terminal`` in a property named ``terminal``; an init script catches
that one assignment and keeps the terminal as ``window.__xterm``, whose buffer is what the
screen shows, line by line (``translateToString``). Waiting is ``wait_for_function`` on that
text, with a timeout, never a sleep.

Debian's chromium (``/usr/bin/chromium``) is the browser: never ``playwright install``.
"""

from __future__ import annotations

import os
import queue
import re
import socket
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.cli import BIN

CHROMIUM = Path("/usr/bin/chromium")
#: Keep xterm's Terminal as window.__xterm when textual-serve's script stores it (see above).
CAPTURE_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {
      value, writable: true, configurable: true, enumerable: true,
    });
    if (value && value.buffer && value.buffer.active && !window.__xterm) window.__xterm = value;
  },
});
"""
#: The terminal's visible lines, joined by newlines ("" before it exists).
SCREEN_TEXT = """() => {
  const t = window.__xterm;
  if (!t) return "";
  const b = t.buffer.active, lines = [];
  for (let i = 0; i < t.rows; i++) {
    const line = b.getLine(b.viewportY + i);
    lines.push(line ? line.translateToString(true) : "");
  }
  return lines.join("\\n");
}"""
_SHOWS = f"""([wanted]) => ({SCREEN_TEXT})().includes(wanted)"""
_OPEN = re.compile(r"Open (\S+)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Served:
    """A running ``serve`` command and the address it printed."""

    process: subprocess.Popen[str]
    url: str
    output: list[str]


@contextmanager
def serving(*args: str, env: dict[str, str], timeout: float = 30) -> Iterator[Served]:
    """Run ``args`` (e.g. ``intake serve --port N``) until the block ends; its printed address."""
    command, *rest = args
    process = subprocess.Popen(
        [str(BIN / command), *rest],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, **env},
    )
    lines: queue.Queue[str] = queue.Queue()
    output: list[str] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            output.append(line)
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    try:
        while not (found := _OPEN.search(lines.get(timeout=timeout))):
            pass
        yield Served(process, found.group(1), output)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
