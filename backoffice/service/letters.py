"""Letters to the person (``backoffice.letters``): which are possible, filled, saved, marked
sent, read and written to a file."""

from __future__ import annotations

from pathlib import Path

from backoffice.letters import (
    LetterKind,
    default_letter_file,
    fill_letter,
    letter_choices,
    list_letters,
    mark_letter_sent,
    read_letter,
    save_letter,
    write_letter_file,
)
from backoffice.service.core import ServiceCore
from backoffice.view_models import LetterChoice, LetterView
from intake.core.clock import local_today
from intake.core.files import private_dir

#: Where the app writes letters, under the data folder.
LETTERS_FOLDER = "letters"


class LetterRequests(ServiceCore):
    """Letters to the person on a case."""

    def letter_choices(self, reference: str) -> list[LetterChoice]:
        """Every letter kind and whether the case may have it now (identified writers only)."""
        with self._session() as session:
            return letter_choices(session, self.actor, reference)

    def fill_letter(self, reference: str, kind: LetterKind) -> str:
        """The letter filled from the case, for the writer to edit before saving."""
        with self._session() as session:
            return fill_letter(session, self.actor, reference, kind)

    def save_letter(
        self, reference: str, kind: LetterKind, text: str, *, sent: bool = False
    ) -> LetterView:
        """Save the letter on the case exactly as written; commits."""
        return self._committed(save_letter, reference=reference, kind=kind, text=text, sent=sent)

    def mark_letter_sent(self, reference: str, letter_id: int) -> LetterView:
        return self._committed(mark_letter_sent, reference=reference, letter_id=letter_id)

    def letters(self, reference: str) -> list[LetterView]:
        """The case's letters, without their words."""
        with self._session() as session:
            return list_letters(session, self.actor, reference)

    def letter(self, reference: str, letter_id: int) -> LetterView:
        """One saved letter with its words (identified readers only; audited)."""
        with self._session() as session:
            return read_letter(session, self.actor, reference, letter_id)

    def write_letter_to_folder(self, reference: str, letter: LetterView, fmt: str) -> Path:
        """Write a saved letter into the data folder's letters folder (0700), named by case,
        kind and today's date (the app's "Save + PDF" and "Save + text")."""
        folder = private_dir(self.settings.data_dir / LETTERS_FOLDER)
        path = default_letter_file(folder, reference, letter.kind, fmt, local_today())
        return self.write_letter(letter, path, fmt)

    def write_letter(self, letter: LetterView, out: Path, fmt: str, *, force: bool = False) -> Path:
        """Write a saved letter (read with its words) as txt or pdf, 0600, never over the
        database and over another file only with ``force``."""
        from intake.core.db.backup import database_files

        return write_letter_file(
            letter,
            out,
            fmt,
            author=self.actor.organisation.full_name,
            force=force,
            protected=database_files(self.settings),
        )
