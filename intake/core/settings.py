"""Typed settings, loaded once at start from SANCTIONS_* variables and an optional TOML file.

Every field has a safe default: nothing must be set to start. The config file is
``$SANCTIONS_CONFIG_FILE`` or ``config.toml`` in the user's config directory; unknown keys are
rejected so a typo is reported instead of silently ignored.
"""

from __future__ import annotations

import ipaddress
import os
import tomllib
from pathlib import Path
from typing import Any, Literal

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from intake.core.errors import ConfigError

APP_NAME = "sanctions"
ENV_PREFIX = "SANCTIONS_"
#: The demo's own SQLite file in the data folder: demo cases never go beside real ones.
DEMO_DATABASE = "demo.db"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_file_path() -> Path:
    explicit = os.environ.get(f"{ENV_PREFIX}CONFIG_FILE")
    if explicit:
        return Path(explicit).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


class Deadlines(BaseModel):
    """Default task deadlines, in days from the task's creation, for each protocol step and duty."""

    model_config = ConfigDict(extra="forbid")

    confirm_qualifies: int = Field(2, ge=0, description="Step 2: confirm it qualifies.")
    log_on_tracker: int = Field(2, ge=0, description="Step 3: HMIP logs it on the tracker.")
    consult_prisoner: int = Field(7, ge=0, description="Step 4: consult the prisoner.")
    imb_briefing: int = Field(14, ge=0, description="Step 5: IMB briefing to HMIP and PPO.")
    ppo_decision: int = Field(14, ge=0, description="Step 6: PPO decides on investigation.")
    outcome_explained: int = Field(14, ge=0, description="Step 7: outcome explained.")
    ppo_investigation: int = Field(84, ge=0, description="Step 8: PPO investigation.")
    conclusion_shared: int = Field(7, ge=0, description="Step 9: conclusion shared.")
    unfounded_told: int = Field(7, ge=0, description="Step 10: person told.")
    formal_report: int = Field(28, ge=0, description="Step 11: formal report.")
    refer_senior_manager: int = Field(2, ge=0, description="Refer to the senior manager.")
    report_back: int = Field(28, ge=0, description="Establishment reports back.")
    escalate: int = Field(2, ge=0, description="Escalate to senior levels.")
    inform_internal_lead: int = Field(2, ge=0, description="Inform the internal lead.")
    inform_partners: int = Field(2, ge=0, description="Inform the two partner organisations.")
    imb_monitoring: int = Field(28, ge=0, description="IMB monitoring review.")
    recommendation: int = Field(90, ge=0, description="Each recommendation of a formal report.")
    recommendation_grace: int = Field(
        14,
        ge=0,
        description="Days a recommendation may be overdue before it is escalated to the lead.",
    )
    signpost: int = Field(7, ge=0, description="Tell the person where to go instead (a route).")


class Alerts(BaseModel):
    """Pattern alerts (``backoffice.alerts``): how far back, and how many allegations make one."""

    model_config = ConfigDict(extra="forbid")

    window_days: int = Field(
        90, ge=1, le=3660, description="Days back (by receipt) an alert's allegations count."
    )
    min_cases: int = Field(
        3, ge=2, le=1000, description="Allegations about one place or person that make an alert."
    )


class Retention(BaseModel):
    """Years a closed case is kept, per receiving organisation (the MoUs' retention schedules).

    A schedule left unset uses ``retention_years``, the default for all three.
    """

    model_config = ConfigDict(extra="forbid")

    hmip: int | None = Field(None, ge=1, le=100, description="Years HMIP keeps a closed case.")
    imb: int | None = Field(None, ge=1, le=100, description="Years the IMB keeps a closed case.")
    ppo: int | None = Field(None, ge=1, le=100, description="Years the PPO keeps a closed case.")


