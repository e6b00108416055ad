"""The optional model in the intake: its reading beside the rules', never in the way."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from textual.widgets import Static

from intake.core.db.models import CaseClassification
from intake.core.settings import Settings
from intake.tui.app import create_app
from tests.support.intake_tui import (
    COMMON,
    QUALIFYING,
    TODAY,
    DraftAt,
    answer_all,
    only_case,
    paste,
    resume,
    screen_text,
    submit_from_review,
    wait_until,
)
from tests.support.llm_server import MODEL, Recorded, Reply, json_reply, serving

NOT_A_SANCTION = {"qualifies": "no", "categories": [], "body": ["IMB"], "immediate_risk": False}


def _with_model(settings: Settings, url: str) -> Settings:
    return settings.model_copy(update={"llm_url": url, "llm_model": MODEL, "llm_timeout": 10.0})


async def test_the_models_reading_shows_beside_the_rules_and_changes_nothing(
    engine: Engine, settings: Settings, draft_at: DraftAt
) -> None:
    draft_at("narrative")
    with serving() as fake:
        fake.script(*[json_reply(NOT_A_SANCTION)] * 5)
        app = create_app(settings=_with_model(settings, fake.url), engine=engine, today=TODAY)
        async with app.run_test(size=(80, 24)) as pilot:
            await resume(pilot, "narrative")
            await paste(pilot, QUALIFYING)
            advice = app.screen.query_one("#panel-advice", Static)
            await wait_until(pilot, lambda: advice.display, tries=400)
            shown = str(advice.content)
            assert "advisory" in shown and "differs from the rules" in shown
            assert "qualifies: rules yes; model no" in shown
            assert "John Smith" not in fake.requests[0].message("user")
            await pilot.press("f5")
            await answer_all(pilot, COMMON)
            await submit_from_review(pilot, app)
    case = only_case(engine)
    assert case.qualifies == "yes" and case.route == "sanction_protocol"
    with Session(engine) as session:
        sources = session.exec(select(CaseClassification.source)).all()
    assert sources == ["rules"]


async def test_the_interview_completes_while_the_model_is_down(
    engine: Engine, settings: Settings, draft_at: DraftAt, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft_at("narrative")
    down = _with_model(settings, "http://127.0.0.1:9/v1")  # nothing listens on the discard port
    app = create_app(settings=down, engine=engine, today=TODAY)
    said: list[str] = []
    notify = app.notify

    def remember(message: str, **options: Any) -> None:
        said.append(message)  # kept: a notice expires from the screen after some seconds
        notify(message, **options)

    monkeypatch.setattr(app, "notify", remember)
    async with app.run_test(size=(80, 24)) as pilot:
        await resume(pilot, "narrative")
        await answer_all(pilot, {**COMMON, "narrative": QUALIFYING})

        def told() -> bool:
            return any("Language model" in message for message in said)

        await wait_until(pilot, told, tries=400)  # one notice, after the retries, never a block
        await submit_from_review(pilot, app)
    assert only_case(engine).status == "received"


async def test_follow_ups_offer_the_models_wording(
    engine: Engine, settings: Settings, draft_at: DraftAt, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft_at("when_where", {**COMMON, "narrative": QUALIFYING})
    with serving() as fake:

        def by_use(recorded: Recorded) -> Reply:
            fake.requests.append(recorded)
            if "<question>" in recorded.message("user"):
                return json_reply({"question": "What did the officer say about the IMB?"})
            return json_reply(NOT_A_SANCTION)

        monkeypatch.setattr(fake, "next_reply", by_use)
        app = create_app(settings=_with_model(settings, fake.url), engine=engine, today=TODAY)
        async with app.run_test(size=(80, 24)) as pilot:
            await resume(pilot, "when_where")

            def suggested() -> bool:
                return "Suggested wording (model): What did the officer say" in screen_text(app)

            await wait_until(pilot, suggested, tries=400)
        asked = [r for r in fake.requests if "<question>" in r.message("user")]
        assert asked and all("John Smith" not in r.message("user") for r in asked)
