"""`backoffice letter REF KIND` and `backoffice letters REF`: letters to the person, filled
from the case (``prompts/letters/``), edited, saved on the case and written as txt or pdf."""

from __future__ import annotations

from pathlib import Path

import click

from backoffice.cli.common import BackofficeContext, emit_json, json_option, pass_app
from backoffice.letters import LETTER_FORMATS, parse_kind
from backoffice.service import BackofficeService
from backoffice.text import plain
from backoffice.view_models import LetterView
from intake.cli.support import guarded
from intake.core.clock import local_time
from intake.core.db.backup import check_output, database_files
from intake.core.errors import PermissionDenied, ValidationProblem

_out = click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="Write the letter to FILE."
)
_format = click.option(
    "--format",
    "fmt",
    type=click.Choice(LETTER_FORMATS),
    help="txt or pdf (default: by --out's ending, else txt).",
)
_force = click.option("--force", is_flag=True, help="Overwrite --out if it exists.")


def _format_of(out: Path | None, fmt: str | None) -> str:
    if fmt is not None:
        return fmt
    return "pdf" if out is not None and out.suffix.lower() == ".pdf" else "txt"


def _write(
    service: BackofficeService,
    letter: LetterView,
    out: Path,
    fmt: str,
    force: bool,
) -> None:
    written = service.write_letter(letter, out, fmt, force=force)
    click.echo(f"wrote {written} ({fmt}, OFFICIAL-SENSITIVE): send it to the person only")


@click.command("letter")
@click.argument("reference")
@click.argument("kind", metavar="KIND")
@click.option("--edit", is_flag=True, help="Edit the letter in $EDITOR before it is saved.")
@click.option("--sent", is_flag=True, help="Mark it sent as it is saved.")
@_out
@_format
@_force
@json_option
@pass_app
@guarded
def letter_command(
    app: BackofficeContext,
    reference: str,
    kind: str,
    edit: bool,
    sent: bool,
    out: Path | None,
    fmt: str | None,
    force: bool,
    as_json: bool,
) -> None:
    """Fill a letter to the person from the case, save it on the case, and print it or write
    it to --out. KIND: reassurance, does_not_qualify, no_investigation (step 7), unfounded
    (step 10) or proved (step 11); a case has only those its step allows (`letters REF`
    lists them). Only staff identified to the case may write one."""
    letter_kind = parse_kind(kind)
    chosen = _format_of(out, fmt)
    if out is not None:  # before anything is filled or saved
        check_output(out, force=force, protected=database_files(app.settings))
    service = app.service()
    text = service.fill_letter(reference, letter_kind)
    if edit:
        edited = click.edit(text, extension=".txt", require_save=True)
        if edited is None:
            raise ValidationProblem("the letter was not saved in the editor: nothing was stored")
        text = edited
    saved = service.save_letter(reference, letter_kind, text, sent=sent)
    if as_json:
        emit_json(saved)
    elif out is None:
        click.echo(saved.text or "", nl=False)
    else:
        click.echo(f"{reference.strip().upper()}: letter {saved.id} saved ({saved.title})")
    if out is not None:
        _write(service, saved, out, chosen, force)


@click.command("letters")
@click.argument("reference")
@click.option("--show", "show_id", type=int, metavar="ID", help="Print letter ID's words.")
@click.option("--mark-sent", "sent_id", type=int, metavar="ID", help="Mark letter ID sent.")
@_out
@_format
@_force
@json_option
@pass_app
@guarded
def letters_command(
    app: BackofficeContext,
    reference: str,
    show_id: int | None,
    sent_id: int | None,
    out: Path | None,
    fmt: str | None,
    force: bool,
    as_json: bool,
) -> None:
    """The letters saved on a case and the kinds it may have now; --show ID prints one (or
    writes it to --out), --mark-sent ID records that it was sent."""
    service = app.service()
    if out is not None and show_id is None:
        raise ValidationProblem("--out writes one letter: give --show ID too")
    if sent_id is not None:
        done = service.mark_letter_sent(reference, sent_id)
        click.echo(f"{reference.strip().upper()}: letter {done.id} ({done.title}) marked sent")
        return
    if show_id is not None:
        if out is not None:
            check_output(out, force=force, protected=database_files(app.settings))
        letter = service.letter(reference, show_id)
        if as_json:
            emit_json(letter)
        elif out is None:
            click.echo(letter.text or "", nl=False)
        if out is not None:
            _write(service, letter, out, _format_of(out, fmt), force)
        return
    saved = service.letters(reference)
    if as_json:
        emit_json(saved)
        return
    ref = reference.strip().upper()
    if not saved:
        click.echo(f"{ref}: no letter saved yet")
    for letter in saved:
        when = f"{local_time(letter.created_at):%Y-%m-%d %H:%M}"
        sent = (
            f"sent {local_time(letter.sent_at):%Y-%m-%d}" if letter.sent_at else "not marked sent"
        )
        by = plain(letter.created_by or "-")
        click.echo(f"  {letter.id:>4}  {letter.title}  {when} by {by}  {sent}  {letter.chars} ch")
    try:
        choices = service.letter_choices(reference)
    except PermissionDenied:  # not identified, or not a writer: the list is all they may see
        return
    possible = ", ".join(c.kind for c in choices if c.allowed) or "none"
    click.echo(f"letters possible now: {possible} (backoffice letter REF KIND)")