class Settings(BaseSettings):
    """All settings of both apps."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_nested_delimiter="__",
        extra="forbid",
        validate_default=True,
    )

    data_dir: Path = Field(
        default_factory=default_data_dir, description="Where the SQLite file and drafts live."
    )
    database_url: str | None = Field(
        None, description="SQLAlchemy URL; default: sanctions.db (SQLite) in data_dir."
    )
    demo: bool = Field(
        False,
        description="Open the demo database (demo.db in data_dir, filled by `backoffice demo`) "
        "instead of the real one.",
    )
    llm_url: str | None = Field(
        None, description="OpenAI-compatible base URL (e.g. http://localhost:11434/v1); off."
    )
    llm_model: str = Field("", description="Model name sent to the LLM endpoint.")
    llm_api_key: SecretStr | None = Field(None, description="Bearer token for the LLM endpoint.")
    llm_timeout: float = Field(20.0, gt=0, le=600, description="Seconds per LLM request.")
    llm_send_identifiers: bool = Field(
        False, description="Allow names and prison numbers to be sent to the LLM."
    )
    retention_years: int = Field(
        6, ge=1, le=100, description="Years a closed case is kept (default for every schedule)."
    )
    retention: Retention = Field(default_factory=Retention)
    deadlines: Deadlines = Field(default_factory=Deadlines)
    alerts: Alerts = Field(default_factory=Alerts)
    theme: Literal["default", "high-contrast"] = Field(
        "default",
        description="Both apps' colours: 'default', or 'high-contrast' (white on black, "
        "every main text at 7:1 or more). Each person's own choice (F9 or the command "
        "palette) is remembered and wins over this.",
    )

    @field_validator("llm_url")
    @classmethod
    def _llm_url_is_safe(cls, value: str | None) -> str | None:
        if value is not None and value.strip():
            check_llm_url(value)
        return value

    @property
    def demo_database(self) -> Path:
        """The demo's own SQLite file (whatever ``database_url`` says)."""
        return self.data_dir / DEMO_DATABASE

    @property
    def effective_database_url(self) -> str:
        if self.demo:
            return f"sqlite:///{self.demo_database}"
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'sanctions.db'}"

    @property
    def uses_default_database(self) -> bool:
        """The database is a file in the data folder (the real default one, or the demo's)."""
        return self.demo or not self.database_url

    def retention_years_for(self, organisation: object) -> int:
        """Years a case closed by this receiving organisation is kept."""
        key = str(getattr(organisation, "value", organisation)).lower()
        years = getattr(self.retention, key, None)
        return years if years is not None else self.retention_years

    @property
    def longest_retention_years(self) -> int:
        return max(self.retention_years_for(org) for org in ("hmip", "imb", "ppo"))

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        path = config_file_path()
        if path.is_file():
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=path))
        return tuple(sources)


def is_loopback_host(host: str | None) -> bool:
    """localhost, 127.0.0.0/8 or ::1: a model on this computer."""
    if not host:
        return False
    host = host.strip("[]").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_llm_url(url: str) -> None:
    """An endpoint anywhere but this computer must be https: narratives are sensitive."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError as exc:
        raise ValueError(f"{url!r} is not a URL ({exc})") from None
    if parts.scheme not in ("http", "https") or not host:
        raise ValueError(f"{url!r} is not an http(s) URL such as https://llm.example.org/v1")
    if parts.scheme == "http" and not is_loopback_host(host):
        raise ValueError(
            f"{host} is not this computer, so the URL must start with https:// (plain http:// "
            "is allowed only for localhost, 127.0.0.1 or ::1): narratives must not cross a "
            "network unencrypted"
        )


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    loc = "__".join(str(part) for part in first["loc"] if part != "__root__")
    name = f"{ENV_PREFIX}{loc.upper()}" if loc else "settings"
    if first["type"] == "extra_forbidden":
        return f"{name}: unknown setting; check its spelling (see README, Configuration)"
    message = str(first["msg"]).removeprefix("Value error, ")
    return f"{name}: {message}; fix it in the environment or {config_file_path()}"


def load_settings(**overrides: Any) -> Settings:
    """Load settings or raise :class:`ConfigError` with one line naming the setting."""
    path = config_file_path()
    if path.is_file():
        try:
            tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(
                f"config file {path} is not valid TOML ({exc}); fix or remove it"
            ) from exc
        except OSError as exc:
            raise ConfigError(f"config file {path} cannot be read ({exc.strerror})") from exc
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        raise ConfigError(_describe(exc)) from exc
