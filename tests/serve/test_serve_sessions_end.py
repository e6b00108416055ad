"""A browser session's app process ends with its server, even a server killed outright
(``kill -9``), which has no chance to stop its sessions itself."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from intake.core import served
from intake.web.server import SessionAppService

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads a process's state in /proc"
)

#: Stands in for ``intake serve``: builds a session's environment as the server does and starts
#: the intake's session command as textual-serve does (through the shell, ``exec``), then waits.
SERVER = textwrap.dedent(
    """
    import shlex, subprocess, sys, time
    from intake.web.server import SessionAppService

    async def nothing(*args):
        return None

    session = SessionAppService("", environment={}, write_bytes=nothing, write_str=nothing,
                                close=nothing, download_manager=None)
    command = "exec " + shlex.join([sys.executable, "-m", "intake.cli.main"])
    app = subprocess.Popen(command, shell=True, env=session._build_environment(80, 24),
                           stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    print(app.pid, flush=True)
    time.sleep(300)
    """
)


def _running(pid: int) -> bool:
    """The process exists and is not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def _wait(check: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


def test_a_session_ends_when_its_server_is_killed_outright(tmp_path: Path) -> None:
    env = {**os.environ, "SANCTIONS_DATA_DIR": str(tmp_path)}
    env.pop(served.PARENT_ENV, None)
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER], env=env, stdout=subprocess.PIPE, text=True
    )
    app = 0
    try:
        assert server.stdout is not None
        app = int(server.stdout.readline())
        cmdline = Path(f"/proc/{app}/cmdline")
        assert _wait(lambda: b"intake.cli.main" in cmdline.read_bytes(), 20)
        time.sleep(3)  # the app imports, loads its settings and starts watching
        assert _running(app), "the session's app should be running while its server is"
        server.send_signal(signal.SIGKILL)
        server.wait(10)
        assert _wait(lambda: not _running(app), 15), "the session outlived its server"
    finally:
        server.kill()
        if app and _running(app):
            os.kill(app, signal.SIGKILL)


def test_a_session_is_told_which_server_started_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(served.PARENT_ENV, "1")  # the server's own, if it had one, is not passed on
    assert _session_environment()[served.PARENT_ENV] == str(os.getpid())


@pytest.mark.parametrize(("server", "session"), [(None, "off"), ("on", "on")])
def test_a_session_reads_the_model_in_its_own_process_unless_told(
    monkeypatch: pytest.MonkeyPatch, server: str | None, session: str
) -> None:
    from intake.classifier.learned import helper

    if server is None:
        monkeypatch.delenv(helper.SWITCH, raising=False)
    else:
        monkeypatch.setenv(helper.SWITCH, server)
    assert _session_environment()[helper.SWITCH] == session


def _session_environment() -> dict[str, str]:
    """The environment a session's app process is started with (no session variables)."""

    async def nothing(*args: object) -> None:
        return None

    service = SessionAppService(
        "",
        environment={},
        write_bytes=nothing,
        write_str=nothing,
        close=nothing,
        download_manager=None,
    )
    return service._build_environment()


def test_outside_a_browser_session_nothing_watches() -> None:
    assert served.end_with_server({}) is None
    assert served.end_with_server({served.PARENT_ENV: "not a number"}) is None
