"""Back-office TUI fixtures: a demo database (seeded once, copied per test) and the app factory."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, make_url
from sqlmodel import Session

from backoffice.demo import seed_demo
from backoffice.service import BackofficeService
from backoffice.tui.app import BackofficeApp
from intake.core.db.engine import open_database
from intake.core.identity import system_login
from intake.core.settings import Settings, load_settings
from tests.support.backoffice_tui import AppFactory


def _seed(engine: Engine, settings: Settings) -> None:
    with Session(engine) as session:
        seed_demo(session, settings=settings, os_login=system_login())
        session.commit()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file holding the demo users and cases, built once for the session."""
    folder = tmp_path_factory.mktemp("demo-template")
    path = folder / "demo.db"
    settings = load_settings(data_dir=folder, database_url=f"sqlite:///{path}")
    engine = open_database(settings)
    _seed(engine, settings)
    engine.dispose()
    return path


@pytest.fixture
def demo_engine(settings: Settings, demo_template: Path) -> Iterator[Engine]:
    """This test's own database with the demo in it (a copy of the template on SQLite)."""
    url = make_url(settings.effective_database_url)
    fresh = not url.drivername.startswith("sqlite") or not url.database
    if not fresh:
        shutil.copyfile(demo_template, str(url.database))
    engine = open_database(settings)
    if fresh:
        _seed(engine, settings)
    yield engine
    engine.dispose()


@pytest.fixture
def make_app(demo_engine: Engine, settings: Settings) -> AppFactory:
    """The app as `backoffice --as NAME` starts it (optionally with smaller queue pages)."""

    def make(name: str, page_size: int | None = None) -> BackofficeApp:
        service = BackofficeService.for_user(demo_engine, settings, name)
        if page_size is not None:
            service.page_size = page_size
        return BackofficeApp(service)

    return make
