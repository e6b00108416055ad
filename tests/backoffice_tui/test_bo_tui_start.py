"""Starting the app: `backoffice` with no command opens it as the person logged in."""

from __future__ import annotations

from pathlib import Path

from tests.support.cli import run_cli


def test_the_app_will_not_start_for_a_login_nobody_mapped(tmp_path: Path) -> None:
    env = {"SANCTIONS_DATA_DIR": str(tmp_path), "SANCTIONS_USER": ""}
    result = run_cli("backoffice", env=env)
    assert result.returncode == 3
    assert "is not a user of this system: ask an administrator to add you" in result.stderr

    result = run_cli("backoffice", "--as", "Nobody Known", env=env)
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
