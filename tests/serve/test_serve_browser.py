"""End to end in a real headless Chromium: an interview in ``intake serve`` (behind a proxy,
as the login the proxy names), then its case in ``backoffice serve`` (this computer only,
with ``--as``) in a second page, where one action is taken; the page is saved as a PNG.

Chromium is Debian's (``/usr/bin/chromium``); without it the test is skipped (CI installs it).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from intake.core.db.models import AuditEvent, SanctionCase
from intake.core.identity import system_login
from intake.core.settings import Settings
from intake.core.users import UserCreate, create_user
from intake.core.vocabulary import Organisation, Role
from intake.interview.answers import parse_answer
from intake.interview.drafts import DraftStore
from intake.interview.engine import Interview
from intake.interview.letters import letters_folder
from intake.interview.script import Kind, Question
from tests.support.browser import CAPTURE_TERMINAL, CHROMIUM, SCREEN_TEXT, free_port, serving
from tests.support.cli import cli_env
from tests.support.intake_tui import COMMON, QUALIFYING, accepted_text

pytestmark = [
    pytest.mark.browser,
    pytest.mark.sqlite_only,  # behind a proxy the server works on SQLite only
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    ),
]
sync_api = pytest.importorskip("playwright.sync_api")
WAIT = 30_000  # ms: the longest the test waits to see any one thing
SETTLED = f"""([wanted, quiet]) => {{
  const text = ({SCREEN_TEXT})(), now = performance.now();
  if (!text.includes(wanted)) return false;
  if (window.__seen !== text) {{ window.__seen = text; window.__since = now; }}
  return now - window.__since >= quiet;
}}"""
ANSWERS = {**COMMON, "narrative": QUALIFYING}


@pytest.fixture
def people(engine: Engine) -> None:
    """An interviewer the proxy signs in as ``ines``; two people sharing this computer's login."""
    with Session(engine) as session:
        for login, name, role in [
            ("ines", "Ines Pector", Role.INTAKE),
            (system_login(), "Tess Triage", Role.TRIAGE),
            (system_login(), "Ada Admin", Role.ADMIN),
        ]:
            data = UserCreate(name=name, role=role, organisation=Organisation.HMIP, os_login=login)
            create_user(session, data=data)
        session.commit()


@pytest.fixture
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield browser
        browser.close()


def screen(page: Any) -> str:
    return str(page.evaluate(SCREEN_TEXT))


def wait_for_text(page: Any, wanted: str, *, settled_ms: int = 0) -> None:
    """Wait until the terminal shows ``wanted`` and, with ``settled_ms``, has not changed for
    that long (the app focuses a new answer box just after drawing it: keys typed in between
    would be lost)."""
    try:
        page.wait_for_function(SETTLED, arg=[wanted, settled_ms], timeout=WAIT, polling=50)
    except sync_api.TimeoutError:
        raise AssertionError(f"{wanted!r} never shown; the screen:\n{screen(page)}") from None


def open_page(browser: Any, url: str, **context: Any) -> Any:
    page = browser.new_context(viewport={"width": 1280, "height": 800}, **context).new_page()
    page.add_init_script(CAPTURE_TERMINAL)
    page.goto(url)
    page.wait_for_function("() => window.__xterm !== undefined", timeout=WAIT)
    page.locator("#terminal").click()  # the keys go to the terminal
    return page


def saved_interview(engine: Engine, settings: Settings) -> Interview | None:
    """The interview as its draft stands in the database (the app saves each answer at once)."""
    drafts = DraftStore(engine).open_drafts()
    if not drafts:
        return None
    data = DraftStore(engine).load(drafts[0].id)
    folder = letters_folder(settings.data_dir)
    return Interview(today=date.today(), answers=data.answers, letters_folder=folder)


def wait_for(check: Any, what: str, timeout: float = WAIT / 1000) -> Any:
    """Poll the database (not the screen) until ``check()`` is truthy."""
    end = time.monotonic() + timeout
    while not (found := check()):
        assert time.monotonic() < end, f"never {what}"
        time.sleep(0.1)
    return found


def give(page: Any, interview: Interview, question: Question, keys: str) -> None:
    """The keys a person presses for this kind of question (as ``tests.support.intake_tui``)."""
    keyboard = page.keyboard
    if question.found is not None and question.kind == Kind.MULTI:
        text = accepted_text(question, keys)
        parsed = parse_answer(question, text, directory=interview.directory, today=interview.today)
        if parsed.value == question.found.value:
            keyboard.press("Enter")  # shown as found: Enter confirms it
            return
    if question.kind in (Kind.CHOICE, Kind.YES_NO):
        keyboard.press(keys)
    elif question.kind == Kind.MULTI:
        for key in keys.split():
            keyboard.press(key)
    else:
        keyboard.type(keys)
    keyboard.press("F5" if question.kind in (Kind.NARRATIVE, Kind.LONG_TEXT) else "Enter")


