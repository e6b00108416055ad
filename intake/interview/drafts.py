"""Drafts: every answer saved the moment it is given, unfinished text as it is typed.

A killed process loses at most what was typed since the last save. Drafts can be listed,
resumed and discarded; submitting one writes the case in a single transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, delete, func
from sqlmodel import Session, col, select

from intake.core.clock import utcnow
from intake.core.db.models import Answer, Establishment, InterviewDraft, PendingChunk
from intake.core.errors import NotFoundError, ValidationProblem
from intake.core.settings import Settings
from intake.core.submission import submit_case
from intake.core.users import Actor
from intake.interview.engine import Interview
from intake.interview.outcome import build_submission


@dataclass(frozen=True)
class DraftSummary:
    id: int
    uuid: str
    updated_at: datetime
    answered: int
    establishment: str | None
    person: str | None
    has_pending_text: bool
    #: Why the interview was stopped, when it is (an interpreter needed, and the language).
    stopped: str | None = None


@dataclass(frozen=True)
class DraftData:
    id: int
    answers: dict[str, dict[str, Any]]
    pending_key: str | None
    pending_text: str | None


class DraftStore:
    """Autosave and resume for interviews (plain Python; the apps call it from workers)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def start(self, *, user_id: int | None) -> int:
        with Session(self.engine) as session:
            draft = InterviewDraft(user_id=user_id, state={"answers": {}})
            session.add(draft)
            session.commit()
            assert draft.id is not None
            return draft.id

    def save_answer(
        self,
        draft_id: int,
        *,
        key: str,
        question: str,
        answer: str,
        value: Any,
        answers: dict[str, dict[str, Any]],
        stop: str | None = None,
    ) -> None:
        """Record one exchange and the whole answer state, in one transaction; ``stop`` says
        why the interview is stopped now (None: it is not), kept with when it started and
        when it was lifted."""
        with Session(self.engine) as session:
            draft = self._open(session, draft_id)
            last = session.exec(
                select(func.max(Answer.seq)).where(Answer.draft_id == draft_id)
            ).one()
            session.add(
                Answer(
                    draft_id=draft_id,
                    seq=(last or 0) + 1,
                    key=key,
                    question=question,
                    answer=answer,
                    value=value,
                )
            )
            draft.state = _with_stops({**draft.state, "answers": answers}, stop)
            if draft.pending_key == key:
                replace_pending(session, draft, key=key, text="")
            draft.updated_at = utcnow()
            session.add(draft)
            session.commit()

    def save_pending(self, draft_id: int, *, key: str, text: str) -> None:
        """Keep unfinished text (a narrative being typed) so a crash does not lose it; it
        replaces what was kept before (an empty text keeps nothing)."""
        with Session(self.engine) as session:
            draft = self._open(session, draft_id)
            replace_pending(session, draft, key=key, text=text)
            session.commit()

    def append_pending(self, draft_id: int, *, key: str, text: str) -> None:
        """Add ``text`` to the end of the unfinished text as a new piece (what is already kept
        is neither sent nor rewritten, so each save costs what it adds); the draft must already
        hold unfinished text for ``key`` (``save_pending``)."""
        with Session(self.engine) as session:
            draft = session.get(InterviewDraft, draft_id)
            if draft is None or draft.status != "open" or draft.pending_key != key:
                raise NotFoundError(
                    f"draft {draft_id} has no unfinished text for {key!r} to add to "
                    "(submitted, discarded, or the text was not started)"
                )
            session.add(PendingChunk(draft_id=draft_id, text=text))
            draft.updated_at = utcnow()
            session.add(draft)
            session.commit()

    def open_drafts(self, *, user_id: int | None = None) -> list[DraftSummary]:
        with Session(self.engine) as session:
            query = select(InterviewDraft).where(InterviewDraft.status == "open")
            if user_id is not None:
                query = query.where(InterviewDraft.user_id == user_id)
            drafts = session.exec(query.order_by(col(InterviewDraft.updated_at).desc())).all()
            return [_summary(d) for d in drafts]

    def load(self, draft_id: int) -> DraftData:
        with Session(self.engine) as session:
            draft = self._open(session, draft_id)
            return DraftData(
                id=draft_id,
                answers=dict(draft.state.get("answers", {})),
                pending_key=draft.pending_key,
                pending_text=pending_text(session, draft_id),
            )

    def discard(self, draft_id: int) -> None:
        with Session(self.engine) as session:
            draft = self._open(session, draft_id)
            draft.status = "discarded"
            draft.updated_at = utcnow()
            session.add(draft)
            session.commit()

    def submit(
        self, draft_id: int, interview: Interview, *, actor: Actor, settings: Settings
    ) -> str:
        """Write the case from the interview; returns its reference. A stopped interview (an
        interpreter needed but not there) is refused: no account or consent was taken."""
        stop = interview.stopped()
        if stop is not None:
            summary = interview.stop_summary(stop)
            raise ValidationProblem(f"{summary}: go on with the interview once one is there")
        with Session(self.engine) as session:
            self._open(session, draft_id)
            submission = build_submission(
                interview,
                organisation=actor.organisation,
                establishment_id=_establishment_id(session, interview),
                draft_id=draft_id,
            )
            case = submit_case(session, submission=submission, actor=actor, settings=settings)
            session.commit()
            return case.reference

    @staticmethod
    def _open(session: Session, draft_id: int) -> InterviewDraft:
        draft = session.get(InterviewDraft, draft_id)
        if draft is None or draft.status != "open":
            raise NotFoundError(f"draft {draft_id} is not open (submitted or discarded)")
        return draft


