"""Fixtures for the intake TUI tests: a remembered interviewer, the app factory, and unfinished
interviews saved for the interviewer to resume at the question under test."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine

from intake.core.settings import Settings
from intake.core.users import Actor
from intake.core.vocabulary import Organisation
from intake.interview.profile import register_first_user
from intake.tui.app import IntakeApp, create_app
from tests.support.intake_tui import COMMON, TODAY, DraftAt, saved_draft


@pytest.fixture
def interviewer(engine: Engine, settings: Settings) -> Actor:
    """An inspector already registered (and remembered) on this laptop."""
    return register_first_user(engine, settings, name="Sam Patel", organisation=Organisation.HMIP)


@pytest.fixture
def make_app(engine: Engine, settings: Settings) -> Callable[[], IntakeApp]:
    def make() -> IntakeApp:
        return create_app(settings=settings, engine=engine, today=TODAY)

    return make


@pytest.fixture
def draft_at(engine: Engine, settings: Settings, interviewer: Actor) -> DraftAt:
    """``draft_at(key, answers=COMMON)``: the interviewer's unfinished interview, every question
    before ``key`` answered; the app started next offers it (choose it with ``resume``)."""

    def save(stop_at: str, answers: dict[str, str] = COMMON) -> int:
        return saved_draft(engine, settings, interviewer, answers, stop_at=stop_at)

    return save
