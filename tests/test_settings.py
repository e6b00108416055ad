from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from intake.core.errors import ConfigError
from intake.core.settings import load_settings
from tests.support.cli import run_cli


def test_defaults_need_nothing_set(isolated_environment: Path) -> None:
    settings = load_settings()
    assert settings.effective_database_url.startswith("sqlite:///")
    assert str(isolated_environment) in settings.effective_database_url
    assert settings.llm_url is None
    assert settings.deadlines.confirm_qualifies >= 1


def test_environment_overrides_with_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SANCTIONS_RETENTION_YEARS", "3")
    monkeypatch.setenv("SANCTIONS_DEADLINES__PPO_DECISION", "21")
    settings = load_settings()
    assert settings.retention_years == 3
    assert settings.deadlines.ppo_decision == 21


def test_config_file_is_read(isolated_environment: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = isolated_environment / "config.toml"
    config.write_text('llm_model = "llama3"\n[deadlines]\nimb_briefing = 10\n')
    monkeypatch.setenv("SANCTIONS_CONFIG_FILE", str(config))
    settings = load_settings()
    assert settings.llm_model == "llama3"
    assert settings.deadlines.imb_briefing == 10


def test_broken_config_file_names_the_file(
    isolated_environment: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = isolated_environment / "config.toml"
    config.write_text("retention_years = [oops\n")
    monkeypatch.setenv("SANCTIONS_CONFIG_FILE", str(config))
    with pytest.raises(ConfigError, match=r"config\.toml is not valid TOML"):
        load_settings()


def test_unknown_setting_is_rejected(
    isolated_environment: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = isolated_environment / "config.toml"
    config.write_text("retention_yeers = 3\n")
    monkeypatch.setenv("SANCTIONS_CONFIG_FILE", str(config))
    with pytest.raises(ConfigError, match="SANCTIONS_RETENTION_YEERS: unknown setting"):
        load_settings()


def test_bad_value_names_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SANCTIONS_RETENTION_YEARS", "many")
    with pytest.raises(ConfigError, match=r"^SANCTIONS_RETENTION_YEARS:"):
        load_settings()


def _assert_one_line_exit_2(result: subprocess.CompletedProcess[str], setting: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert setting in lines[0]
    assert "Traceback" not in result.stderr


def test_cli_unusable_database_url(tmp_path: Path) -> None:
    result = run_cli("backoffice", "users", "list", env={"SANCTIONS_DATABASE_URL": "nonsense"})
    _assert_one_line_exit_2(result, "SANCTIONS_DATABASE_URL")


def test_cli_database_driver_missing(tmp_path: Path) -> None:
    result = run_cli(
        "backoffice", "users", "list", env={"SANCTIONS_DATABASE_URL": "oracle+nodriver://x/y"}
    )
    _assert_one_line_exit_2(result, "SANCTIONS_DATABASE_URL")


def test_cli_sqlite_in_missing_folder_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "absent" / "db.sqlite"
    result = run_cli(
        "backoffice", "users", "list", env={"SANCTIONS_DATABASE_URL": f"sqlite:///{target}"}
    )
    _assert_one_line_exit_2(result, "SANCTIONS_DATABASE_URL")
    assert not (tmp_path / "absent").exists()


def test_cli_unwritable_data_dir(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = run_cli(
            "backoffice", "users", "list", env={"SANCTIONS_DATA_DIR": str(locked / "data")}
        )
        if (locked / "data").exists():  # root ignores permissions: it got past the folder
            pytest.skip("running as a user that can write anywhere")
        _assert_one_line_exit_2(result, "SANCTIONS_DATA_DIR")
        assert not (locked / "data").exists()
    finally:
        locked.chmod(0o700)


def test_cli_data_dir_that_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run_cli("backoffice", "users", "list", env={"SANCTIONS_DATA_DIR": str(blocker)})
    _assert_one_line_exit_2(result, "SANCTIONS_DATA_DIR")


def test_cli_broken_config_file(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("= nope")
    result = run_cli(
        "backoffice",
        "users",
        "list",
        env={"SANCTIONS_CONFIG_FILE": str(config), "SANCTIONS_DATA_DIR": str(tmp_path / "d")},
    )
    _assert_one_line_exit_2(result, "config.toml")
    assert not (tmp_path / "d").exists()


def test_the_demo_has_its_own_database_file(
    isolated_environment: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SANCTIONS_DATABASE_URL", "postgresql+psycopg://team@db.example/sanctions")
    assert load_settings().effective_database_url.startswith("postgresql")
    demo = load_settings(demo=True)
    assert demo.effective_database_url == f"sqlite:///{demo.data_dir / 'demo.db'}"
    monkeypatch.setenv("SANCTIONS_DEMO", "true")
    assert load_settings().effective_database_url.endswith("/demo.db")
