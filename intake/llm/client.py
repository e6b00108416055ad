"""A small async client for the OpenAI-compatible chat-completions API (Ollama, vLLM, llama.cpp
server, hosted services), over httpx.

``SANCTIONS_LLM_URL`` is the API's base URL, as those servers document it
(``http://localhost:11434/v1`` for Ollama, ``http://localhost:8000/v1`` for vLLM); the client
posts to ``<url>/chat/completions``. A URL that already ends in ``/chat/completions`` is used as
given.

Retries: 429, 5xx and refused or dropped connections are tried again (``retries`` more times)
after an exponential backoff, honouring a short ``Retry-After``. A request that runs past the
timeout is not retried: a slow server stays slow, and staff should not wait twice. Everything
that goes wrong ends as :class:`~intake.llm.errors.LlmError`.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import httpx

from intake.core.settings import check_llm_url
from intake.llm.errors import LlmError

CHAT_PATH = "/chat/completions"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
Message = dict[str, str]


@cache
def _tls() -> ssl.SSLContext:
    """httpx's default TLS context, built once: building it costs tens of milliseconds, on the
    event loop, for every new client."""
    return httpx.create_ssl_context()


def chat_url(base_url: str) -> str:
    """The chat-completions URL for a base URL such as ``http://localhost:11434/v1``."""
    url = base_url.strip().rstrip("/")
    try:
        check_llm_url(url)  # also checked when settings load; here for direct callers
    except ValueError as exc:
        raise LlmError(f"SANCTIONS_LLM_URL: {exc}") from None
    return url if url.endswith(CHAT_PATH) else url + CHAT_PATH


@dataclass(frozen=True)
class Endpoint:
    """Where and how to reach the model."""

    url: str
    model: str
    api_key: str | None = None
    timeout: float = 20.0

    @property
    def chat_url(self) -> str:
        return chat_url(self.url)

    def headers(self) -> dict[str, str]:
        headers = {"Accept": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        return headers


class _Retry(Exception):
    """One attempt failed in a way worth trying again."""

    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


def _retry_after(response: httpx.Response) -> float | None:
    try:
        return max(0.0, float(response.headers.get("Retry-After", "")))
    except ValueError:
        return None


def _http_problem(response: httpx.Response) -> str:
    status = response.status_code
    if status in (401, 403):
        return f"the endpoint refused the API key (HTTP {status}); check SANCTIONS_LLM_API_KEY"
    if status == 404:
        return "not found (HTTP 404); check SANCTIONS_LLM_URL and SANCTIONS_LLM_MODEL"
    return f"HTTP {status} from the endpoint: {response.text[:120]}"


def _content(response: httpx.Response) -> str:
    """The first choice's message text, or LlmError for anything else."""
    try:
        payload = response.json()
        content = payload["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise LlmError(f"malformed answer from the endpoint ({type(exc).__name__})") from exc
    if not isinstance(content, str) or not content.strip():
        raise LlmError("the model gave an empty answer")
    return content


def _rejects_json_mode(response: httpx.Response) -> bool:
    return response.status_code in (400, 422) and "response_format" in response.text


class ChatClient:
    """Posts chat-completion requests; one ``httpx.AsyncClient`` per call, so it works from any
    event loop (a Textual worker, ``asyncio.run`` in a CLI, a test)."""

    def __init__(
        self,
        endpoint: Endpoint,
        *,
        retries: int = 2,
        backoff: float = 0.5,
        max_wait: float = 8.0,
    ) -> None:
        self.endpoint = endpoint
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        #: Cleared when the server refuses ``response_format``; the answer is validated anyway.
        self.json_mode_supported = True
        #: HTTP attempts made by the last :meth:`complete` call (for notices and tests).
        self.last_attempts = 0

    def _body(
        self, messages: list[Message], json_mode: bool, temperature: float, max_tokens: int | None
    ) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": self.endpoint.model,
            "messages": messages,
            "temperature": temperature,
            "stream": False,
        }
        if max_tokens is not None:
            body["max_tokens"] = max_tokens
        if json_mode and self.json_mode_supported:
            body["response_format"] = {"type": "json_object"}
        return body

    async def complete(
        self,
        messages: list[Message],
        *,
        json_mode: bool = False,
        temperature: float = 0.0,
        max_tokens: int | None = None,
    ) -> str:
        """The model's reply text. Raises :class:`LlmError` for every failure."""
        self.last_attempts = 0
        timeout = httpx.Timeout(self.endpoint.timeout)
        headers = self.endpoint.headers()
        async with httpx.AsyncClient(timeout=timeout, headers=headers, verify=_tls()) as http:
            response = await self._with_retries(
                http, lambda: self._body(messages, json_mode, temperature, max_tokens)
            )
            if json_mode and self.json_mode_supported and _rejects_json_mode(response):
                self.json_mode_supported = False
                response = await self._with_retries(
                    http, lambda: self._body(messages, json_mode, temperature, max_tokens)
                )
        if response.status_code != 200:
            raise LlmError(_http_problem(response))
        return _content(response)

    async def _with_retries(
        self, http: httpx.AsyncClient, body: Callable[[], dict[str, Any]]
    ) -> httpx.Response:
        attempt = 0
        while True:
            attempt += 1
            self.last_attempts += 1
            try:
                return await self._attempt(http, body())
            except _Retry as retry:
                if attempt > self.retries:
                    raise LlmError(f"{retry.reason}, after {attempt} attempts") from None
                await asyncio.sleep(self._wait(attempt, retry.wait))

    def _wait(self, attempt: int, retry_after: float | None) -> float:
        wait = self.backoff * 2 ** (attempt - 1)
        if retry_after is not None:
            wait = max(wait, retry_after)
        return min(wait, self.max_wait)

    async def _attempt(self, http: httpx.AsyncClient, body: dict[str, Any]) -> httpx.Response:
        seconds = self.endpoint.timeout
        try:
            async with asyncio.timeout(seconds):
                response = await http.post(self.endpoint.chat_url, json=body)
        except (TimeoutError, httpx.TimeoutException) as exc:
            if isinstance(exc, httpx.ConnectTimeout):
                raise _Retry("the endpoint did not accept the connection in time") from exc
            raise LlmError(f"no answer within {seconds:g} s") from exc
        except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError) as exc:
            raise _Retry(f"cannot reach {self.endpoint.url}") from exc
        except httpx.HTTPError as exc:
            raise LlmError(f"request failed: {type(exc).__name__}") from exc
        if response.status_code in RETRY_STATUSES:
            reason = (
                "rate limited (HTTP 429)"
                if response.status_code == 429
                else (f"server error (HTTP {response.status_code})")
            )
            raise _Retry(reason, _retry_after(response))
        return response
