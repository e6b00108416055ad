"""Starting the app: `backoffice` with no command opens it as the user named by --as."""

from __future__ import annotations

from bo_support import run_cli


def test_the_app_will_not_start_without_knowing_who_you_are() -> None:
    result = run_cli("backoffice")
    assert result.returncode == 3
    assert "say who you are: backoffice --as 'Your Name'" in result.stderr

    result = run_cli("backoffice", "--as", "Nobody Known")
    assert result.returncode != 0
    assert "no active user called 'Nobody Known'" in result.stderr
