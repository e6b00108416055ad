"""``intake sync``: send what an offline laptop recorded to the central database, exactly once.

Each outbox entry is sent in one central transaction (its draft, answers and case, under the
case's stable UUID), then marked sent locally. If the process dies between the two, the next sync
finds the UUID already there and only marks it: nothing is lost and nothing is doubled.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from intake.core.audit import change_case
from intake.core.clock import utcnow
from intake.core.db.models import (
    Answer,
    Establishment,
    InterviewDraft,
    OutboxEntry,
    SanctionCase,
    User,
)
from intake.core.db.outbox import pending_entries
from intake.core.settings import Settings
from intake.core.submission import CaseSubmission, submit_case
from intake.core.users import SYSTEM, Actor
from intake.interview.drafts import pending_text, replace_pending


@dataclass
class SyncReport:
    sent: list[tuple[str, str]] = field(default_factory=list)  # (provisional, central reference)
    already_there: list[tuple[str, str]] = field(default_factory=list)
    drafts: int = 0
    problems: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"sent {old} -> {new}" for old, new in self.sent]
        out += [f"already there: {old} -> {new}" for old, new in self.already_there]
        if self.drafts:
            out.append(f"copied {self.drafts} unfinished interview(s) to the central database")
        out += [f"not sent: {problem}" for problem in self.problems]
        if not out:
            out.append("Nothing to send: every offline case is already on the central database.")
        return out


def _central_actor(session: Session, name: str) -> Actor | None:
    user = session.exec(select(User).where(User.name == name, User.active)).first()
    return Actor.from_user(user) if user is not None else None


def _establishment_id(session: Session, name: str | None) -> int | None:
    if name is None:
        return None
    return session.exec(select(Establishment.id).where(Establishment.name == name)).first()


def _copy_draft(central: Session, local: Session, uuid: str, user_id: int | None) -> int | None:
    """The central copy of a local draft and its answers (made or brought up to date)."""
    source = local.exec(select(InterviewDraft).where(InterviewDraft.uuid == uuid)).first()
    if source is None:
        return None
    target = central.exec(select(InterviewDraft).where(InterviewDraft.uuid == uuid)).first()
    if target is None:
        target = InterviewDraft(uuid=uuid, user_id=user_id, created_at=source.created_at)
    target.state = dict(source.state)
    central.add(target)
    central.flush()
    text = pending_text(local, source.id) if source.pending_key and source.id else None
    replace_pending(central, target, key=source.pending_key or "", text=text or "")
    target.updated_at = source.updated_at  # the local draft's time, not the copy's
    have = set(central.exec(select(Answer.seq).where(Answer.draft_id == target.id)).all())
    answers = local.exec(select(Answer).where(Answer.draft_id == source.id)).all()
    for answer in answers:
        if answer.seq not in have:
            copied = answer.model_dump(exclude={"id", "draft_id", "case_id"})
            central.add(Answer(**copied, draft_id=target.id))  # type: ignore[arg-type]
    return target.id


def _send(central: Engine, local: Session, entry_id: int, settings: Settings) -> str:
    """Send one outbox entry; returns the central reference. Commits centrally."""
    entry = local.get(OutboxEntry, entry_id)
    assert entry is not None
    with Session(central) as session:
        actor = _central_actor(session, entry.actor_name)
        if actor is None:
            raise LookupError(
                f"{entry.actor_name!r} is not on the central user list "
                "(add them with `backoffice users add`)"
            )
        draft_id = None
        if entry.draft_uuid is not None:
            draft_id = _copy_draft(session, local, entry.draft_uuid, actor.id)
        submission = CaseSubmission.model_validate(
            {
                **entry.submission,
                "draft_id": draft_id,
                "establishment_id": _establishment_id(session, entry.establishment_name),
            }
        )
        case = submit_case(session, submission=submission, actor=actor, settings=settings)
        session.commit()
        return case.reference


def _central_reference(central: Engine, case_uuid: str) -> str | None:
    with Session(central) as session:
        query = select(SanctionCase.reference).where(SanctionCase.uuid == case_uuid)
        return session.exec(query).first()


def _mark_sent(local: Session, entry_id: int, reference: str) -> str:
    """Record the central reference locally; returns the provisional one it replaces."""
    entry = local.get(OutboxEntry, entry_id)
    assert entry is not None
    entry.sent_at, entry.central_reference = utcnow(), reference
    local.add(entry)
    case = local.exec(select(SanctionCase).where(SanctionCase.uuid == entry.case_uuid)).one()
    provisional = case.reference
    user = local.exec(select(User).where(User.name == entry.actor_name)).first()
    actor = Actor.from_user(user) if user else SYSTEM
    change_case(
        local, case, actor=actor, action="synced", changes={"reference": reference},
        reason="sent to the central database, which assigned the reference",
    )  # fmt: skip
    local.commit()
    return provisional


def sync_outbox(local: Engine, central: Engine, settings: Settings) -> SyncReport:
    """Send every unsent outbox entry, then copy unfinished drafts; report what happened."""
    report = SyncReport()
    with Session(local) as session:
        entries = [(e.id, e.case_uuid) for e in pending_entries(session)]
    for entry_id, case_uuid in entries:
        assert entry_id is not None
        with Session(local) as session:
            existing = _central_reference(central, case_uuid)
            try:
                reference = existing or _send(central, session, entry_id, settings)
            except LookupError as exc:
                report.problems.append(str(exc))
                continue
            provisional = _mark_sent(session, entry_id, reference)
        (report.already_there if existing else report.sent).append((provisional, reference))
    report.drafts = _copy_open_drafts(local, central)
    return report


def _copy_open_drafts(local: Engine, central: Engine) -> int:
    copied = 0
    with Session(local) as source, Session(central) as target:
        drafts = source.exec(select(InterviewDraft).where(InterviewDraft.status == "open")).all()
        for draft in drafts:
            owner = source.get(User, draft.user_id) if draft.user_id else None
            actor = _central_actor(target, owner.name) if owner else None
            _copy_draft(target, source, draft.uuid, actor.id if actor else None)
            copied += 1
        target.commit()
    return copied


def pending_count(local: Engine) -> int:
    """Offline cases still waiting (asked at each start of a laptop that has an outbox)."""
    query = select(func.count()).select_from(OutboxEntry).where(col(OutboxEntry.sent_at).is_(None))
    with Session(local) as session:
        return session.exec(query).one()
