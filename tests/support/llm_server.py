"""A real OpenAI-compatible server on loopback, answering from a script the test writes.

It records every request (path, headers, raw body) so tests can check what left the machine.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from intake.core.settings import Settings, load_settings
from intake.llm import Assistant

MODEL = "test-model"
API_KEY = "sk-test-key"
NARRATIVE = (
    "My name is John Smith, A1234BC. After I wrote to the IMB about the food, Officer Jones put "
    "me on basic and said that is what you get for grassing to the board. I have been banged up "
    "23 hours a day since."
)


@dataclass(frozen=True)
class Reply:
    """One scripted answer: a chat completion with ``content``, or a ``raw`` body."""

    status: int = 200
    content: str | None = None
    raw: str | None = None
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)

    def body(self) -> bytes:
        if self.raw is not None:
            return self.raw.encode()
        completion = {
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "model": MODEL,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": self.content}}],
        }
        return json.dumps(completion).encode()


def json_reply(data: dict[str, Any], **options: Any) -> Reply:
    return Reply(content=json.dumps(data), **options)


@dataclass
class Recorded:
    path: str
    headers: dict[str, str]
    raw: str

    @property
    def body(self) -> dict[str, Any]:
        return json.loads(self.raw)

    def message(self, role: str) -> str:
        return next(m["content"] for m in self.body["messages"] if m["role"] == role)


class FakeLlm:
    """The server's script and record; unscripted requests get HTTP 500."""

    def __init__(self) -> None:
        self.replies: deque[Reply] = deque()
        self.requests: list[Recorded] = []
        self.lock = threading.Lock()
        self.url = ""

    def script(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    def next_reply(self, recorded: Recorded) -> Reply:
        with self.lock:
            self.requests.append(recorded)
            if self.replies:
                return self.replies.popleft()
        return Reply(status=500, raw='{"error": "no reply scripted"}')


def _handler(fake: FakeLlm) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(length).decode()
            headers = {k.lower(): v for k, v in self.headers.items()}
            reply = fake.next_reply(Recorded(path=self.path, headers=headers, raw=raw))
            time.sleep(reply.delay)
            body = reply.body()
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up first (a timeout test)

    return Handler


@contextmanager
def serving() -> Iterator[FakeLlm]:
    """Run a fake server on a free loopback port for the duration of the block."""
    fake = FakeLlm()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    fake.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()


def llm_settings(tmp_path: Path, url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "data_dir": tmp_path / "data",
        "llm_url": url,
        "llm_model": MODEL,
        "llm_api_key": API_KEY,
        # generous: a loaded CI machine once took over 2 s to answer on loopback; the timeout
        # test sets its own (0.5 s against a reply held back 3 s)
        "llm_timeout": 10.0,
    }
    return load_settings(**{**values, **overrides})


def make_assistant(tmp_path: Path, url: str, **overrides: Any) -> Assistant:
    assistant = Assistant.from_settings(llm_settings(tmp_path, url, **overrides), backoff=0.01)
    assert assistant is not None
    return assistant
