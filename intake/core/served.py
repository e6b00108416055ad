"""Who a browser session acts for, when the apps are served behind the organisation's proxy.

``intake serve`` and ``backoffice serve`` (``intake.web``) start one app process per browser
session. Behind the organisation's HTTPS proxy, which has signed the person in, the server
starts that process for the computer login the proxy named, in two environment variables:

- ``SANCTIONS_SERVE_LOGIN``: the login (a user's ``os_login``);
- ``SANCTIONS_SERVE_TICKET``: ``<key id>.<HMAC-SHA256 of the login under the server's key>``.

The key is 32 random bytes the server writes at start to ``<data dir>/serve/<key id>.key``
(0600, in a 0700 folder) and deletes when it stops. The app process accepts the login only
when the ticket verifies under that file and the file is its own user's and private. The page
never reaches either variable (it only sends keystrokes and the window's size), so what a
browser sends cannot choose a login; forging a ticket needs the key file, i.e. the rights of
the account that runs the server, which can open the database itself anyway.

A login given without a valid ticket is refused (``PermissionDenied``), never ignored: the
process would otherwise act as the account running the server.

Every session's process also gets ``SANCTIONS_SERVE_PARENT``, the server's process id, and ends
itself when its parent is no longer that server: a server stopped normally ends its sessions, but
one killed outright (``kill -9``, the machine's out-of-memory killer) cannot, and its sessions
would stay running, each holding a person's interview open with nobody able to reach it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import signal
import stat
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from intake.core.errors import PermissionDenied
from intake.core.settings import Settings

LOGIN_ENV = "SANCTIONS_SERVE_LOGIN"
TICKET_ENV = "SANCTIONS_SERVE_TICKET"
PARENT_ENV = "SANCTIONS_SERVE_PARENT"
#: This process's watch on its server, once started.
_watching: threading.Thread | None = None
#: How often a session's process checks that its server is still running.
WATCH_SECONDS = 1.0
#: A computer login as a proxy names it (letters, digits, ``. _ @ -``; an email-style name too).
LOGIN_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
_KEY_ID = re.compile(r"[0-9a-f]{32}")
_PURPOSE = b"sanctions-serve-login\x00"

#: The login this process acts for, once its ticket was verified (one per process, as the OS
#: login is).
_verified: str | None = None


def keys_folder(settings: Settings) -> Path:
    return settings.data_dir / "serve"


def _mac(secret: bytes, login: str) -> str:
    return hmac.new(secret, _PURPOSE + login.encode("utf-8"), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class ServerKey:
    """A running server's key: it signs each session's login (see the module's text)."""

    key_id: str
    secret: bytes
    path: Path

    @classmethod
    def create(cls, settings: Settings) -> ServerKey:
        from intake.core.files import private_dir, write_private_bytes

        key_id, secret = secrets.token_hex(16), secrets.token_bytes(32)
        path = private_dir(keys_folder(settings)) / f"{key_id}.key"
        write_private_bytes(path, secret)
        return cls(key_id, secret, path)

    def session_environment(self, login: str) -> dict[str, str]:
        """The variables that make a session's app process act for ``login``."""
        if not LOGIN_PATTERN.fullmatch(login):
            raise PermissionDenied(f"{login!r} is not a computer login")
        return {LOGIN_ENV: login, TICKET_ENV: f"{self.key_id}.{_mac(self.secret, login)}"}

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


def _refused(why: str) -> PermissionDenied:
    return PermissionDenied(f"this browser session's sign-in could not be checked ({why})")


def _read_key(settings: Settings, key_id: str) -> bytes:
    """The server's key, only from a private file of this process's own user."""
    path = keys_folder(settings) / f"{key_id}.key"
    try:
        info = path.lstat()
    except OSError as exc:
        raise _refused("its server is not running") from exc
    private = stat.S_ISREG(info.st_mode) and not info.st_mode & 0o077
    if not private or info.st_uid != os.getuid():
        raise _refused("the server's key file is not private")
    return path.read_bytes()


def verify(settings: Settings, environ: Mapping[str, str]) -> str | None:
    """The login a browser server gave this process, checked; None outside such a session."""
    login, ticket = environ.get(LOGIN_ENV), environ.get(TICKET_ENV)
    if login is None and ticket is None:
        return None
    if not login or not ticket or not LOGIN_PATTERN.fullmatch(login):
        raise _refused("incomplete")
    key_id, _, mac = ticket.partition(".")
    if not _KEY_ID.fullmatch(key_id):
        raise _refused("malformed")
    if not hmac.compare_digest(mac, _mac(_read_key(settings, key_id), login)):
        raise _refused("it does not match")
    return login


def sign_in(settings: Settings, environ: Mapping[str, str] | None = None) -> str | None:
    """At a command's start: verify a browser session's login and act for it from now on, and
    end with the server that started this session."""
    global _verified
    environ = os.environ if environ is None else environ
    _verified = verify(settings, environ)
    end_with_server(environ)
    return _verified


def end_with_server(environ: Mapping[str, str]) -> threading.Thread | None:
    """In a browser session's process: a thread that ends the process (SIGTERM) once its
    parent is no longer the server named in ``SANCTIONS_SERVE_PARENT``. None elsewhere."""
    global _watching
    value = environ.get(PARENT_ENV, "")
    if not value.isdigit():
        return None
    if _watching is not None:  # one watch per process, however often settings are loaded
        return _watching
    server = int(value)

    def watch() -> None:
        while os.getppid() == server:
            time.sleep(WATCH_SECONDS)
        os.kill(os.getpid(), signal.SIGTERM)

    _watching = threading.Thread(target=watch, name="end-with-server", daemon=True)
    _watching.start()
    return _watching


def served_login() -> str | None:
    """The verified login of this browser session; None in a terminal. A login in the
    environment that nothing verified is refused."""
    if _verified is None and os.environ.get(LOGIN_ENV) is not None:
        raise _refused("not verified")
    return _verified


def forget() -> None:
    """Back to the terminal's identity (tests)."""
    global _verified
    _verified = None
