"""Retention and controlled disposal (the MoUs' data-protection clauses).

A closed case (status ``closed`` or ``signposted``) is kept for its receiving organisation's
schedule (``Settings.retention_years_for``), counted from ``closed_at``. Once due, an admin
disposes of it: the personal data and every narrative or free text are removed, and a minimal,
non-identifying record stays (reference, dates, establishment, receiving organisation,
categories, routes, outcome, step dates) with one audit event saying who, when, why and what was
removed (field names and counts, never the values). A legal hold stops disposal.

What disposal does not touch: audit events written before it. Their ``before``/``after`` may
hold values typed by staff (notes, reasons); the audit trail is append-only (hash-chained), so
it is never rewritten here. Old ``before-restore`` copies of the SQLite database follow the
longest schedule: ``review`` lists them and ``dispose`` deletes those older than it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, or_
from sqlmodel import Session, col, select

from backoffice.access import (
    get_visible_case,
    require,
    require_own_organisation,
    visible_cases_filter,
)
from intake.core.audit import change_case, record_case_event
from intake.core.clock import utcnow
from intake.core.db.models import (
    Answer,
    CaseClassification,
    CaseLetter,
    ConsentRecord,
    InterviewDraft,
    PendingChunk,
    Recommendation,
    RiskAssessment,
    SanctionCase,
    Signpost,
    TrackerEntry,
    WorkflowTask,
)
from intake.core.errors import ValidationProblem
from intake.core.settings import Settings
from intake.core.users import Actor
from intake.core.vocabulary import CaseStatus, Organisation, Role

CLOSED = (CaseStatus.CLOSED.value, CaseStatus.SIGNPOSTED.value)
REVIEW_ROLES = (Role.ADMIN, Role.LEAD)
HOLD_ROLES = (Role.SUPERVISOR, Role.LEAD, Role.ADMIN)
DISPOSED_TEXT = "[removed at disposal]"
#: Fields of the case that identify the person or tell their story.
CASE_FIELDS = (
    "person_name",
    "prison_number",
    "home_office_ref",
    "age_band",
    "location",
    "place_text",
    "raised_by_detail",
    "communication_channel",
    "interpreter_language",  # typed by staff: a rare language can point to one person
    "narrative",
)
#: Free text in the case's records: (model, fields).
RECORD_FIELDS: tuple[tuple[type[Any], tuple[str, ...]], ...] = (
    (CaseClassification, ("evidence", "rationale", "reason")),
    (ConsentRecord, ("note", "justification")),
    (RiskAssessment, ("notes", "action_taken", "action_at")),
    (WorkflowTask, ("note",)),
    (Signpost, ("note",)),
    (Recommendation, ("text", "note")),
    (TrackerEntry, ("note",)),
    (CaseLetter, ("text",)),
)
BEFORE_RESTORE = ".before-restore-"


@dataclass
class DueCase:
    reference: str
    receiving_organisation: str
    status: str
    closed_at: datetime
    years: int
    due_on: date
    legal_hold_reason: str | None = None


@dataclass
class OldCopy:
    path: Path
    made_at: datetime
    due: bool


@dataclass
class Review:
    due: list[DueCase] = field(default_factory=list)
    held: list[DueCase] = field(default_factory=list)
    copies: list[OldCopy] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        def case(item: DueCase) -> dict[str, Any]:
            return {
                "reference": item.reference,
                "receiving_organisation": item.receiving_organisation,
                "status": item.status,
                "closed_at": item.closed_at.isoformat(),
                "retention_years": item.years,
                "due_on": item.due_on.isoformat(),
                **({"legal_hold_reason": item.legal_hold_reason} if item in self.held else {}),
            }

        return {
            "due": [case(item) for item in self.due],
            "legal_hold": [case(item) for item in self.held],
            "before_restore_copies": [
                {"path": str(c.path), "made_at": c.made_at.isoformat(), "due": c.due}
                for c in self.copies
            ],
        }


@dataclass
class Disposal:
    reference: str
    removed: dict[str, int]


def years_before(moment: datetime, years: int) -> datetime:
    """The same day ``years`` earlier (29 February becomes the 28th)."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _due_on(case: SanctionCase, settings: Settings) -> tuple[int, date]:
    years = settings.retention_years_for(case.receiving_organisation)
    assert case.closed_at is not None
    closed = _aware(case.closed_at)
    return years, years_before(closed, -years).date()


