"""``backoffice serve``: the triage app in a browser (``intake.web``), one process a session."""

from __future__ import annotations

from typing import Any

import click

from backoffice.cli.common import BackofficeContext, pass_app
from intake.cli.serve import run_server, serve_options
from intake.cli.support import guarded


@click.command("serve")
@serve_options(default_port=8001)
@pass_app
@guarded
def serve_command(app: BackofficeContext, **options: Any) -> None:
    """The triage app in a browser: one app process per session, as the person signed in (this
    computer's login, with --as among several; or the one the organisation's proxy names)."""
    argv = ["backoffice.cli.main", *(["--demo"] if app.overrides.get("demo") else [])]
    run_server(
        app.settings, title="Sanctions back office", argv=argv, options=options, acting=app.acting
    )
