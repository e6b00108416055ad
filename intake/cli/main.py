"""The `intake` command: the guided interview (TUI), its line mode, drafts and the classifier."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from intake.cli.context import IntakeContext
from intake.cli.serve import run_server, serve_options
from intake.cli.support import AppContext, guarded, run_main

if TYPE_CHECKING:
    from intake.interview.session import Imported


IMPORT_HELP = (
    "A letter's text (a UTF-8 .txt file) to take, exactly as written, as the account of a new "
    "interview."
)


LANGUAGE_HELP = (
    "The language the person is spoken to in (en, cy): what is said to them is shown in it, "
    "with its English; staff's screens stay in English. In Wales the interview asks."
)


def _language(code: str | None) -> str | None:
    """The language code as shipped; an unknown one is refused before anything is opened."""
    if code is None:
        return None
    from intake.core.errors import ConfigError
    from prompts.languages import UnknownLanguage, check_language

    try:
        return check_language(code)
    except UnknownLanguage as exc:
        raise ConfigError(str(exc)) from None


def _imported(path: Path | None) -> Imported | None:
    """The letter read before anything else is opened: a file refused changes nothing."""
    if path is None:
        return None
    from intake.interview.imports import read_letter

    return read_letter(path)


@click.group(invoke_without_command=True)
@click.version_option(package_name="sanctions-intake")
@click.option("--import", "import_file", type=click.Path(path_type=Path), help=IMPORT_HELP)
@click.option("--language", metavar="CODE", help=LANGUAGE_HELP)
@click.pass_context
@guarded
def cli(ctx: click.Context, import_file: Path | None, language: str | None) -> None:
    """Record an alleged sanction against a prisoner or detainee for contacting HMIP, an IMB
    or the PPO. Without a command, opens the guided interview."""
    if import_file is not None and ctx.invoked_subcommand is not None:
        raise click.UsageError("--import goes with the interview: intake --import FILE")
    if language is not None and ctx.invoked_subcommand is not None:
        raise click.UsageError("--language goes with the interview: intake --language cy")
    chosen = _language(language)
    imported = _imported(import_file)
    ctx.obj = IntakeContext(offline_allowed=True)
    if ctx.invoked_subcommand is None:
        from intake.tui.app import run_intake_app

        run_intake_app(ctx.obj.settings, ctx.obj.engine, ctx.obj.notices, imported, chosen)


@cli.command()
@click.option("--as", "as_user", metavar="NAME", help="The interviewer (a user's name).")
@click.option("--json", "as_json", is_flag=True, help="Print the submitted case as JSON.")
@click.option("--import", "import_file", type=click.Path(path_type=Path), help=IMPORT_HELP)
@click.option("--language", metavar="CODE", help=LANGUAGE_HELP)
@click.pass_obj
@guarded
def chat(
    app: IntakeContext,
    as_user: str | None,
    as_json: bool,
    import_file: Path | None,
    language: str | None,
) -> None:
    """The interview in plain line mode (screen readers, scripts)."""
    from intake.cli.chat import run_chat
    from intake.cli.lineio import LineIO

    chosen = _language(language)
    imported = _imported(import_file)
    app.engine  # noqa: B018 - open it now, so that offline notices come before the first question
    for notice in app.notices:
        click.echo(notice, err=True)
    io = LineIO(sys.stdin, sys.stdout)
    status = run_chat(app, io, as_user=as_user, as_json=as_json, imported=imported, language=chosen)
    sys.exit(status)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print what was sent as JSON.")
@click.pass_obj
@guarded
def sync(app: AppContext, as_json: bool) -> None:
    """Send the cases recorded offline on this laptop to the central database."""
    from intake.core.db.engine import open_database
    from intake.core.db.outbox import is_server_url, open_outbox, outbox_path
    from intake.core.errors import ConfigError
    from intake.sync import sync_outbox

    settings = app.settings
    if not is_server_url(settings.effective_database_url):
        raise ConfigError(
            "SANCTIONS_DATABASE_URL: this laptop uses a local SQLite file, so there is no central "
            "database to sync with (set it to the team's postgresql+psycopg://... URL)"
        )
    if not outbox_path(settings).exists():
        click.echo("Nothing to send: this laptop has not worked offline.")
        return
    central = open_database(settings)
    report = sync_outbox(open_outbox(settings), central, settings)
    if as_json:
        click.echo(json.dumps({
            "sent": [{"provisional": a, "reference": b} for a, b in report.sent],
            "already_there": [{"provisional": a, "reference": b} for a, b in report.already_there],
            "drafts": report.drafts,
            "problems": report.problems,
        }, indent=2))  # fmt: skip
    else:
        for line in report.lines():
            click.echo(line)
    sys.exit(1 if report.problems else 0)


@cli.command()
@serve_options(default_port=8000)
@click.pass_obj
@guarded
def serve(app: AppContext, **options: Any) -> None:
    """The interview in a browser: one app process per session, as the person signed in (this
    computer's login, or the one the organisation's proxy names)."""
    run_server(app.settings, title="Sanctions intake", argv=["intake.cli.main"], options=options)


@cli.group()
def drafts() -> None:
    """Unfinished interviews."""


@drafts.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
@guarded
def drafts_list(app: AppContext, as_json: bool) -> None:
    """List unfinished interviews."""
    from intake.core.clock import local_time
    from intake.interview.drafts import DraftStore

    found = DraftStore(app.engine).open_drafts()
    if as_json:
        rows = [
            {
                "id": d.id,
                "uuid": d.uuid,
                "updated_at": d.updated_at.isoformat(),
                "answered": d.answered,
                "establishment": d.establishment,
                "person": d.person,
                "unfinished_text": d.has_pending_text,
                "stopped": d.stopped,
            }
            for d in found
        ]
        click.echo(json.dumps(rows, indent=2))
        return
    if not found:
        click.echo("No unfinished interviews.")
    for d in found:
        click.echo(
            f"{d.id:>5}  {local_time(d.updated_at):%Y-%m-%d %H:%M}  {d.answered:>2} answers  "
            f"{d.person or '-'}  {d.establishment or '-'}"
            + (f"  [{d.stopped}]" if d.stopped else "")
        )


@drafts.command("discard")
@click.argument("draft_id", type=int)
@click.pass_obj
@guarded
def drafts_discard(app: AppContext, draft_id: int) -> None:
    """Discard an unfinished interview."""
    from intake.interview.drafts import DraftStore

    DraftStore(app.engine).discard(draft_id)
    click.echo(f"Discarded draft {draft_id}.")


def _register_classifier() -> None:
    from intake.cli.classify import classify_command

    cli.add_command(classify_command, "classify")


_register_classifier()


def main() -> None:
    run_main(cli)


if __name__ == "__main__":  # `python -m intake.cli.main`: each browser session's process
    main()