def _closed_before_schedules(settings: Settings, now: datetime) -> Any:
    """Cases closed longer ago than their organisation's schedule (SQL)."""
    return or_(
        *(
            (col(SanctionCase.receiving_organisation) == org.value)
            & (col(SanctionCase.closed_at) <= years_before(now, settings.retention_years_for(org)))
            for org in Organisation
        )
    )


def review(
    session: Session,
    actor: Actor,
    settings: Settings,
    *,
    database: Path | None = None,
    now: datetime | None = None,
) -> Review:
    """Closed cases past their schedule that the actor may see, legal holds apart, and the old
    before-restore copies of ``database``. Admins and leads."""
    require(actor, what="review retention", roles=REVIEW_ROLES)
    now = now or utcnow()
    rows = session.exec(
        select(SanctionCase)
        .where(col(SanctionCase.status).in_(CLOSED))
        .where(col(SanctionCase.disposed_at).is_(None))
        .where(col(SanctionCase.closed_at).is_not(None))
        .where(_closed_before_schedules(settings, now))
        .where(visible_cases_filter(actor))
        .order_by(col(SanctionCase.closed_at), col(SanctionCase.id))
    ).all()
    found = Review()
    for case in rows:
        years, due_on = _due_on(case, settings)
        item = DueCase(
            reference=case.reference,
            receiving_organisation=case.receiving_organisation,
            status=case.status,
            closed_at=_aware(case.closed_at),  # type: ignore[arg-type]
            years=years,
            due_on=due_on,
            legal_hold_reason=case.legal_hold_reason if case.legal_hold else None,
        )
        (found.held if case.legal_hold else found.due).append(item)
    if database is not None:
        found.copies = before_restore_copies(database, settings, now=now)
    return found


