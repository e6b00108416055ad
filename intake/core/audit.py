"""The one way a case changes: every change records who, when, what, before, after and why.

:func:`change_case` sets fields on a case; :func:`record_case_event` records a change to one of
its records (a consent, a task, a classification). A flush that writes a case without passing
through here raises :class:`UnauditedChange`. Every event is sealed into a hash chain as it
is flushed (:mod:`intake.core.audit_chain`): a case's changes chain per case (``case:<id>``),
and the case's version moves on with each, so appends to one case chain are also serialised by its
optimistic lock.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

import intake.core.audit_chain  # noqa: F401  (seals every audit event into its hash chain)
from intake.core.clock import utcnow
from intake.core.db.models import AuditEvent, SanctionCase
from intake.core.errors import ConflictError
from intake.core.users import Actor

_AUDITED = "audited_cases"


class UnauditedChange(RuntimeError):
    """A case was written without an audit event: a programming error, never user input."""


def jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def _mark(session: Session, case: SanctionCase) -> None:
    session.info.setdefault(_AUDITED, set()).add(id(case))


def record_case_event(
    session: Session,
    case: SanctionCase,
    *,
    actor: Actor,
    action: str,
    entity: str = "case",
    entity_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str | None = None,
) -> AuditEvent:
    """Record a change to a case or one of its records; the case's version and time move on."""
    case.updated_at = utcnow()
    _mark(session, case)
    if case.id is None:
        session.add(case)
        session.flush()
    audit = AuditEvent(
        case_id=case.id,
        actor_id=actor.id,
        actor_name=actor.name,
        action=action,
        entity=entity,
        entity_id=entity_id if entity_id is not None else (case.id if entity == "case" else None),
        before=jsonable(before) if before is not None else None,
        after=jsonable(after) if after is not None else None,
        reason=reason,
    )
    session.add(audit)
    return audit


def change_case(
    session: Session,
    case: SanctionCase,
    *,
    actor: Actor,
    action: str,
    changes: dict[str, Any],
    reason: str | None = None,
    expected_version: int | None = None,
) -> AuditEvent:
    """Set fields on a case, recording their values before and after."""
    if expected_version is not None and case.version != expected_version:
        raise ConflictError(
            f"{case.reference} was changed by someone else (version {case.version}, "
            f"you had {expected_version}); reload it and try again"
        )
    before = {key: getattr(case, key) for key in changes}
    for key, value in changes.items():
        setattr(case, key, jsonable(value) if isinstance(value, Enum) else value)
    return record_case_event(
        session, case, actor=actor, action=action, before=before, after=changes, reason=reason
    )


@event.listens_for(OrmSession, "before_flush")
def _refuse_unaudited(session: OrmSession, _context: Any, _instances: Any) -> None:
    audited = session.info.get(_AUDITED, set())
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, SanctionCase) and id(obj) not in audited:
            if obj in session.dirty and not session.is_modified(obj):
                continue
            raise UnauditedChange(f"case {obj.reference} written without an audit event")


@event.listens_for(OrmSession, "after_flush_postexec")
def _forget_audited(session: OrmSession, _context: Any) -> None:
    session.info.pop(_AUDITED, None)
