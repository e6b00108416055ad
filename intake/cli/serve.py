"""``serve``: the options both command lines share, and running the browser server
(``intake.web``). Each app adds its own ``serve`` command with them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from intake.core.settings import Settings
from intake.web.access import DEFAULT_PROXY, ServeOptions, check_options

F = TypeVar("F", bound=Callable[..., Any])


def serve_options(default_port: int) -> Callable[[F], F]:
    """``--host``, ``--port``, ``--public-url``, ``--trust-proxy-header``, ``--proxy-address``."""
    decorators = [
        click.option("--host", default="127.0.0.1", show_default=True,
                     help="Listen on this address. Anything but this computer (loopback) needs "
                     "--trust-proxy-header."),
        click.option("--port", type=click.IntRange(1, 65535), default=default_port,
                     show_default=True, help="Listen on this port."),
        click.option("--public-url", metavar="URL",
                     help="The address people open, when a proxy is in front "
                     "(https://sanctions.example.org)."),
        click.option("--trust-proxy-header", metavar="HEADER",
                     help="Behind the organisation's HTTPS proxy: the header in which it names "
                     "the signed-in person's computer login (e.g. X-Remote-User)."),
        click.option("--proxy-address", multiple=True, default=(DEFAULT_PROXY,),
                     show_default=True, metavar="IP",
                     help="The proxy's address: the only one whose header is believed "
                     "(repeat for several)."),
    ]  # fmt: skip

    def decorate(func: F) -> F:
        for decorator in reversed(decorators):
            func = decorator(func)
        return func

    return decorate


def run_server(
    settings: Settings,
    *,
    title: str,
    argv: Sequence[str],
    options: dict[str, Any],
    acting: str | None = None,
) -> None:
    """Check the options (a refusal is one line, nothing listens), then serve until Ctrl+C."""
    chosen = ServeOptions(**{**options, "proxy_address": tuple(options["proxy_address"])})
    check_options(chosen, database_url=settings.effective_database_url, acting=acting)
    from intake.web.server import SanctionsServer

    SanctionsServer(settings, title=title, argv=argv, options=chosen, acting=acting).serve()