def before_restore_copies(
    database: Path, settings: Settings, *, now: datetime | None = None
) -> list[OldCopy]:
    """The safety copies ``restore`` left beside the database, oldest first; ``due`` when
    older than the longest schedule."""
    now = now or utcnow()
    cutoff = years_before(now, settings.longest_retention_years)
    copies: list[OldCopy] = []
    if not database.parent.is_dir():
        return copies
    for path in database.parent.glob(f"{database.name}{BEFORE_RESTORE}*"):
        stamp = path.name[len(database.name) + len(BEFORE_RESTORE) :]
        try:
            made = datetime.strptime(stamp, "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
        except ValueError:
            made = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        copies.append(OldCopy(path=path, made_at=made, due=made <= cutoff))
    return sorted(copies, key=lambda c: c.made_at)


def _filled(value: Any) -> bool:
    return value not in (None, "", [], {}, DISPOSED_TEXT)


def _scrub(session: Session, case: SanctionCase) -> dict[str, int]:
    """Remove the personal data and free text of one case; returns what (names and counts)."""
    removed: dict[str, int] = {}
    for name in CASE_FIELDS:
        if _filled(getattr(case, name)):
            removed[f"sanction_case.{name}"] = 1
        setattr(case, name, "" if name == "narrative" else None)
    assert case.id is not None
    for model, names in RECORD_FIELDS:
        for row in session.exec(select(model).where(model.case_id == case.id)).all():
            for name in names:
                value = getattr(row, name)
                if not _filled(value):
                    continue
                key = f"{model.__tablename__}.{name}"
                removed[key] = removed.get(key, 0) + 1
                if name == "evidence":
                    setattr(row, name, [])
                elif model in (Recommendation, CaseLetter) and name == "text":
                    setattr(row, name, DISPOSED_TEXT)  # the recommendation or letter existed
                else:
                    setattr(row, name, None)
            session.add(row)
    draft_ids = [
        d
        for d in session.exec(
            select(InterviewDraft.id).where(InterviewDraft.case_id == case.id)
        ).all()
        if d is not None
    ]
    answers = session.exec(
        select(Answer.id).where(
            or_(col(Answer.case_id) == case.id, col(Answer.draft_id).in_(draft_ids or [-1]))
        )
    ).all()
    if answers:
        removed["answer"] = len(answers)
        session.exec(delete(Answer).where(col(Answer.id).in_(answers)))
    if draft_ids:
        removed["interview_draft"] = len(draft_ids)
        session.exec(delete(PendingChunk).where(col(PendingChunk.draft_id).in_(draft_ids)))
        session.exec(delete(InterviewDraft).where(col(InterviewDraft.id).in_(draft_ids)))
    return removed


def dispose(
    session: Session,
    actor: Actor,
    settings: Settings,
    *,
    reason: str,
    references: list[str] | None = None,
    all_due: bool = False,
    now: datetime | None = None,
) -> list[Disposal]:
    """Dispose of the named cases (each must be due and not held), or of every due case.
    Admins only; the caller commits."""
    require(actor, what="dispose of cases", roles=(Role.ADMIN,))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationProblem("--reason: say why these cases are disposed of")
    if bool(references) == all_due:
        raise ValidationProblem("name the cases (--reference REF ...) or give --all-due, not both")
    now = now or utcnow()
    found = review(session, actor, settings, now=now)
    due = {item.reference: item for item in found.due}
    held = {item.reference for item in found.held}
    if all_due:
        wanted = list(due)
    else:
        wanted = []
        for ref in references or []:
            text = ref.strip().upper()
            case = get_visible_case(session, actor, text)
            if case.disposed_at is not None:
                raise ValidationProblem(f"{text} was already disposed of")
            if text in held:
                raise ValidationProblem(f"{text} is on legal hold; release it first")
            if text not in due:
                raise ValidationProblem(
                    f"{text} is not due for disposal (closed and past its "
                    "organisation's retention schedule)"
                )
            wanted.append(text)
    results: list[Disposal] = []
    for ref in wanted:
        case = session.exec(select(SanctionCase).where(SanctionCase.reference == ref)).one()
        with session.no_autoflush:  # the case is written with its audit event, below
            removed = _scrub(session, case)
            case.disposed_at = now
        item = due[ref]
        record_case_event(
            session,
            case,
            actor=actor,
            action="dispose",
            before=None,
            after={
                "disposed_at": now,
                "retention_years": item.years,
                "closed_at": item.closed_at,
                "removed": removed,
            },
            reason=reason,
        )
        results.append(Disposal(reference=ref, removed=removed))
    session.flush()
    return results


def dispose_copies(
    database: Path, settings: Settings, *, now: datetime | None = None
) -> list[Path]:
    """Delete the before-restore copies older than the longest schedule (with -wal/-shm)."""
    gone: list[Path] = []
    for copy in before_restore_copies(database, settings, now=now):
        if not copy.due:
            continue
        for path in (copy.path, Path(f"{copy.path}-wal"), Path(f"{copy.path}-shm")):
            path.unlink(missing_ok=True)
        gone.append(copy.path)
    return gone


def set_hold(
    session: Session, actor: Actor, reference: str, *, hold: bool, reason: str
) -> SanctionCase:
    """Put a case on legal hold or release it: a supervisor, lead or admin of the receiving
    organisation, with a reason. Audited; the caller commits."""
    what = "put a legal hold" if hold else "release a legal hold"
    require(actor, what=what, roles=HOLD_ROLES)
    case = get_visible_case(session, actor, reference)
    require_own_organisation(actor, case, what=what)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationProblem("--reason: say why")
    if case.disposed_at is not None:
        raise ValidationProblem(f"{case.reference} was already disposed of")
    if case.legal_hold == hold:
        state = "on legal hold" if hold else "not on legal hold"
        raise ValidationProblem(f"{case.reference} is already {state}")
    change_case(
        session,
        case,
        actor=actor,
        action="legal_hold" if hold else "legal_hold_release",
        changes={"legal_hold": hold, "legal_hold_reason": reason if hold else None},
        reason=reason,
    )
    session.flush()
    return case
