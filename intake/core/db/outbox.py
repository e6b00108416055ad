"""Offline intake: when the central database cannot be reached, a laptop keeps working on a local
SQLite *outbox* and ``intake sync`` sends what was submitted there once the server is back.

An outbox is an ordinary project database (same migrations, drafts, answers) marked as the
outbox of a central database. A case submitted to it gets a provisional reference
(``PROV-1A2B3C4D``) and an :class:`OutboxEntry`; the central database assigns the real one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, make_url
from sqlmodel import Session, col, select

from intake.core.db.models import AppSecret, Establishment, InterviewDraft, OutboxEntry

if TYPE_CHECKING:
    from intake.core.settings import Settings
    from intake.core.submission import CaseSubmission
    from intake.core.users import Actor

OUTBOX_MARK = "outbox_of"
PROVISIONAL_PREFIX = "PROV-"


def is_server_url(url: str) -> bool:
    return make_url(url).get_backend_name() != "sqlite"


def outbox_path(settings: Settings) -> Path:
    return settings.data_dir / "outbox.db"


def outbox_url(settings: Settings) -> str:
    return f"sqlite:///{outbox_path(settings)}"


def provisional_reference(case_uuid: str) -> str:
    return PROVISIONAL_PREFIX + case_uuid.replace("-", "")[:8].upper()


def is_provisional(reference: str) -> bool:
    return reference.startswith(PROVISIONAL_PREFIX)


def is_outbox(session: Session) -> bool:
    """Whether this database is a laptop's outbox (asked once per engine, then remembered)."""
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    known = _OUTBOX_ENGINES.get(engine)
    if known is None:
        known = _OUTBOX_ENGINES[engine] = session.get(AppSecret, OUTBOX_MARK) is not None
    return known


# Weak keys: an engine that is disposed and collected is forgotten, never mistaken for a new one
# that happens to reuse its id().
_OUTBOX_ENGINES: WeakKeyDictionary[Engine, bool] = WeakKeyDictionary()


def mark_as_outbox(engine: Engine, central_url: str) -> None:
    """Record, once, that this local database collects cases for ``central_url``."""
    with Session(engine) as session:
        if session.get(AppSecret, OUTBOX_MARK) is None:
            shown = make_url(central_url).render_as_string(hide_password=True)
            session.add(AppSecret(name=OUTBOX_MARK, value=shown[:256]))
            session.commit()
    _OUTBOX_ENGINES[engine] = True


def queue_for_sync(session: Session, submission: CaseSubmission, actor: Actor) -> OutboxEntry:
    """Keep what the central database needs to receive this case later (same transaction)."""
    draft_uuid = None
    if submission.draft_id is not None:
        draft = session.get(InterviewDraft, submission.draft_id)
        draft_uuid = draft.uuid if draft is not None else None
    place = None
    if submission.establishment_id is not None:
        found = session.get(Establishment, submission.establishment_id)
        place = found.name if found is not None else None
    entry = OutboxEntry(
        case_uuid=submission.case_uuid or "",
        draft_uuid=draft_uuid,
        actor_name=actor.name,
        establishment_name=place,
        submission=submission.model_dump(mode="json", exclude={"draft_id", "establishment_id"}),
    )
    session.add(entry)
    return entry


def pending_entries(session: Session) -> list[OutboxEntry]:
    query = select(OutboxEntry).where(OutboxEntry.sent_at == None).order_by(col(OutboxEntry.id))  # noqa: E711
    return list(session.exec(query).all())


def open_outbox(settings: Settings) -> Engine:
    """The laptop's outbox database (made and brought up to date on first use)."""
    from intake.core.db.engine import open_database
    from intake.core.files import private_dir, warn_about_storage

    local = settings.model_copy(update={"database_url": outbox_url(settings)})
    private_dir(settings.data_dir)
    warn_about_storage(settings.data_dir)  # once: the outbox relies on the disk's encryption
    engine = open_database(local)
    mark_as_outbox(engine, settings.effective_database_url)
    return engine
