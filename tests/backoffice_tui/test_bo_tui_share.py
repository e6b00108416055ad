"""The HMIP lead's queue at 80x24 says when the log is due to be shared with the IMB and PPO
leads (para 24), until a share of the last ended period is recorded; no one else's does."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session

from backoffice.share import last_ended_period
from intake.core.db.models import LogShare
from tests.support.backoffice_tui import (
    HMIP_SUPERVISOR,
    AppFactory,
    queue_ready,
    screen_text,
    text_of,
    wait_until,
)

SIZE = (80, 24)
LEAD = "DEMO HMIP Lead"


async def test_the_lead_is_reminded_until_the_log_is_shared(
    make_app: AppFactory, demo_engine: Engine
) -> None:
    period = last_ended_period().name
    app = make_app(LEAD)
    async with app.run_test(size=SIZE) as pilot:
        queue = await queue_ready(pilot)
        await wait_until(pilot, lambda: queue.query_one("#share-banner").display)
        said = text_of(queue, "#share-banner")
        assert said == (
            f"The log for {period} is due to be shared with the IMB and PPO leads: "
            f"backoffice share --period {period}"
        )
        assert f"backoffice share --period {period}" in screen_text(app).replace("\n", " ")
    with Session(demo_engine) as session:
        session.add(LogShare(period=period, files=["pack.xlsx", "pack.pdf"]))
        session.commit()
    app = make_app(LEAD)
    async with app.run_test(size=SIZE) as pilot:
        queue = await queue_ready(pilot)
        await pilot.pause(0.2)
        assert not queue.query_one("#share-banner").display


async def test_a_supervisor_is_not_reminded(make_app: AppFactory) -> None:
    app = make_app(HMIP_SUPERVISOR)
    async with app.run_test(size=SIZE) as pilot:
        queue = await queue_ready(pilot)
        await pilot.pause(0.2)
        assert not queue.query_one("#share-banner").display
