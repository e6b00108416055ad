"""Running the installed console scripts (`intake`, `backoffice`) as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from intake.core.settings import Settings

#: The folder of this Python's console scripts (the virtual environment's ``bin``).
BIN = Path(sys.executable).parent
#: The project's folder: ``python -m tests.support.x`` runs from here.
ROOT = Path(__file__).resolve().parents[2]


def run_cli(
    *args: str, env: dict[str, str] | None = None, input: str | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run ``args[0]`` (a console script) with the rest as its arguments; ``env`` is added to
    this process's environment, ``input`` is its standard input."""
    command, *rest = args
    return subprocess.run(
        [str(BIN / command), *rest],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        input=input,
        timeout=timeout,
    )


def cli_env(settings: Settings, **variables: str) -> dict[str, str]:
    """The environment pointing a console script at this test's database and data folder, with
    ``variables`` added (``SANCTIONS_USER="Ada Admin"``)."""
    return {
        "SANCTIONS_DATABASE_URL": settings.effective_database_url,
        "SANCTIONS_DATA_DIR": str(settings.data_dir),
        **variables,
    }
