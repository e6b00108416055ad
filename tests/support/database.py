"""Which database the suite runs on: a SQLite file per test, or a PostgreSQL test server."""

from __future__ import annotations

import os

#: Read when the suite starts, before any fixture clears the SANCTIONS_ variables.
TEST_SERVER_URL = os.environ.get("SANCTIONS_TEST_DATABASE_URL", "")
ON_POSTGRES = TEST_SERVER_URL.startswith("postgresql")
