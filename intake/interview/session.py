"""One interview: the engine and its draft kept in step, for both front ends (the TUI and
line mode, ``intake chat``): answer, keep unfinished text, submit, discard.

Answers are saved the moment they are accepted (on the caller's thread: a SQLite write is a
few milliseconds and must not be lost). Unfinished text is saved from worker threads; a lock
and a sequence number keep an older autosave from overwriting a newer one, or from bringing
back text that has since been accepted as an answer.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from typing import Any

from intake.classifier import start_model_helper
from intake.core.clock import local_time, utcnow
from intake.core.errors import ValidationProblem
from intake.core.letter_words import load_letter
from intake.core.settings import Settings
from intake.core.users import Actor
from intake.interview.answers import Parsed
from intake.interview.drafts import DraftStore
from intake.interview.engine import Interview
from intake.interview.letters import (
    letters_folder,
    reassurance_letter,
    wants_later,
    write_letter,
)
from intake.interview.panel import CasePanelData, case_panel
from intake.interview.profile import home_establishment
from intake.interview.script import Question, Stop

#: The question that writes the reply letter (a written allegation).
REPLY_LETTER = "reply_letter"
NOT_WRITTEN = "not written yet: to be sent later"

#: The engine and classifier are used from the UI thread and from preview workers; one at a time.
ENGINE_LOCK = threading.RLock()


def warm_up(today: date) -> None:
    """Load the classifier's vocabulary and start the model's helper process before the first
    narrative (call from a worker)."""
    start_model_helper()
    with ENGINE_LOCK:
        Interview(today=today).preview("warming up")


@dataclass(frozen=True)
class Imported:
    """The text of a letter read from a file, to be the account as it is."""

    name: str
    text: str


def imported_words(imported: Imported) -> str:
    """What the interviewer is told of an imported letter: all of it is the account."""
    lines = imported.text.count("\n") + 1
    return (
        f"The account is the text of {imported.name}, as written: {len(imported.text):,} "
        f"characters on {lines:,} lines, nothing left out. Change it at the review if need be."
    )


@dataclass(frozen=True)
class Pending:
    """Text typed but not yet accepted, recovered from a draft."""

    key: str
    text: str


class InterviewSession:
    """The interview being recorded, its draft id and the store that keeps it."""

    def __init__(
        self,
        *,
        store: DraftStore,
        actor: Actor,
        settings: Settings,
        draft_id: int,
        interview: Interview,
        pending: Pending | None = None,
        resumed: bool = False,
    ) -> None:
        self.store = store
        self.actor = actor
        self.settings = settings
        self.draft_id = draft_id
        self.interview = interview
        self.pending = pending
        self.resumed = resumed
        #: The letter whose text is the account, when it was imported (``intake --import``).
        self.imported: Imported | None = None
        self._lock = threading.Lock()
        self._pending_seq = 0
        self._written_seq = 0
        #: For each accepted answer, the last autosave number scheduled before it.
        self._accepted_at: dict[str, int] = {}

    @staticmethod
    def _interview(
        store: DraftStore,
        actor: Actor,
        settings: Settings,
        today: date,
        answers: dict[str, dict[str, Any]] | None = None,
    ) -> Interview:
        return Interview(
            today=today,
            answers=answers,
            home_establishment=home_establishment(store.engine, actor),
            letters_folder=letters_folder(settings.data_dir),
        )

    @classmethod
    def start(
        cls,
        store: DraftStore,
        *,
        actor: Actor,
        settings: Settings,
        today: date,
        imported: Imported | None = None,
        language: str | None = None,
    ) -> InterviewSession:
        """A new interview with a new draft (database work: call from a worker); with the
        text of a letter ``imported`` as its account, kept as it is; in ``language`` (a code
        of prompts/languages.py) when chosen at the start."""
        draft_id = store.start(user_id=actor.id)
        session = cls(
            store=store,
            actor=actor,
            settings=settings,
            draft_id=draft_id,
            interview=cls._interview(store, actor, settings, today),
        )
        if language is not None:
            question = session.interview.script.question("language")
            session.answer(question, language, editing=True)
        if imported is not None:
            session.imported = imported
            session.interview.imported_from = imported.name
            narrative = session.interview.script.question("narrative")
            session.answer(narrative, imported.text, editing=True)
        return session

    @classmethod
    def resume(
        cls, store: DraftStore, draft_id: int, *, actor: Actor, settings: Settings, today: date
    ) -> InterviewSession:
        """An unfinished interview, with any text that was being typed (call from a worker)."""
        data = store.load(draft_id)
        pending = None
        if data.pending_key and data.pending_text:
            pending = Pending(data.pending_key, data.pending_text)
        return cls(
            store=store,
            actor=actor,
            settings=settings,
            draft_id=draft_id,
            interview=cls._interview(store, actor, settings, today, data.answers),
            pending=pending,
            resumed=True,
        )

    def answer(self, question: Question, text: str, *, editing: bool = False) -> Parsed:
        """Give the engine an answer and save it at once; ValidationProblem changes nothing."""
        key = question.key if editing else None
        with ENGINE_LOCK:
            if question.key == REPLY_LETTER:
                parsed = self._reply_letter(question, text)
            else:
                parsed = self.interview.answer(text, key=key)
            stop = self.interview.stopped()
            summary = self.interview.stop_summary(stop) if stop is not None else None
        with self._lock:
            self.store.save_answer(
                self.draft_id,
                key=question.key,
                question=question.prompt,
                answer=parsed.display,
                value=parsed.value,
                answers=self.interview.state(),
                stop=summary,
            )
            self._accepted_at[question.key] = self._pending_seq
            if self.pending is not None and self.pending.key == question.key:
                self.pending = None
        return parsed

    def _reply_letter(self, question: Question, text: str) -> Parsed:
        """Write the reassurance in writing to a new file (Enter: the file offered), or record
        that it is to be sent later; the answer keeps the file and when it was written."""
        if wants_later(text):
            return self.interview.accept(question, Parsed(None, NOT_WRITTEN))
        found = self.interview.found(question)
        path_text = text.strip() or (found.display if found else "")
        if not path_text:
            raise ValidationProblem("type a file path for the letter, or 'later'")
        letter = self.reply_letter_text()
        path = write_letter(path_text, letter, folder=letters_folder(self.settings.data_dir))
        written = utcnow()
        value = {"path": str(path), "written_at": written.isoformat()}
        display = f"written {local_time(written):%d %B %Y %H:%M} to {path}"
        return self.interview.accept(question, Parsed(value, display))

    def reply_letter_text(self) -> str:
        """The reassurance letter as it would be written now."""
        interview = self.interview
        place = interview.value("establishment")
        establishment = place.get("name") or place.get("text") if isinstance(place, dict) else None
        received = interview.value("visit_date")
        return reassurance_letter(
            name=str(interview.value("person_name") or load_letter(interview.language).no_name),
            establishment=establishment or "the establishment",
            organisation=self.actor.organisation,
            received_via=str(interview.value("received_via") or ""),
            raised_by=interview.value("raised_by"),
            received_on=date.fromisoformat(received) if received else interview.today,
            written_on=interview.today,
            language=interview.language,
        )

    @property
    def stop(self) -> Stop | None:
        """The stop in force (an interpreter needed but not there): the front ends ask
        ``stop_question`` instead of going on to the review."""
        with ENGINE_LOCK:
            return self.interview.stopped()

    def stop_summary(self) -> str | None:
        with ENGINE_LOCK:
            stop = self.interview.stopped()
            return self.interview.stop_summary(stop) if stop is not None else None

    def panel(self, draft_text: str | None = None) -> CasePanelData:
        """The case panel for the interview so far (a preview of ``draft_text`` if given)."""
        with ENGINE_LOCK:
            return case_panel(self.interview, draft_text=draft_text)

    def next_pending_seq(self) -> int:
        """A number for an autosave about to be scheduled (called on the UI thread)."""
        self._pending_seq += 1
        return self._pending_seq

    def save_pending(self, key: str, text: str, *, seq: int) -> bool:
        """Keep unfinished text; skipped when a newer save ran or the answer was accepted."""
        with self._lock:
            if seq < self._written_seq or seq <= self._accepted_at.get(key, 0):
                return False
            self.store.save_pending(self.draft_id, key=key, text=text)
            self._written_seq = seq
            return True

    def append_pending(self, key: str, text: str) -> None:
        """Add a line to the unfinished text (line mode keeps each line as it is typed)."""
        with self._lock:
            self.store.append_pending(self.draft_id, key=key, text=text)

    def submit(self) -> str:
        """Write the case; returns its reference (database work: call from a worker). A
        stopped interview is refused (ValidationProblem): no account or consent was taken."""
        with self._lock:
            return self.store.submit(
                self.draft_id, self.interview, actor=self.actor, settings=self.settings
            )

    def discard(self) -> None:
        with self._lock:
            self.store.discard(self.draft_id)
