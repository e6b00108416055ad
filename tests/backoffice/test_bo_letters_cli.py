"""Issue 16: `backoffice letter REF KIND` and `backoffice letters REF` through the installed
command, as staff use them: filled from the case, edited in $EDITOR, saved on the case,
written as a 0600 PDF never over an existing file, listed, shown and marked sent."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import Engine
from sqlmodel import Session, select

from intake.core.db.models import CaseLetter
from intake.core.settings import Settings
from intake.core.vocabulary import Qualifies, Route
from tests.support.cli import cli_env, run_cli
from tests.support.factories import ActFn, Staff, SubmitFn


def _signposted(act: ActFn, staff: Staff, submit: SubmitFn) -> str:
    ref = submit(qualifies=Qualifies.NO, route=Route.COMPLAINT)
    act(staff.imb, ref, "does_not_qualify", outcome="complaint", note="Canteen",
        told=date.today(), confirm_close=True)  # fmt: skip
    return ref


def test_a_letter_is_edited_saved_written_listed_and_marked_sent(
    act: ActFn,
    staff: Staff,
    submit: SubmitFn,
    settings: Settings,
    engine: Engine,
    tmp_path: Path,
) -> None:
    ref = _signposted(act, staff, submit)
    editor = tmp_path / "editor.sh"
    editor.write_text("#!/bin/sh\nprintf 'P.S. Ask the wing office for the form.\\n' >> \"$1\"\n")
    editor.chmod(0o700)
    env = cli_env(settings, SANCTIONS_USER="Ian Board", EDITOR=str(editor))
    out = tmp_path / "letter.pdf"

    made = run_cli("backoffice", "letter", ref, "does-not-qualify", "--edit", "--out", str(out),
                   env=env)  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert f"{ref}: letter 1 saved (It does not qualify: where to go instead)" in made.stdout
    assert "OFFICIAL-SENSITIVE" in made.stdout
    with Session(engine) as session:
        saved = session.exec(select(CaseLetter)).one()
    assert saved.text.startswith(f"{date.today().day} ") and "Dear Jordan Example," in saved.text
    assert saved.text.endswith("HMP Wandsworth\nP.S. Ask the wing office for the form.\n")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    pdf_words = [w for p in PdfReader(out).pages for w in (p.extract_text() or "").split()]
    assert [w for w in pdf_words if w != "OFFICIAL-SENSITIVE"] == saved.text.split()

    again = run_cli("backoffice", "letter", ref, "does_not_qualify", "--out", str(out), env=env)
    assert again.returncode == 1 and "already exists" in again.stderr
    with Session(engine) as session:
        assert len(session.exec(select(CaseLetter)).all()) == 1  # refused before saving

    listed = run_cli("backoffice", "letters", ref, env=env)
    assert listed.returncode == 0, listed.stderr
    assert "It does not qualify: where to go instead" in listed.stdout
    assert "not marked sent" in listed.stdout
    assert "letters possible now: does_not_qualify" in listed.stdout

    shown = run_cli("backoffice", "letters", ref, "--show", "1", env=env)
    assert shown.stdout == saved.text
    sent = run_cli("backoffice", "letters", ref, "--mark-sent", "1", env=env)
    assert sent.returncode == 0 and "marked sent" in sent.stdout
    text_file = tmp_path / "letter.txt"
    written = run_cli("backoffice", "letters", ref, "--show", "1", "--out", str(text_file),
                      env=env)  # fmt: skip
    assert written.returncode == 0, written.stderr
    assert text_file.read_text() == f"OFFICIAL-SENSITIVE\n\n{saved.text}\nOFFICIAL-SENSITIVE\n"


def test_an_editor_closed_without_saving_stores_nothing(
    act: ActFn, staff: Staff, submit: SubmitFn, settings: Settings, engine: Engine
) -> None:
    ref = _signposted(act, staff, submit)
    env = cli_env(settings, SANCTIONS_USER="Ian Board", EDITOR="true")
    result = run_cli("backoffice", "letter", ref, "does_not_qualify", "--edit", env=env)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "error: the letter was not saved in the editor: nothing was stored"
    )
    with Session(engine) as session:
        assert session.exec(select(CaseLetter)).all() == []
