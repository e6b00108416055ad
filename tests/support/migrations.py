"""Moving a test database along its migrations, up or down, as the app's own upgrade does."""

from __future__ import annotations

from alembic import command
from sqlalchemy import Engine

from intake.core.db.migrate import alembic_config


def migrate(engine: Engine, revision: str, *, down: bool = False) -> None:
    """Upgrade the database to ``revision`` (``"head"``: up to date), or with ``down`` downgrade
    it, in one transaction on the engine's own connection."""
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        if down:
            command.downgrade(config, revision)
        else:
            command.upgrade(config, revision)