def pending_text(session: Session, draft_id: int) -> str | None:
    """A draft's unfinished text: its pieces in the order they were saved (None: none kept)."""
    query = select(PendingChunk.text).where(PendingChunk.draft_id == draft_id)
    pieces = session.exec(query.order_by(col(PendingChunk.id))).all()
    return "".join(pieces) if pieces else None


def replace_pending(session: Session, draft: InterviewDraft, *, key: str, text: str) -> None:
    """Keep ``text`` as the draft's unfinished text for ``key`` (nothing when it is empty),
    instead of what was kept before; the caller commits."""
    assert draft.id is not None
    session.exec(delete(PendingChunk).where(col(PendingChunk.draft_id) == draft.id))
    draft.pending_key = key if text else None
    if text:
        session.add(PendingChunk(draft_id=draft.id, text=text))
    draft.updated_at = utcnow()
    session.add(draft)


#: The draft's record of its stops: ``{"summary", "at", "lifted_at"}``, oldest first.
STOPS = "stops"


def _with_stops(state: dict[str, Any], stop: str | None) -> dict[str, Any]:
    """The state with the stop in force recorded (or the last one lifted)."""
    stops = [dict(s) for s in state.get(STOPS, [])]
    current = stops[-1] if stops and stops[-1].get("lifted_at") is None else None
    now = utcnow().isoformat()
    if stop is not None and current is None:
        stops.append({"summary": stop, "at": now, "lifted_at": None})
    elif stop is not None and current is not None:
        current["summary"] = stop
    elif current is not None:
        current["lifted_at"] = now
    return {**state, STOPS: stops} if stops else state


def current_stop(state: dict[str, Any]) -> str | None:
    """Why the draft's interview is stopped now (None: it is not)."""
    stops = state.get(STOPS) or []
    return stops[-1]["summary"] if stops and stops[-1].get("lifted_at") is None else None


def _establishment_id(session: Session, interview: Interview) -> int | None:
    place = interview.value("establishment")
    if not isinstance(place, dict) or "name" not in place:
        return None
    query = select(Establishment.id).where(Establishment.name == place["name"])
    return session.exec(query).first()


def _summary(draft: InterviewDraft) -> DraftSummary:
    answers = draft.state.get("answers", {})
    place = answers.get("establishment", {}).get("display")
    person = answers.get("person_name", {}).get("display")
    assert draft.id is not None
    return DraftSummary(
        id=draft.id,
        uuid=draft.uuid,
        updated_at=draft.updated_at,
        answered=len(answers),
        establishment=place,
        person=person,
        has_pending_text=draft.pending_key is not None,
        stopped=current_stop(draft.state),
    )
