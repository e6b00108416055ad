"""textual-serve's Server, with a gate in front and each session's process for its person.

textual-serve starts one app process per websocket (``AppService``: the command through the
shell, with this server's environment plus the terminal's size). This subclass adds:

- a middleware that asks ``access.Gate`` about every request (page, static files, downloads,
  websocket) and answers a refusal with a short page and no app process;
- on this computer, the key printed with the address, kept in a cookie after the first page;
- behind the proxy, the session's login and its ticket (``intake.core.served``) in the app
  process's environment, and never ``SANCTIONS_USER`` (``--as``) from the server's own.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import os
import shlex
import sys
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from intake.core import served
from intake.core.settings import Settings
from intake.web.access import Admitted, Gate, Refused, ServeOptions, Visit

log = logging.getLogger("textual-serve")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
_LOGIN = "sanctions.login"  # the request's login, once the gate let it in
#: The classifier's switch for its helper process (``intake.classifier.learned.helper.SWITCH``):
#: off in a served session unless the server's own environment sets it, since sessions share the
#: server's cores and each would otherwise start a helper process of its own.
_MODEL_HELPER = "SANCTIONS_MODEL_HELPER"
#: Never inherited by a session from the server's own environment.
_SESSION_VARIABLES = (served.LOGIN_ENV, served.TICKET_ENV, served.PARENT_ENV, "SANCTIONS_USER")


class SessionAppService(AppService):
    """One session's app process, with the variables of its person."""

    def __init__(self, command: str, *, environment: Mapping[str, str], **kwargs: Any) -> None:
        super().__init__(command, **kwargs)
        self.session_environment = dict(environment)

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width=width, height=height)
        for name in _SESSION_VARIABLES:
            environment.pop(name, None)
        environment.update(self.session_environment)
        # exec'd by the shell, the app's parent is this server: it ends when the server does
        environment[served.PARENT_ENV] = str(os.getpid())
        environment.setdefault(_MODEL_HELPER, "off")
        return environment

    async def end(self, timeout: float = 5) -> None:
        """Ask the app to quit (as textual-serve does when the page goes); kill it if it has
        not within ``timeout`` seconds."""
        with contextlib.suppress(TimeoutError, OSError):
            await asyncio.wait_for(self.stop(), timeout)
        process = self._process
        if process is not None and process.returncode is None:
            process.kill()
            await process.wait()


def refusal_page(refused: Refused, title: str) -> web.Response:
    body = (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}"
        f"</title></head><body><h1>{html.escape(title)}</h1><p id='refused'>"
        f"{html.escape(refused.why)}</p></body></html>"
    )
    return web.Response(status=refused.status, text=body, content_type="text/html")


class SanctionsServer(Server):
    """Serves one of the apps (``argv``: its ``python -m`` module and options) as ``options``
    say, acting as ``acting`` (``--as``) on this computer."""

    def __init__(
        self,
        settings: Settings,
        *,
        title: str,
        argv: Sequence[str],
        options: ServeOptions,
        acting: str | None = None,
    ) -> None:
        # exec: the shell textual-serve starts becomes the app, so stopping it stops the app
        command = "exec " + shlex.join([sys.executable, "-m", *argv])
        super().__init__(
            command, host=options.host, port=options.port, title=title, public_url=options.url
        )
        self.settings = settings
        self.options = options
        self.gate = Gate(options)
        self.acting = acting
        self.cookie = f"sanctions-serve-{options.port}"
        self.server_key: served.ServerKey | None = None
        self.sessions: set[SessionAppService] = set()

    @property
    def open_url(self) -> str:
        """What to open in the browser (on this computer, with the key)."""
        if self.options.behind_proxy:
            return f"{self.public_url}/"
        return f"{self.public_url}/?key={self.gate.key}"

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._guard)
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        name = self.options.trust_proxy_header
        visit = Visit(
            peer=request.remote,
            websocket=request.path == "/ws",
            origin=request.headers.get("Origin"),
            header_values=tuple(request.headers.getall(name, ())) if name else (),
            key=request.query.get("key") or request.cookies.get(self.cookie),
        )
        decision = self.gate.admit(visit)
        if isinstance(decision, Refused):
            log.warning("refused %s %s from %s: %s", request.method, request.path,
                        request.remote, decision.why)  # fmt: skip
            return refusal_page(decision, self.title)
        if decision.login is not None:
            request[_LOGIN] = decision.login
        if "key" in request.query and request.path == "/":
            return self._keep_key()
        return await handler(request)

    def _keep_key(self) -> web.StreamResponse:
        """The key from the printed address into a cookie, and the address without it."""
        response = web.Response(status=303, headers={"Location": "/"})
        response.set_cookie(self.cookie, self.gate.key, httponly=True, samesite="Strict", path="/")
        return response

    def session_environment(self, admitted: Admitted) -> dict[str, str]:
        if admitted.login is not None:
            assert self.server_key is not None, "the server's key is made at start"
            return self.server_key.session_environment(admitted.login)
        return {"SANCTIONS_USER": self.acting} if self.acting else {}

    async def on_startup(self, app: web.Application) -> None:
        if self.options.behind_proxy:
            self.server_key = served.ServerKey.create(self.settings)
        how = (
            f"behind the proxy (people signed in by {self.options.trust_proxy_header})"
            if self.options.behind_proxy
            else "on this computer only"
        )
        print(f"Serving {self.title} {how}. Open {self.open_url}", flush=True)
        print("Press Ctrl+C to stop.", flush=True)

    async def on_shutdown(self, app: web.Application) -> None:
        """No session outlives the server, nor its key."""
        await asyncio.gather(*(session.end() for session in list(self.sessions)))
        if self.server_key is not None:
            self.server_key.remove()

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's own, with the session's environment (the gate has let it in)."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        environment = self.session_environment(Admitted(request.get(_LOGIN)))
        app_service: SessionAppService | None = None
        try:
            await websocket.prepare(request)
            app_service = SessionAppService(
                self.command,
                environment=environment,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            self.sessions.add(app_service)
            await app_service.start(width, height)
            try:
                await self._process_messages(websocket, app_service)
            finally:
                await app_service.stop()
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:
            log.exception(error)
        finally:
            if app_service is not None:
                await app_service.end()
                self.sessions.discard(app_service)
        return websocket