def interview_in_browser(page: Any, engine: Engine, settings: Settings) -> str:
    """Answer every question the served intake asks, then submit from the review."""
    wait_for_text(page, "Who is interviewing?")
    page.keyboard.press("Enter")  # Ines Pector, the one user of her login
    interview = wait_for(lambda: saved_interview(engine, settings), "a draft started")
    while (question := interview.current()) is not None:
        assert question.key in ANSWERS, f"unexpected question {question.key}: {question.prompt}"
        wait_for_text(page, question.prompt.splitlines()[0][:30], settled_ms=300)
        give(page, interview, question, ANSWERS[question.key])
        count = len(interview.answers)
        interview = wait_for(
            lambda count=count: _answered_after(engine, settings, count),
            f"{question.key} answered",
        )
    wait_for_text(page, "Review")
    page.keyboard.press("Control+s")
    reference = wait_for(lambda: _only_case(engine), "a case submitted")
    wait_for_text(page, reference)
    return str(reference)


def _answered_after(engine: Engine, settings: Settings, count: int) -> Interview | None:
    interview = saved_interview(engine, settings)
    return interview if interview is not None and len(interview.answers) > count else None


def _only_case(engine: Engine) -> str | None:
    with Session(engine) as session:
        cases = session.exec(select(SanctionCase.reference)).all()
        return cases[0] if len(cases) == 1 else None


def test_an_interview_in_the_browser_reaches_the_back_office(
    people: None, engine: Engine, settings: Settings, browser: Any, tmp_path: Path
) -> None:
    env = cli_env(settings)
    intake_port, office_port = free_port(), free_port()
    started = time.monotonic()
    proxy = ["--trust-proxy-header", "X-Remote-User"]
    intake = ("intake", "serve", "--port", str(intake_port), *proxy,
              "--public-url", f"http://127.0.0.1:{intake_port}")  # fmt: skip
    with serving(*intake, env=env) as served:
        page = open_page(browser, served.url, extra_http_headers={"X-Remote-User": "ines"})
        reference = interview_in_browser(page, engine, settings)
        page.screenshot(path=str(tmp_path / "intake.png"))
    office = ("backoffice", "--as", "Tess Triage", "serve", "--port", str(office_port))
    with serving(*office, env=env) as served:
        page = open_page(browser, served.url)
        wait_for_text(page, reference)
        page.keyboard.press("Enter")  # open the case (the only one in the queue)
        wait_for_text(page, "Confirm it qualifies", settled_ms=300)
        page.keyboard.press("a")  # the actions, numbered
        wait_for_text(page, "(step 2)", settled_ms=300)
        number = re.search(r"(?m)(?:^|\s)(\d) Confirm it qualifies[^\n]*\(step 2\)", screen(page))
        assert number, screen(page)
        page.keyboard.press(number.group(1))
        wait_for_text(page, "take the action", settled_ms=300)
        page.keyboard.type("Clear link to the IMB visit")
        page.keyboard.press("Control+s")
        wait_for(lambda: _status(engine, reference) == "confirmed", "the case confirmed")
        wait_for_text(page, "confirmed", settled_ms=500)
        shot = tmp_path / "backoffice.png"
        page.screenshot(path=str(shot))
    print(f"browser test: {time.monotonic() - started:.1f} s; screenshots in {tmp_path}")
    assert shot.read_bytes().startswith(b"\x89PNG")
    assert _who(engine, reference) == ("Ines Pector", "Tess Triage")


def _who(engine: Engine, reference: str) -> tuple[str, str]:
    """Who recorded the case (the proxy's login) and who confirmed it (--as on this login)."""
    with Session(engine) as session:
        case = session.exec(select(SanctionCase).where(SanctionCase.reference == reference)).one()
        events = session.exec(select(AuditEvent).where(AuditEvent.case_id == case.id)).all()
        by_action = {e.action: e.actor_name for e in events}
        return by_action["case_submitted"], by_action["confirm_qualifies"]


def _status(engine: Engine, reference: str) -> str:
    with Session(engine) as session:
        case = session.exec(select(SanctionCase).where(SanctionCase.reference == reference)).one()
        return case.status
