"""The HTTP client against a real loopback server: URL, headers, retries, timeout, failures."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from intake.core.settings import load_settings
from intake.llm import Assistant, LlmError, chat_url
from tests.support.llm_server import (
    API_KEY,
    MODEL,
    NARRATIVE,
    FakeLlm,
    Reply,
    json_reply,
    make_assistant,
)

EXTRACTION = {
    "qualifies": "yes",
    "categories": ["isolation"],
    "body": ["IMB"],
    "link": "that is what you get for grassing to the board",
    "when": None,
    "staff": ["officer"],
    "risk_cues": ["banged up 23 hours a day"],
    "immediate_risk": False,
}


def test_base_url_gets_the_chat_completions_path() -> None:
    assert chat_url("http://localhost:11434/v1") == "http://localhost:11434/v1/chat/completions"
    assert chat_url("http://localhost:8000/v1/") == "http://localhost:8000/v1/chat/completions"
    full = "https://llm.example/v1/chat/completions"
    assert chat_url(full) == full
    with pytest.raises(LlmError, match="http"):
        chat_url("localhost:11434")


def test_no_url_means_no_assistant(tmp_path: Path) -> None:
    assert Assistant.from_settings(load_settings(data_dir=tmp_path)) is None


async def test_request_is_an_openai_chat_completion_with_bearer_key(
    assistant: Assistant, fake_llm: FakeLlm
) -> None:
    fake_llm.script(json_reply(EXTRACTION))
    extraction = await assistant.extract(NARRATIVE)
    assert extraction.categories == ["isolation"]
    (request,) = fake_llm.requests
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == f"Bearer {API_KEY}"
    assert request.body["model"] == MODEL
    assert request.body["response_format"] == {"type": "json_object"}
    assert request.body["stream"] is False
    assert [m["role"] for m in request.body["messages"]] == ["system", "user"]


async def test_no_api_key_sends_no_authorization(tmp_path: Path, fake_llm: FakeLlm) -> None:
    assistant = make_assistant(tmp_path, fake_llm.url, llm_api_key=None)
    fake_llm.script(json_reply(EXTRACTION))
    await assistant.extract(NARRATIVE)
    assert "authorization" not in fake_llm.requests[0].headers


async def test_server_error_then_ok_is_retried(assistant: Assistant, fake_llm: FakeLlm) -> None:
    fake_llm.script(Reply(status=500, raw="boom"), json_reply(EXTRACTION))
    extraction = await assistant.extract(NARRATIVE)
    assert extraction.qualifies == "yes"
    assert len(fake_llm.requests) == 2


async def test_rate_limit_is_retried_after_retry_after(
    assistant: Assistant, fake_llm: FakeLlm
) -> None:
    fake_llm.script(
        Reply(status=429, raw="slow down", headers={"Retry-After": "0.2"}),
        json_reply(EXTRACTION),
    )
    started = time.monotonic()
    await assistant.extract(NARRATIVE)
    assert time.monotonic() - started >= 0.2
    assert len(fake_llm.requests) == 2


async def test_persistent_server_error_gives_up_with_one_line(
    assistant: Assistant, fake_llm: FakeLlm
) -> None:
    fake_llm.script(*[Reply(status=503, raw="down\nfor\nmaintenance")] * 5)
    with pytest.raises(LlmError) as caught:
        await assistant.extract(NARRATIVE)
    assert len(fake_llm.requests) == 3  # one try and two retries
    assert "503" in caught.value.notice
    assert "\n" not in caught.value.notice


async def test_slow_server_times_out_without_retry(tmp_path: Path, fake_llm: FakeLlm) -> None:
    assistant = make_assistant(tmp_path, fake_llm.url, llm_timeout=0.5)
    fake_llm.script(json_reply(EXTRACTION, delay=3.0))
    started = time.monotonic()
    with pytest.raises(LlmError, match=r"no answer within 0.5 s"):
        await assistant.extract(NARRATIVE)
    assert time.monotonic() - started < 1.5
    assert len(fake_llm.requests) == 1


async def test_endpoint_down_is_one_error(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assistant = make_assistant(tmp_path, f"http://127.0.0.1:{port}/v1")
    started = time.monotonic()
    with pytest.raises(LlmError, match="cannot reach") as caught:
        await assistant.extract(NARRATIVE)
    assert time.monotonic() - started < 2
    assert "after 3 attempts" in caught.value.notice


async def test_refused_key_is_not_retried(assistant: Assistant, fake_llm: FakeLlm) -> None:
    fake_llm.script(Reply(status=401, raw='{"error": "bad key"}'))
    with pytest.raises(LlmError, match="SANCTIONS_LLM_API_KEY"):
        await assistant.extract(NARRATIVE)
    assert len(fake_llm.requests) == 1


async def test_server_without_json_mode_is_asked_again_without_it(
    assistant: Assistant, fake_llm: FakeLlm
) -> None:
    fake_llm.script(
        Reply(status=400, raw='{"error": "response_format is not supported"}'),
        json_reply(EXTRACTION),
    )
    extraction = await assistant.extract(NARRATIVE)
    assert extraction.body == ["IMB"]
    first, second = fake_llm.requests
    assert "response_format" in first.body
    assert "response_format" not in second.body


@pytest.mark.parametrize(
    "reply",
    [
        Reply(raw="<html>proxy error</html>"),
        Reply(raw='{"choices": []}'),
        Reply(raw='{"choices": [{"message": {"content": null}}]}'),
        Reply(content="   "),
    ],
    ids=["html", "no-choices", "null-content", "blank"],
)
async def test_malformed_completion_is_rejected(
    assistant: Assistant, fake_llm: FakeLlm, reply: Reply
) -> None:
    fake_llm.script(reply)
    with pytest.raises(LlmError):
        await assistant.extract(NARRATIVE)
