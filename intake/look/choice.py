"""Each person's theme, remembered in the data folder beside the remembered interviewer.

``appearance.json`` (one per login a browser server serves) holds
``{"users": {name: choice}, "last": choice}``: a person's own choice wins over the ``theme``
setting; before anyone is known (the intake's first start, choosing who you are) the last
choice made with this data folder is used, so a person who needs high contrast has it from the
first screen. A file that cannot be read counts as no choice.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from intake.core.files import private_dir, write_private_bytes
from intake.core.served import served_login
from intake.core.settings import Settings
from intake.look.themes import CHOICES

FILE_NAME = "appearance.json"


def _file(settings: Settings) -> Path:
    """This login's file; a browser server keeps one for each login it serves (as the
    remembered interviewer, ``intake.interview.profile``)."""
    served = served_login()
    return settings.data_dir / (f"appearance-{served}.json" if served else FILE_NAME)


def _read(settings: Settings) -> dict[str, Any]:
    try:
        data = json.loads(_file(settings).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _valid(choice: object) -> str | None:
    return choice if isinstance(choice, str) and choice in CHOICES else None


def chosen_theme(settings: Settings, user: str | None) -> str:
    """The theme for ``user`` (None: nobody known yet): theirs, else the last one chosen
    here before anyone was known, else the setting."""
    data = _read(settings)
    users = data.get("users")
    if user is not None and isinstance(users, dict):
        own = _valid(users.get(user))
        if own is not None:
            return own
    if user is None:
        last = _valid(data.get("last"))
        if last is not None:
            return last
    return settings.theme


def remember_theme(settings: Settings, user: str | None, choice: str) -> None:
    """Keep ``choice`` for ``user`` (and as the last one chosen here)."""
    if choice not in CHOICES:
        raise ValueError(f"unknown theme {choice!r}")
    data = _read(settings)
    users = data.get("users") if isinstance(data.get("users"), dict) else {}
    assert isinstance(users, dict)
    if user is not None:
        users[user] = choice
    data = {"users": users, "last": choice}
    private_dir(settings.data_dir)
    write_private_bytes(_file(settings), json.dumps(data, indent=1, sort_keys=True).encode())
