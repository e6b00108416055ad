"""Fixtures for the intake TUI tests: a remembered interviewer and the app factory."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine

from intake.core.settings import Settings
from intake.core.users import Actor
from intake.core.vocabulary import Organisation
from intake.interview.profile import register_first_user
from intake.tui.app import IntakeApp, create_app
from tests.support.intake_tui import TODAY


@pytest.fixture
def interviewer(engine: Engine, settings: Settings) -> Actor:
    """An inspector already registered (and remembered) on this laptop."""
    return register_first_user(engine, settings, name="Sam Patel", organisation=Organisation.HMIP)


@pytest.fixture
def make_app(engine: Engine, settings: Settings) -> Callable[[], IntakeApp]:
    def make() -> IntakeApp:
        return create_app(settings=settings, engine=engine, today=TODAY)

    return make
