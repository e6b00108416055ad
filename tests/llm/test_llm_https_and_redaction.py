"""The optional model: only https beyond this computer; lower-case titled names and emails
are withheld."""

from __future__ import annotations

import pytest

from intake.core.errors import ConfigError
from intake.core.settings import load_settings
from intake.llm import LlmError, Redactor, chat_url
from tests.support.cli import run_cli


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:11434/v1",
        "http://127.0.0.1:8000/v1",
        "http://127.9.9.9/v1",
        "http://[::1]:8000/v1",
        "https://llm.example.org/v1",
        "https://10.0.0.5/v1",
    ],
)
def test_https_or_this_computer_is_accepted(url: str) -> None:
    assert load_settings(llm_url=url).llm_url == url
    assert chat_url(url).endswith("/chat/completions")


@pytest.mark.parametrize(
    "url",
    [
        "http://llm.example.org/v1",
        "http://10.0.0.5:11434/v1",
        "http://localhost.example.org/v1",
        "http://128.0.0.1/v1",
        "http://[::2]/v1",
        "ftp://localhost/v1",
        "localhost:11434",
    ],
)
def test_plain_http_beyond_this_computer_is_refused(url: str) -> None:
    with pytest.raises(ConfigError, match="SANCTIONS_LLM_URL"):
        load_settings(llm_url=url)
    with pytest.raises(LlmError, match="SANCTIONS_LLM_URL"):
        chat_url(url)


def test_the_refusal_is_one_clear_line_at_the_command_line() -> None:
    result = run_cli("intake", "drafts", "list", env={"SANCTIONS_LLM_URL": "http://10.1.2.3/v1"})
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: SANCTIONS_LLM_URL: 10.1.2.3 is not this computer")
    assert "https://" in line and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("text", "withheld"),
    [
        ("officer smith took my letter", "smith"),
        ("gov jones said I was a grass", "jones"),
        ("then mr patel moved me", "patel"),
        ("dco khan stopped my calls", "khan"),
        ("Officer SMITH and officer o'brien", "o'brien"),
        ("write to sam.smith@example.org", "sam.smith@example.org"),
        ("or sam (at) example . org", "example . org"),
        ("email SAM_S+imb@mail.example.co.uk", "mail.example"),
    ],
)
def test_lower_case_titled_names_and_emails_are_withheld(text: str, withheld: str) -> None:
    redacted = Redactor().redact(text)
    assert withheld.lower() not in redacted.lower()
    assert "[NAME]" in redacted or "[EMAIL]" in redacted


@pytest.mark.parametrize(
    "text",
    [
        "the officer said I was a grass",
        "the gov told me no",
        "I miss my family",
        "the nurse gave me nothing",
        "so officer on the wing took it",
    ],
)
def test_ordinary_words_after_a_title_are_kept(text: str) -> None:
    assert Redactor().redact(text) == text


def test_nothing_is_withheld_when_sending_identifiers_is_allowed() -> None:
    text = "officer smith, sam@example.org"
    assert Redactor(allowed=True).redact(text) == text
